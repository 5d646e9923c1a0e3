//! A hook for `scripts/bench` (item 1, base64 throughput): bytes in, a `Blob` of their
//! standard base64 out, encoded inside wasm piece by piece, as inline request bodies are
//! built. Hidden from the TypeScript definitions; not part of the supported API.

use base64::Engine;
use wasm_bindgen::prelude::*;

/// Input bytes per piece: a multiple of 3, so that pieces concatenate without padding.
const PIECE: usize = 3 * 1024 * 1024;

/// Encodes `bytes` to base64 inside wasm and returns the text as an `application/octet-stream` Blob.
#[doc(hidden)]
#[wasm_bindgen(js_name = __benchBase64, skip_typescript)]
pub fn bench_base64(bytes: &[u8]) -> Result<web_sys::Blob, JsValue> {
    let parts = js_sys::Array::new();
    let mut out = vec![0u8; PIECE / 3 * 4];
    for piece in bytes.chunks(PIECE) {
        let written = base64::engine::general_purpose::STANDARD
            .encode_slice(piece, &mut out)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        let encoded = out.get(..written).unwrap_or_default();
        parts.push(&js_sys::Uint8Array::from(encoded));
    }
    web_sys::Blob::new_with_u8_array_sequence(&parts)
}
