//! `/__fake/...`: the emulator's own API, outside Google's path space.
//!
//! Arms faults, shows and resets what was received, changes settings at run time and
//! expires upload sessions. No key is needed; the emulator binds loopback by default.
//! Documented in the crate README.

use axum::Json;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::config::SettingsPatch;
use crate::errors::{ApiError, Status};
use crate::faults::FaultSpec;
use crate::state::Shared;
use crate::upload::query_param;

/// One fault or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<FaultSpec>),
    One(FaultSpec),
}

/// What was received, and every fault armed since the reset with how often it fired
/// (`faults[].fired`), so that a fault test can prove its fault happened.
async fn report(State(state): State<Shared>) -> Json<Value> {
    let mut report = serde_json::to_value(state.recorder.snapshot()).unwrap_or(Value::Null);
    if let Value::Object(fields) = &mut report {
        let faults = serde_json::to_value(state.faults.history()).unwrap_or(Value::Null);
        fields.insert("faults".to_owned(), faults);
    }
    Json(report)
}

async fn list_faults(State(state): State<Shared>) -> Json<Value> {
    Json(json!({ "faults": state.faults.list(), "history": state.faults.history() }))
}

async fn arm_faults(
    State(state): State<Shared>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let specs = match serde_json::from_slice::<OneOrMany>(&body) {
        Ok(OneOrMany::Many(specs)) => specs,
        Ok(OneOrMany::One(spec)) => vec![spec],
        Err(error) => {
            return Err(ApiError::new(
                Status::InvalidArgument,
                format!("Invalid fault: {error}"),
            ));
        }
    };
    let ids: Vec<u64> = specs
        .into_iter()
        .map(|spec| state.faults.arm(spec))
        .collect();
    Ok(Json(json!({ "armed": ids })))
}

async fn clear_faults(State(state): State<Shared>) -> Json<Value> {
    state.faults.clear();
    Json(json!({}))
}

async fn get_config(State(state): State<Shared>) -> Json<Value> {
    Json(serde_json::to_value(state.settings()).unwrap_or(Value::Null))
}

async fn patch_config(
    State(state): State<Shared>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let patch: SettingsPatch = serde_json::from_slice(&body).map_err(|error| {
        ApiError::new(
            Status::InvalidArgument,
            format!("Invalid settings: {error}"),
        )
    })?;
    if let Ok(mut settings) = state.settings.write() {
        patch.apply(&mut settings);
    }
    Ok(get_config(State(state)).await)
}

/// Forgets faults, the report, files and sessions.
async fn reset(State(state): State<Shared>) -> Json<Value> {
    state.faults.clear();
    state.recorder.clear();
    for id in state.sessions.ids() {
        if let Some(entry) = state.sessions.remove(&id) {
            let session = entry.session.lock().await;
            let _ = tokio::fs::remove_file(&session.path).await;
            if session.phase == crate::upload::session::Phase::Active {
                state.files.release(session.committed);
            }
        }
    }
    state.files.clear();
    state.caches.clear();
    Json(json!({}))
}

/// Expires one session (`?upload_id=`) or all.
async fn expire_sessions(State(state): State<Shared>, RawQuery(query): RawQuery) -> Json<Value> {
    let only = query_param(query.as_deref(), "upload_id").map(str::to_string);
    let mut expired = Vec::new();
    for id in state.sessions.ids() {
        if only.as_ref().is_some_and(|only| *only != id) {
            continue;
        }
        if let Some(entry) = state.sessions.get(&id) {
            entry.session.lock().await.expires_at = std::time::Instant::now();
            expired.push(id);
        }
    }
    Json(json!({ "expired": expired }))
}

async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
}

/// The admin routes, mounted under `/__fake`.
pub fn router() -> Router<Shared> {
    Router::new()
        .route("/health", get(health))
        .route("/report", get(report))
        .route(
            "/faults",
            get(list_faults).post(arm_faults).delete(clear_faults),
        )
        .route(
            "/config",
            get(get_config).patch(patch_config).post(patch_config),
        )
        .route("/reset", post(reset))
        .route("/sessions/expire", post(expire_sessions))
}
