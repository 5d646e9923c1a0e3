//! Request bodies of `generateContent`, `streamGenerateContent` and `countTokens`.
//!
//! Fields are camelCase on the wire and also accepted in snake_case, as the official
//! Python client sends some of them (`mime_type`, `file_uri`, `thinking_budget`).
//! Unknown fields are ignored. Parsing never decodes base64; see `validation`.

use serde::Deserialize;

/// `generateContent` / `streamGenerateContent` body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateRequest {
    /// The conversation.
    #[serde(default)]
    pub contents: Vec<Content>,
    /// The system instruction.
    #[serde(default, alias = "system_instruction")]
    pub system_instruction: Option<Content>,
    /// Generation settings.
    #[serde(default, alias = "generation_config")]
    pub generation_config: Option<GenerationConfig>,
}

/// `countTokens` body: either bare `contents` or a whole `generateContentRequest`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountRequest {
    /// Bare contents.
    #[serde(default)]
    pub contents: Vec<Content>,
    /// A full request whose prompt is counted.
    #[serde(default, alias = "generate_content_request")]
    pub generate_content_request: Option<GenerateRequest>,
}

/// One turn.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    /// `user` or `model`.
    #[serde(default)]
    pub role: Option<String>,
    /// Its parts.
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// One part; exactly one of the data fields is expected.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    /// Text.
    #[serde(default)]
    pub text: Option<String>,
    /// Base64 bytes.
    #[serde(default, alias = "inline_data")]
    pub inline_data: Option<InlineData>,
    /// A File API reference.
    #[serde(default, alias = "file_data")]
    pub file_data: Option<FileData>,
    /// Everything else a part may carry (`functionCall`, `functionResponse`,
    /// `executableCode`, `thought`, ...), accepted and not interpreted.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// `inlineData`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InlineData {
    /// The bytes' MIME type.
    #[serde(default, alias = "mime_type")]
    pub mime_type: Option<String>,
    /// Base64, standard or URL-safe, padded or not.
    #[serde(default)]
    pub data: Option<String>,
}

/// `fileData`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileData {
    /// The file's MIME type.
    #[serde(default, alias = "mime_type")]
    pub mime_type: Option<String>,
    /// `https://host/v1beta/files/ID` or `files/ID`.
    #[serde(default, alias = "file_uri")]
    pub file_uri: Option<String>,
}

/// `generationConfig`, only what changes the emulator's answer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerationConfig {
    /// `application/json` drops the code fence.
    #[serde(default, alias = "response_mime_type")]
    pub response_mime_type: Option<String>,
    /// Cuts the answer with `MAX_TOKENS`.
    #[serde(default, alias = "max_output_tokens")]
    pub max_output_tokens: Option<u64>,
    /// Number of identical candidates.
    #[serde(default, alias = "candidate_count")]
    pub candidate_count: Option<u32>,
    /// Gemini 3 image token rule.
    #[serde(default, alias = "media_resolution")]
    pub media_resolution: Option<String>,
    /// Thinking.
    #[serde(default, alias = "thinking_config")]
    pub thinking_config: Option<ThinkingConfig>,
}

/// `thinkingConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThinkingConfig {
    /// 0 turns thinking off where the model allows it; -1 is dynamic.
    #[serde(default, alias = "thinking_budget")]
    pub thinking_budget: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_python_clients_snake_case() {
        let body = r#"{"contents":[{"parts":[{"inlineData":{"data":"AA","mime_type":"image/png"}},
            {"fileData":{"file_uri":"files/abc","mime_type":"video/mp4"}}],"role":"user"}],
            "generationConfig":{"thinkingConfig":{"thinking_budget":0},"responseMimeType":"application/json"}}"#;
        let request: GenerateRequest = serde_json::from_str(body).unwrap();
        let parts = &request.contents[0].parts;
        assert_eq!(
            parts[0].inline_data.as_ref().unwrap().mime_type.as_deref(),
            Some("image/png")
        );
        assert_eq!(
            parts[1].file_data.as_ref().unwrap().file_uri.as_deref(),
            Some("files/abc")
        );
        let config = request.generation_config.unwrap();
        assert_eq!(config.thinking_config.unwrap().thinking_budget, Some(0));
    }

    #[test]
    fn reads_snake_case_top_level_fields() {
        let body = r#"{"contents":[],"system_instruction":{"parts":[{"text":"x"}]},
            "generation_config":{"max_output_tokens":5}}"#;
        let request: GenerateRequest = serde_json::from_str(body).unwrap();
        assert!(request.system_instruction.is_some());
        assert_eq!(
            request.generation_config.unwrap().max_output_tokens,
            Some(5)
        );
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in ".{0,200}") {
            let body = serde_json::json!({"contents":[{"parts":[{"text": text.clone()}]}]});
            let request: GenerateRequest = serde_json::from_value(body).unwrap();
            prop_assert_eq!(request.contents[0].parts[0].text.as_deref(), Some(text.as_str()));
        }
    }
}
