//! JS failures into the core's [`Error`], and the API key out of every error text.

use gemini_vision::error::Redacted;
use gemini_vision::{ApiError, ApiKey, Error};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, DomException};

/// A value a JS promise rejected with, as an [`Error`]: [`Error::Aborted`] when
/// `signal` fired or the value is an `AbortError`, else [`Error::Transport`] with the
/// value's text (cut, and scrubbed of `key`).
pub fn from_js(value: &JsValue, signal: Option<&AbortSignal>, key: Option<&ApiKey>) -> Error {
    let aborted_by_signal = signal.is_some_and(AbortSignal::aborted);
    let exception = value.dyn_ref::<DomException>();
    let abort_error = exception.is_some_and(|e| e.name() == "AbortError");
    if aborted_by_signal || abort_error {
        return Error::Aborted;
    }
    // An attempt cut short by the client's timeout (`Deadline` in `js/runtime.js` names
    // its reason so; `rest::send` puts the milliseconds back, as it knows them).
    if let Some(timeout) = exception.filter(|e| e.name() == "TimeoutError") {
        return Error::Timeout {
            millis: timeout.message().parse().unwrap_or(0),
        };
    }
    Error::transport(&js_text(value), key)
}

/// The text of a rejection value. The value may come from a page's own `fetch` wrapper
/// or a `Blob` subclass, so nothing about it is trusted: an `Error`'s `name` and
/// `message` are read as any value (js-sys's typed getters convert a non-string with
/// `unwrap_throw`, which threw through the module: the call never settled), and a getter
/// or `toString` that throws gives way to the next form.
fn js_text(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    // `String(value)`, or `?` when that throws.
    let printed = || Some(crate::values::js_text(value)).filter(|text| text != "?");
    if value.is_instance_of::<js_sys::Error>() {
        let text = |key: &str| crate::values::field(value, key).and_then(|v| v.as_string());
        if let (Some(name), Some(message)) = (text("name"), text("message")) {
            return format!("{name}: {message}");
        }
        if let Some(text) = printed() {
            return text;
        }
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .or_else(printed)
        .unwrap_or_else(|| "unknown JS error".to_owned())
}

/// `error` with every text that came from outside scrubbed of `key` (an echoing proxy
/// must not make the key reach a log through our errors).
pub fn scrub(error: Error, key: Option<&ApiKey>) -> Error {
    let Some(key) = key else { return error };
    match error {
        Error::Api(api) => Error::Api(scrub_api(api, key)),
        Error::Transport { message } => Error::Transport {
            message: again(&message, key),
        },
        Error::FileFailed { name, message } => Error::FileFailed {
            name,
            message: again(&message, key),
        },
        Error::Malformed { what, reason } => Error::Malformed {
            what,
            reason: again(&reason, key),
        },
        Error::UploadProtocol { reason } => Error::UploadProtocol {
            reason: again(&reason, key),
        },
        Error::RetriesExhausted { attempts, last } => Error::RetriesExhausted {
            attempts,
            last: Box::new(scrub(*last, Some(key))),
        },
        other => other,
    }
}

fn scrub_api(mut api: ApiError, key: &ApiKey) -> ApiError {
    api.message = again(&api.message, key);
    api.raw_body = again(&api.raw_body, key);
    if let Some(status) = api.status.take() {
        api.status = Some(again(&status, key));
    }
    api.details = api
        .details
        .into_iter()
        .map(|detail| {
            let text = gemini_vision::json::to_string(&detail);
            let clean = key.redact(&text);
            if clean == text {
                detail
            } else {
                gemini_vision::json::parse(clean.as_bytes())
                    .unwrap_or(serde_json::Value::String(clean))
            }
        })
        .collect();
    api
}

/// Text already kept in an error, scrubbed of `key` once more (same cap).
fn again(text: &str, key: &ApiKey) -> Redacted {
    Redacted::new(text, Some(key), text.len())
}
