//! `POST /{ver}/models/{model}:{method}`: dispatch, and `generateContent`.
//!
//! The reply is planned once ([`plan`]) and rendered whole here or in pieces by
//! `stream`. Faults that shape the answer (safety block, safety finish, truncation) and
//! `maxOutputTokens` are applied in the plan, so both endpoints agree.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::answer::{self, Manner};
use crate::body::read_limited;
use crate::errors::{ApiError, Status};
use crate::faults::FaultKind;
use crate::ids;
use crate::models::{self, Family};
use crate::pipeline::Injected;
use crate::state::Shared;
use crate::tokens;
use crate::validation::{self, Prompt};
use crate::wire::GenerateRequest;
use crate::{count, stream};

/// How a reply ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    /// Normal text with this `finishReason`.
    Finish(&'static str),
    /// The prompt was blocked: no candidates.
    Blocked,
    /// The candidate stopped for safety.
    Safety,
}

/// A planned reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The model id for `modelVersion`.
    pub model: &'static str,
    /// `responseId`.
    pub response_id: String,
    /// The whole answer text.
    pub text: String,
    /// How it ends.
    pub ending: Ending,
    /// Prompt tokens by modality.
    pub prompt: validation::Tally,
    /// Thinking tokens, if the model thought.
    pub thoughts: Option<u64>,
    /// Identical candidates to return.
    pub candidates: u32,
}

/// Plans the reply to a checked request.
pub fn plan(
    model: &'static str,
    family: Family,
    request: &GenerateRequest,
    prompt: Prompt,
    manner: Manner,
    injected: &Injected,
) -> Reply {
    let config = request.generation_config.clone().unwrap_or_default();
    let mut text = answer::compose(&prompt, manner);
    let mut finish = "STOP";
    if injected.has(|kind| *kind == FaultKind::Truncate) {
        let keep = text.chars().count() / 2;
        text = text.chars().take(keep).collect();
        finish = "MAX_TOKENS";
    }
    if let Some(max) = config
        .max_output_tokens
        .filter(|max| tokens::text(&text) > *max)
    {
        text = text.chars().take((max * 4) as usize).collect();
        finish = "MAX_TOKENS";
    }
    let ending = if injected.has(|kind| *kind == FaultKind::SafetyBlock) {
        Ending::Blocked
    } else if injected.has(|kind| *kind == FaultKind::SafetyFinish) {
        Ending::Safety
    } else {
        Ending::Finish(finish)
    };
    let budget = config
        .thinking_config
        .and_then(|thinking| thinking.thinking_budget);
    let thinking_off = budget == Some(0) && family == Family::Gemini25Flash;
    let thoughts = (family.thinks() && !thinking_off).then(|| {
        let natural = 24 + tokens::text(&text) / 2;
        match budget {
            Some(budget) if budget > 0 => natural.min(budget as u64),
            _ => natural,
        }
    });
    Reply {
        model,
        response_id: ids::response_id(),
        text,
        ending,
        prompt: prompt.tokens,
        thoughts,
        candidates: config.candidate_count.unwrap_or(1).clamp(1, 8),
    }
}

const SAFETY_RATINGS: &str = r#"[{"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"HIGH","blocked":true},{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"},{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"NEGLIGIBLE"}]"#;

fn safety_ratings() -> Value {
    serde_json::from_str(SAFETY_RATINGS).unwrap_or(Value::Null)
}

/// One response object carrying `text` (all of it, or one streamed piece); `last` adds
/// the `finishReason`. `sent` is the answer text sent so far, including this piece.
pub fn response_json(reply: &Reply, text: &str, sent: &str, last: bool) -> Value {
    let prompt_tokens = reply.prompt.total();
    let mut usage = json!({
        "promptTokenCount": prompt_tokens,
        "promptTokensDetails": reply.prompt.details(),
    });
    let mut body = json!({});
    let mut output_tokens = 0;
    match reply.ending {
        Ending::Blocked => {
            body["promptFeedback"] =
                json!({ "blockReason": "SAFETY", "safetyRatings": safety_ratings() });
        }
        Ending::Safety => {
            body["candidates"] = json!([{ "finishReason": "SAFETY", "index": 0, "safetyRatings": safety_ratings() }]);
        }
        Ending::Finish(reason) => {
            output_tokens = tokens::text(sent) * u64::from(reply.candidates);
            let candidates: Vec<Value> = (0..reply.candidates)
                .map(|index| {
                    let mut candidate = json!({
                        "content": { "parts": [{ "text": text }], "role": "model" },
                        "index": index,
                    });
                    if last {
                        candidate["finishReason"] = json!(reason);
                    }
                    candidate
                })
                .collect();
            body["candidates"] = Value::Array(candidates);
            usage["candidatesTokenCount"] = json!(output_tokens);
        }
    }
    let thoughts = reply.thoughts.unwrap_or(0);
    if let Some(thoughts) = reply.thoughts {
        usage["thoughtsTokenCount"] = json!(thoughts);
    }
    usage["totalTokenCount"] = json!(prompt_tokens + output_tokens + thoughts);
    body["usageMetadata"] = usage;
    body["modelVersion"] = json!(reply.model);
    body["responseId"] = json!(reply.response_id);
    body
}

/// Parses a JSON body with the API's message on failure.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|error| {
        ApiError::new(
            Status::InvalidArgument,
            format!("Invalid JSON payload received. {error}"),
        )
    })
}

/// A request to a model method, checked up to its body.
#[derive(Debug)]
pub struct ModelCall {
    /// The known model id.
    pub model: &'static str,
    /// Its family.
    pub family: Family,
    /// The request body.
    pub body: Vec<u8>,
}

/// `POST /{ver}/models/{model}:{method}` and `POST /{ver}/{model}:{method}`.
pub async fn dispatch(
    State(state): State<Shared>,
    Path((version, call)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    injected: Injected,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some((model, method)) = call.rsplit_once(':') else {
        return ApiError::no_route(&format!("/{version}/models/{call}")).into_response();
    };
    let streaming = method == "streamGenerateContent";
    let fail = |error: ApiError| {
        if streaming {
            error.in_event_stream()
        } else {
            error
        }
    };
    if !["generateContent", "streamGenerateContent", "countTokens"].contains(&method) {
        return fail(ApiError::no_route(&format!("/{version}/models/{call}"))).into_response();
    }
    let Some(known) = models::resolve(model) else {
        return fail(models::not_found(model, &version, method)).into_response();
    };
    let limit = state.settings().max_request_bytes;
    let body = match read_limited(&headers, body, limit).await {
        Ok(body) => body,
        Err(error) => return fail(error).into_response(),
    };
    let call = ModelCall {
        model: known,
        family: Family::of(known),
        body,
    };
    let result = match method {
        "countTokens" => count::count_tokens(&state, call),
        "streamGenerateContent" => {
            let sse = query
                .as_deref()
                .is_some_and(|query| query.split('&').any(|pair| pair == "alt=sse"));
            stream::stream_generate(&state, call, &injected, sse).map_err(ApiError::in_event_stream)
        }
        _ => generate(&state, call, &injected),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Checks a generate request and plans its reply.
pub fn prepare(state: &Shared, call: &ModelCall, injected: &Injected) -> Result<Reply, ApiError> {
    let request: GenerateRequest = parse_json(&call.body)?;
    let prompt = validation::resolve(state, &request, call.family)?;
    let json_output = request
        .generation_config
        .as_ref()
        .and_then(|config| config.response_mime_type.as_deref())
        .is_some_and(|mime| mime.eq_ignore_ascii_case("application/json"));
    let manner = Manner {
        family: call.family,
        style: state.settings().style,
        json_output,
    };
    Ok(plan(
        call.model,
        call.family,
        &request,
        prompt,
        manner,
        injected,
    ))
}

fn generate(state: &Shared, call: ModelCall, injected: &Injected) -> Result<Response, ApiError> {
    let reply = prepare(state, &call, injected)?;
    Ok(axum::Json(response_json(&reply, &reply.text, &reply.text, true)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Style;
    use proptest::prelude::*;

    fn reply_for(text: &str, family: Family, injected: Injected) -> Reply {
        let request: GenerateRequest =
            serde_json::from_value(json!({"contents": [{"parts": [{"text": text}]}]}))
                .unwrap_or_default();
        let prompt = Prompt {
            user_text: text.to_string(),
            ..Prompt::default()
        };
        let manner = Manner {
            family,
            style: Style::Auto,
            json_output: false,
        };
        plan(
            "gemini-2.5-flash",
            family,
            &request,
            prompt,
            manner,
            &injected,
        )
    }

    #[test]
    fn a_blocked_prompt_has_no_candidates() {
        let reply = reply_for(
            "hi",
            Family::Gemini25Flash,
            Injected(vec![FaultKind::SafetyBlock]),
        );
        let json = response_json(&reply, &reply.text, &reply.text, true);
        assert_eq!(json["promptFeedback"]["blockReason"], "SAFETY");
        assert!(json.get("candidates").is_none());
    }

    proptest! {
        #[test]
        fn usage_totals_add_up(text in ".{0,300}", thinking: bool) {
            let family = if thinking { Family::Gemini25Pro } else { Family::Gemini20 };
            let reply = reply_for(&text, family, Injected::default());
            let json = response_json(&reply, &reply.text, &reply.text, true);
            let usage = &json["usageMetadata"];
            let part = |name: &str| usage[name].as_u64().unwrap_or(0);
            prop_assert_eq!(part("totalTokenCount"), part("promptTokenCount") + part("candidatesTokenCount") + part("thoughtsTokenCount"));
            prop_assert_eq!(usage.get("thoughtsTokenCount").is_some(), thinking);
        }

        #[test]
        fn truncation_keeps_a_prefix(text in ".{0,300}") {
            let whole = reply_for(&text, Family::Gemini20, Injected::default());
            let cut = reply_for(&text, Family::Gemini20, Injected(vec![FaultKind::Truncate]));
            prop_assert!(whole.text.starts_with(&cut.text));
            prop_assert_eq!(cut.ending, Ending::Finish("MAX_TOKENS"));
        }
    }
}
