//! What every Gemini API request goes through before its handler: key check, latency,
//! fault injection, byte counting and the report.
//!
//! Faults that change the whole answer (status, delay, missing header) act here; those
//! that act inside a handler (connection drop, expiry, FAILED file, safety, truncation)
//! are handed down in [`Injected`]. `/__fake` and preflights pass untouched.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth;
use crate::body::{CountingBody, DRAIN_CAP, drain};
use crate::errors::{ApiError, Status};
use crate::faults::{FaultKind, Target};
use crate::report::{RequestRecord, redact_key};
use crate::state::Shared;
use crate::upload::rules::Command;

/// Faults that fired on this request and that its handler must act on.
#[derive(Debug, Clone, Default)]
pub struct Injected(pub Vec<FaultKind>);

impl Injected {
    /// Whether a fault matching `test` fired.
    pub fn has(&self, test: impl Fn(&FaultKind) -> bool) -> bool {
        self.0.iter().any(test)
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Injected {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Injected>()
            .cloned()
            .unwrap_or_default())
    }
}

/// Set on a response whose connection a handler cut: it never reaches the client.
#[derive(Debug, Clone, Copy)]
pub struct Cut;

/// The targets a request counts for, or `None` for requests outside the API.
fn targets(
    method: &Method,
    path: &str,
    query: Option<&str>,
    command: Option<&str>,
) -> Option<Vec<Target>> {
    if path.starts_with("/__fake") || method == Method::OPTIONS {
        return None;
    }
    let mut targets = vec![Target::Request];
    if path.starts_with("/upload/") {
        targets.push(Target::Upload);
        let in_session = query.is_some_and(|query| query.contains("upload_id="));
        let carries_bytes = command
            .and_then(Command::parse)
            .is_some_and(|command| command.upload || command.finalize);
        if in_session && carries_bytes {
            targets.push(Target::Chunk);
        }
    } else if path.contains(":generateContent") || path.contains(":streamGenerateContent") {
        targets.push(Target::Generate);
    } else if path.contains(":countTokens") {
        targets.push(Target::Count);
    } else if path.contains("/files") {
        targets.push(Target::Files);
    } else if path.contains("/cachedContents") {
        targets.push(Target::Caches);
    }
    Some(targets)
}

/// API versions the emulator serves.
const VERSIONS: &[&str] = &["v1", "v1beta", "v1alpha"];

/// Whether the path names a served API version (`/{ver}/...` or `/upload/{ver}/...`).
fn known_version(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next().unwrap_or("");
    let version = if first == "upload" {
        segments.next().unwrap_or("")
    } else {
        first
    };
    VERSIONS.contains(&version)
}

fn fault_name(kind: &FaultKind) -> String {
    match kind {
        FaultKind::Status { status, .. } => format!("status {status}"),
        FaultKind::Drop { after_bytes } => format!("drop after {after_bytes} bytes"),
        FaultKind::MissingUploadStatus => "missing upload status".into(),
        FaultKind::ExpireSession => "expire session".into(),
        FaultKind::FailFile => "fail file".into(),
        FaultKind::Slow { delay_ms } => format!("slow {delay_ms} ms"),
        FaultKind::SafetyBlock => "safety block".into(),
        FaultKind::SafetyFinish => "safety finish".into(),
        FaultKind::Truncate => "truncate".into(),
    }
}

fn fault_answer(status: u16, retry_after: Option<u64>) -> ApiError {
    let kind = Status::from_http(status);
    let message = match status {
        429 => "Resource has been exhausted (e.g. check quota).",
        500 => {
            "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
        }
        503 => "The model is overloaded. Please try again later.",
        _ => "Injected fault.",
    };
    let mut error = ApiError::new(kind, message);
    error.retry_after = retry_after;
    error
}

/// The middleware.
pub async fn pipeline(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    let command = request
        .headers()
        .get("x-goog-upload-command")
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    let Some(targets) = targets(&method, &path, query.as_deref(), command.as_deref()) else {
        return next.run(request).await;
    };
    let settings = state.settings();
    let shown_path = redact_key(&request.uri().to_string());
    let counter = Arc::new(AtomicU64::new(0));
    let record = |status: u16, faults: &[FaultKind]| {
        let bytes = counter.load(Ordering::Relaxed);
        if state.verbose {
            eprintln!("{method} {shown_path} -> {status} ({bytes} B in)");
        }
        state.recorder.request(RequestRecord {
            seq: 0,
            method: method.to_string(),
            path: shown_path.clone(),
            status,
            bytes,
            faults: faults.iter().map(fault_name).collect(),
        });
    };

    if !known_version(&path) {
        let error = ApiError::no_route(&path);
        record(error.status.http().as_u16(), &[]);
        return error.into_response();
    }

    // Session URLs are capabilities of their own: the official clients send no key there.
    let in_session = path.starts_with("/upload/")
        && query
            .as_deref()
            .is_some_and(|query| query.contains("upload_id="));
    if !in_session
        && let Err(error) = auth::check(
            request.headers(),
            query.as_deref(),
            settings.api_key.as_deref(),
        )
    {
        let (_, body) = request.into_parts();
        drain(CountingBody::wrap(body, counter.clone()), DRAIN_CAP).await;
        record(error.status.http().as_u16(), &[]);
        return error.into_response();
    }

    if settings.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(settings.latency_ms)).await;
    }
    let fired = state.faults.on_event(&targets);
    for kind in &fired {
        if let FaultKind::Slow { delay_ms } = kind {
            tokio::time::sleep(Duration::from_millis(*delay_ms)).await;
        }
    }
    if let Some((status, retry_after)) = fired.iter().find_map(|kind| match kind {
        FaultKind::Status {
            status,
            retry_after,
        } => Some((*status, *retry_after)),
        _ => None,
    }) {
        let (_, body) = request.into_parts();
        drain(CountingBody::wrap(body, counter.clone()), DRAIN_CAP).await;
        let mut error = fault_answer(status, retry_after);
        if path.contains(":streamGenerateContent") {
            error = error.in_event_stream();
        }
        let mut response = error.into_response();
        if path.starts_with("/upload/") && !fired.contains(&FaultKind::MissingUploadStatus) {
            response.headers_mut().insert(
                "x-goog-upload-status",
                axum::http::HeaderValue::from_static("active"),
            );
        }
        record(response.status().as_u16(), &fired);
        return response;
    }

    let (parts, body) = request.into_parts();
    let mut request = Request::from_parts(parts, CountingBody::wrap(body, counter.clone()));
    request.extensions_mut().insert(Injected(fired.clone()));
    let mut response = next.run(request).await;
    if fired.contains(&FaultKind::MissingUploadStatus) {
        response.headers_mut().remove("x-goog-upload-status");
    }
    let status = if response.extensions().get::<Cut>().is_some() {
        0
    } else {
        response.status().as_u16()
    };
    record(status, &fired);
    if status == 0 {
        // The connection is gone; what is returned here is never written.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chunks_are_upload_session_requests_with_bytes() {
        let got = targets(
            &Method::POST,
            "/upload/v1beta/files",
            Some("upload_id=x"),
            Some("upload, finalize"),
        );
        assert_eq!(
            got,
            Some(vec![Target::Request, Target::Upload, Target::Chunk])
        );
        let query = targets(
            &Method::POST,
            "/upload/v1beta/files",
            Some("upload_id=x"),
            Some("query"),
        );
        assert_eq!(query, Some(vec![Target::Request, Target::Upload]));
    }

    #[test]
    fn admin_and_preflight_are_not_counted() {
        assert_eq!(targets(&Method::GET, "/__fake/report", None, None), None);
        assert_eq!(targets(&Method::OPTIONS, "/v1beta/files", None, None), None);
    }

    #[test]
    fn model_calls_are_classified() {
        let stream = targets(
            &Method::POST,
            "/v1beta/models/m:streamGenerateContent",
            Some("alt=sse"),
            None,
        );
        assert_eq!(stream, Some(vec![Target::Request, Target::Generate]));
        let count = targets(&Method::POST, "/v1/models/m:countTokens", None, None);
        assert_eq!(count, Some(vec![Target::Request, Target::Count]));
    }

    #[test]
    fn only_served_versions_are_known() {
        assert!(known_version("/v1beta/models/m:generateContent"));
        assert!(known_version("/upload/v1/files"));
        assert!(!known_version("/v2/files"));
        assert!(!known_version("/upload/files"));
    }

    proptest! {
        #[test]
        fn every_api_path_counts_as_a_request(path in "/v1beta/[a-z/:]{0,30}") {
            let got = targets(&Method::GET, &path, None, None).unwrap();
            prop_assert_eq!(got.first(), Some(&Target::Request));
        }
    }
}
