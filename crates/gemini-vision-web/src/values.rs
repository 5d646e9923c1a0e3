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
            format!(
                "{} is not a whole number from {} to {}",
                js_number_text(n),
                js_number_text(min),
                js_number_text(max)
            ),
        )),
        None => Ok(None),
    }
}

/// A number as JavaScript writes it (`String(n)`): the text a JS caller knows, and no
/// float formatting code of Rust's in the wasm.
pub(crate) fn js_number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
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
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> std::result::Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> std::result::Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_name = String)]
    fn string_of(value: &JsValue) -> std::result::Result<js_sys::JsString, JsValue>;
    #[wasm_bindgen(catch, js_name = structuredClone)]
    fn structured_clone(value: &JsValue) -> std::result::Result<JsValue, JsValue>;
}

/// The most items read from one JS list (a `contents` list, a page of parts): far more
/// than any request holds, and a bound on what a hostile `length` can ask for.
pub(crate) const MAX_LIST_ITEMS: u32 = 1_000_000;

/// The most elements or keys read from one JS argument (a files module bound).
pub(crate) const MAX_ELEMENTS: usize = 100_000;

/// Whether `value` is an array (`Array.isArray`, which throws for a revoked proxy:
/// that is `false` here).
pub(crate) fn is_array(value: &JsValue) -> bool {
    array_is_array(value).unwrap_or(false)
}

/// The own enumerable string keys of an object (`Object.keys`), or `INVALID_INPUT`
/// when reading them throws (a hostile proxy).
pub(crate) fn keys(value: &JsValue, what: &'static str) -> Result<Vec<String>> {
    if !value.is_object() && !value.is_function() {
        return Ok(Vec::new());
    }
    let keys = object_keys(value).map_err(|_| Error::invalid(what, "its keys cannot be read"))?;
    if keys.length() as usize > MAX_ELEMENTS {
        return Err(Error::invalid(what, "has too many keys"));
    }
    Ok(keys.iter().filter_map(|key| key.as_string()).collect())
}

/// `object[key]` as it is (`undefined` when missing), or `INVALID_INPUT` when reading it
/// throws.
pub(crate) fn get(object: &JsValue, key: &str, what: &'static str) -> Result<JsValue> {
    if !object.is_object() && !object.is_function() {
        return Ok(JsValue::UNDEFINED);
    }
    js_sys::Reflect::get(object, &JsValue::from_str(key))
        .map_err(|_| Error::invalid(what, format!("its field {key:?} cannot be read")))
}

/// The items of an array, read one by one (a getter that throws, or a `length` past
/// [`MAX_LIST_ITEMS`], is `INVALID_INPUT`, never a trap).
pub(crate) fn list_items(list: &JsValue, what: &'static str) -> Result<Vec<JsValue>> {
    let length = get(list, "length", what)?
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
        .ok_or_else(|| Error::invalid(what, "not a list"))?;
    if length > f64::from(MAX_LIST_ITEMS) {
        return Err(Error::invalid(what, "has too many items"));
    }
    (0..length as u32)
        .map(|i| {
            js_sys::Reflect::get_u32(list, i)
                .map_err(|_| Error::invalid(what, format!("item {i} cannot be read")))
        })
        .collect()
}

/// `String(value)`, as JS prints a value in a template (`undefined`, `5`, `[object
/// Object]`); a `toString` that throws prints as `?`.
pub(crate) fn js_text(value: &JsValue) -> String {
    string_of(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "?".to_owned())
}

/// `typeof value`.
pub(crate) fn type_of(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}

/// A deep copy (`structuredClone`), as the SDK copies chat histories; `INVALID_INPUT`
/// for values that cannot be cloned (functions).
pub(crate) fn deep_copy(value: &JsValue, what: &'static str) -> Result<JsValue> {
    structured_clone(value)
        .map_err(|_| Error::invalid(what, "cannot be copied (it holds a function?)"))
}

/// A field holding an instance of `T` (checked with `instanceof`), if present.
fn instance_field<T: wasm_bindgen::JsCast>(
    object: &JsValue,
    name: &'static str,
    expected: &'static str,
) -> Result<Option<T>> {
    use wasm_bindgen::JsCast;
    match field(object, name) {
        None => Ok(None),
        Some(value) => value
            .dyn_into::<T>()
            .map(Some)
            .map_err(|_| Error::invalid(name, expected)),
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = isAbortSignal)]
    fn is_abort_signal(value: &JsValue) -> bool;
}

/// An `AbortSignal` field, if present. Only an `AbortSignal` inside: an object made with
/// its prototype passes `instanceof`, and its getters then throw through the module (the
/// call never settled).
pub(crate) fn signal_field(
    object: &JsValue,
    name: &'static str,
) -> Result<Option<web_sys::AbortSignal>> {
    use wasm_bindgen::JsCast;
    match field(object, name) {
        None => Ok(None),
        Some(value) => is_abort_signal(&value)
            .then(|| value.dyn_into().ok())
            .flatten()
            .map(Some)
            .ok_or_else(|| Error::invalid(name, "expected an AbortSignal")),
    }
}

/// A function field, if present.
pub(crate) fn function_field(
    object: &JsValue,
    name: &'static str,
) -> Result<Option<js_sys::Function>> {
    instance_field(object, name, "expected a function")
}

/// A new plain object with `pairs` set in order.
pub(crate) fn object_of(pairs: &[(&str, &JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        set(&object, key, value);
    }
    object
}

/// `object[key] = value` on an object we made (a plain object never refuses). A
/// `__proto__` key (an answer may hold one as JSON text) is defined as a field, as
/// `JSON.parse` defines it, rather than changing the object's prototype.
pub(crate) fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    if key == "__proto__" {
        let descriptor = js_sys::Object::new();
        for (name, flag) in [
            ("writable", true),
            ("enumerable", true),
            ("configurable", true),
        ] {
            let _ =
                js_sys::Reflect::set(&descriptor, &JsValue::from_str(name), &JsValue::from(flag));
        }
        let _ = js_sys::Reflect::set(&descriptor, &JsValue::from_str("value"), value);
        let _ = js_sys::Reflect::define_property(object, &JsValue::from_str(key), &descriptor);
        return;
    }
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
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

/// A JSON tree of the core's as the JS object `JSON.parse` makes of its text (written by
/// the core's small JSON writer: no serde code in the wasm).
pub(crate) fn to_js_json(value: &serde_json::Value, what: &'static str) -> Result<JsValue> {
    let text = gemini_vision::json::to_string(value);
    js_sys::JSON::parse(&text).map_err(|_| Error::malformed(what, "not JSON"))
}

/// A JS value as a JSON tree, through its `JSON.stringify` text (see [`to_js_json`]).
pub(crate) fn from_js_json(value: &JsValue, what: &'static str) -> Result<serde_json::Value> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Error::malformed(what, "cannot be written as JSON"))?;
    gemini_vision::json::parse(text.as_bytes()).map_err(|e| Error::malformed(what, e.to_string()))
}
