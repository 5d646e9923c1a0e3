//! Rust results into plain JS objects in the API's camelCase shape, with a `text`
//! field where the official client has a `text` getter.
//!
//! What this module never does: hand JS a `Map` (every object is a plain object), or
//! fail on a value the wire types accepted.

use gemini_vision::wire::{File, GenerateContentResponse};
use gemini_vision::{Error, Result};
use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a plain JS object (JSON-compatible: no `Map`s, 64-bit numbers as numbers).
pub(crate) fn plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::malformed("result", e.to_string()))
}

/// A response with `text` (the first candidate's text, thoughts left out).
pub(crate) fn response(response: &GenerateContentResponse) -> Result<JsValue> {
    let object = plain(response)?;
    set(&object, "text", &JsValue::from_str(&response.text()))?;
    Ok(object)
}

/// A response with `text` and `uploaded` (the files the plan uploaded).
pub(crate) fn generate_result(
    answer: &GenerateContentResponse,
    uploaded: &[File],
) -> Result<JsValue> {
    let object = response(answer)?;
    let files = Array::new();
    for file in uploaded {
        files.push(&plain(file)?);
    }
    set(&object, "uploaded", &files)?;
    Ok(object)
}

fn set(object: &JsValue, key: &str, value: &JsValue) -> Result<()> {
    Reflect::set(object, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| Error::malformed("result", "could not set a field"))
}
