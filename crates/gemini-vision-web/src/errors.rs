//! The core's errors as what JS callers expect: an abort is a `DOMException` named
//! `AbortError` (as `fetch` rejects), an API error an `ApiError` with `status` (HTTP),
//! `apiStatus` (`"INVALID_ARGUMENT"`...), `details` and `rawBody`, anything else a
//! `GeminiError` with the core's stable `code`. Both classes extend `Error` and live
//! in `js/runtime.js`.
//!
//! It also keeps the module honest after a panic: a panic hook logs the message and
//! marks the module failed, after which every call rejects (or throws) a clear
//! `MODULE_FAILED` error instead of hanging on a promise that never settles.
//!
//! What this module never does: put the API key in an error (texts from outside were
//! scrubbed where they entered, in `transport`), or throw while building one.

use gemini_vision::Error;
use js_sys::Promise;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Set by the panic hook: the module's state can no longer be trusted.
static FAILED: AtomicBool = AtomicBool::new(false);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

static HOOK: std::sync::Once = std::sync::Once::new();

/// Installs the panic hook, once: every entry point calls [`guard`] or [`promise`], which
/// call this first (no start function, so that an app's own `main` keeps its place).
fn install_panic_hook() {
    HOOK.call_once(|| {
        // The hook that was there (an app's, a test harness's) still runs after ours.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            FAILED.store(true, Ordering::SeqCst);
            console_error(&format!(
                "gemini-vision-web: the module failed and must be reloaded: {info}"
            ));
            previous(info);
        }))
    });
}

/// `Err` (the JS error to throw) once a panic has happened.
pub(crate) fn guard() -> std::result::Result<(), JsValue> {
    install_panic_hook();
    if FAILED.load(Ordering::SeqCst) {
        Err(module_failed())
    } else {
        Ok(())
    }
}

/// The error of every call after a panic: a `GeminiError` with code `MODULE_FAILED`.
fn module_failed() -> JsValue {
    make_gemini_error(
        "the module failed: an earlier call crashed the WebAssembly module; reload the page",
        "MODULE_FAILED",
        JsValue::UNDEFINED,
    )
}

/// Runs `work`, whose errors are JS values already, as a promise (that rejects at once
/// when the module has failed).
pub(crate) fn promise_js<F>(work: F) -> Promise
where
    F: std::future::Future<Output = std::result::Result<JsValue, JsValue>> + 'static,
{
    install_panic_hook();
    if FAILED.load(Ordering::SeqCst) {
        return Promise::reject(&module_failed());
    }
    future_to_promise(work)
}

/// Runs `work` as a promise that rejects with our error classes (and rejects at once
/// when the module has failed).
pub(crate) fn promise<F>(work: F) -> Promise
where
    F: std::future::Future<Output = gemini_vision::Result<JsValue>> + 'static,
{
    install_panic_hook();
    if FAILED.load(Ordering::SeqCst) {
        return Promise::reject(&module_failed());
    }
    future_to_promise(async move { work.await.map_err(|e| error_to_js(&e)) })
}

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeGeminiError)]
    fn make_gemini_error(message: &str, code: &str, status: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = makeApiError)]
    fn make_api_error(options: &js_sys::Object) -> JsValue;
    #[wasm_bindgen(js_name = makeAbortError)]
    fn make_abort_error(message: &str) -> JsValue;
    #[wasm_bindgen(js_name = apiErrorMessage)]
    fn api_error_message(raw_body: &str, status: u16, status_text: &str, json: bool) -> String;
}

/// The JS value a promise rejects with for `error`.
pub(crate) fn error_to_js(error: &Error) -> JsValue {
    if matches!(error, Error::Aborted) {
        return make_abort_error(&error.to_string());
    }
    let status = error
        .http_status()
        .map_or(JsValue::UNDEFINED, |s| JsValue::from(f64::from(s)));
    match error.api() {
        Some(api) => {
            let message = api_error_message(
                &api.raw_body,
                api.http_status,
                status_text(api.http_status),
                api.json_body,
            );
            api_error(error, api, &message)
        }
        None => match error {
            // The SDK's own check: its words alone, as the SDK's message.
            Error::InvalidInput { what, reason } if *what == Error::SDK_CHECK => {
                make_gemini_error(reason, error.code(), status)
            }
            _ => make_gemini_error(&error.to_string(), error.code(), status),
        },
    }
}

/// The error a stream rejects with for an `{"error": ...}` event, with the SDK's message
/// for it (`got status: STATUS. {event}`).
pub(crate) fn stream_error_to_js(error: &Error, event: &str) -> JsValue {
    match error.api() {
        Some(api) => {
            let status = api.status.as_deref().unwrap_or("undefined");
            let event = api_error_message(event, api.http_status, "", true);
            api_error(error, api, &format!("got status: {status}. {event}"))
        }
        None => error_to_js(error),
    }
}

fn api_error(error: &Error, api: &gemini_vision::ApiError, message: &str) -> JsValue {
    let details = crate::values::to_js_json(
        &serde_json::Value::Array(api.details.clone()),
        "error details",
    )
    .unwrap_or(JsValue::NULL);
    let api_status = api
        .status
        .as_deref()
        .map_or(JsValue::UNDEFINED, JsValue::from_str);
    let options = crate::values::object_of(&[
        ("message", &JsValue::from_str(message)),
        ("status", &JsValue::from(f64::from(api.http_status))),
        ("code", &JsValue::from_str(error.code())),
        ("apiStatus", &api_status),
        ("details", &details),
        ("rawBody", &JsValue::from_str(&api.raw_body)),
    ]);
    make_api_error(&options)
}

/// The reason phrase `fetch` shows as `statusText` for `status` over HTTP/1.1 (HTTP/2
/// has none), which the SDK puts in the message of an error whose body is not JSON.
fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Forgets an earlier panic (built with the `test-support` feature only): in a test
/// binary a failed assertion is a panic too, and must not fail every later test.
#[cfg(feature = "test-support")]
pub fn forget_panic_for_test() {
    FAILED.store(false, Ordering::SeqCst);
}

/// Panics on purpose, so that a test can check that every later call rejects with
/// `MODULE_FAILED` instead of hanging (built with the `test-support` feature only).
#[cfg(feature = "test-support")]
#[wasm_bindgen(js_name = __gvPanicForTest)]
pub fn panic_for_test() {
    install_panic_hook();
    panic!("a deliberate panic (test-support)");
}
