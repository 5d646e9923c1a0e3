//! Requests on a session URL: `upload`, `upload, finalize`, `finalize`, `query`, `cancel`.
//!
//! The rules come from `rules`; this module moves the bytes, keeps the session's hash in
//! step with what is committed, answers with the upload headers, and cuts the connection
//! when a drop fault says so. It never commits a byte the rules did not admit.

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;
use sha2::Digest;

use super::rules::{self, Command, GRANULARITY, Settled};
use super::session::{Phase, UploadSession};
use super::sink::{self, Sink};
use super::{header, put, store_error, upload_answer, upload_error};
use crate::body::next_data;
use crate::clock;
use crate::conn::Peer;
use crate::errors::{ApiError, Status};
use crate::faults::FaultKind;
use crate::files::{self, Finished};
use crate::host::base_url;
use crate::pipeline::{Cut, Injected};
use crate::report::{ChunkOutcome, ChunkRecord};
use crate::state::Shared;

fn gone() -> Response {
    upload_error(
        ApiError::new(
            Status::NotFound,
            "The upload session was not found, was cancelled or has expired.",
        ),
        "final",
    )
}

fn refused(message: String) -> Response {
    upload_error(ApiError::new(Status::InvalidArgument, message), "active")
}

/// Ends a session that will take no more bytes, giving its space back.
async fn discard(state: &Shared, session: &UploadSession, status: &str) {
    state.sessions.remove(&session.id);
    if session.phase == Phase::Active {
        let _ = tokio::fs::remove_file(&session.path).await;
        state.files.release(session.committed);
    }
    state
        .recorder
        .session(&session.id, |report| report.status = status.to_string());
}

/// Handles one request on a session URL.
pub async fn handle(
    state: &Shared,
    peer: &Peer,
    injected: &Injected,
    upload_id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Response {
    let Some(entry) = state.sessions.get(upload_id) else {
        return gone();
    };
    let mut session = entry.session.lock().await;
    if injected.has(|kind| *kind == FaultKind::ExpireSession) {
        session.expires_at = std::time::Instant::now();
    }
    if session.expired() {
        discard(state, &session, "expired").await;
        return gone();
    }
    if injected.has(|kind| *kind == FaultKind::FailFile) {
        session.fails = true;
    }
    let Some(command) = header(headers, "x-goog-upload-command").and_then(Command::parse) else {
        return refused("Missing or invalid X-Goog-Upload-Command.".into());
    };
    let base = base_url(headers, &state.access);
    if let Phase::Final(file_id) = &session.phase {
        let now = clock::now();
        return match state.files.get(file_id, now) {
            Some(file) => upload_answer(
                StatusCode::OK,
                "final",
                Some(json!({ "file": file.to_json(&base, &session.version, now) })),
            ),
            None => gone(),
        };
    }
    if command.cancel {
        discard(state, &session, "cancelled").await;
        return upload_answer(StatusCode::OK, "cancelled", None);
    }
    if command.query && !command.upload && !command.finalize {
        let mut response = upload_answer(StatusCode::OK, "active", None);
        put(
            &mut response,
            "x-goog-upload-size-received",
            &session.committed.to_string(),
        );
        put(
            &mut response,
            "x-goog-upload-chunk-granularity",
            &GRANULARITY.to_string(),
        );
        return response;
    }
    receive(
        state,
        peer,
        injected,
        &mut session,
        command,
        headers,
        body,
        &base,
    )
    .await
}

/// Reads a chunk's body into the session.
#[allow(clippy::too_many_arguments)]
async fn receive(
    state: &Shared,
    peer: &Peer,
    injected: &Injected,
    session: &mut UploadSession,
    command: Command,
    headers: &HeaderMap,
    mut body: Body,
    base: &str,
) -> Response {
    let settings = state.settings();
    let committed = session.committed;
    let offset = match header(headers, "x-goog-upload-offset") {
        Some(text) => match text.parse::<u64>() {
            Ok(offset) => offset,
            Err(_) => return refused("Invalid X-Goog-Upload-Offset.".into()),
        },
        None if command.upload => {
            return refused("X-Goog-Upload-Offset is required for upload.".into());
        }
        None => committed,
    };
    let command_text = header(headers, "x-goog-upload-command")
        .unwrap_or("")
        .to_string();
    let mut chunk = ChunkRecord {
        offset,
        received: 0,
        overlap: 0,
        committed: 0,
        command: command_text,
        outcome: ChunkOutcome::Rejected,
    };
    let skip = match rules::admit(committed, offset) {
        Ok(skip) => skip,
        Err(refusal) => {
            state.recorder.chunk(&session.id, chunk);
            return refused(refusal.message());
        }
    };
    let drop_after = injected.0.iter().find_map(|kind| match kind {
        FaultKind::Drop { after_bytes } => Some(*after_bytes),
        _ => None,
    });

    let mut sink = match Sink::open(&session.path, committed, session.hasher.clone()).await {
        Ok(sink) => sink,
        Err(error) => {
            return upload_error(store_error(error), "active");
        }
    };
    let mut received = 0u64;
    let mut complete = true;
    let mut cut = false;
    let mut too_large = false;
    let mut reservation = state.files.reservation(settings.max_project_bytes);
    let mut project_full = false;
    loop {
        if drop_after.is_some_and(|limit| received >= limit) {
            complete = false;
            cut = true;
            break;
        }
        let data = match next_data(&mut body).await {
            Ok(Some(data)) => data,
            Ok(None) => break,
            Err(_) => {
                complete = false;
                break;
            }
        };
        let room = drop_after.map_or(data.len() as u64, |limit| limit - received);
        let take = (data.len() as u64).min(room) as usize;
        let start = received;
        received += take as u64;
        chunk.received = received;
        let skip_here = skip.saturating_sub(start).min(take as u64) as usize;
        let fresh = data.get(skip_here..take).unwrap_or_default();
        if offset + received > settings.max_file_bytes {
            too_large = true;
            break;
        }
        if !reservation.grow(fresh.len() as u64) {
            project_full = true;
            break;
        }
        if let Err(error) = sink.write(fresh).await {
            return upload_error(store_error(error), "active");
        }
    }
    chunk.overlap = skip.min(received);
    let (written, hasher) = match sink.finish().await {
        Ok(done) => done,
        Err(error) => {
            return upload_error(store_error(error), "active");
        }
    };
    let settled = if too_large {
        Settled::Refuse(rules::Refusal::TooLarge {
            limit: settings.max_file_bytes,
        })
    } else if project_full {
        Settled::Refuse(rules::Refusal::ProjectFull {
            limit: settings.max_project_bytes,
        })
    } else {
        rules::settle(
            committed,
            offset,
            received,
            complete,
            command,
            session.declared,
            settings.max_file_bytes,
        )
    };
    let (next, finalize) = match settled {
        Settled::Commit {
            committed: next,
            finalize,
        } if reservation.keep(next - committed) => (next, finalize),
        Settled::Commit { .. } => {
            let _ = sink::truncate(&session.path, committed).await;
            state.recorder.chunk(&session.id, chunk);
            let limit = settings.max_project_bytes;
            return refused(rules::Refusal::ProjectFull { limit }.message());
        }
        Settled::Refuse(refusal) => {
            let _ = sink::truncate(&session.path, committed).await;
            state.recorder.chunk(&session.id, chunk);
            if cut {
                peer.kill();
            }
            return refused(refusal.message());
        }
    };

    if next == committed + written {
        session.hasher = hasher;
    } else {
        // Only part of what was written is kept: hash exactly that part again.
        match sink::hash_range(&session.path, committed, next, session.hasher.clone()).await {
            Ok(hasher) => session.hasher = hasher,
            Err(error) => {
                return upload_error(
                    ApiError::new(Status::Internal, format!("Cannot read the upload: {error}")),
                    "active",
                );
            }
        }
        let _ = sink::truncate(&session.path, next).await;
    }
    session.committed = next;
    chunk.committed = next - committed;
    chunk.outcome = if complete {
        ChunkOutcome::Committed
    } else {
        ChunkOutcome::Partial
    };
    state.recorder.chunk(&session.id, chunk);

    if cut {
        peer.kill();
        let mut response = upload_answer(StatusCode::OK, "active", None);
        response.extensions_mut().insert(Cut);
        return response;
    }
    if !finalize {
        let mut response = upload_answer(StatusCode::OK, "active", None);
        put(
            &mut response,
            "x-goog-upload-size-received",
            &next.to_string(),
        );
        return response;
    }
    let finished = Finished {
        path: session.path.clone(),
        display_name: session.display_name.clone(),
        mime_type: session.mime_type.clone(),
        size: next,
        sha256: session.hasher.clone().finalize().into(),
        fails: session.fails,
    };
    match files::create(state, finished).await {
        Ok(file) => {
            session.phase = Phase::Final(file.id.clone());
            let name = format!("files/{}", file.id);
            state.recorder.session(&session.id, |report| {
                report.status = "final".into();
                report.file = Some(name);
            });
            let json = file.to_json(base, &session.version, clock::now());
            upload_answer(StatusCode::OK, "final", Some(json!({ "file": json })))
        }
        Err(error) => upload_error(
            ApiError::new(Status::Internal, format!("Cannot store the file: {error}")),
            "active",
        ),
    }
}
