//! The core's errors as what JS callers expect: an abort is a `DOMException` named
//! `AbortError` (as `fetch` rejects), an API error an `ApiError` with `status` (HTTP),
//! `apiStatus` (`"INVALID_ARGUMENT"`...), `details` and `rawBody`, anything else a
//! `GeminiError` with the core's stable `code`. Both classes extend `Error` and live
//! in `js/errors.js`.
//!
//! What this module never does: put the API key in an error (texts from outside were
//! scrubbed where they entered, in `transport`), or throw while building one.

use gemini_vision::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

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
    #[wasm_bindgen(js_name = errorClasses)]
    fn error_classes_js() -> JsValue;
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

/// `{ GeminiError, ApiError }`: the classes, for `instanceof` checks.
#[wasm_bindgen(js_name = errorClasses, unchecked_return_type = "ErrorClasses")]
pub fn error_classes() -> JsValue {
    error_classes_js()
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
