//! The bodies of `caches.create` and `caches.update`, as the SDK writes them
//! (`createCachedContentParametersToMldev`, `updateCachedContentParametersToMldev`):
//! the same keys in the same order, so that `JSON.stringify` gives the same text.

use super::contents::{content, contents};
use crate::values::{field, keys};
use gemini_vision::sdk::names::model_name;
use gemini_vision::{Error, Result};
use js_sys::{JSON, Object, Reflect};
use wasm_bindgen::JsValue;

/// Config keys of `caches.create` that go to the body, in the SDK's order.
const CREATE_KEYS: [&str; 7] = [
    "ttl",
    "expireTime",
    "displayName",
    "contents",
    "systemInstruction",
    "tools",
    "toolConfig",
];

/// Config keys that never reach the body: the SDK's own options, and the Vertex-only key
/// it refuses.
const NOT_SENT: [&str; 3] = ["abortSignal", "httpOptions", "kmsKeyName"];

fn set(body: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(body, &JsValue::from_str(key), value);
}

fn stringify(body: &Object) -> Result<String> {
    JSON::stringify(body)
        .ok()
        .and_then(|json| json.as_string())
        .ok_or_else(|| {
            Error::invalid(
                "config",
                "cannot be written as JSON (a cycle, or a BigInt?)",
            )
        })
}

/// `{ model, ttl, expireTime, displayName, contents, systemInstruction, tools,
/// toolConfig }` from `caches.create`'s `model` and `config`; keys we do not know pass
/// through after them (a field the API adds must not wait for a release).
pub(crate) fn create_body(model: &JsValue, config: &JsValue) -> Result<String> {
    let model = model
        .as_string()
        .ok_or_else(|| Error::invalid("model", "model is required and must be a string"))?;
    if config.is_object()
        && !Reflect::get(config, &JsValue::from_str("kmsKeyName"))
            .unwrap_or(JsValue::UNDEFINED)
            .is_undefined()
    {
        return Err(Error::sdk_check(
            "kmsKeyName parameter is only supported in Gemini Enterprise Agent Platform mode, \
             not in Gemini Developer API mode.",
        ));
    }
    let body = Object::new();
    set(&body, "model", &JsValue::from_str(&model_name(&model)?));
    for key in CREATE_KEYS {
        let Some(value) = field(config, key) else {
            continue;
        };
        let value = match key {
            "contents" => contents(&value)?.into(),
            "systemInstruction" => content(&value)?,
            _ => value,
        };
        set(&body, key, &value);
    }
    if config.is_object() {
        for name in keys(config, "config")? {
            let known = CREATE_KEYS.contains(&name.as_str()) || NOT_SENT.contains(&name.as_str());
            if let (false, Some(value)) = (known, field(config, &name)) {
                set(&body, &name, &value);
            }
        }
    }
    stringify(&body)
}

/// `{ ttl, expireTime }` from `caches.update`'s `config` (the only fields that change).
pub(crate) fn update_body(config: &JsValue) -> Result<String> {
    let body = Object::new();
    for key in ["ttl", "expireTime"] {
        if let Some(value) = field(config, key) {
            set(&body, key, &value);
        }
    }
    stringify(&body)
}
