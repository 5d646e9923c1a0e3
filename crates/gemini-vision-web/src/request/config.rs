//! A `generateContent` body object from `contents` and `config`, as the SDK builds it
//! (`generateContentParametersToMldev`): the core says where each key of `config` goes
//! ([`route_config_key`]) and in which order the body's keys come; here the values are
//! transformed as the SDK transforms them (a system instruction into a Content, a schema
//! through the schema rules, tools through their shapes...). A key the SDK does not know
//! goes into `generationConfig`.
//!
//! What this module never does: read a config key twice from a getter (each value is
//! read once), or send the client's own keys (`abortSignal`, `httpOptions`).

use super::contents::{content, contents};
use super::media::{MediaSlot, Place};
use super::schema::process_schema;
use crate::shape::{is_missing, reshape, reshape_list};
use crate::values::{get, is_array, keys, object_of, set, type_of};
use gemini_vision::Result;
use gemini_vision::sdk::config::{
    ConfigRoute, ConfigValue, body_key_rank, count_tokens_config_key, generation_key_rank,
    response_schema_key, route_config_key, wrong_kind,
};
use gemini_vision::sdk::names::cached_content_name;
use gemini_vision::sdk::shape::{Shape, vertex_only};
use js_sys::Object;
use wasm_bindgen::JsValue;

/// The body of a `generateContent` (or stream) request; media parts go to `media`.
pub(crate) fn generate_body(
    contents_value: &JsValue,
    config: &JsValue,
    media: &mut Vec<MediaSlot>,
) -> Result<Object> {
    let contents = contents_if_given(contents_value, media)?;
    let mut body_entries: Vec<(String, JsValue)> = Vec::new();
    let mut generation: Vec<(String, JsValue)> = Vec::new();
    let config_given = !is_missing(config);
    if config_given {
        for key in keys(config, "config")? {
            let value = get(config, &key, "config")?;
            match route_config_key(&key) {
                ConfigRoute::Client => {}
                ConfigRoute::VertexOnly if !value.is_undefined() => return Err(vertex_only(&key)),
                ConfigRoute::VertexOnly => {}
                _ if is_missing(&value) => {}
                ConfigRoute::Body(kind) => {
                    body_entries.push((key.clone(), transform(&key, kind, &value, media)?));
                }
                ConfigRoute::Generation(ConfigValue::Schema) => {
                    let has_dollar = keys(&value, "responseSchema")?
                        .iter()
                        .any(|k| k == "$schema");
                    let json_set = get(config, "responseJsonSchema", "config")?.is_truthy();
                    let target = response_schema_key(has_dollar, json_set);
                    let value = if target == "responseSchema" {
                        process_schema(&value)?
                    } else {
                        value
                    };
                    generation.push((target.to_owned(), value));
                }
                ConfigRoute::Generation(kind) => {
                    generation.push((key.clone(), transform(&key, kind, &value, media)?));
                }
            }
        }
    }
    // Keys the SDK does not order come first, as `None` sorts before `Some`.
    let body_entries = super::stable_by_key(body_entries, |(key, _)| {
        body_key_rank(key).map_or(0, |r| r as u32 + 1)
    });
    let generation = super::stable_by_key(generation, |(key, _)| generation_key_rank(key) as u32);
    let body = Object::new();
    if let Some(contents) = &contents {
        set(&body, "contents", contents);
    }
    for (key, value) in &body_entries {
        set(&body, key, value);
    }
    if config_given {
        let generation_config = Object::new();
        for (key, value) in &generation {
            set(&generation_config, key, value);
        }
        set(&body, "generationConfig", &generation_config);
    }
    Ok(body)
}

/// The body of a `countTokens` request: `contents` only, as the SDK sends it on the
/// Developer API (it refuses `systemInstruction`, `tools` and `generationConfig`).
pub(crate) fn count_tokens_body(
    contents_value: &JsValue,
    config: &JsValue,
    media: &mut Vec<MediaSlot>,
) -> Result<Object> {
    let contents = contents_if_given(contents_value, media)?;
    for key in keys(config, "config")? {
        if count_tokens_config_key(&key) == ConfigRoute::VertexOnly
            && !get(config, &key, "config")?.is_undefined()
        {
            return Err(vertex_only(&key));
        }
    }
    let body = Object::new();
    if let Some(contents) = &contents {
        set(&body, "contents", contents);
    }
    Ok(body)
}

/// `contents` normalised, or nothing when the caller left it out (`undefined` or
/// `null`): the SDK then sends the request without it and the API refuses it.
fn contents_if_given(value: &JsValue, media: &mut Vec<MediaSlot>) -> Result<Option<js_sys::Array>> {
    if is_missing(value) {
        return Ok(None);
    }
    contents(value, media).map(Some)
}

/// A config value as the SDK transforms it for its route.
fn transform(
    key: &str,
    kind: ConfigValue,
    value: &JsValue,
    media: &mut Vec<MediaSlot>,
) -> Result<JsValue> {
    Ok(match kind {
        ConfigValue::AsIs => value.clone(),
        ConfigValue::Content => content(value, media, Place::system())?.into(),
        ConfigValue::Schema => process_schema(value)?,
        ConfigValue::SpeechConfig if value.is_string() => {
            let voice = object_of(&[("voiceName", value)]);
            let prebuilt = object_of(&[("prebuiltVoiceConfig", &voice)]);
            object_of(&[("voiceConfig", &prebuilt)]).into()
        }
        ConfigValue::SpeechConfig if value.is_object() => value.clone(),
        ConfigValue::SpeechConfig => return Err(wrong_kind(key, &type_of(value))),
        ConfigValue::Tools if is_array(value) => reshape_list(value, Shape::Tool)?.into(),
        ConfigValue::Tools => return Err(wrong_kind(key, &type_of(value))),
        ConfigValue::ListOf(shape) if is_array(value) => reshape_list(value, shape)?.into(),
        ConfigValue::Object(shape) if value.is_object() => reshape(value, shape)?.into(),
        ConfigValue::ListOf(_) | ConfigValue::Object(_) => value.clone(),
        ConfigValue::CachedContentName => match value.as_string() {
            Some(name) => JsValue::from_str(&cached_content_name(&name)),
            None => return Err(wrong_kind(key, &type_of(value))),
        },
    })
}

/// `extra` merged into `body`, object into object, any other value replacing (the SDK's
/// `httpOptions.extraBody`), at most `depth` levels deep.
pub(crate) fn merge_extra_body(body: &Object, extra: &JsValue, depth: usize) -> Result<()> {
    if depth > 32 {
        return Err(gemini_vision::Error::invalid(
            "extraBody",
            "nested too deep",
        ));
    }
    for key in keys(extra, "extraBody")? {
        let value = get(extra, &key, "extraBody")?;
        let existing = get(body, &key, "body")?;
        let both_objects = |v: &JsValue| v.is_object() && !is_array(v);
        if both_objects(&value) && both_objects(&existing) {
            // A copy: the existing value may be the caller's own object.
            let copy = Object::new();
            for inner in keys(&existing, "body")? {
                set(&copy, &inner, &get(&existing, &inner, "body")?);
            }
            merge_extra_body(&copy, &value, depth + 1)?;
            set(body, &key, &copy);
        } else {
            set(body, &key, &value);
        }
    }
    Ok(())
}
