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
    let mut pairs = Vec::new();
    for key in keys(object, name)? {
        let value = js_sys::Reflect::get(object, &JsValue::from_str(&key)).ok();
        match value.and_then(|v| v.as_string()) {
            Some(value) => pairs.push((key, value)),
            None => return Err(Error::invalid(name, "every value must be a string")),
        }
    }
    Ok(pairs)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    // `catch`: a proxy's trap may throw, and an exception must never unwind through wasm.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &JsValue) -> std::result::Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> std::result::Result<bool, JsValue>;
}

/// The most elements or keys read from one JS argument.
pub(crate) const MAX_ELEMENTS: usize = 100_000;

/// Whether `value` is an array (`Array.isArray`; a value whose check throws is not).
pub(crate) fn is_array(value: &JsValue) -> bool {
    array_is_array(value).unwrap_or(false)
}

/// The own enumerable string keys of `object` (`Object.keys`), at most
/// [`MAX_ELEMENTS`]; a proxy that throws is an error.
pub(crate) fn keys(object: &JsValue, name: &'static str) -> Result<Vec<String>> {
    let keys = object_keys(object).map_err(|_| Error::invalid(name, "its keys cannot be read"))?;
    if keys.length() as usize > MAX_ELEMENTS {
        return Err(Error::invalid(name, "has too many keys"));
    }
    Ok(keys.iter().filter_map(|key| key.as_string()).collect())
}

/// The elements of the array `value`, read through `Reflect` (a proxy that throws is an
/// error, not a trap), at most [`MAX_ELEMENTS`].
pub(crate) fn elements(value: &JsValue, name: &'static str) -> Result<Vec<JsValue>> {
    let unreadable = |_| Error::invalid(name, "its elements cannot be read");
    let length = js_sys::Reflect::get(value, &JsValue::from_str("length"))
        .map_err(unreadable)?
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .ok_or_else(|| Error::invalid(name, "expected an array"))?;
    if length > MAX_ELEMENTS as f64 {
        return Err(Error::invalid(name, "has too many elements"));
    }
    (0..length as u32)
        .map(|index| js_sys::Reflect::get_u32(value, index).map_err(unreadable))
        .collect()
}
