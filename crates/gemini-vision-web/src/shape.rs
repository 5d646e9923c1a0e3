//! Applies the core's field tables ([`gemini_vision::sdk::shape`]) to JS objects: a new
//! object with the SDK's known fields first, in its order, renamed where it renames them,
//! refused where the Developer API refuses them, then every other field as it came. The
//! same walk shapes what we send (parts, tools) and what we hand back (answers).
//!
//! What this module never does: deep-copy a value it only passes on (a field's value is
//! the caller's own object), or walk deeper than the tables go (their shapes nest a few
//! levels; schemas are walked by `request::schema`, with a depth bound).

use crate::request::schema::function_declarations;
use crate::values::{get, is_array, keys, list_items, set};
use gemini_vision::Result;
use gemini_vision::sdk::shape::{FieldRule, Shape, fields, is_known, keeps_unknown, vertex_only};
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

/// A field whose value the caller decides (a media part's `inlineData` or `fileData`):
/// `Some` writes that value at the field's place, `None` leaves the field out.
pub(crate) type Override<'a> = (&'a str, Option<JsValue>);

/// `value` (an object of `shape`) as the SDK writes it.
pub(crate) fn reshape(value: &JsValue, shape: Shape) -> Result<Object> {
    reshape_with(value, shape, &[])
}

/// `value` as the SDK writes it, with `overrides` in place of the fields they name.
pub(crate) fn reshape_with(
    value: &JsValue,
    shape: Shape,
    overrides: &[Override<'_>],
) -> Result<Object> {
    let out = Object::new();
    for field in fields(shape) {
        if let Some((_, replacement)) = overrides.iter().find(|(name, _)| *name == field.to) {
            if let Some(replacement) = replacement {
                set(&out, field.to, replacement);
            }
            continue;
        }
        let source = match field.rule {
            FieldRule::FromSelf(_) | FieldRule::FirstList(..) => JsValue::UNDEFINED,
            _ => get(value, field.from, "object")?,
        };
        match field.rule {
            FieldRule::VertexOnly if !source.is_undefined() => return Err(vertex_only(field.from)),
            FieldRule::VertexOnly => {}
            _ if is_missing(&source)
                && !matches!(
                    field.rule,
                    FieldRule::FromSelf(_) | FieldRule::FirstList(..)
                ) => {}
            FieldRule::Keep => set(&out, field.to, &source),
            FieldRule::Object(inner) if source.is_object() => {
                set(&out, field.to, &reshape(&source, inner)?.into())
            }
            FieldRule::List(inner) if is_array(&source) => {
                set(&out, field.to, &reshape_list(&source, inner)?.into())
            }
            FieldRule::Object(_) | FieldRule::List(_) => set(&out, field.to, &source),
            FieldRule::FunctionDeclarations => {
                set(&out, field.to, &function_declarations(&source)?)
            }
            FieldRule::FromSelf(inner) => set(&out, field.to, &reshape(value, inner)?.into()),
            FieldRule::FirstList(sources, inner) => {
                let mut list: JsValue = Array::new().into();
                for name in sources {
                    if has_own(value, name)? {
                        let found = get(value, name, "object")?;
                        list = if is_array(&found) {
                            reshape_list(&found, inner)?.into()
                        } else {
                            found
                        };
                        break;
                    }
                }
                set(&out, field.to, &list);
            }
        }
    }
    if keeps_unknown(shape) {
        for key in keys(value, "object")? {
            let overridden = overrides.iter().any(|(name, _)| *name == key);
            if !overridden && !is_known(shape, &key) {
                let item = get(value, &key, "object")?;
                if !item.is_undefined() {
                    set(&out, &key, &item);
                }
            }
        }
    }
    Ok(out)
}

/// Each item of `list` as an object of `shape` (an item that is not an object is kept as
/// it is: the API says what is wrong with it).
pub(crate) fn reshape_list(list: &JsValue, shape: Shape) -> Result<Array> {
    let out = Array::new();
    for item in list_items(list, "list")? {
        if item.is_object() {
            out.push(&reshape(&item, shape)?.into());
        } else {
            out.push(&item);
        }
    }
    Ok(out)
}

/// `null` and `undefined`: a known field with either is left out, as the SDK leaves it.
pub(crate) fn is_missing(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// `key in value`, for an object we read (a throwing proxy is an error).
fn has_own(value: &JsValue, key: &str) -> Result<bool> {
    Ok(keys(value, "object")?.iter().any(|k| k == key))
}
