//! A caller's `Blob` or `File`, read with the browser's own accessors: `type`, `size`,
//! `name`, `lastModified` and `slice` of `Blob.prototype` and `File.prototype`, never a
//! subclass's. A subclass may override them to return anything or throw, and web-sys's
//! typed getters would carry that through the module (a number where a string belongs
//! is read out of bounds; a throw unwinds a call that then never settles).

use gemini_vision::{Error, Result};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, File};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = blobType)]
    fn native_type(blob: &Blob) -> std::result::Result<String, JsValue>;
    #[wasm_bindgen(catch, js_name = blobSize)]
    fn native_size(blob: &Blob) -> std::result::Result<f64, JsValue>;
    #[wasm_bindgen(catch, js_name = blobSlice)]
    fn native_slice(blob: &Blob, start: f64, end: f64) -> std::result::Result<Blob, JsValue>;
    #[wasm_bindgen(catch, js_name = fileName)]
    fn native_name(file: &File) -> std::result::Result<String, JsValue>;
    #[wasm_bindgen(catch, js_name = fileLastModified)]
    fn native_last_modified(file: &File) -> std::result::Result<f64, JsValue>;
}

fn unreadable() -> Error {
    Error::invalid("Blob", "the browser cannot read it as a Blob")
}

/// `blob.type`.
pub(crate) fn blob_type(blob: &Blob) -> Result<String> {
    native_type(blob).map_err(|_| unreadable())
}

/// `blob.size` in bytes.
pub(crate) fn blob_size(blob: &Blob) -> Result<u64> {
    let size = native_size(blob).map_err(|_| unreadable())?;
    if size.is_finite() && size >= 0.0 && size <= 2f64.powi(53) {
        Ok(size as u64)
    } else {
        Err(Error::invalid("Blob", "its size is not a byte count"))
    }
}

/// `blob.slice(start, end)`: always the browser's own `Blob`.
pub(crate) fn blob_slice(blob: &Blob, start: u64, end: u64) -> Result<Blob> {
    native_slice(blob, start as f64, end as f64).map_err(|_| unreadable())
}

/// `file.name` and `file.lastModified`.
pub(crate) fn file_facts(file: &File) -> Result<(String, f64)> {
    let name = native_name(file).map_err(|_| unreadable())?;
    let modified = native_last_modified(file).map_err(|_| unreadable())?;
    Ok((name, modified))
}
