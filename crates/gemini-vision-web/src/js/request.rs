//! JS arguments into the Rust API's types: client options, `generateContent` requests
//! (contents as strings, `Blob`/`File`, `{ fileUri, mimeType }`, uploaded `File`
//! objects, raw parts, or `Content` objects), camelCase config, upload, list and wait
//! options.
//!
//! What this module never does: trust a value's type (every field is checked and a
//! wrong one is a clear `INVALID_INPUT` error, never a panic), or keep a callback's
//! exception from escaping silently into a failed upload.

use crate::client::{ClientOptions, GenerateConfig, GenerateRequest, Input};
use crate::files::{ProgressCallback, UploadOptions, UploadProgress, WaitOptions};
use gemini_vision::wire::{self, GenerationConfig, MediaResolution, Part, SafetySetting};
use gemini_vision::{Error, Result};
use js_sys::{Array, Function, Object, Reflect};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Blob};

/// `obj[key]`, or `None` when missing, `undefined` or `null`.
pub(crate) fn field(obj: &JsValue, key: &str) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    let value = Reflect::get(obj, &JsValue::from_str(key)).ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

fn string_field(obj: &JsValue, key: &'static str) -> Result<Option<String>> {
    match field(obj, key) {
        None => Ok(None),
        Some(value) => value
            .as_string()
            .map(Some)
            .ok_or_else(|| Error::invalid(key, "expected a string")),
    }
}

fn number_field(obj: &JsValue, key: &'static str) -> Result<Option<u64>> {
    match field(obj, key) {
        None => Ok(None),
        Some(value) => match value.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 2f64.powi(53) => {
                Ok(Some(n as u64))
            }
            _ => Err(Error::invalid(key, "expected a whole number of at least 0")),
        },
    }
}

fn bool_field(obj: &JsValue, key: &'static str) -> Result<Option<bool>> {
    match field(obj, key) {
        None => Ok(None),
        Some(value) => value
            .as_bool()
            .map(Some)
            .ok_or_else(|| Error::invalid(key, "expected true or false")),
    }
}

fn signal_field(obj: &JsValue) -> Result<Option<AbortSignal>> {
    match field(obj, "signal") {
        None => Ok(None),
        Some(value) => value
            .dyn_into::<AbortSignal>()
            .map(Some)
            .map_err(|_| Error::invalid("signal", "expected an AbortSignal")),
    }
}

fn json_of(value: &JsValue, what: &'static str) -> Result<Value> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| Error::invalid(what, e.to_string()))
}

fn typed<T: serde::de::DeserializeOwned>(value: Value, what: &'static str) -> Result<T> {
    serde_json::from_value(value).map_err(|e| Error::invalid(what, e.to_string()))
}

/// `new GeminiClient({ apiKey, baseUrl, apiVersion, maxInlineBytes })`.
pub(crate) fn client_options(options: &JsValue) -> Result<ClientOptions> {
    if !options.is_undefined() && !options.is_null() && !options.is_object() {
        return Err(Error::invalid("options", "expected an object"));
    }
    Ok(ClientOptions {
        api_key: string_field(options, "apiKey")?,
        base_url: string_field(options, "baseUrl")?,
        api_version: string_field(options, "apiVersion")?,
        max_inline_bytes: number_field(options, "maxInlineBytes")?,
    })
}

/// `{ model, contents, config, signal, onUploadProgress }`.
pub(crate) fn generate_request(request: &JsValue) -> Result<GenerateRequest> {
    if !request.is_object() {
        return Err(Error::invalid(
            "request",
            "expected { model, contents, config }",
        ));
    }
    let model = string_field(request, "model")?
        .ok_or_else(|| Error::invalid("model", "the model name is missing"))?;
    let contents = match field(request, "contents") {
        Some(contents) => inputs(&contents)?,
        None => return Err(Error::invalid("contents", "the contents are missing")),
    };
    let config = match field(request, "config") {
        Some(config) => generate_config(&config)?,
        None => GenerateConfig::default(),
    };
    Ok(GenerateRequest {
        model,
        contents,
        config,
        signal: signal_field(request)?,
        on_upload_progress: progress_callback(request, "onUploadProgress")?,
    })
}

fn inputs(contents: &JsValue) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    if Array::is_array(contents) {
        for item in Array::from(contents).iter() {
            input(&item, &mut out)?;
        }
    } else {
        input(contents, &mut out)?;
    }
    Ok(out)
}

fn input(item: &JsValue, out: &mut Vec<Input>) -> Result<()> {
    if let Some(text) = item.as_string() {
        out.push(Input::Text(text));
        return Ok(());
    }
    if let Some(blob) = item.dyn_ref::<Blob>() {
        out.push(Input::Blob(blob.clone()));
        return Ok(());
    }
    if !item.is_object() {
        return Err(Error::invalid(
            "contents",
            "each item must be a string, a Blob or File, { fileUri, mimeType }, \
             an uploaded File, a part or a Content",
        ));
    }
    if let Some(uri) = string_field(item, "fileUri")? {
        let mime_type = string_field(item, "mimeType")?
            .ok_or_else(|| Error::invalid("mimeType", "{ fileUri } needs a mimeType"))?;
        out.push(Input::FileRef { uri, mime_type });
    } else if field(item, "uri").is_some() && field(item, "name").is_some() {
        let file: wire::File = typed(json_of(item, "file")?, "file")?;
        out.push(Input::File(file));
    } else if let Some(parts) = field(item, "parts") {
        // A Content: its parts join the one user turn.
        if !Array::is_array(&parts) {
            return Err(Error::invalid("parts", "expected an array"));
        }
        for part in Array::from(&parts).iter() {
            input(&part, out)?;
        }
    } else {
        let part: Part = typed(json_of(item, "part")?, "part")?;
        out.push(Input::Part(part));
    }
    Ok(())
}

/// The camelCase `config` of `generateContent`.
pub(crate) fn generate_config(config: &JsValue) -> Result<GenerateConfig> {
    let Value::Object(mut map) = json_of(config, "config")? else {
        return Err(Error::invalid("config", "expected an object"));
    };
    let system_instruction = match map.remove("systemInstruction") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text),
        Some(content) => Some(system_text(content)?),
    };
    let safety_settings = match map.remove("safetySettings") {
        None | Some(Value::Null) => Vec::new(),
        Some(list) => typed::<Vec<SafetySetting>>(list, "safetySettings")?
            .into_iter()
            .map(|s| (s.category, s.threshold))
            .collect(),
    };
    let thinking_budget = match map.remove("thinkingBudget") {
        None | Some(Value::Null) => None,
        Some(budget) => Some(typed::<i64>(budget, "thinkingBudget")?),
    };
    let media_resolution = match map.remove("mediaResolution") {
        None | Some(Value::Null) => None,
        Some(value) => Some(typed::<MediaResolution>(value, "mediaResolution")?),
    };
    let response_schema = map.remove("responseSchema").filter(|v| !v.is_null());
    let generation: GenerationConfig = typed(Value::Object(map), "config")?;
    Ok(GenerateConfig {
        system_instruction,
        response_mime_type: generation.response_mime_type.clone(),
        response_schema,
        temperature: generation.temperature,
        max_output_tokens: generation.max_output_tokens,
        thinking_budget,
        media_resolution,
        safety_settings,
        generation,
    })
}

/// The text of a system instruction given as a `Content` (or a part, or a list).
fn system_text(value: Value) -> Result<String> {
    let parts = match value {
        Value::Array(items) => items,
        Value::Object(mut content) => match content.remove("parts") {
            Some(Value::Array(parts)) => parts,
            Some(_) => return Err(Error::invalid("systemInstruction", "parts must be a list")),
            None => vec![Value::Object(content)],
        },
        _ => {
            return Err(Error::invalid(
                "systemInstruction",
                "expected a string or a Content",
            ));
        }
    };
    let texts: Vec<String> = parts
        .into_iter()
        .map(|part| match part {
            Value::String(text) => Ok(text),
            other => typed::<Part>(other, "systemInstruction")?
                .text
                .ok_or_else(|| Error::invalid("systemInstruction", "only text parts are allowed")),
        })
        .collect::<Result<_>>()?;
    Ok(texts.join("\n"))
}

fn progress_callback(obj: &JsValue, key: &'static str) -> Result<Option<ProgressCallback>> {
    let Some(value) = field(obj, key) else {
        return Ok(None);
    };
    let function = value
        .dyn_into::<Function>()
        .map_err(|_| Error::invalid(key, "expected a function"))?;
    Ok(Some(Rc::new(move |progress: UploadProgress| {
        let event = Object::new();
        let set = |name: &str, value: JsValue| {
            let _ = Reflect::set(&event, &JsValue::from_str(name), &value);
        };
        set("sent", JsValue::from(progress.sent as f64));
        set("total", JsValue::from(progress.total as f64));
        set("restarts", JsValue::from(progress.restarts));
        set("resumed", JsValue::from(progress.resumed));
        // A throwing callback must not break the upload.
        let _ = function.call1(&JsValue::NULL, &event);
    })))
}

/// `{ displayName, mimeType, chunkSize, signal, onProgress, resume }`.
pub(crate) fn upload_options(options: &JsValue) -> Result<UploadOptions> {
    Ok(UploadOptions {
        display_name: string_field(options, "displayName")?,
        mime_type: string_field(options, "mimeType")?,
        chunk_size: number_field(options, "chunkSize")?,
        signal: signal_field(options)?,
        on_progress: progress_callback(options, "onProgress")?,
        resume: bool_field(options, "resume")?.unwrap_or(true),
    })
}

/// `{ pageSize, pageToken }`.
pub(crate) fn list_options(options: &JsValue) -> Result<(Option<u32>, Option<String>)> {
    let page_size = match number_field(options, "pageSize")? {
        None => None,
        Some(size) => {
            Some(u32::try_from(size).map_err(|_| Error::invalid("pageSize", "too large"))?)
        }
    };
    Ok((page_size, string_field(options, "pageToken")?))
}

/// `{ signal, timeoutMs }`.
pub(crate) fn wait_options(options: &JsValue) -> Result<WaitOptions> {
    Ok(WaitOptions {
        signal: signal_field(options)?,
        timeout_ms: number_field(options, "timeoutMs")?,
    })
}
