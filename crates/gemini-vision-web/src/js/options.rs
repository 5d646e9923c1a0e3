//! Reading the fields of option objects passed from JS, with typed errors instead of
//! silent coercion (`"12"` is not a width; `NaN` is not a threshold).

use gemini_vision::{Error, Result};
use wasm_bindgen::JsValue;

/// The field `name` of `object`; `None` when it is missing or `undefined`.
pub(crate) fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    if !object.is_object() {
        return None;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined())
}

/// A finite number field, if present.
pub(crate) fn number_field(object: &JsValue, name: &'static str) -> Result<Option<f64>> {
    match field(object, name) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n.is_finite() => Ok(Some(n)),
            _ => Err(Error::invalid(name, "expected a finite number")),
        },
    }
}

/// A whole-number field within `min..=max`, if present.
pub(crate) fn integer_field(
    object: &JsValue,
    name: &'static str,
    min: f64,
    max: f64,
) -> Result<Option<f64>> {
    match number_field(object, name)? {
        Some(n) if n.fract() == 0.0 && (min..=max).contains(&n) => Ok(Some(n)),
        Some(n) => Err(Error::invalid(
            name,
            format!("{n} is not a whole number from {min} to {max}"),
        )),
        None => Ok(None),
    }
}

/// A boolean field, if present.
pub(crate) fn bool_field(object: &JsValue, name: &'static str) -> Result<Option<bool>> {
    match field(object, name) {
        None => Ok(None),
        Some(v) => v
            .as_bool()
            .map(Some)
            .ok_or_else(|| Error::invalid(name, "expected true or false")),
    }
}

/// A string field, if present.
pub(crate) fn string_field(object: &JsValue, name: &'static str) -> Result<Option<String>> {
    match field(object, name) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| Error::invalid(name, "expected a string")),
    }
}
