//! A hook for `scripts/bench` (item 1, base64 throughput): bytes in (copied into wasm
//! once, as the inline path copies each slice it read), their standard base64 written
//! inside wasm slice by slice with the core's `encode_slice` (SIMD128) and the
//! slice size of inline request bodies, into one reused buffer. Returns the length of
//! the base64, so that the bench can compare it with the native `toBase64`, which
//! returns a string: what happens to the text next (a `Blob` of it) is the same for both.
//! Hidden from the TypeScript definitions; not part of the supported API.

use crate::request::base64::SLICE_BYTES;
use gemini_vision::base64::encode_slice;
use wasm_bindgen::prelude::*;

/// Encodes `bytes` to base64 inside wasm; the number of base64 bytes written.
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchBase64, skip_typescript)]
pub fn bench_base64(bytes: &[u8]) -> f64 {
    let mut encoded = Vec::new();
    let mut written = 0;
    let slice = usize::try_from(SLICE_BYTES).unwrap_or(3 << 20);
    for piece in bytes.chunks(slice) {
        encode_slice(piece, &mut encoded);
        written += encoded.len();
    }
    written as f64
}
