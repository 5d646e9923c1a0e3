//! Answers as the SDK hands them out: JSON parsed by the browser (never deserialized in
//! wasm), with `sdkHttpResponse: { headers }`.
//!
//! What this module never does: read more than [`UNARY_BODY_CAP`] bytes of an answer, or
//! copy an answer's bytes into wasm memory.

use crate::transport::{BodyReader, UNARY_BODY_CAP};
use gemini_vision::{ApiKey, Error, Result};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, Response};

/// The body of `response` parsed as JSON by the browser; [`Error::LimitExceeded`] past
/// [`UNARY_BODY_CAP`] bytes, [`Error::Malformed`] when it is not JSON. The bytes stay in
/// the browser: chunks are gathered into a `Blob`, read as text and given to
/// `JSON.parse`.
pub(crate) async fn json(
    response: &Response,
    signal: Option<&AbortSignal>,
    key: Option<&ApiKey>,
) -> Result<JsValue> {
    let mut reader = BodyReader::new(response, signal.cloned(), key.cloned());
    let chunks = Array::new();
    let mut total = 0usize;
    while let Some(chunk) = reader.next_js_chunk().await? {
        total = total.saturating_add(chunk.length() as usize);
        if total > UNARY_BODY_CAP {
            reader.cancel();
            return Err(Error::LimitExceeded {
                what: "response body",
                actual: total as u64,
                max: UNARY_BODY_CAP as u64,
            });
        }
        chunks.push(&chunk);
    }
    if total == 0 {
        // The API answers `{}` for deletes; an empty body reads as the same.
        return Ok(Object::new().into());
    }
    let blob = Blob::new_with_u8_array_sequence(&chunks)
        .map_err(|e| crate::transport::from_js(&e, signal, key))?;
    let text = JsFuture::from(blob.text())
        .await
        .map_err(|e| crate::transport::from_js(&e, signal, key))?;
    let text = text
        .as_string()
        .ok_or_else(|| Error::malformed("answer", "not text"))?;
    js_sys::JSON::parse(&text).map_err(|_| Error::malformed("answer", "not JSON"))
}

/// `{ headers }` as the SDK's `sdkHttpResponse`: the answer's headers as a plain object
/// (as far as CORS shows them).
pub(crate) fn sdk_http_response(response: &Response) -> JsValue {
    let headers = Object::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&response.headers().entries()) {
        for entry in entries.flatten() {
            let pair = Array::from(&entry);
            let _ = Reflect::set(&headers, &pair.get(0), &pair.get(1));
        }
    }
    let http = Object::new();
    let _ = Reflect::set(&http, &JsValue::from_str("headers"), &headers);
    http.unchecked_into()
}
