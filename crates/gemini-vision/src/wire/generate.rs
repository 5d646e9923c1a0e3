//! The body of `generateContent` and `streamGenerateContent`.

use super::config::GenerationConfig;
use super::content::Content;
use super::safety::SafetySetting;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A `generateContent` request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateContentRequest {
    /// `models/{model}`: only inside a countTokens `generateContentRequest`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The conversation so far, oldest turn first.
    #[serde(default)]
    pub contents: Vec<Content>,
    /// Instructions that apply to the whole conversation.
    #[serde(
        default,
        alias = "system_instruction",
        skip_serializing_if = "Option::is_none"
    )]
    pub system_instruction: Option<Content>,
    /// Output format, sampling, thinking and media resolution.
    #[serde(
        default,
        alias = "generation_config",
        skip_serializing_if = "Option::is_none"
    )]
    pub generation_config: Option<GenerationConfig>,
    /// Blocking thresholds per harm category.
    #[serde(
        default,
        alias = "safety_settings",
        skip_serializing_if = "Option::is_none"
    )]
    pub safety_settings: Option<Vec<SafetySetting>>,
    /// Tools the model may call, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Value>>,
    /// How the model may call tools, verbatim.
    #[serde(
        default,
        alias = "tool_config",
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_config: Option<Value>,
    /// The name of cached content to use as context (`cachedContents/{id}`).
    #[serde(
        default,
        alias = "cached_content",
        skip_serializing_if = "Option::is_none"
    )]
    pub cached_content: Option<String>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GenerateContentRequest {
    /// Every part of the request, system instruction first, then each turn in order.
    pub fn all_parts(&self) -> impl Iterator<Item = &super::Part> {
        self.system_instruction
            .iter()
            .chain(self.contents.iter())
            .flat_map(Content::parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_python_request_reads_with_snake_case_parts() {
        let body = r#"{"contents":[{"parts":[{"inlineData":{"data":"AAAA","mime_type":"image/png"}},{"text":"Detect objects"}],"role":"user"}],"generationConfig":{"thinkingConfig":{"thinking_budget":0}}}"#;
        let request: GenerateContentRequest = serde_json::from_str(body).unwrap();
        let parts: Vec<_> = request.all_parts().collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].media_mime_type(), Some("image/png"));
        assert_eq!(parts[1].text.as_deref(), Some("Detect objects"));
    }

    #[test]
    fn all_parts_starts_with_the_system_instruction() {
        let request = GenerateContentRequest {
            contents: vec![Content::user(vec![super::super::Part::text("hi")])],
            system_instruction: Some(Content {
                parts: Some(vec![super::super::Part::text("be terse")]),
                ..Content::default()
            }),
            ..GenerateContentRequest::default()
        };
        let texts: Vec<_> = request
            .all_parts()
            .filter_map(|p| p.text.as_deref())
            .collect();
        assert_eq!(texts, ["be terse", "hi"]);
    }
}
