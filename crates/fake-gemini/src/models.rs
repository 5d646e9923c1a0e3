//! The models the emulator knows, and `GET /{ver}/models[/{model}]`.
//!
//! A request for any other model is answered 404 `NOT_FOUND` with the API's message.

use axum::Json;
use axum::extract::{Path, Query};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, Status};

/// Current public Gemini model ids (without `models/`).
pub const MODELS: &[&str] = &[
    "gemini-1.5-flash",
    "gemini-1.5-flash-latest",
    "gemini-1.5-flash-001",
    "gemini-1.5-flash-002",
    "gemini-1.5-flash-8b",
    "gemini-1.5-flash-8b-latest",
    "gemini-1.5-pro",
    "gemini-1.5-pro-latest",
    "gemini-1.5-pro-001",
    "gemini-1.5-pro-002",
    "gemini-2.0-flash",
    "gemini-2.0-flash-001",
    "gemini-2.0-flash-exp",
    "gemini-2.0-flash-lite",
    "gemini-2.0-flash-lite-001",
    "gemini-2.5-flash",
    "gemini-2.5-flash-latest",
    "gemini-2.5-flash-preview-05-20",
    "gemini-2.5-flash-preview-09-2025",
    "gemini-2.5-flash-lite",
    "gemini-2.5-flash-lite-latest",
    "gemini-2.5-flash-lite-preview-09-2025",
    "gemini-2.5-flash-image",
    "gemini-2.5-pro",
    "gemini-2.5-pro-latest",
    "gemini-2.5-pro-exp-03-25",
    "gemini-2.5-pro-preview-06-05",
    "gemini-2.5-flash-image-preview",
    "gemini-3-flash-preview",
    "gemini-3-pro-preview",
    "gemini-3-pro-image-preview",
    "gemini-3-pro-image",
    "gemini-3.1-pro-preview",
    "gemini-3.1-flash-lite",
    "gemini-3.1-flash-lite-preview",
    "gemini-3.1-flash-image",
    "gemini-3.1-flash-image-preview",
    "gemini-3.1-flash-lite-image",
    "gemini-3.5-flash",
    "gemini-3.5-flash-lite",
    "gemini-3.6-flash",
    "gemini-robotics-er-1.5-preview",
    "gemini-robotics-er-1.6-preview",
    "gemini-2.5-flash-preview-tts",
    "gemini-flash-latest",
    "gemini-flash-lite-latest",
    "gemini-pro-latest",
];

/// The generation a model belongs to; decides token rules, thinking and answer style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Gemini 1.0 and 1.5.
    Gemini1,
    /// Gemini 2.0.
    Gemini20,
    /// Gemini 2.5 Flash and Flash-Lite.
    Gemini25Flash,
    /// Gemini 2.5 Pro.
    Gemini25Pro,
    /// Gemini 3 and later.
    Gemini3,
}

impl Family {
    /// The family of a known model id.
    pub fn of(model: &str) -> Family {
        if model.starts_with("gemini-1.") {
            Family::Gemini1
        } else if model.starts_with("gemini-2.0") {
            Family::Gemini20
        } else if model.starts_with("gemini-2.5-pro") || model == "gemini-pro-latest" {
            Family::Gemini25Pro
        } else if model.starts_with("gemini-2.5") {
            Family::Gemini25Flash
        } else if model.starts_with("gemini-3") {
            Family::Gemini3
        } else {
            // The `-latest` aliases point at 2.5 today; Robotics-ER models take 2.5's
            // thinking budget.
            Family::Gemini25Flash
        }
    }

    /// Whether the model thinks unless told not to.
    pub fn thinks(self) -> bool {
        matches!(
            self,
            Family::Gemini25Flash | Family::Gemini25Pro | Family::Gemini3
        )
    }
}

/// Whether the model answers with images (`responseModalities: ["IMAGE"]`).
pub fn makes_images(model: &str) -> bool {
    model.contains("-image")
}

/// Whether the model answers with audio.
pub fn speaks(model: &str) -> bool {
    model.ends_with("-tts") || model.contains("-tts-")
}

/// The `thinkingLevel` values a Gemini 3 model takes: Pro models cannot think minimally
/// (3 Pro has no medium either), Flash models take every level.
pub fn thinking_levels(model: &str) -> &'static [&'static str] {
    if model.starts_with("gemini-3-pro") {
        &["THINKING_LEVEL_UNSPECIFIED", "LOW", "HIGH"]
    } else if model.contains("-pro") {
        &["THINKING_LEVEL_UNSPECIFIED", "LOW", "MEDIUM", "HIGH"]
    } else {
        &[
            "THINKING_LEVEL_UNSPECIFIED",
            "MINIMAL",
            "LOW",
            "MEDIUM",
            "HIGH",
        ]
    }
}

/// The smallest context cache the model takes, in tokens (the caching docs' table:
/// 2,048 for 2.5, 4,096 for Gemini 3; older models as they were documented).
pub fn min_cache_tokens(model: &str) -> u64 {
    match Family::of(model) {
        Family::Gemini1 => 32_768,
        Family::Gemini20 | Family::Gemini3 => 4096,
        Family::Gemini25Flash | Family::Gemini25Pro => 2048,
    }
}

/// The model id without a `models/` prefix, if the emulator knows it.
pub fn resolve(model: &str) -> Option<&'static str> {
    let id = model.strip_prefix("models/").unwrap_or(model);
    MODELS.iter().copied().find(|known| *known == id)
}

/// 404 for an unknown model, worded like the API.
pub fn not_found(model: &str, version: &str, method: &str) -> ApiError {
    let id = model.strip_prefix("models/").unwrap_or(model);
    let message = format!(
        "models/{id} is not found for API version {version}, or is not supported for \
         {method}. Call ListModels to see the list of available models and their supported \
         methods."
    );
    let detail = format!(
        "[ORIGINAL ERROR] generic::not_found: {message} [google.rpc.error_details_ext] \
         {{ message: \"{message}\" }}"
    );
    ApiError::new(Status::NotFound, message.clone()).with_detail(json!({
        "@type": "type.googleapis.com/google.rpc.DebugInfo",
        "detail": detail
    }))
}

/// A model as `models.get` and `models.list` describe it.
pub fn describe(id: &str) -> Value {
    let family = Family::of(id);
    let (input, output) = match family {
        Family::Gemini1 => (1_048_576, 8192),
        _ if makes_images(id) => (32_768, 32_768),
        _ => (1_048_576, 65_536),
    };
    let mut methods = vec!["generateContent", "countTokens"];
    if !makes_images(id) && !speaks(id) {
        methods.extend(["createCachedContent", "batchGenerateContent"]);
    }
    json!({
        "name": format!("models/{id}"),
        "version": "001",
        "displayName": id,
        "description": format!("Emulated {id}"),
        "inputTokenLimit": input,
        "outputTokenLimit": output,
        "supportedGenerationMethods": methods,
        "temperature": 1,
        "topP": 0.95,
        "topK": 64,
        "maxTemperature": 2,
        "thinking": family.thinks() && !makes_images(id),
    })
}

/// Query of `models.list`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    page_size: Option<usize>,
    page_token: Option<String>,
}

/// `GET /{ver}/models`.
pub async fn list(Query(query): Query<ListQuery>) -> Json<Value> {
    let size = query.page_size.unwrap_or(50).clamp(1, 1000);
    let start: usize = query
        .page_token
        .and_then(|token| token.parse().ok())
        .unwrap_or(0);
    let page: Vec<Value> = MODELS
        .iter()
        .skip(start)
        .take(size)
        .map(|id| describe(id))
        .collect();
    let mut body = json!({ "models": page });
    if start + size < MODELS.len()
        && let Some(object) = body.as_object_mut()
    {
        object.insert(
            "nextPageToken".into(),
            Value::String((start + size).to_string()),
        );
    }
    Json(body)
}

/// `GET /{ver}/models/{model}`.
pub async fn get(Path((version, model)): Path<(String, String)>) -> Result<Json<Value>, ApiError> {
    match resolve(&model) {
        Some(id) => Ok(Json(describe(id))),
        None => Err(not_found(&model, &version, "getModel")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn resolves_with_and_without_prefix() {
        assert_eq!(resolve("models/gemini-2.5-flash"), Some("gemini-2.5-flash"));
        assert_eq!(
            resolve("gemini-3-flash-preview"),
            Some("gemini-3-flash-preview")
        );
        assert_eq!(resolve("custom-gemini-2.0-flash"), None);
    }

    #[test]
    fn not_found_matches_the_recorded_message() {
        let error = not_found("custom-gemini-2.0-flash", "v1beta", "generateContent");
        assert_eq!(
            error.message,
            "models/custom-gemini-2.0-flash is not found for API version v1beta, or is not \
             supported for generateContent. Call ListModels to see the list of available \
             models and their supported methods."
        );
    }

    #[test]
    fn families_follow_the_name() {
        assert_eq!(Family::of("gemini-2.5-pro"), Family::Gemini25Pro);
        assert_eq!(Family::of("gemini-2.5-flash-lite"), Family::Gemini25Flash);
        assert_eq!(Family::of("gemini-3.1-pro-preview"), Family::Gemini3);
        assert_eq!(Family::of("gemini-1.5-pro"), Family::Gemini1);
    }

    proptest! {
        #[test]
        fn unknown_names_do_not_resolve(name in "[a-z0-9.-]{1,30}") {
            prop_assume!(!MODELS.contains(&name.as_str()));
            prop_assert_eq!(resolve(&name), None);
        }
    }
}
