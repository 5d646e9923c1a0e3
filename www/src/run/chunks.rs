//! Reading the library's streamed answers from Rust: `generateContentStream` and
//! `chat.sendMessageStream` resolve to a JS async iterable of response objects; this
//! walks it with `next()` and turns what a chunk's promise rejects with (an `ApiError`,
//! an `AbortError`, a library error) back into the core's [`Error`], so the demo explains
//! every failure in one place.

use gemini_vision::error::Redacted;
use gemini_vision::{ApiError, Error};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The longest error message kept from a JS error.
const MESSAGE_CAP: usize = 2_048;

/// The chunks of one streamed answer.
#[derive(Debug)]
pub struct Chunks {
    iterator: JsValue,
    next: Function,
}

impl Chunks {
    /// The chunks of `iterable` (what the library's stream calls resolve to).
    pub fn new(iterable: &JsValue) -> Result<Self, Error> {
        let not_a_stream = || Error::malformed("stream", "the answer is not an async iterable");
        let method: Function = Reflect::get(iterable, &js_sys::Symbol::async_iterator())
            .ok()
            .and_then(|m| m.dyn_into().ok())
            .ok_or_else(not_a_stream)?;
        let iterator = method.call0(iterable).map_err(|e| error_from_js(&e))?;
        let next: Function = Reflect::get(&iterator, &JsValue::from_str("next"))
            .ok()
            .and_then(|m| m.dyn_into().ok())
            .ok_or_else(not_a_stream)?;
        Ok(Chunks { iterator, next })
    }

    /// The next response object, `None` at the end.
    pub async fn next(&mut self) -> Option<Result<JsValue, Error>> {
        let promise = match self.next.call0(&self.iterator) {
            Ok(value) => Promise::resolve(&value),
            Err(error) => return Some(Err(error_from_js(&error))),
        };
        match JsFuture::from(promise).await {
            Ok(step) => {
                let done = Reflect::get(&step, &JsValue::from_str("done"))
                    .ok()
                    .and_then(|d| d.as_bool())
                    .unwrap_or(true);
                if done {
                    None
                } else {
                    Reflect::get(&step, &JsValue::from_str("value"))
                        .ok()
                        .map(Ok)
                }
            }
            Err(error) => Some(Err(error_from_js(&error))),
        }
    }

    /// Stops reading: the library cancels the body (for an answer cut short by us).
    pub fn close(&self) {
        if let Some(stop) = Reflect::get(&self.iterator, &JsValue::from_str("return"))
            .ok()
            .and_then(|m| m.dyn_into::<Function>().ok())
        {
            let _ = stop.call0(&self.iterator);
        }
    }
}

fn string_of(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// The core's error for what a library promise rejected with: an `ApiError` (numeric
/// `status` and its `rawBody`) becomes [`Error::Api`], an `AbortError` [`Error::Aborted`],
/// anything else a transport error with its message (the library redacted it already).
pub fn error_from_js(error: &JsValue) -> Error {
    if string_of(error, "name").as_deref() == Some("AbortError") {
        return Error::Aborted;
    }
    let status = Reflect::get(error, &JsValue::from_str("status"))
        .ok()
        .and_then(|s| s.as_f64())
        .filter(|s| (100.0..600.0).contains(s));
    if let (Some(status), Some(body)) = (status, string_of(error, "rawBody")) {
        return Error::Api(ApiError::from_response(
            status as u16,
            body.as_bytes(),
            None,
        ));
    }
    let message = string_of(error, "message")
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the stream failed".to_owned());
    Error::Transport {
        message: Redacted::new(&message, None, MESSAGE_CAP),
    }
}
