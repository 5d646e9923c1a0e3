//! The core's errors as what JS callers expect: an abort is a `DOMException` named
//! `AbortError` (as `fetch` rejects), an API error an `ApiError` with `status` (HTTP),
//! `apiStatus` (`"INVALID_ARGUMENT"`...), `details` and `rawBody`, anything else a
//! `GeminiError` with the core's stable `code`. Both classes extend `Error` and live
//! in `js/errors.js`.
//!
//! It also keeps the module honest after a panic: a panic hook logs the message and
//! marks the module failed, after which every call rejects (or throws) a clear
//! `MODULE_FAILED` error instead of hanging on a promise that never settles.
//!
//! What this module never does: put the API key in an error (texts from outside were
//! scrubbed where they entered, in `transport`), or throw while building one.

use gemini_vision::Error;
use js_sys::Promise;
use serde::Serialize;
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
        std::panic::set_hook(Box::new(|info| {
            FAILED.store(true, Ordering::SeqCst);
            console_error(&format!(
                "gemini-vision-web: the module failed and must be reloaded: {info}"
            ));
        }))
    });
}

/// `Err` (the JS error to throw) once a panic has happened.
pub(crate) fn guard() -> std::result::Result<(), JsValue> {
    install_panic_hook();
    if FAILED.load(Ordering::SeqCst) {
        Err(error_to_js(&module_failed()))
    } else {
        Ok(())
    }
}

fn module_failed() -> Error {
    Error::invalid(
        "module",
        "module failed: an earlier call crashed the WebAssembly module; reload the page",
    )
}

/// Runs `work` as a promise that rejects with our error classes (and rejects at once
/// when the module has failed).
pub(crate) fn promise<F>(work: F) -> Promise
where
    F: std::future::Future<Output = gemini_vision::Result<JsValue>> + 'static,
{
    install_panic_hook();
    if FAILED.load(Ordering::SeqCst) {
        return Promise::reject(&error_to_js(&module_failed()));
    }
    future_to_promise(async move { work.await.map_err(|e| error_to_js(&e)) })
}

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeGeminiError)]
    fn make_gemini_error(message: &str, code: &str, status: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = makeApiError)]
    fn make_api_error(
        message: &str,
        code: &str,
        status: JsValue,
        api_status: JsValue,
        details: JsValue,
        raw_body: &str,
    ) -> JsValue;
    #[wasm_bindgen(js_name = makeAbortError)]
    fn make_abort_error(message: &str) -> JsValue;
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
            let serializer = serde_wasm_bindgen::Serializer::json_compatible();
            let details = api.details.serialize(&serializer).unwrap_or(JsValue::NULL);
            let api_status = api
                .status
                .as_deref()
                .map_or(JsValue::UNDEFINED, JsValue::from_str);
            make_api_error(
                &error.to_string(),
                error.code(),
                status,
                api_status,
                details,
                &api.raw_body,
            )
        }
        None => make_gemini_error(&error.to_string(), error.code(), status),
    }
}

#[wasm_bindgen(typescript_custom_section)]
const ERRORS_TS: &'static str = r#"
/** Every failed call rejects with a GeminiError (or ApiError), except an abort, which
 * rejects with a DOMException named "AbortError". */
export interface GeminiError extends Error {
  name: "GeminiError" | "ApiError";
  /** The stable code: "API_ERROR", "UNSUPPORTED_MIME", "REQUEST_TOO_LARGE",
   * "RETRIES_EXHAUSTED", "FILE_FAILED", "TRANSPORT", "TIMEOUT", "INVALID_INPUT", ... */
  code: string;
  /** The HTTP status, for errors the API answered. */
  status?: number;
}
/** An error the API answered (also after retries ran out: code "RETRIES_EXHAUSTED"). */
export interface ApiError extends GeminiError {
  name: "ApiError";
  status: number;
  /** Google's status string: "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED", ... */
  apiStatus?: string;
  details: unknown[];
  rawBody: string;
}
export interface ErrorClasses {
  GeminiError: new (...args: any[]) => GeminiError;
  ApiError: new (...args: any[]) => ApiError;
}
"#;
