//! One batch request answered by the same pipeline as `generateContent`.
//!
//! The request body goes through [`generate::prepare`] (the checks of
//! `validation`, then replays or the colour-region detector) and
//! [`generate::response_json`], exactly as a `generateContent` call with that body
//! would; a refusal becomes the request's error result, a `google.rpc.Status` with the
//! gRPC code of the HTTP error. This module must not answer anything itself.

use serde_json::{Value, json};

use crate::errors::{ApiError, Status};
use crate::generate::{self, ModelCall};
use crate::models::{self, Family};
use crate::pipeline::Injected;
use crate::state::Shared;

/// A request's result.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The `GenerateContentResponse`.
    Response(Value),
    /// The `google.rpc.Status` of the refusal.
    Error(Value),
}

impl Outcome {
    /// Whether it counts as successful.
    pub fn succeeded(&self) -> bool {
        matches!(self, Outcome::Response(_))
    }

    /// The refusal of an API error.
    pub fn refused(error: &ApiError) -> Outcome {
        Outcome::Error(rpc_status(error))
    }
}

/// The canonical gRPC code of a status, as batch errors carry it.
pub fn grpc_code(status: Status) -> u16 {
    match status {
        Status::InvalidArgument => 3,
        Status::NotFound => 5,
        Status::PermissionDenied => 7,
        Status::ResourceExhausted => 8,
        Status::FailedPrecondition => 9,
        Status::Internal => 13,
        Status::Unavailable => 14,
    }
}

/// `{"code", "message", "details"}` of an API error.
pub fn rpc_status(error: &ApiError) -> Value {
    let mut status = json!({ "code": grpc_code(error.status), "message": error.message });
    if !error.details.is_empty() {
        status["details"] = Value::Array(error.details.clone());
    }
    status
}

/// Answers one request for the batch's `model`, off the async threads (decoding and
/// detecting are CPU work).
pub async fn answer(
    state: &Shared,
    model: &'static str,
    mut request: Value,
    version: &str,
) -> Outcome {
    // The official clients put `model` inside each request (it is a field of
    // GenerateContentRequest); the batch's model answers it, as there is one per job.
    if let Some(named) = request
        .as_object_mut()
        .and_then(|fields| fields.remove("model"))
    {
        let known = named.as_str().and_then(models::resolve);
        if known.is_none() {
            let name = named.as_str().unwrap_or_default();
            return Outcome::refused(&models::not_found(name, version, "generateContent"));
        }
    }
    let body = match serde_json::to_vec(&request) {
        Ok(body) => body,
        Err(error) => {
            return Outcome::refused(&ApiError::invalid_argument_debug(error.to_string()));
        }
    };
    let call = ModelCall {
        model,
        family: Family::of(model),
        body,
    };
    let state = state.clone();
    let planned = tokio::task::spawn_blocking(move || {
        generate::prepare(&state, &call, &Injected::default())
            .map(|reply| generate::response_json(&reply, &reply.text, &reply.text, true))
    })
    .await;
    match planned {
        Ok(Ok(response)) => Outcome::Response(response),
        Ok(Err(error)) => Outcome::refused(&error),
        Err(_) => Outcome::refused(&ApiError::new(
            Status::Internal,
            "Internal error encountered.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_carry_the_grpc_code_and_details() {
        let error = ApiError::bad_field("contents", "contents is not specified");
        let Outcome::Error(status) = Outcome::refused(&error) else {
            panic!("an error outcome")
        };
        assert_eq!(status["code"], 3);
        assert_eq!(status["message"], "contents is not specified");
        assert_eq!(
            status["details"][0]["@type"],
            "type.googleapis.com/google.rpc.BadRequest"
        );
    }

    #[test]
    fn every_status_has_its_grpc_code() {
        let codes: Vec<u16> = [
            Status::InvalidArgument,
            Status::FailedPrecondition,
            Status::PermissionDenied,
            Status::NotFound,
            Status::ResourceExhausted,
            Status::Internal,
            Status::Unavailable,
        ]
        .into_iter()
        .map(grpc_code)
        .collect();
        assert_eq!(codes, [3, 9, 7, 5, 8, 13, 14]);
    }
}
