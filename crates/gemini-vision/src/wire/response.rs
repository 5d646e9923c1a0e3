//! The answer of `generateContent`, and each event of `streamGenerateContent`.

use super::content::Content;
use super::open_enum::open_enum;
use super::safety::SafetyRating;
use super::usage::UsageMetadata;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A `generateContent` answer (or one streamed chunk of one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateContentResponse {
    /// The generated candidates; absent when the prompt was blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<Candidate>>,
    /// Why the prompt was blocked, and its safety ratings.
    #[serde(
        default,
        alias = "prompt_feedback",
        skip_serializing_if = "Option::is_none"
    )]
    pub prompt_feedback: Option<PromptFeedback>,
    /// Token accounting.
    #[serde(
        default,
        alias = "usage_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub usage_metadata: Option<UsageMetadata>,
    /// The model version that answered.
    #[serde(
        default,
        alias = "model_version",
        skip_serializing_if = "Option::is_none"
    )]
    pub model_version: Option<String>,
    /// An id of this answer.
    #[serde(
        default,
        alias = "response_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub response_id: Option<String>,
    /// Fields this version does not know (`turnToken`, `modelStatus`...), verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl GenerateContentResponse {
    /// The candidates (empty when absent).
    pub fn candidates(&self) -> &[Candidate] {
        self.candidates.as_deref().unwrap_or_default()
    }

    /// The first candidate, which is the answer unless `candidateCount` was raised.
    pub fn first_candidate(&self) -> Option<&Candidate> {
        self.candidates().first()
    }

    /// The answer text: the text parts of the first candidate, concatenated, without
    /// thought parts. Empty when there is no candidate or it has no text.
    pub fn text(&self) -> String {
        self.first_candidate()
            .and_then(|candidate| candidate.content.as_ref())
            .map(Content::text)
            .unwrap_or_default()
    }

    /// The first candidate's finish reason.
    pub fn finish_reason(&self) -> Option<&FinishReason> {
        self.first_candidate()
            .and_then(|candidate| candidate.finish_reason.as_ref())
    }
}

/// One generated answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The generated content; absent or empty when generation was stopped early.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content>,
    /// Why generation stopped; absent while a stream is still running.
    #[serde(
        default,
        alias = "finish_reason",
        skip_serializing_if = "Option::is_none"
    )]
    pub finish_reason: Option<FinishReason>,
    /// A human-readable explanation of `finish_reason`.
    #[serde(
        default,
        alias = "finish_message",
        skip_serializing_if = "Option::is_none"
    )]
    pub finish_message: Option<String>,
    /// Safety ratings of this candidate.
    #[serde(
        default,
        alias = "safety_ratings",
        skip_serializing_if = "Option::is_none"
    )]
    pub safety_ratings: Option<Vec<SafetyRating>>,
    /// Sources this candidate recites, verbatim (`{"citationSources": [...]}`).
    #[serde(
        default,
        alias = "citation_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub citation_metadata: Option<Value>,
    /// Tokens of this candidate.
    #[serde(
        default,
        alias = "token_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub token_count: Option<u32>,
    /// Attributions for grounded answers, verbatim.
    #[serde(
        default,
        alias = "grounding_attributions",
        skip_serializing_if = "Option::is_none"
    )]
    pub grounding_attributions: Option<Value>,
    /// Search grounding: chunks, supports, queries, verbatim.
    #[serde(
        default,
        alias = "grounding_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub grounding_metadata: Option<Value>,
    /// The average log probability of the candidate's tokens.
    #[serde(
        default,
        alias = "avg_logprobs",
        with = "super::float",
        skip_serializing_if = "Option::is_none"
    )]
    pub avg_logprobs: Option<f64>,
    /// Per-token log probabilities, verbatim.
    #[serde(
        default,
        alias = "logprobs_result",
        skip_serializing_if = "Option::is_none"
    )]
    pub logprobs_result: Option<Value>,
    /// URL-context retrieval results, verbatim.
    #[serde(
        default,
        alias = "url_context_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub url_context_metadata: Option<Value>,
    /// The candidate's index in `candidates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Candidate {
    /// The safety ratings (empty when absent).
    pub fn safety_ratings(&self) -> &[SafetyRating] {
        self.safety_ratings.as_deref().unwrap_or_default()
    }
}

/// Why a prompt was blocked, and its safety ratings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptFeedback {
    /// Set when the prompt was blocked; there are no candidates then.
    #[serde(
        default,
        alias = "block_reason",
        skip_serializing_if = "Option::is_none"
    )]
    pub block_reason: Option<BlockReason>,
    /// A human-readable explanation of `block_reason`.
    #[serde(
        default,
        alias = "block_reason_message",
        skip_serializing_if = "Option::is_none"
    )]
    pub block_reason_message: Option<String>,
    /// Safety ratings of the prompt.
    #[serde(
        default,
        alias = "safety_ratings",
        skip_serializing_if = "Option::is_none"
    )]
    pub safety_ratings: Option<Vec<SafetyRating>>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

open_enum! {
    /// Why generation stopped.
    pub enum FinishReason {
        /// Not set.
        Unspecified = "FINISH_REASON_UNSPECIFIED",
        /// A natural stop point or a stop sequence.
        Stop = "STOP",
        /// `maxOutputTokens` was reached.
        MaxTokens = "MAX_TOKENS",
        /// The candidate was flagged for safety.
        Safety = "SAFETY",
        /// The candidate was flagged for reciting training data.
        Recitation = "RECITATION",
        /// The candidate used an unsupported language.
        Language = "LANGUAGE",
        /// Another reason.
        Other = "OTHER",
        /// The candidate contained forbidden terms.
        Blocklist = "BLOCKLIST",
        /// The candidate contained prohibited content.
        ProhibitedContent = "PROHIBITED_CONTENT",
        /// The candidate contained sensitive personal information.
        Spii = "SPII",
        /// The model produced an invalid function call.
        MalformedFunctionCall = "MALFORMED_FUNCTION_CALL",
        /// A generated image was flagged for safety.
        ImageSafety = "IMAGE_SAFETY",
        /// A generated image contained prohibited content.
        ImageProhibitedContent = "IMAGE_PROHIBITED_CONTENT",
        /// A generated image was flagged for recitation.
        ImageRecitation = "IMAGE_RECITATION",
        /// Image generation stopped for another reason.
        ImageOther = "IMAGE_OTHER",
        /// An image was expected but none was generated.
        NoImage = "NO_IMAGE",
        /// The model called a tool that was not enabled.
        UnexpectedToolCall = "UNEXPECTED_TOOL_CALL",
        /// The model called tools too many times in a row.
        TooManyToolCalls = "TOO_MANY_TOOL_CALLS",
    }
}

impl FinishReason {
    /// Whether this reason means the answer was withheld by a filter (safety,
    /// recitation, blocklist, prohibited content, personal information), as opposed
    /// to a normal stop, a token limit or a tool problem.
    pub fn is_block(&self) -> bool {
        matches!(
            self,
            Self::Safety
                | Self::Recitation
                | Self::Blocklist
                | Self::ProhibitedContent
                | Self::Spii
                | Self::ImageSafety
                | Self::ImageProhibitedContent
                | Self::ImageRecitation
        )
    }
}

open_enum! {
    /// Why a prompt was blocked.
    pub enum BlockReason {
        /// Not set.
        Unspecified = "BLOCK_REASON_UNSPECIFIED",
        /// Safety filters.
        Safety = "SAFETY",
        /// Another reason.
        Other = "OTHER",
        /// Forbidden terms.
        Blocklist = "BLOCKLIST",
        /// Prohibited content.
        ProhibitedContent = "PROHIBITED_CONTENT",
        /// An image in the prompt was flagged.
        ImageSafety = "IMAGE_SAFETY",
    }
}
