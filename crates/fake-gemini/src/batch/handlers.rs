//! `GET /{ver}/batches/{id}`, `GET /{ver}/batches`, `POST /{ver}/batches/{id}:cancel`
//! and `DELETE /{ver}/batches/{id}`.
//!
//! Unknown jobs are 404 `NOT_FOUND`. Cancel is terminal at once (the runner sees it
//! before its next request) and a no-op on a finished job; delete forgets the job and
//! takes any body, as the official JS client sends `{}` with it.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::faults::{gate, record_effect};
use super::job::JobState;
use crate::clock;
use crate::errors::{ApiError, Status};
use crate::faults::BatchEffect;
use crate::files::handlers::ListQuery;
use crate::state::Shared;

/// The API's answer for a job that does not exist.
fn not_found() -> ApiError {
    ApiError::new(Status::NotFound, "Requested entity was not found.")
}

/// `GET /{ver}/batches/{id}`.
pub async fn get(
    State(state): State<Shared>,
    Path((_version, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let name = format!("batches/{id}");
    gate(&state, "GET", Some(&name)).await?;
    let (operation, held_back) = state
        .batches
        .with(&id, |job| {
            let held_back = job.state == JobState::Succeeded && !job.output_visible();
            if held_back {
                job.hidden_polls -= 1;
            }
            (job.to_operation(!held_back), held_back)
        })
        .ok_or_else(not_found)?;
    if held_back {
        record_effect(&state, &name, BatchEffect::BatchLateOutput);
    }
    Ok(Json(operation))
}

/// `GET /{ver}/batches`: newest first, `pageSize` 10 by default and 100 at most.
pub async fn list(
    State(state): State<Shared>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Value>, ApiError> {
    gate(&state, "GET", None).await?;
    let (size, token) = query.page()?;
    // Listing never uses up the late-output fault's held-back poll: only `get` does.
    let (operations, next) = state
        .batches
        .page(size, token, |job| job.to_operation(job.output_visible()));
    let mut body = json!({});
    if !operations.is_empty() {
        body["operations"] = Value::Array(operations);
    }
    if let Some(next) = next {
        body["nextPageToken"] = json!(next);
    }
    Ok(Json(body))
}

/// `POST /{ver}/batches/{id}:cancel` (other `POST`s on a job are not routes).
pub async fn cancel(
    State(state): State<Shared>,
    Path((version, call)): Path<(String, String)>,
) -> Response {
    let Some(id) = call.strip_suffix(":cancel") else {
        return ApiError::no_route(&format!("/{version}/batches/{call}")).into_response();
    };
    let name = format!("batches/{id}");
    if let Err(error) = gate(&state, "POST", Some(&name)).await {
        return error.into_response();
    }
    let found = state.batches.with(id, |job| {
        if !job.state.is_terminal() {
            job.enter(JobState::Cancelled, clock::now());
        }
    });
    match found {
        Some(()) => Json(json!({})).into_response(),
        None => not_found().into_response(),
    }
}

/// `DELETE /{ver}/batches/{id}`.
pub async fn delete(
    State(state): State<Shared>,
    Path((_version, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let name = format!("batches/{id}");
    gate(&state, "DELETE", Some(&name)).await?;
    if state.batches.remove(&id) {
        Ok(Json(json!({})))
    } else {
        Err(not_found())
    }
}
