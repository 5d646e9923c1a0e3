//! The request body as bytes for `fetch`: one `JSON.stringify` of the body object, in
//! which each inline media's `data` is a placeholder string; the text is split at the
//! placeholders and the body is `new Blob([json, base64 slices..., json, ...])`. The
//! JSON never enters wasm, and `fetch` sends a `Blob` body several times faster than a
//! string or a `Uint8Array`.
//!
//! What this module never does: build one string of the whole body, or mistake a
//! caller's text for a placeholder (each carries a random nonce, and must be found
//! exactly once).

use super::base64::Encoder;
use gemini_vision::base64::encoded_len;
use gemini_vision::{Error, Result};
use js_sys::{Array, JsString, Object};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Blob, BlobPropertyBag};

/// The placeholders of one request: `gv-media-{nonce}-{n}-` (letters, digits and `-`, so
/// `JSON.stringify` writes them as they are).
#[derive(Debug, Clone)]
pub(crate) struct Placeholders {
    nonce: String,
}

impl Placeholders {
    /// Placeholders with a fresh random nonce.
    pub(crate) fn new() -> Self {
        let random = (js_sys::Math::random() * 2f64.powi(52)) as u64;
        Placeholders {
            nonce: format!("{random:013x}"),
        }
    }

    /// The placeholder of media slot `slot`. It ends with `-` so that no placeholder is
    /// the start of another (`...-1-` is not in `...-10-`): a batch has hundreds.
    pub(crate) fn of(&self, slot: usize) -> String {
        format!("gv-media-{}-{slot}-", self.nonce)
    }
}

/// One piece of a laid-out body.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// JSON text, UTF-8 encoded by the `Blob` it became.
    Json(Blob),
    /// The base64 of media slot `n`.
    Media(usize),
}

/// A body laid out: JSON pieces between media, with the JSON's byte length.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The pieces, in order.
    pub(crate) pieces: Vec<Piece>,
    /// The text of each JSON piece (for a preview).
    pub(crate) texts: Vec<JsString>,
    /// The bytes of JSON (without the media).
    pub(crate) json_len: u64,
}

/// `JSON.stringify(body)`; a cycle, a `BigInt` or a throwing `toJSON` in what the caller
/// gave is an `INVALID_INPUT` error.
pub(crate) fn stringify(body: &Object) -> Result<JsString> {
    js_sys::JSON::stringify(body).map_err(|_| {
        Error::invalid(
            "request",
            "it cannot be written as JSON (a cycle, a BigInt, or a throwing toJSON?)",
        )
    })
}

/// Splits `json` at the placeholders of `slots` (`(slot, placeholder)`), in the order
/// they appear in the text.
pub(crate) fn layout(json: &JsString, slots: &[(usize, String)]) -> Result<Layout> {
    let mut found = Vec::with_capacity(slots.len());
    for (slot, placeholder) in slots {
        let at = json.index_of(placeholder, 0);
        let last = json.last_index_of(placeholder, json.length() as i32);
        if at < 0 || at != last {
            return Err(Error::invalid(
                "request",
                "a media placeholder was not found exactly once in the body",
            ));
        }
        found.push((at as u32, placeholder.len() as u32, *slot));
    }
    // By position in the text.
    let found = super::stable_by_key(found, |(at, _, _)| *at);
    let mut pieces = Vec::with_capacity(found.len() * 2 + 1);
    let mut texts = Vec::with_capacity(found.len() + 1);
    let mut json_len = 0;
    let mut from = 0;
    let mut push_text = |text: JsString, pieces: &mut Vec<Piece>| -> Result<()> {
        let blob = text_blob(&text)?;
        json_len += blob.size() as u64;
        texts.push(text);
        pieces.push(Piece::Json(blob));
        Ok(())
    };
    for (at, len, slot) in found {
        push_text(json.slice(from, at), &mut pieces)?;
        pieces.push(Piece::Media(slot));
        from = at + len;
    }
    push_text(json.slice(from, json.length()), &mut pieces)?;
    Ok(Layout {
        pieces,
        texts,
        json_len,
    })
}

fn text_blob(text: &JsString) -> Result<Blob> {
    Blob::new_with_str_sequence(&Array::of1(text))
        .map_err(|_| Error::invalid("request", "the body text cannot be made into a Blob"))
}

/// The body `Blob` (type `application/json`): the JSON pieces and the base64 of each
/// media, `media[n]` being slot `n`'s Blob and its measured size.
pub(crate) async fn assemble(
    layout: &Layout,
    media: &[(Blob, u64)],
    signal: Option<&AbortSignal>,
) -> Result<Blob> {
    let parts = Array::new();
    let mut encoder = Encoder::new();
    for piece in &layout.pieces {
        match piece {
            Piece::Json(blob) => {
                parts.push(blob);
            }
            Piece::Media(slot) => {
                let (blob, size) = media
                    .get(*slot)
                    .ok_or_else(|| Error::invalid("request", "a media slot has no Blob"))?;
                if crate::blob::blob_size(blob)? != *size {
                    return Err(Error::invalid(
                        "Blob",
                        "its size changed while the request was being built",
                    ));
                }
                encoder.append(blob, *size, &parts, signal).await?;
            }
        }
    }
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    Blob::new_with_blob_sequence_and_options(&parts, &options)
        .map_err(|_| Error::invalid("request", "the body cannot be made into a Blob"))
}

/// The body as text, each media's base64 shown as `<N bytes of base64>`.
pub(crate) fn preview_text(layout: &Layout, sizes: &[u64]) -> JsString {
    let mut text = JsString::from("");
    let mut texts = layout.texts.iter();
    for piece in &layout.pieces {
        match piece {
            Piece::Json(_) => {
                if let Some(json) = texts.next() {
                    text = text.concat(json);
                }
            }
            Piece::Media(slot) => {
                let len = sizes.get(*slot).copied().map_or(0, encoded_len);
                text = text.concat(&JsValue::from_str(&format!("<{len} bytes of base64>")));
            }
        }
    }
    text.unchecked_into()
}
