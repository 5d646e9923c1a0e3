//! [`GenerateParams`]: the `{ model, contents, config }` object of a call, built from Rust
//! (the demo) out of the core's one settings type ([`Settings`]) and the parts of one
//! user turn, so that a Rust caller needs no second mapping of settings.

use crate::values::{object_of, set};
use gemini_vision::request::Settings;
use gemini_vision::{Error, Result};
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, Blob};

/// The parameters of `generateContent`, `generateContentStream`, `countTokens` and
/// `preview`, built step by step.
#[derive(Debug, Clone)]
pub struct GenerateParams {
    model: String,
    contents: Option<JsValue>,
    parts: Array,
    settings: Option<Settings>,
    config: Vec<(String, JsValue)>,
}

impl GenerateParams {
    /// Parameters for `model` (`gemini-2.5-flash` or `models/gemini-2.5-flash`).
    pub fn new(model: impl Into<String>) -> Self {
        GenerateParams {
            model: model.into(),
            contents: None,
            parts: Array::new(),
            settings: None,
            config: Vec::new(),
        }
    }

    /// Adds a text part to the user turn.
    pub fn text(self, text: &str) -> Self {
        self.parts.push(&JsValue::from_str(text));
        self
    }

    /// Adds media (a `File` is a `Blob`) to the user turn: sent inline, or uploaded
    /// first, as the plan says.
    pub fn blob(self, blob: &Blob) -> Self {
        self.parts.push(blob);
        self
    }

    /// Adds any part object (`{ fileData }`, `{ inlineData: Blob, mediaResolution }`...).
    pub fn part(self, part: &JsValue) -> Self {
        self.parts.push(part);
        self
    }

    /// Sends these contents (a list of Contents, for several turns) instead of one user
    /// turn made of the parts added.
    pub fn contents(mut self, contents: JsValue) -> Self {
        self.contents = Some(contents);
        self
    }

    /// The settings of the request.
    pub fn settings(mut self, settings: &Settings) -> Self {
        self.settings = Some(settings.clone());
        self
    }

    /// Sets one key of `config` as it is (after the settings, so it wins):
    /// `onUploadProgress`, `httpOptions`, `tools`...
    pub fn config(mut self, key: &str, value: JsValue) -> Self {
        self.config.push((key.to_owned(), value));
        self
    }

    /// Aborts uploads, the request and every wait when `signal` fires.
    pub fn signal(self, signal: &AbortSignal) -> Self {
        self.config("abortSignal", signal.clone().into())
    }

    /// The parameters object.
    pub fn build(self) -> Result<JsValue> {
        let config = match &self.settings {
            Some(settings) => {
                let text = gemini_vision::json::to_string(&settings.to_config());
                let parsed = js_sys::JSON::parse(&text)
                    .map_err(|_| Error::invalid("settings", "not JSON"))?;
                Object::from(parsed)
            }
            None => Object::new(),
        };
        for (key, value) in &self.config {
            set(&config, key, value);
        }
        let contents: JsValue = self.contents.unwrap_or_else(|| self.parts.into());
        Ok(object_of(&[
            ("model", &JsValue::from_str(&self.model)),
            ("contents", &contents),
            ("config", &config),
        ])
        .into())
    }
}
