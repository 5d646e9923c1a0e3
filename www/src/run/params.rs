//! The parameters of one request, built by the library's `GenerateParams` from the
//! core's settings: the media first (an uploaded file as a `fileData` part, the rest as
//! the `Blob` itself, which the library sends inline or uploads as its plan says), then
//! the prompt, as Google advises for images.

use super::Ask;
use crate::state::MediaEntry;
use gemini_vision::Error;
use gemini_vision::request::Settings;
use gemini_vision_web::GenerateParams;
use js_sys::Object;
use wasm_bindgen::JsValue;

/// A JS object of `pairs`.
pub(super) fn object(pairs: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// The part of one medium: `{ fileData }` once uploaded, otherwise the `Blob`.
pub fn media_part(entry: &MediaEntry) -> JsValue {
    match entry.uploaded.as_ref().and_then(|f| f.uri.clone()) {
        Some(uri) => {
            let mime = entry
                .uploaded
                .as_ref()
                .and_then(|f| f.mime_type.clone())
                .unwrap_or_else(|| entry.facts.mime.clone());
            let data = object(&[
                ("fileUri", &JsValue::from_str(&uri)),
                ("mimeType", &JsValue::from_str(&mime)),
            ]);
            object(&[("fileData", &data)]).into()
        }
        None => entry.blob.clone().into(),
    }
}

/// `{ model, contents, config }` of `ask` on `entries`, with `settings` (the ask's own,
/// or a follow-up's) and `signal` as `config.abortSignal` when given.
pub fn params_with(
    ask: &Ask,
    settings: &Settings,
    entries: &[&MediaEntry],
    text: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<JsValue, Error> {
    let mut params = GenerateParams::new(ask.model.clone());
    for entry in entries {
        params = params.part(&media_part(entry));
    }
    if !text.trim().is_empty() {
        params = params.text(text);
    }
    params = params.settings(settings);
    if let Some(signal) = signal {
        params = params.signal(signal);
    }
    params.build()
}

/// The params of `ask`'s first turn on `entries`.
pub fn params_for(
    ask: &Ask,
    entries: &[&MediaEntry],
    signal: Option<&web_sys::AbortSignal>,
) -> Result<JsValue, Error> {
    params_with(ask, &ask.settings, entries, &ask.prompt, signal)
}

/// One field of a params object (`config`, `contents`).
pub fn field(params: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(params, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `{ message, config }` for a chat send.
pub fn message_params(message: &JsValue, config: &JsValue) -> JsValue {
    object(&[("message", message), ("config", config)]).into()
}

/// `{ model, config }` for `chats.create`.
pub fn chat_params(model: &str, config: &JsValue) -> JsValue {
    object(&[("model", &JsValue::from_str(model)), ("config", config)]).into()
}
