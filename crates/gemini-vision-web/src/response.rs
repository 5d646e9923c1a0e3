//! Answers as the SDK hands them out: JSON parsed by the browser (never deserialized in
//! wasm), with `sdkHttpResponse: { headers }`.
//!
//! What this module never does: read more than `UNARY_BODY_CAP` bytes of an answer, or
//! copy an answer's bytes into wasm memory.

use crate::transport::{BodyReader, UNARY_BODY_CAP};
use gemini_vision::sdk::shape::Shape;
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

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = wrapGenerateContentResponse)]
    fn wrap_generate_content_response(fields: &Object) -> JsValue;
    #[wasm_bindgen(js_name = wrapResponse)]
    fn wrap_response(name: &str, fields: &Object) -> JsValue;
}

/// A `generateContent` answer as the SDK hands it out: a `GenerateContentResponse` with
/// `sdkHttpResponse` first, the SDK's renames applied and every other field kept.
pub(crate) fn generate_content_response(json: &JsValue, http: &JsValue) -> Result<JsValue> {
    let object = answer_object(json)?;
    crate::values::set(&object, "sdkHttpResponse", http);
    let fields = crate::shape::reshape(&object, Shape::GenerateContentResponse)?;
    Ok(wrap_generate_content_response(&fields))
}

/// A response inside a batch job (an inlined result, a result file's line), as the SDK
/// hands it out: a `GenerateContentResponse` with the renames, without `sdkHttpResponse`.
pub(crate) fn batch_response(json: &JsValue) -> Result<JsValue> {
    let object: JsValue = answer_object(json)?.into();
    let fields = crate::shape::reshape(&object, Shape::GenerateContentResponse)?;
    Ok(wrap_generate_content_response(&fields))
}

/// One streamed chunk as the SDK hands it out (`sdkHttpResponse` last, as it sets it).
pub(crate) fn stream_chunk(json: &JsValue, http: &JsValue) -> Result<JsValue> {
    let object = answer_object(json)?;
    let fields = crate::shape::reshape(&object, Shape::GenerateContentResponse)?;
    crate::values::set(&fields, "sdkHttpResponse", http);
    Ok(wrap_generate_content_response(&fields))
}

/// An answer of `shape` as an instance of the SDK's response class `class` (with
/// `sdkHttpResponse` when `http` is given), or a plain object when `class` is `None`.
pub(crate) fn plain_response(
    json: &JsValue,
    shape: Shape,
    class: Option<&str>,
    http: Option<&JsValue>,
) -> Result<JsValue> {
    let object = answer_object(json)?;
    if let Some(http) = http {
        crate::values::set(&object, "sdkHttpResponse", http);
    }
    let fields = crate::shape::reshape(&object, shape)?;
    Ok(match class {
        Some(class) => wrap_response(class, &fields),
        None => fields.into(),
    })
}

/// The answer as an object (an answer of another JSON kind is malformed).
fn answer_object(json: &JsValue) -> Result<Object> {
    if json.is_object() && !crate::values::is_array(json) {
        Ok(json.clone().unchecked_into())
    } else {
        Err(Error::malformed("answer", "not a JSON object"))
    }
}

/// Reading an answer from Rust: the same values the JS getters give.
fn read(value: &JsValue, path: &[&str]) -> JsValue {
    let mut value = value.clone();
    for key in path {
        value = js_sys::Reflect::get(&value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if !value.is_object() && !value.is_function() && path.last() != Some(key) {
            return JsValue::UNDEFINED;
        }
    }
    value
}

/// `response.text`: the first candidate's text parts joined (thoughts left out), or
/// `None` when it has none.
pub fn text(response: &JsValue) -> Option<String> {
    read(response, &["text"]).as_string()
}

/// `response.candidates[0].finishReason` (`STOP`, `MAX_TOKENS`, `SAFETY`...).
pub fn finish_reason(response: &JsValue) -> Option<String> {
    read(response, &["candidates", "0", "finishReason"]).as_string()
}

/// `response.promptFeedback.blockReason`, when the prompt itself was blocked.
pub fn block_reason(response: &JsValue) -> Option<String> {
    read(response, &["promptFeedback", "blockReason"]).as_string()
}

/// The token counts of an answer (`usageMetadata`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// `promptTokenCount`.
    pub prompt: Option<u64>,
    /// `candidatesTokenCount`.
    pub candidates: Option<u64>,
    /// `thoughtsTokenCount`.
    pub thoughts: Option<u64>,
    /// `totalTokenCount`.
    pub total: Option<u64>,
}

/// `response.usageMetadata`, if the answer has one.
pub fn usage(response: &JsValue) -> Option<Usage> {
    let usage = read(response, &["usageMetadata"]);
    if !usage.is_object() {
        return None;
    }
    let count = |key: &str| {
        read(&usage, &[key])
            .as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| n as u64)
    };
    Some(Usage {
        prompt: count("promptTokenCount"),
        candidates: count("candidatesTokenCount"),
        thoughts: count("thoughtsTokenCount"),
        total: count("totalTokenCount"),
    })
}
