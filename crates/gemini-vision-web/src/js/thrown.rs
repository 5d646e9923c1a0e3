//! The core's errors as thrown JS values for the renderer and the parser: an `Error`
//! named `GeminiError` with the core's `code`. The client's error classes (`errors.rs`)
//! replace this once they exist, keeping the same `name`, `code` and `message`.

use gemini_vision::Error;
use wasm_bindgen::JsValue;

/// A JS `Error` for `error`, with `name` `"GeminiError"` and `code` set.
pub(crate) fn error_to_js(error: Error) -> JsValue {
    let thrown = js_sys::Error::new(&error.to_string());
    thrown.set_name("GeminiError");
    let _ = js_sys::Reflect::set(
        &thrown,
        &JsValue::from_str("code"),
        &JsValue::from_str(error.code()),
    );
    thrown.into()
}
