//! Reading the fields of objects passed from JS, with typed errors instead of silent
//! coercion (`"12"` is not a width; `NaN` is not a threshold). One home for every reader
//! of JS arguments: any JS value (a number where an object belongs, a getter that throws,
//! a proxy) gives a clear `INVALID_INPUT` error, never a panic.

use gemini_vision::{Error, Result};
use wasm_bindgen::JsValue;

/// The field `name` of `object`; `None` when it is missing, `undefined` or `null` (as the
/// SDK's `!= null` checks treat them), or when reading it throws.
pub(crate) fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    if !object.is_object() && !object.is_function() {
        return None;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
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

/// A whole number of at least 0 (and at most 2^53), if present.
pub(crate) fn whole_number_field(object: &JsValue, name: &'static str) -> Result<Option<u64>> {
    Ok(integer_field(object, name, 0.0, 2f64.powi(53))?.map(|n| n as u64))
}

/// A plain object of string values (`httpOptions.headers`) as pairs, in key order.
pub(crate) fn string_map(object: &JsValue, name: &'static str) -> Result<Vec<(String, String)>> {
    if !object.is_object() {
        return Err(Error::invalid(name, "expected an object of strings"));
    }
    let entries = js_sys::Object::entries(&js_sys::Object::from(object.clone()));
    let mut pairs = Vec::new();
    for entry in entries.iter() {
        let pair = js_sys::Array::from(&entry);
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(key), Some(value)) => pairs.push((key, value)),
            _ => return Err(Error::invalid(name, "every value must be a string")),
        }
    }
    Ok(pairs)
}
