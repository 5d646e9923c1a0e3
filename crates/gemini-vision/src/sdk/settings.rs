//! [`Settings`]: the one settings type of a request, for Rust callers (the demo): what a
//! person picks in a form, turned once into the `config` object of `generateContent`
//! (the SDK's names, camelCase) by [`Settings::to_config`]. A field added to the API
//! later goes in [`Settings::extra`]; nothing needs a second mapping.

use crate::wire::{HarmBlockThreshold, HarmCategory, MediaResolution, ThinkingLevel};
use serde_json::{Map, Value, json};

/// The settings of one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// `systemInstruction`, as text (empty means none).
    pub system_instruction: Option<String>,
    /// `temperature` (0 to 2).
    pub temperature: Option<f64>,
    /// `thinkingConfig.thinkingBudget` (0 turns thinking off where the model allows it,
    /// -1 lets the model decide).
    pub thinking_budget: Option<i64>,
    /// `thinkingConfig.thinkingLevel` (Gemini 3).
    pub thinking_level: Option<ThinkingLevel>,
    /// `mediaResolution` for every media part.
    pub media_resolution: Option<MediaResolution>,
    /// `responseMimeType` (`application/json` for JSON output).
    pub response_mime_type: Option<String>,
    /// `responseSchema` (the API's OpenAPI subset); implies JSON output when no MIME
    /// type is set.
    pub response_schema: Option<Value>,
    /// `safetySettings`, one threshold per category.
    pub safety: Vec<(HarmCategory, HarmBlockThreshold)>,
    /// `maxOutputTokens`.
    pub max_output_tokens: Option<i64>,
    /// Every other key of `config`, as the SDK names it (`topP`, `tools`, `seed`...);
    /// the fields above win over a key of the same name here.
    pub extra: Map<String, Value>,
}

impl Settings {
    /// The `config` object of `generateContent` (only the keys that are set).
    pub fn to_config(&self) -> Value {
        let mut config = self.extra.clone();
        let mut set = |key: &str, value: Value| {
            config.insert(key.to_owned(), value);
        };
        if let Some(system) = self.system_instruction.as_ref().filter(|s| !s.is_empty()) {
            set("systemInstruction", json!(system));
        }
        if let Some(temperature) = self.temperature {
            set("temperature", json!(temperature));
        }
        if self.thinking_budget.is_some() || self.thinking_level.is_some() {
            let mut thinking = match self.extra.get("thinkingConfig") {
                Some(Value::Object(given)) => given.clone(),
                _ => Map::new(),
            };
            if let Some(budget) = self.thinking_budget {
                thinking.insert("thinkingBudget".into(), json!(budget));
            }
            if let Some(level) = &self.thinking_level {
                thinking.insert("thinkingLevel".into(), json!(level.as_str()));
            }
            set("thinkingConfig", Value::Object(thinking));
        }
        if let Some(resolution) = &self.media_resolution {
            set("mediaResolution", json!(resolution.as_str()));
        }
        if let Some(schema) = &self.response_schema {
            set("responseSchema", schema.clone());
        }
        let mime = self.response_mime_type.clone().or_else(|| {
            self.response_schema
                .as_ref()
                .map(|_| "application/json".to_owned())
        });
        if let Some(mime) = mime {
            set("responseMimeType", json!(mime));
        }
        if !self.safety.is_empty() {
            let list: Vec<Value> = self
                .safety
                .iter()
                .map(|(category, threshold)| {
                    json!({"category": category.as_str(), "threshold": threshold.as_str()})
                })
                .collect();
            set("safetySettings", Value::Array(list));
        }
        if let Some(tokens) = self.max_output_tokens {
            set("maxOutputTokens", json!(tokens));
        }
        Value::Object(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_settings_make_an_empty_config() {
        assert_eq!(Settings::default().to_config(), json!({}));
    }

    #[test]
    fn every_setting_has_the_sdks_name() {
        let settings = Settings {
            system_instruction: Some("Be terse".into()),
            temperature: Some(0.5),
            thinking_budget: Some(0),
            media_resolution: Some(MediaResolution::Low),
            response_schema: Some(json!({"type": "ARRAY"})),
            safety: vec![(HarmCategory::Harassment, HarmBlockThreshold::BlockNone)],
            max_output_tokens: Some(100),
            ..Settings::default()
        };
        assert_eq!(
            settings.to_config(),
            json!({
                "systemInstruction": "Be terse",
                "temperature": 0.5,
                "thinkingConfig": {"thinkingBudget": 0},
                "mediaResolution": "MEDIA_RESOLUTION_LOW",
                "responseSchema": {"type": "ARRAY"},
                "responseMimeType": "application/json",
                "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
                "maxOutputTokens": 100
            })
        );
    }

    #[test]
    fn extra_keys_pass_and_named_fields_win() {
        let mut extra = Map::new();
        extra.insert("topP".into(), json!(0.9));
        extra.insert("temperature".into(), json!(1.5));
        extra.insert("thinkingConfig".into(), json!({"includeThoughts": true}));
        let settings = Settings {
            temperature: Some(0.2),
            thinking_level: Some(ThinkingLevel::Low),
            extra,
            ..Settings::default()
        };
        let config = settings.to_config();
        assert_eq!(config["topP"], json!(0.9));
        assert_eq!(config["temperature"], json!(0.2));
        assert_eq!(
            config["thinkingConfig"],
            json!({"includeThoughts": true, "thinkingLevel": "LOW"})
        );
    }
}
