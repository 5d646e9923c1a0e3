//! Inline request bodies as a `Blob`, the media base64-encoded in wasm slice by slice.
//!
//! The core lays the body out ([`BodyPieces`]: JSON pieces between media payloads, with
//! exact lengths, the size limit already checked). Here each media `Blob` is read in
//! slices of [`MEDIA_SLICE_BYTES`] (a multiple of 3, so slices encode without padding),
//! each slice is encoded into one reused buffer, and a copy of the encoded bytes becomes
//! one part of `new Blob([json, base64, base64, ..., json])`. `fetch` sends a `Blob`
//! body several times faster than a `Uint8Array`.
//!
//! What this module never does: build a JS string of the media, or hold more than one
//! slice of it (and that slice's base64) in wasm memory at a time.

use crate::transport::from_js;
use gemini_vision::media::{self, SNIFF_LEN};
use gemini_vision::request::{BodyPiece, BodyPieces, MEDIA_SLICE_BYTES, encode_base64_slice};
use gemini_vision::{ApiKey, Error, Result};
use js_sys::{Array, Uint8Array};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, BlobPropertyBag};

/// A `Blob`'s size in bytes.
pub fn blob_size(blob: &Blob) -> Result<u64> {
    let size = blob.size();
    if size.is_finite() && size >= 0.0 && size <= 2f64.powi(53) {
        Ok(size as u64)
    } else {
        Err(Error::invalid("Blob", "its size is not a byte count"))
    }
}

/// The bytes `start..end` of `blob`, read into wasm (used for small reads only: a
/// sniffing prefix, or one slice of media).
pub async fn read_range(blob: &Blob, start: u64, end: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_into(blob, start, end, &mut bytes, None).await?;
    Ok(bytes)
}

/// The MIME type of a `Blob`: `given` if any, else `blob.type`, else sniffed from its
/// first bytes. An empty string when nothing tells (the caller's plan then refuses it
/// with a clear [`Error::UnsupportedMime`]).
pub async fn blob_mime(blob: &Blob, given: Option<&str>) -> Result<String> {
    if let Some(mime) = given.filter(|m| !m.trim().is_empty()) {
        return Ok(media::normalize_mime(mime));
    }
    let declared = blob.type_();
    if !declared.trim().is_empty() {
        return Ok(media::normalize_mime(&declared));
    }
    let size = blob_size(blob)?;
    let prefix = read_range(blob, 0, size.min(SNIFF_LEN as u64)).await?;
    Ok(media::sniff_mime(&prefix).unwrap_or_default().to_owned())
}

/// Assembles the body `pieces` describe as a `Blob` of type `application/json`; media
/// slot `n` is read from `media[n]`. Checks every media's size against the layout, so a
/// file changed since it was measured is refused rather than sent corrupt.
pub async fn assemble(
    pieces: &BodyPieces,
    media: &[Blob],
    signal: Option<&AbortSignal>,
    key: Option<&ApiKey>,
) -> Result<Blob> {
    let parts = Array::new();
    let mut raw = Vec::new();
    let mut encoded = Vec::new();
    for piece in pieces.pieces() {
        match piece {
            BodyPiece::Json(json) => {
                parts.push(&Uint8Array::from(json.as_slice()));
            }
            BodyPiece::Media { slot, raw_len } => {
                let blob = media
                    .get(*slot)
                    .ok_or_else(|| Error::invalid("request body", "a media slot has no Blob"))?;
                if blob_size(blob)? != *raw_len {
                    return Err(Error::invalid(
                        "Blob",
                        "its size changed while the request was being built",
                    ));
                }
                let mut start = 0;
                while start < *raw_len {
                    if signal.is_some_and(AbortSignal::aborted) {
                        return Err(Error::Aborted);
                    }
                    let end = (start + MEDIA_SLICE_BYTES).min(*raw_len);
                    read_into(blob, start, end, &mut raw, key).await?;
                    encode_base64_slice(&raw, &mut encoded);
                    parts.push(&Uint8Array::from(encoded.as_slice()));
                    start = end;
                }
            }
        }
    }
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| from_js(&e, None, key))
}

/// Reads `start..end` of `blob` into `buffer`, reusing its allocation.
async fn read_into(
    blob: &Blob,
    start: u64,
    end: u64,
    buffer: &mut Vec<u8>,
    key: Option<&ApiKey>,
) -> Result<()> {
    let slice = blob
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(|e| from_js(&e, None, key))?;
    let array_buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(|e| from_js(&e, None, key))?;
    let view = Uint8Array::new(&array_buffer);
    let len = view.length() as usize;
    if len as u64 != end - start {
        return Err(Error::invalid("Blob", "a slice was shorter than its size"));
    }
    buffer.clear();
    buffer.resize(len, 0);
    view.copy_to(buffer);
    Ok(())
}
