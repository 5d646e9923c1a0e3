//! The body and answer of `countTokens`.

use super::content::Content;
use super::generate::GenerateContentRequest;
use super::usage::ModalityTokenCount;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A `countTokens` body: either `contents`, or a whole `generateContentRequest`
/// (needed to count a system instruction, tools or config).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountTokensRequest {
    /// The contents to count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contents: Option<Vec<Content>>,
    /// A full request to count; its `model` must be set (`models/{model}`).
    #[serde(
        default,
        alias = "generate_content_request",
        skip_serializing_if = "Option::is_none"
    )]
    pub generate_content_request: Option<GenerateContentRequest>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of `countTokens`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountTokensResponse {
    /// Tokens of the whole prompt.
    #[serde(
        default,
        alias = "total_tokens",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_tokens: Option<u32>,
    /// Tokens served from cached content.
    #[serde(
        default,
        alias = "cached_content_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub cached_content_token_count: Option<u32>,
    /// The prompt's tokens by modality.
    #[serde(
        default,
        alias = "prompt_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_tokens_details: Option<Vec<ModalityTokenCount>>,
    /// The cached tokens by modality.
    #[serde(
        default,
        alias = "cache_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub cache_tokens_details: Option<Vec<ModalityTokenCount>>,
    /// Fields this version does not know (`contentTokens`...), kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generate_content_request_form_reads() {
        let body = r#"{"generateContentRequest":{"model":"models/gemini-2.5-flash","contents":[{"parts":[{"text":"hi"}]}],"systemInstruction":{"parts":[{"text":"s"}]}}}"#;
        let request: CountTokensRequest = serde_json::from_str(body).unwrap();
        let inner = request.generate_content_request.unwrap();
        assert_eq!(inner.model.as_deref(), Some("models/gemini-2.5-flash"));
        assert!(inner.system_instruction.is_some());
        assert!(request.contents.is_none());
    }

    #[test]
    fn total_tokens_reads_from_either_casing() {
        let a: CountTokensResponse = serde_json::from_str(r#"{"totalTokens":11}"#).unwrap();
        let b: CountTokensResponse = serde_json::from_str(r#"{"total_tokens":11}"#).unwrap();
        assert_eq!(a.total_tokens, Some(11));
        assert_eq!(b.total_tokens, Some(11));
    }
}
