//! A hook for `scripts/bench` (item 1, base64 throughput): bytes in, a `Blob` of their
//! standard base64 out, encoded inside wasm slice by slice with the core's
//! `encode_base64_slice` and the slice size of inline request bodies (`body.rs`), each
//! slice's base64 handed to the `Blob` as bytes. Hidden from the TypeScript definitions;
//! not part of the supported API.

use crate::request::base64::SLICE_BYTES;
use gemini_vision::request::encode_base64_slice;
use wasm_bindgen::prelude::*;

/// Encodes `bytes` to base64 inside wasm and returns the text as a Blob.
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchBase64, skip_typescript)]
pub fn bench_base64(bytes: &[u8]) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::new();
    let mut encoded = Vec::new();
    let slice = usize::try_from(SLICE_BYTES).unwrap_or(3 << 20);
    for piece in bytes.chunks(slice) {
        encode_base64_slice(piece, &mut encoded);
        parts.push(&js_sys::Uint8Array::from(encoded.as_slice()));
    }
    web_sys::Blob::new_with_u8_array_sequence(&parts)
}
