//! `POST /{ver}/models/{model}:batchGenerateContent`: checks the body (at most the
//! request limit, about 20 MB, as the API refuses bigger inline batches), opens and
//! counts the input file when there is one, makes the job, starts its runner and
//! answers the `PENDING` operation.

use std::io::SeekFrom;

use axum::Json;
use axum::body::Body;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::io::{AsyncSeekExt, BufReader};

use super::faults::gate;
use super::input::{self, Source};
use super::job::Job;
use super::jsonl::LineReader;
use super::runner::{self, Plan, Work};
use super::schedule::Schedule;
use crate::body::{DRAIN_CAP, drain, read_limited};
use crate::errors::{ApiError, Status};
use crate::files::handlers::file_id_of;
use crate::files::record::FileState;
use crate::state::Shared;
use crate::{clock, generate, ids, mime, models};

/// Creates a batch job.
pub async fn create(
    state: &Shared,
    version: &str,
    model: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if let Err(error) = gate(state, "POST", None).await {
        drain(body, DRAIN_CAP).await;
        return Err(error);
    }
    let Some(model) = models::resolve(model) else {
        drain(body, DRAIN_CAP).await;
        return Err(models::not_found(model, version, "batchGenerateContent"));
    };
    let settings = state.settings();
    let bytes = read_limited(headers, body, settings.max_request_bytes).await?;
    let input = input::parse(&generate::parse_json::<Value>(&bytes)?)?;
    drop(bytes);
    let (requests, work) = match input.source {
        Source::Inline(items) => (items.len() as u64, Work::Inline(items)),
        Source::File(name) => open_input(state, &name, settings.max_request_bytes).await?,
    };
    let mut job = Job::new(
        ids::batch_id(),
        model,
        input.display_name,
        requests,
        clock::now(),
    );
    job.effects = state.faults.on_batch_created();
    let job = state.batches.insert(job);
    let plan = Plan {
        id: job.id.clone(),
        model,
        version: version.to_string(),
        schedule: Schedule::from_settings(&settings),
        requests,
    };
    tokio::spawn(runner::run(state.clone(), plan, work));
    Ok(Json(job.to_operation(true)).into_response())
}

/// Opens the JSONL input file `name` and counts its requests (its non-blank lines).
async fn open_input(state: &Shared, name: &str, cap: u64) -> Result<(u64, Work), ApiError> {
    let id = file_id_of(name).ok_or_else(|| ApiError::file_not_accessible(name))?;
    let now = clock::now();
    let record = state
        .files
        .get(id, now)
        .ok_or_else(|| ApiError::file_not_accessible(id))?;
    if !mime::is_batch_input(&record.mime_type) {
        return Err(ApiError::bad_field(
            "batch.input_config.file_name",
            format!(
                "The file {name} is {}; a batch input file must be JSONL (application/jsonl).",
                record.mime_type
            ),
        ));
    }
    if record.state(now) != FileState::Active {
        return Err(ApiError::file_not_active(id));
    }
    let unreadable = |error: std::io::Error| {
        ApiError::new(Status::Internal, format!("Reading {name} failed: {error}"))
    };
    let file = tokio::fs::File::open(&record.path)
        .await
        .map_err(|_| ApiError::file_not_accessible(id))?;
    let mut lines = LineReader::new(BufReader::new(file), cap);
    let mut requests = 0u64;
    while let Some(line) = lines.next_line().await.map_err(unreadable)? {
        requests += u64::from(!line.is_blank());
    }
    if requests == 0 {
        return Err(ApiError::bad_field(
            "batch.input_config.file_name",
            format!("The file {name} holds no requests."),
        ));
    }
    let mut file = lines.into_inner().into_inner();
    file.seek(SeekFrom::Start(0)).await.map_err(unreadable)?;
    Ok((requests, Work::File { file, cap }))
}
