//! `generationConfig`: output format, sampling, thinking and media resolution.

use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How the model generates its answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerationConfig {
    /// The answer's MIME type: `text/plain` (default), `application/json`, `text/x.enum`.
    #[serde(
        default,
        alias = "response_mime_type",
        skip_serializing_if = "Option::is_none"
    )]
    pub response_mime_type: Option<String>,
    /// The answer's schema (the API's OpenAPI subset), verbatim.
    #[serde(
        default,
        alias = "response_schema",
        skip_serializing_if = "Option::is_none"
    )]
    pub response_schema: Option<Value>,
    /// The answer's schema as JSON Schema, verbatim.
    #[serde(
        default,
        alias = "response_json_schema",
        skip_serializing_if = "Option::is_none"
    )]
    pub response_json_schema: Option<Value>,
    /// Sampling temperature, 0.0 to 2.0.
    #[serde(
        default,
        with = "super::float",
        skip_serializing_if = "Option::is_none"
    )]
    pub temperature: Option<f64>,
    /// Nucleus sampling mass, 0.0 to 1.0.
    #[serde(
        default,
        alias = "top_p",
        with = "super::float",
        skip_serializing_if = "Option::is_none"
    )]
    pub top_p: Option<f64>,
    /// Top-k sampling.
    #[serde(default, alias = "top_k", skip_serializing_if = "Option::is_none")]
    pub top_k: Option<i64>,
    /// How many candidates to generate.
    #[serde(
        default,
        alias = "candidate_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub candidate_count: Option<i64>,
    /// The most tokens the answer may have.
    #[serde(
        default,
        alias = "max_output_tokens",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_output_tokens: Option<i64>,
    /// Strings that end generation.
    #[serde(
        default,
        alias = "stop_sequences",
        skip_serializing_if = "Option::is_none"
    )]
    pub stop_sequences: Option<Vec<String>>,
    /// A seed for sampling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<i64>,
    /// How many tokens each image or video frame costs.
    #[serde(
        default,
        alias = "media_resolution",
        skip_serializing_if = "Option::is_none"
    )]
    pub media_resolution: Option<MediaResolution>,
    /// Reasoning settings.
    #[serde(
        default,
        alias = "thinking_config",
        skip_serializing_if = "Option::is_none"
    )]
    pub thinking_config: Option<ThinkingConfig>,
    /// Fields this version does not know (`responseModalities`, penalties...), verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Reasoning settings (`generationConfig.thinkingConfig`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThinkingConfig {
    /// Tokens the model may spend thinking: 0 turns thinking off (where the model
    /// allows it), -1 lets the model decide.
    #[serde(
        default,
        alias = "thinking_budget",
        skip_serializing_if = "Option::is_none"
    )]
    pub thinking_budget: Option<i64>,
    /// Whether the answer includes thought summaries (`"thought": true` parts).
    #[serde(
        default,
        alias = "include_thoughts",
        skip_serializing_if = "Option::is_none"
    )]
    pub include_thoughts: Option<bool>,
    /// Gemini 3's coarse thinking level.
    #[serde(
        default,
        alias = "thinking_level",
        skip_serializing_if = "Option::is_none"
    )]
    pub thinking_level: Option<ThinkingLevel>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

open_enum! {
    /// How many tokens an image or a video frame is given (`mediaResolution`).
    pub enum MediaResolution {
        /// Not set: the model's default.
        Unspecified = "MEDIA_RESOLUTION_UNSPECIFIED",
        /// Fewest tokens.
        Low = "MEDIA_RESOLUTION_LOW",
        /// Between low and high.
        Medium = "MEDIA_RESOLUTION_MEDIUM",
        /// More tokens, finer detail (Gemini 3's default for images).
        High = "MEDIA_RESOLUTION_HIGH",
        /// Gemini 3, on one part only (`part.mediaResolution.level`): the most tokens.
        /// The API refuses it in `generationConfig`.
        UltraHigh = "MEDIA_RESOLUTION_ULTRA_HIGH",
    }
}

impl MediaResolution {
    /// Reads a user-typed resolution: `low`, `Medium`, `ultra_high`, `MEDIA_RESOLUTION_HIGH`...
    /// Returns `None` for anything else.
    pub fn parse_lenient(text: &str) -> Option<Self> {
        let upper = text.trim().to_ascii_uppercase();
        let short = upper.strip_prefix("MEDIA_RESOLUTION_").unwrap_or(&upper);
        match short {
            "UNSPECIFIED" => Some(Self::Unspecified),
            "LOW" => Some(Self::Low),
            "MEDIUM" => Some(Self::Medium),
            "HIGH" => Some(Self::High),
            "ULTRA_HIGH" => Some(Self::UltraHigh),
            _ => None,
        }
    }
}

open_enum! {
    /// Gemini 3's thinking level (`thinkingConfig.thinkingLevel`).
    pub enum ThinkingLevel {
        /// Not set: the model's default.
        Unspecified = "THINKING_LEVEL_UNSPECIFIED",
        /// As little thinking as the model allows.
        Minimal = "MINIMAL",
        /// Little thinking, low latency.
        Low = "LOW",
        /// Balanced.
        Medium = "MEDIUM",
        /// Deep reasoning.
        High = "HIGH",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_snake_case_thinking_budget_is_read() {
        let config: GenerationConfig =
            serde_json::from_str(r#"{"thinkingConfig":{"thinking_budget":0}}"#).unwrap();
        let thinking = config.thinking_config.unwrap();
        assert_eq!(thinking.thinking_budget, Some(0));
    }

    #[test]
    fn unknown_media_resolution_is_kept() {
        let config: GenerationConfig =
            serde_json::from_str(r#"{"mediaResolution":"MEDIA_RESOLUTION_ULTRA"}"#).unwrap();
        assert_eq!(
            config.media_resolution,
            Some(MediaResolution::Unknown("MEDIA_RESOLUTION_ULTRA".into()))
        );
        let back = serde_json::to_string(&config).unwrap();
        assert_eq!(back, r#"{"mediaResolution":"MEDIA_RESOLUTION_ULTRA"}"#);
    }

    #[test]
    fn lenient_resolution_names_are_understood() {
        assert_eq!(
            MediaResolution::parse_lenient("low"),
            Some(MediaResolution::Low)
        );
        assert_eq!(
            MediaResolution::parse_lenient("MEDIA_RESOLUTION_HIGH"),
            Some(MediaResolution::High)
        );
        assert_eq!(MediaResolution::parse_lenient("huge"), None);
    }

    #[test]
    fn unrecognised_fields_survive_a_round_trip() {
        let text = r#"{"presencePenalty":0.5,"responseModalities":["TEXT"]}"#;
        let config: GenerationConfig = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&config).unwrap(), text);
    }
}
