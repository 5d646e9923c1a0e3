//! What a caller asks for: the model, the contents in order, the settings.

use crate::files::ProgressCallback;
use gemini_vision::request::RequestBuilder;
use gemini_vision::wire::{
    self, GenerationConfig, HarmBlockThreshold, HarmCategory, MediaResolution, Part,
};
use std::fmt;
use web_sys::{AbortSignal, Blob};

/// One `generateContent` (or stream, or countTokens) request.
#[derive(Clone)]
pub struct GenerateRequest {
    /// The model (`gemini-2.5-flash` or `models/gemini-2.5-flash`).
    pub model: String,
    /// The parts, in order; all in one user turn.
    pub contents: Vec<Input>,
    /// The settings.
    pub config: GenerateConfig,
    /// Aborts uploads, the request and every wait.
    pub signal: Option<AbortSignal>,
    /// Progress of the parts the plan uploads.
    pub on_upload_progress: Option<ProgressCallback>,
}

impl GenerateRequest {
    /// A request to `model` with `contents` and default settings.
    pub fn new(model: impl Into<String>, contents: Vec<Input>) -> Self {
        GenerateRequest {
            model: model.into(),
            contents,
            config: GenerateConfig::default(),
            signal: None,
            on_upload_progress: None,
        }
    }
}

impl fmt::Debug for GenerateRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GenerateRequest")
            .field("model", &self.model)
            .field("contents", &self.contents)
            .field("config", &self.config)
            .field("signal", &self.signal.is_some())
            .field("on_upload_progress", &self.on_upload_progress.is_some())
            .finish()
    }
}

/// One part of the contents.
#[derive(Clone, Debug)]
pub enum Input {
    /// A text part.
    Text(String),
    /// Media (a `File` is a `Blob`); MIME from `blob.type`, else sniffed. Sent inline
    /// or uploaded first, as the plan says.
    Blob(Blob),
    /// A file already uploaded, by URI.
    FileRef {
        /// `File.uri` (or `files/{id}`).
        uri: String,
        /// Its MIME type.
        mime_type: String,
    },
    /// What `FileOps::upload` returned.
    File(wire::File),
    /// A raw part, sent as is.
    Part(Part),
}

/// The settings of a request (camelCase in JS).
#[derive(Clone, Debug, Default)]
pub struct GenerateConfig {
    /// The system instruction (one text part).
    pub system_instruction: Option<String>,
    /// `responseMimeType` (`application/json` for JSON output).
    pub response_mime_type: Option<String>,
    /// `responseSchema`; implies JSON output unless a MIME type is set.
    pub response_schema: Option<serde_json::Value>,
    /// `temperature`.
    pub temperature: Option<f64>,
    /// `maxOutputTokens`.
    pub max_output_tokens: Option<i64>,
    /// `thinkingConfig.thinkingBudget` (0 turns thinking off on 2.5 Flash).
    pub thinking_budget: Option<i64>,
    /// `mediaResolution`.
    pub media_resolution: Option<MediaResolution>,
    /// `safetySettings`.
    pub safety_settings: Vec<(HarmCategory, HarmBlockThreshold)>,
    /// Everything else of `generationConfig` (`topP`, `topK`, `seed`,
    /// `stopSequences`, `candidateCount`, `thinkingConfig.includeThoughts`...); the
    /// named fields above override it.
    pub generation: GenerationConfig,
}

impl GenerateConfig {
    /// Applies these settings to `builder`.
    pub(crate) fn apply(&self, builder: &mut RequestBuilder) {
        *builder.generation_config_mut() = self.generation.clone();
        if let Some(system) = self.system_instruction.as_ref().filter(|s| !s.is_empty()) {
            builder.system_instruction(system.clone());
        }
        if let Some(mime) = &self.response_mime_type {
            builder.response_mime_type(mime.clone());
        }
        if let Some(schema) = &self.response_schema {
            builder.response_schema(schema.clone());
        }
        if let Some(temperature) = self.temperature {
            builder.temperature(temperature);
        }
        if let Some(tokens) = self.max_output_tokens {
            builder.max_output_tokens(tokens);
        }
        if let Some(budget) = self.thinking_budget {
            builder.thinking_budget(budget);
        }
        if let Some(resolution) = &self.media_resolution {
            builder.media_resolution(resolution.clone());
        }
        for (category, threshold) in &self.safety_settings {
            builder.safety_setting(category.clone(), threshold.clone());
        }
    }
}
