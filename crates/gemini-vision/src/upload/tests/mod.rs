//! Tests of the upload machine as a whole: scripted exchanges for each rule, and
//! property tests against a faithful model of the server.

mod drive;
mod official_clients;
mod poller;
mod properties;
mod recovery;
mod resume_flow;
mod server_model;
mod shape;
mod url_oracle;

use super::{Action, ChunkSizing, StateMachine, Upload, UploadConfig};
use crate::endpoint::Endpoint;
use crate::http::{HttpRequest, Response, header};
use server_model::ORIGIN;

pub(crate) const G: u64 = ChunkSizing::DEFAULT_GRANULARITY;
pub(crate) const MIB: u64 = 1024 * 1024;
pub(crate) const SESSION: &str =
    "http://127.0.0.1:20401/upload/v1beta/files?upload_id=s0&upload_protocol=resumable";

pub(crate) fn endpoint() -> Endpoint {
    Endpoint::new(ORIGIN, "v1beta").unwrap()
}

pub(crate) fn config(size: u64) -> UploadConfig {
    UploadConfig::new(endpoint(), size, "video/mp4")
}

pub(crate) fn upload(size: u64) -> Upload {
    Upload::new(config(size), 1, None).unwrap()
}

/// The next action, which must be a request.
pub(crate) fn expect_send(machine: &mut impl StateMachine) -> HttpRequest {
    match machine.next_action() {
        Action::Send(request) => request,
        other => panic!("expected a request, got {other:?}"),
    }
}

/// Skips progress reports and waits; returns the next request.
pub(crate) fn next_request(machine: &mut impl StateMachine) -> HttpRequest {
    loop {
        match machine.next_action() {
            Action::Send(request) => return request,
            Action::Progress(_) | Action::Wait { .. } => {}
            other => panic!("expected a request, got {other:?}"),
        }
    }
}

pub(crate) fn command(request: &HttpRequest) -> &str {
    request.header(header::UPLOAD_COMMAND).unwrap_or_default()
}

pub(crate) fn offset(request: &HttpRequest) -> Option<u64> {
    request
        .header(header::UPLOAD_OFFSET)
        .and_then(|o| o.parse().ok())
}

/// A start answer opening `SESSION`, announcing no granularity.
pub(crate) fn session_opened() -> Response {
    Response::new(200)
        .header(header::UPLOAD_URL, SESSION)
        .header(header::UPLOAD_STATUS, "active")
}

pub(crate) fn active(received: Option<u64>) -> Response {
    let answer = Response::new(200).header(header::UPLOAD_STATUS, "active");
    match received {
        Some(n) => answer.header(header::UPLOAD_SIZE_RECEIVED, &n.to_string()),
        None => answer,
    }
}

pub(crate) fn final_answer(size: u64) -> Response {
    Response::new(200).header(header::UPLOAD_STATUS, "final").body(format!(
        r#"{{"file":{{"name":"files/abc","mimeType":"video/mp4","sizeBytes":"{size}","state":"ACTIVE"}}}}"#
    ))
}

/// An upload whose start request was answered: the next request is its first chunk.
pub(crate) fn started(size: u64) -> Upload {
    let mut upload = upload(size);
    expect_send(&mut upload);
    upload.on_response(session_opened());
    upload
}
