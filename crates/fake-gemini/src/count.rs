//! `countTokens`: the prompt's tokens by the contract's rules, the same numbers that
//! `usageMetadata` reports for the same prompt.

use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::errors::ApiError;
use crate::generate::{ModelCall, parse_json};
use crate::state::Shared;
use crate::validation;
use crate::wire::{CountRequest, GenerateRequest};

/// Answers `countTokens`.
pub fn count_tokens(state: &Shared, call: ModelCall) -> Result<Response, ApiError> {
    let request: CountRequest = parse_json(&call.body)?;
    let generate = match request.generate_content_request {
        Some(inner) => inner,
        None => GenerateRequest {
            contents: request.contents,
            ..GenerateRequest::default()
        },
    };
    let prompt = validation::resolve(state, &generate, call.family)?;
    Ok(axum::Json(json!({
        "totalTokens": prompt.tokens.total(),
        "promptTokensDetails": prompt.tokens.details(),
    }))
    .into_response())
}
