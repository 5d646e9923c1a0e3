//! Inline request bodies as a `Blob`, the media base64-encoded in wasm slice by slice.
//!
//! The core lays the body out ([`BodyPieces`]: JSON pieces between media payloads, with
//! exact lengths, the size limit already checked). Here each media `Blob` is read in
//! slices of [`SLICE_BYTES`] (a multiple of 3, so slices encode without padding), the
//! next slice's read overlapping the current one's encoding; each slice is encoded into
//! one reused buffer, and a copy of the encoded bytes becomes one part of
//! `new Blob([json, base64, base64, ..., json])`. `fetch` sends a `Blob` body several
//! times faster than a `Uint8Array`.
//!
//! What this module never does: build a JS string of the media, or hold more than one
//! slice of it (and that slice's base64) in wasm memory at a time.

use crate::transport::from_js;
use gemini_vision::media::{self, SNIFF_LEN};
use gemini_vision::request::{BodyPiece, BodyPieces, MEDIA_SLICE_BYTES, encode_base64_slice};
use wasm_bindgen::JsValue;

/// Media is read and encoded in slices of this many bytes (a multiple of 3, so slices
/// encode without padding). Measured in headless Chromium on a 15 MB Blob, reading
/// dominates and costs per slice: 3 MiB slices read in 61 ms, 12 MiB in 26 ms, while
/// encoding all of it takes 12 ms. Four of the core's slices (12 MiB) keep wasm memory
/// at about 28 MiB (a slice and its base64) whatever the file's size.
pub const SLICE_BYTES: u64 = 4 * MEDIA_SLICE_BYTES;
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
                encode_media(blob, *raw_len, &parts, signal, key, &mut raw, &mut encoded).await?;
            }
        }
    }
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| from_js(&e, None, key))
}

/// Appends the base64 of `blob` (`len` bytes) to `parts`, slice by slice. The read of
/// the next slice is started before the current one is encoded, so reading (an async
/// copy out of the browser's blob store) and encoding overlap.
async fn encode_media(
    blob: &Blob,
    len: u64,
    parts: &Array,
    signal: Option<&AbortSignal>,
    key: Option<&ApiKey>,
    raw: &mut Vec<u8>,
    encoded: &mut Vec<u8>,
) -> Result<()> {
    let slice_end = |start: u64| (start + SLICE_BYTES).min(len);
    let mut next = (len > 0).then(|| start_read(blob, 0, slice_end(0), key));
    let mut start = 0;
    while let Some(read) = next.take() {
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(Error::Aborted);
        }
        let end = slice_end(start);
        let buffer = JsFuture::from(read?)
            .await
            .map_err(|e| from_js(&e, signal, key))?;
        if end < len {
            next = Some(start_read(blob, end, slice_end(end), key));
        }
        copy_into(&buffer, end - start, raw)?;
        encode_base64_slice(raw, encoded);
        parts.push(&Uint8Array::from(encoded.as_slice()));
        start = end;
    }
    Ok(())
}

/// Starts reading `start..end` of `blob` (the promise of an `ArrayBuffer`).
fn start_read(blob: &Blob, start: u64, end: u64, key: Option<&ApiKey>) -> Result<js_sys::Promise> {
    blob.slice_with_f64_and_f64(start as f64, end as f64)
        .map(|slice| slice.array_buffer())
        .map_err(|e| from_js(&e, None, key))
}

/// Copies an `ArrayBuffer` of `expected` bytes into `buffer`, reusing its allocation.
fn copy_into(array_buffer: &JsValue, expected: u64, buffer: &mut Vec<u8>) -> Result<()> {
    let view = Uint8Array::new(array_buffer);
    let len = view.length() as usize;
    if len as u64 != expected {
        return Err(Error::invalid("Blob", "a slice was shorter than its size"));
    }
    // `copy_to` overwrites every byte: slices of one size reuse the buffer unfilled.
    buffer.resize(len, 0);
    view.copy_to(buffer);
    Ok(())
}

/// Reads `start..end` of `blob` into `buffer`, reusing its allocation.
async fn read_into(
    blob: &Blob,
    start: u64,
    end: u64,
    buffer: &mut Vec<u8>,
    key: Option<&ApiKey>,
) -> Result<()> {
    let array_buffer = JsFuture::from(start_read(blob, start, end, key)?)
        .await
        .map_err(|e| from_js(&e, None, key))?;
    copy_into(&array_buffer, end - start, buffer)
}
