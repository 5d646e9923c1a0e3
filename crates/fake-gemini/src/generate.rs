//! `POST /{ver}/models/{model}:{method}`: dispatch, and `generateContent`.
//!
//! Every body goes the same way: the schema check (unknown names, kinds, enums), the
//! API's rules, the context cache if one is named, the media, then the planned
//! [`Reply`]. [`generate_content`] is that whole path for one request and is what other
//! endpoints (batches) call to answer a request the way `generateContent` would.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::answer::Manner;
use crate::body::read_limited;
use crate::caches;
use crate::errors::{ApiError, Status};
use crate::models::{self, Family};
use crate::pipeline::Injected;
use crate::prompt;
use crate::reply::{self, Reply};
use crate::response;
use crate::rules;
use crate::schema::{self, resources::GENERATE_CONTENT_REQUEST};
use crate::state::AppState;
use crate::state::Shared;
use crate::wire::GenerateRequest;
use crate::{count, stream};

pub use crate::reply::Ending;

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

impl ModelCall {
    /// A call to a model id the emulator knows (`models/` prefix optional); `None`
    /// for others.
    pub fn new(model: &str, body: Vec<u8>) -> Option<ModelCall> {
        let model = models::resolve(model)?;
        Some(ModelCall {
            model,
            family: Family::of(model),
            body,
        })
    }
}

/// Parses a JSON body with the API's message on failure (no schema check: for bodies
/// whose parts are checked one by one, such as a batch's).
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|error| {
        ApiError::new(
            Status::InvalidArgument,
            format!("Invalid JSON payload received. {error}"),
        )
    })
}

/// Reads a normalised body into its typed view.
pub fn typed<T: serde::de::DeserializeOwned>(normalised: Value) -> Result<T, ApiError> {
    serde_json::from_value(normalised).map_err(|error| {
        ApiError::new(
            Status::InvalidArgument,
            format!("Invalid JSON payload received. {error}"),
        )
    })
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
    let limit = state.settings().max_request_bytes;
    let body = match read_limited(&headers, body, limit).await {
        Ok(body) => body,
        Err(error) => return fail(error).into_response(),
    };
    let Some(call) = ModelCall::new(model, body) else {
        return fail(models::not_found(model, &version, method)).into_response();
    };
    let result = match method {
        "countTokens" => count::count_tokens(&state, call),
        "streamGenerateContent" => {
            let sse = query
                .as_deref()
                .is_some_and(|query| query.split('&').any(|pair| pair == "alt=sse"));
            stream::stream_generate(&state, call, &injected, sse).map_err(ApiError::in_event_stream)
        }
        _ => generate_content(&state, &call, &injected)
            .map(|answer| axum::Json(answer).into_response()),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Checks a `generateContent` body (schema, then rules) and returns its typed view.
pub fn read_request(state: &AppState, body: &[u8]) -> Result<GenerateRequest, ApiError> {
    let json = schema::parse(body)?;
    let lenient = state.settings().accept_unknown_fields;
    typed(schema::check(&json, &GENERATE_CONTENT_REQUEST, lenient)?)
}

/// Plans the reply to a request already read by [`read_request`].
pub fn answer(
    state: &AppState,
    model: &'static str,
    mut request: GenerateRequest,
    injected: &Injected,
) -> Result<Reply, ApiError> {
    let family = Family::of(model);
    rules::check(&request, model)?;
    let cached_tokens = caches::apply(state, model, &mut request)?;
    let prompt = prompt::resolve(state, &request, family)?;
    let json_output = request
        .generation_config
        .as_ref()
        .and_then(|config| config.response_mime_type.as_deref())
        .is_some_and(|mime| mime.eq_ignore_ascii_case("application/json"));
    let manner = Manner {
        family,
        style: state.settings().style,
        json_output,
    };
    let mut reply = reply::plan(model, family, &request, prompt, manner, injected);
    reply.cached_tokens = cached_tokens;
    Ok(reply)
}

/// Checks a generate request and plans its reply.
pub fn prepare(state: &AppState, call: &ModelCall, injected: &Injected) -> Result<Reply, ApiError> {
    let request = read_request(state, &call.body)?;
    answer(state, call.model, request, injected)
}

/// The `GenerateContentResponse` JSON that `generateContent` answers `call` with, or
/// the API's error: the one path every way of generating content shares.
pub fn generate_content(
    state: &AppState,
    call: &ModelCall,
    injected: &Injected,
) -> Result<Value, ApiError> {
    prepare(state, call, injected).map(|reply| response::unary(&reply))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Style;
    use crate::faults::FaultKind;
    use crate::prompt::Prompt;
    use crate::reply::plan;
    use proptest::prelude::*;
    use serde_json::json;

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
        let json = response::unary(&reply);
        assert_eq!(json["promptFeedback"]["blockReason"], "SAFETY");
        assert!(json.get("candidates").is_none());
    }

    proptest! {
        #[test]
        fn usage_totals_add_up(text in ".{0,300}", thinking: bool) {
            let family = if thinking { Family::Gemini25Pro } else { Family::Gemini20 };
            let reply = reply_for(&text, family, Injected::default());
            let json = response::unary(&reply);
            let usage = &json["usageMetadata"];
            let part = |name: &str| usage[name].as_u64().unwrap_or(0);
            prop_assert_eq!(part("totalTokenCount"), part("promptTokenCount") + part("candidatesTokenCount") + part("thoughtsTokenCount"));
            prop_assert_eq!(usage.get("thoughtsTokenCount").is_some(), thinking);
        }

        #[test]
        fn truncation_keeps_a_prefix(text in ".{0,300}") {
            let whole = reply_for(&text, Family::Gemini20, Injected::default());
            let cut = reply_for(&text, Family::Gemini20, Injected(vec![FaultKind::Truncate]));
            prop_assert!(whole.text().starts_with(&cut.text()));
            prop_assert_eq!(cut.ending, Ending::Finish("MAX_TOKENS"));
        }
    }
}
