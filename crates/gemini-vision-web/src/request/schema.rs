//! The SDK's schema rules (`processJsonSchema`, `tTool`) applied to JS objects, with the
//! core's answers ([`gemini_vision::sdk::schema`]): a response schema or a function's
//! parameters written by zod or typebox become the API's OpenAPI subset, in the order
//! the SDK writes them.
//!
//! What this module never does: change the caller's objects (the SDK rewrites a tool's
//! declarations in place; here a new object is made), walk a schema deeper than
//! [`MAX_DEPTH`] (a cyclic schema is an error, not a stack overflow), or write out more
//! than [`MAX_NODES`] schemas (one that shares its sub-schemas at every level is
//! exponentially long written out: an error, not minutes of work and millions of objects).

use crate::shape::is_missing;
use crate::values::{get, is_array, keys, list_items, set};
use gemini_vision::Result;
use gemini_vision::sdk::schema::{
    DeclarationSchema, MAX_DEPTH, SchemaKey, declaration_schema, nullable_pair, schema_key,
    too_deep, type_and_any_of, type_list, type_name,
};
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

/// The most schemas one `process_schema` writes out, counting a schema once in every
/// place it is used: far above any real schema (tens to hundreds), and about 50 ms of
/// walking in Chromium (100,000 took 0.5 s).
pub(crate) const MAX_NODES: usize = 10_000;

/// `schema` through the schema rules (`tSchema`).
pub(crate) fn process_schema(schema: &JsValue) -> Result<JsValue> {
    process(schema, 0, &mut 0)
}

fn process(schema: &JsValue, depth: usize, written: &mut usize) -> Result<JsValue> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    *written += 1;
    if *written > MAX_NODES {
        return Err(gemini_vision::Error::invalid(
            "schema",
            format!(
                "more than {MAX_NODES} schemas written out (a schema used in several places \
                 counts in each)"
            ),
        ));
    }
    if !schema.is_object() || is_array(schema) {
        return Ok(schema.clone());
    }
    let out = Object::new();
    let any_of = get(schema, "anyOf", "schema")?;
    if get(schema, "type", "schema")?.is_truthy() && any_of.is_truthy() {
        return Err(type_and_any_of());
    }
    let mut schema = schema.clone();
    if is_array(&any_of) {
        let items = list_items(&any_of, "anyOf")?;
        if let [first, second] = items.as_slice()
            && let Some(kept) = nullable_pair(is_null_type(first)?, is_null_type(second)?)
        {
            set(&out, "nullable", &JsValue::TRUE);
            schema = items[kept].clone();
        }
    }
    let ty = get(&schema, "type", "schema")?;
    if is_array(&ty) {
        let names: Vec<String> = list_items(&ty, "type")?
            .iter()
            .map(|name| name.as_string().unwrap_or_default())
            .collect();
        let (nullable, types) = type_list(names.iter().map(String::as_str));
        if nullable {
            set(&out, "nullable", &JsValue::TRUE);
        }
        if let [only] = types.as_slice() {
            set(&out, "type", &JsValue::from_str(only));
        } else {
            let list = Array::new();
            for name in types {
                let one = Object::new();
                set(&one, "type", &JsValue::from_str(name));
                list.push(&one);
            }
            set(&out, "anyOf", &list);
        }
    }
    for key in keys(&schema, "schema")? {
        let value = get(&schema, &key, "schema")?;
        if is_missing(&value) {
            continue;
        }
        match schema_key(&key) {
            SchemaKey::Type if is_array(&value) => {}
            SchemaKey::Type => {
                let name = value.as_string().ok_or_else(|| {
                    gemini_vision::Error::invalid("schema", "a type must be a string")
                })?;
                set(&out, "type", &JsValue::from_str(type_name(&name)?));
            }
            SchemaKey::Schema => set(&out, &key, &process(&value, depth + 1, written)?),
            SchemaKey::SchemaList if is_array(&value) => {
                let list = Array::new();
                for item in list_items(&value, "anyOf")? {
                    if is_null_type(&item)? {
                        set(&out, "nullable", &JsValue::TRUE);
                    } else {
                        list.push(&process(&item, depth + 1, written)?);
                    }
                }
                set(&out, &key, &list);
            }
            SchemaKey::SchemaMap if value.is_object() => {
                let map = Object::new();
                for name in keys(&value, "properties")? {
                    let property = get(&value, &name, "properties")?;
                    set(&map, &name, &process(&property, depth + 1, written)?);
                }
                set(&out, &key, &map);
            }
            SchemaKey::Dropped => {}
            SchemaKey::SchemaList | SchemaKey::SchemaMap | SchemaKey::Keep => {
                set(&out, &key, &value)
            }
        }
    }
    Ok(out.into())
}

/// Whether `schema` is `{ type: "null" }` (only its type is looked at, as the SDK does).
fn is_null_type(schema: &JsValue) -> Result<bool> {
    Ok(get(schema, "type", "schema")?.as_string().as_deref() == Some("null"))
}

/// `tool.functionDeclarations` through `tTool`: each declaration's `parameters` and
/// `response` processed, or moved to their JSON-schema keys when they carry `$schema`.
pub(crate) fn function_declarations(list: &JsValue) -> Result<JsValue> {
    if !is_array(list) {
        return Ok(list.clone());
    }
    let out = Array::new();
    for declaration in list_items(list, "functionDeclarations")? {
        out.push(&declaration_of(&declaration)?);
    }
    Ok(out.into())
}

fn declaration_of(declaration: &JsValue) -> Result<JsValue> {
    if !declaration.is_object() {
        return Ok(declaration.clone());
    }
    let out = Object::new();
    let mut moved = Vec::new();
    for key in keys(declaration, "function declaration")? {
        let value = get(declaration, &key, "function declaration")?;
        let json_key = match key.as_str() {
            "parameters" => "parametersJsonSchema",
            "response" => "responseJsonSchema",
            _ => {
                set(&out, &key, &value);
                continue;
            }
        };
        if !value.is_truthy() {
            set(&out, &key, &value);
            continue;
        }
        let has_dollar = keys(&value, "schema")?.iter().any(|k| k == "$schema");
        let json_set = get(declaration, json_key, "function declaration")?.is_truthy();
        match declaration_schema(&key, has_dollar, json_set) {
            DeclarationSchema::Process => set(&out, &key, &process_schema(&value)?),
            DeclarationSchema::Keep => set(&out, &key, &value),
            DeclarationSchema::MoveTo(to) => moved.push((to, value)),
        }
    }
    for (to, value) in moved {
        set(&out, to, &value);
    }
    Ok(out.into())
}
