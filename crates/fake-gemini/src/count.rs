//! `countTokens`: the prompt's tokens by the contract's rules, the same numbers that
//! `usageMetadata` reports for the same prompt (a named context cache included, and
//! reported as `cachedContentTokenCount`).

use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::caches;
use crate::errors::ApiError;
use crate::generate::{ModelCall, typed};
use crate::prompt;
use crate::rules;
use crate::schema::{self, resources::COUNT_TOKENS_REQUEST};
use crate::state::Shared;
use crate::wire::{CountRequest, GenerateRequest};

/// Answers `countTokens`.
pub fn count_tokens(state: &Shared, call: ModelCall) -> Result<Response, ApiError> {
    let json = schema::parse(&call.body)?;
    let lenient = state.settings().accept_unknown_fields;
    let request: CountRequest = typed(schema::check(&json, &COUNT_TOKENS_REQUEST, lenient)?)?;
    let mut generate = match request.generate_content_request {
        Some(inner) => inner,
        None => GenerateRequest {
            contents: request.contents,
            ..GenerateRequest::default()
        },
    };
    rules::check_turns(&generate)?;
    let cached = caches::apply(state, call.model, &mut generate)?;
    let prompt = prompt::resolve(state, &generate, call.family)?;
    let mut answer = json!({
        "totalTokens": prompt.tokens.total(),
        "promptTokensDetails": prompt.tokens.details(),
    });
    if cached > 0 {
        answer["cachedContentTokenCount"] = json!(cached);
    }
    Ok(axum::Json(answer).into_response())
}
