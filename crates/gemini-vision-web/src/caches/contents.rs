//! `contents` and `systemInstruction` of `caches.create`, normalised as the SDK's
//! `tContents`/`tContent`/`tParts` do: a string is a text part, parts are gathered into
//! one user turn, a `Content` (an object with a `parts` array) stays as it is, mixing
//! the two or a bare function call/response is refused with the SDK's message.
//!
//! A stand-in until the shared request path's normaliser (the one `generateContent`
//! uses, with Blobs in contents) is merged: parts pass through as given (field order and
//! unknown fields kept), and a `Blob` part is refused instead of being uploaded.

use crate::values::{elements, field, is_array};
use gemini_vision::{Error, Result};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

fn sdk(message: &str) -> Error {
    Error::sdk_check(message)
}

fn is_content(value: &JsValue) -> bool {
    field(value, "parts").is_some_and(|parts| is_array(&parts))
}

fn has(value: &JsValue, key: &str) -> bool {
    value.is_object() && Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false)
}

fn is_call_part(value: &JsValue) -> bool {
    has(value, "functionCall") || has(value, "functionResponse")
}

/// A `Blob` where a part, or its `inlineData` or `inlineData.data`, would be: JSON
/// would turn it into `{}` silently.
fn holds_blob(part: &JsValue) -> bool {
    let inline = field(part, "inlineData");
    let data = inline.as_ref().and_then(|inline| field(inline, "data"));
    [Some(part.clone()), inline, data]
        .iter()
        .flatten()
        .any(|value| value.is_instance_of::<Blob>())
}

fn refuse_blob(part: &JsValue) -> Result<()> {
    if holds_blob(part) {
        return Err(sdk(
            "a Blob part cannot be cached yet: upload it (files.upload) and pass \
             { fileData: { fileUri, mimeType } }",
        ));
    }
    Ok(())
}

/// `tPart`: a string becomes `{text}`, an object stays.
fn part(value: &JsValue) -> Result<JsValue> {
    refuse_blob(value)?;
    if let Some(text) = value.as_string() {
        let object = Object::new();
        let _ = Reflect::set(
            &object,
            &JsValue::from_str("text"),
            &JsValue::from_str(&text),
        );
        return Ok(object.into());
    }
    if value.is_object() {
        return Ok(value.clone());
    }
    if value.is_undefined() || value.is_null() {
        return Err(sdk("PartUnion is required"));
    }
    Err(sdk(&format!(
        "Unsupported part type: {}",
        value.js_typeof().as_string().unwrap_or_default()
    )))
}

/// `tParts`.
fn parts(value: &JsValue) -> Result<Array> {
    if value.is_undefined() || value.is_null() {
        return Err(sdk("PartListUnion is required"));
    }
    if is_array(value) {
        let items = elements(value, "parts")?;
        if items.is_empty() {
            return Err(sdk("PartListUnion is required"));
        }
        return items.iter().map(part).collect();
    }
    Ok(Array::of1(&part(value)?))
}

fn user_turn(parts: Array) -> JsValue {
    let content = Object::new();
    let _ = Reflect::set(
        &content,
        &JsValue::from_str("role"),
        &JsValue::from_str("user"),
    );
    let _ = Reflect::set(&content, &JsValue::from_str("parts"), &parts);
    content.into()
}

/// `tContent`: a `Content` as it is, anything else one user turn.
pub(crate) fn content(value: &JsValue) -> Result<JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(sdk("ContentUnion is required"));
    }
    if is_content(value) {
        if let Some(parts) = field(value, "parts") {
            for part in elements(&parts, "parts")? {
                refuse_blob(&part)?;
            }
        }
        return Ok(value.clone());
    }
    Ok(user_turn(parts(value)?))
}

/// `tContents`.
pub(crate) fn contents(value: &JsValue) -> Result<Array> {
    let items = if is_array(value) {
        Some(elements(value, "contents")?)
    } else {
        None
    };
    let empty = items.as_ref().is_some_and(Vec::is_empty);
    if value.is_undefined() || value.is_null() || empty {
        return Err(sdk("contents are required"));
    }
    let Some(items) = items else {
        if is_call_part(value) {
            return Err(sdk(
                "To specify functionCall or functionResponse parts, please wrap them in a \
                 Content object, specifying the role for them",
            ));
        }
        return Ok(Array::of1(&content(value)?));
    };
    let content_array = items.first().is_some_and(is_content);
    let result = Array::new();
    let loose = Array::new();
    for item in items {
        if is_content(&item) != content_array {
            return Err(sdk(
                "Mixing Content and Parts is not supported, please group the parts into a \
                 the appropriate Content objects and specify the roles for them",
            ));
        }
        if content_array {
            result.push(&content(&item)?);
        } else if is_call_part(&item) {
            return Err(sdk(
                "To specify functionCall or functionResponse parts, please wrap them, and any \
                 other parts, in Content objects as appropriate, specifying the role for them",
            ));
        } else {
            loose.push(&item);
        }
    }
    if !content_array {
        result.push(&user_turn(parts(&loose)?));
    }
    Ok(result)
}
