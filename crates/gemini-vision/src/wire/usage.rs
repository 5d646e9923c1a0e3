//! Token accounting in answers (`usageMetadata`).

use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How many tokens a call used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageMetadata {
    /// Tokens in the prompt (cached content included).
    #[serde(
        default,
        alias = "prompt_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_token_count: Option<u32>,
    /// Tokens of the prompt served from cached content.
    #[serde(
        default,
        alias = "cached_content_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub cached_content_token_count: Option<u32>,
    /// Tokens in the answer's candidates.
    #[serde(
        default,
        alias = "candidates_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub candidates_token_count: Option<u32>,
    /// Tokens of tool-use prompts.
    #[serde(
        default,
        alias = "tool_use_prompt_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_use_prompt_token_count: Option<u32>,
    /// Tokens spent thinking.
    #[serde(
        default,
        alias = "thoughts_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub thoughts_token_count: Option<u32>,
    /// All tokens of the call.
    #[serde(
        default,
        alias = "total_token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_token_count: Option<u32>,
    /// Prompt tokens by modality.
    #[serde(
        default,
        alias = "prompt_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_tokens_details: Option<Vec<ModalityTokenCount>>,
    /// Cached tokens by modality.
    #[serde(
        default,
        alias = "cache_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub cache_tokens_details: Option<Vec<ModalityTokenCount>>,
    /// Answer tokens by modality.
    #[serde(
        default,
        alias = "candidates_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub candidates_tokens_details: Option<Vec<ModalityTokenCount>>,
    /// Tool-use prompt tokens by modality.
    #[serde(
        default,
        alias = "tool_use_prompt_tokens_details",
        skip_serializing_if = "Option::is_none"
    )]
    pub tool_use_prompt_tokens_details: Option<Vec<ModalityTokenCount>>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Tokens of one modality.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModalityTokenCount {
    /// The modality counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<Modality>,
    /// Its tokens.
    #[serde(
        default,
        alias = "token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub token_count: Option<u32>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

open_enum! {
    /// A kind of content, as token accounting names it.
    pub enum Modality {
        /// Not set.
        Unspecified = "MODALITY_UNSPECIFIED",
        /// Plain text.
        Text = "TEXT",
        /// Images.
        Image = "IMAGE",
        /// Video.
        Video = "VIDEO",
        /// Audio.
        Audio = "AUDIO",
        /// Documents such as PDF.
        Document = "DOCUMENT",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modality_details_read() {
        let usage: UsageMetadata = serde_json::from_str(
            r#"{"promptTokenCount":7,"promptTokensDetails":[{"modality":"IMAGE","tokenCount":258}]}"#,
        )
        .unwrap();
        let details = usage.prompt_tokens_details.unwrap();
        assert_eq!(details[0].modality, Some(Modality::Image));
        assert_eq!(details[0].token_count, Some(258));
    }
}
