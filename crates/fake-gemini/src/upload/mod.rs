//! `POST /upload/{ver}/files`: resumable sessions (start, then chunks, query, cancel on
//! the session URL), and single-shot multipart and media uploads.
//!
//! Bytes go straight to disk as they arrive; the SHA-256 is computed on the way.

pub mod chunk;
pub mod multipart;
pub mod rules;
pub mod session;
pub mod sink;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::body::read_limited;
use crate::conn::Peer;
use crate::errors::{ApiError, Status};
use crate::faults::FaultKind;
use crate::host::base_url;
use crate::ids;
use crate::mime;
use crate::pipeline::Injected;
use crate::schema::{self, resources::CREATE_FILE_REQUEST};
use crate::state::{AppState, Shared};
use rules::{GRANULARITY, Refusal};
use session::UploadSession;

/// A header as text.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
}

/// A query parameter.
pub fn query_param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then_some(value)
    })
}

/// Adds a header, ignoring values that are not valid header text.
pub fn put(response: &mut Response, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}

/// An upload answer with its `X-Goog-Upload-Status`.
pub fn upload_answer(status: StatusCode, upload_status: &str, body: Option<Value>) -> Response {
    let mut response = match body {
        Some(body) => (status, axum::Json(body)).into_response(),
        None => status.into_response(),
    };
    put(&mut response, "x-goog-upload-status", upload_status);
    response
}

/// An error answer on the upload path, still carrying `X-Goog-Upload-Status`.
pub fn upload_error(error: ApiError, upload_status: &str) -> Response {
    let mut response = error.into_response();
    put(&mut response, "x-goog-upload-status", upload_status);
    response
}

/// The entry point for every `POST /upload/{ver}/files`.
pub async fn dispatch(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    Path(version): Path<String>,
    RawQuery(query): RawQuery,
    injected: Injected,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let query = query.as_deref();
    if let Some(upload_id) = query_param(query, "upload_id") {
        return chunk::handle(&state, &peer, &injected, upload_id, &headers, body).await;
    }
    let protocol = header(&headers, "x-goog-upload-protocol").map(str::to_ascii_lowercase);
    let upload_type = query_param(query, "uploadType");
    let fails = injected.has(|kind| *kind == FaultKind::FailFile);
    match (protocol.as_deref(), upload_type) {
        (Some("resumable"), _) => start(&state, &version, &headers, body, fails).await,
        (Some("multipart"), _) | (_, Some("multipart")) => {
            multipart::multipart(&state, &version, &headers, body, fails).await
        }
        (_, Some("media")) | (Some("raw"), _) => {
            multipart::media(&state, &version, &headers, body, fails).await
        }
        _ => upload_error(
            ApiError::new(
                Status::InvalidArgument,
                "Upload requests must set X-Goog-Upload-Protocol (resumable or multipart) or uploadType.",
            ),
            "final",
        ),
    }
}

/// A text field of upload metadata (`{"file":{...}}` or bare), camelCase or snake_case.
pub fn metadata_text(json: &Value, camel: &str, snake: &str) -> Option<String> {
    let file = json.get("file").unwrap_or(json);
    file.get(camel)
        .or_else(|| file.get(snake))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The answer to a failed disk operation.
pub fn store_error(error: std::io::Error) -> ApiError {
    ApiError::new(
        Status::Internal,
        format!("Cannot store the upload: {error}"),
    )
}

/// Checks upload metadata (`{"file": {...}}`, the start body or the multipart JSON
/// part) against the schema, as the API does; an empty body is no metadata. The answer
/// is normalised (camelCase).
pub fn checked_metadata(state: &AppState, body: &[u8]) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    let json = schema::parse(body)?;
    let lenient = state.settings().accept_unknown_fields;
    schema::check(&json, &CREATE_FILE_REQUEST, lenient)
}

/// Reads `displayName`, `mimeType` and `sizeBytes` from checked start metadata.
fn start_metadata(json: &Value) -> (Option<String>, Option<String>, Option<u64>) {
    let file = json.get("file").unwrap_or(json);
    let size = file
        .get("sizeBytes")
        .or_else(|| file.get("size_bytes"))
        .and_then(|value| {
            value
                .as_u64()
                .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
        });
    (
        metadata_text(json, "displayName", "display_name"),
        metadata_text(json, "mimeType", "mime_type"),
        size,
    )
}

/// Checks a MIME type the File API must take.
pub fn accept_mime(mime_type: Option<&str>) -> Result<String, ApiError> {
    let mime_type = mime_type.filter(|mime| !mime.is_empty()).ok_or_else(|| {
        ApiError::new(
            Status::InvalidArgument,
            "The upload does not specify a MIME type.",
        )
    })?;
    if mime::classify(mime_type).is_none() {
        return Err(ApiError::new(
            Status::InvalidArgument,
            format!("Unsupported MIME type: {}", mime::essence(mime_type)),
        ));
    }
    Ok(mime::essence(mime_type))
}

async fn start(
    state: &Shared,
    version: &str,
    headers: &HeaderMap,
    body: Body,
    fails: bool,
) -> Response {
    let command = header(headers, "x-goog-upload-command").unwrap_or("");
    if !command.eq_ignore_ascii_case("start") {
        let error = ApiError::new(
            Status::InvalidArgument,
            "A new resumable upload must use X-Goog-Upload-Command: start.",
        );
        return upload_error(error, "final");
    }
    let metadata = match read_limited(headers, body, 1024 * 1024).await {
        Ok(bytes) => bytes,
        Err(error) => return upload_error(error, "final"),
    };
    let metadata = match checked_metadata(state, &metadata) {
        Ok(metadata) => metadata,
        Err(error) => return upload_error(error, "final"),
    };
    let (display_name, body_mime, body_size) = start_metadata(&metadata);
    let mime_type = header(headers, "x-goog-upload-header-content-type")
        .map(str::to_string)
        .or(body_mime);
    let mime_type = match accept_mime(mime_type.as_deref()) {
        Ok(mime_type) => mime_type,
        Err(error) => return upload_error(error, "final"),
    };
    let declared = match header(headers, "x-goog-upload-header-content-length") {
        Some(text) => match text.parse::<u64>() {
            Ok(size) => Some(size),
            Err(_) => {
                let error = ApiError::new(
                    Status::InvalidArgument,
                    "Invalid X-Goog-Upload-Header-Content-Length.",
                );
                return upload_error(error, "final");
            }
        },
        None => body_size,
    };
    let settings = state.settings();
    if let Some(declared) = declared {
        if declared > settings.max_file_bytes {
            let error = ApiError::new(
                Status::InvalidArgument,
                Refusal::TooLarge {
                    limit: settings.max_file_bytes,
                }
                .message(),
            );
            return upload_error(error, "final");
        }
        if state.files.usage().saturating_add(declared) > settings.max_project_bytes {
            let error = ApiError::new(
                Status::InvalidArgument,
                format!(
                    "The project's file storage limit of {} bytes would be exceeded.",
                    settings.max_project_bytes
                ),
            );
            return upload_error(error, "final");
        }
    }

    let id = ids::upload_id();
    let path = state.files.path_for(&format!("upload-{id}.part"));
    if let Err(error) = tokio::fs::File::create(&path).await {
        return upload_error(store_error(error), "final");
    }
    let ttl = std::time::Duration::from_secs(settings.session_ttl_secs);
    let mut session = UploadSession::new(id.clone(), version.to_string(), mime_type, path, ttl);
    session.display_name = display_name;
    session.declared = declared;
    session.fails = fails;
    let origin = header(headers, "origin").map(str::to_string);
    state.sessions.insert(origin, session);
    state
        .recorder
        .session(&id, |report| report.declared_size = declared);

    let url = format!(
        "{}/upload/{version}/files?upload_id={id}&upload_protocol=resumable",
        base_url(headers, "localhost")
    );
    let mut response = upload_answer(StatusCode::OK, "active", None);
    put(&mut response, "x-goog-upload-url", &url);
    put(&mut response, "x-goog-upload-control-url", &url);
    put(
        &mut response,
        "x-goog-upload-chunk-granularity",
        &GRANULARITY.to_string(),
    );
    put(&mut response, "x-guploader-uploadid", &id);
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn normalised(body: &[u8]) -> Value {
        let json = schema::parse(body).unwrap();
        schema::check(&json, &CREATE_FILE_REQUEST, false).unwrap()
    }

    #[test]
    fn reads_start_metadata_in_both_casings() {
        let camel =
            br#"{"file":{"mimeType":"video/mp4","displayName":"big","sizeBytes":"20971643"}}"#;
        assert_eq!(
            start_metadata(&normalised(camel)),
            (
                Some("big".into()),
                Some("video/mp4".into()),
                Some(20_971_643)
            )
        );
        let snake =
            br#"{"file":{"display_name":"big","mime_type":"video/mp4","size_bytes":20971643}}"#;
        assert_eq!(
            start_metadata(&normalised(snake)),
            (
                Some("big".into()),
                Some("video/mp4".into()),
                Some(20_971_643)
            )
        );
        assert_eq!(start_metadata(&Value::Null), (None, None, None));
    }

    #[test]
    fn refuses_gif_uploads() {
        assert_eq!(
            accept_mime(Some("image/gif")).unwrap_err().message,
            "Unsupported MIME type: image/gif"
        );
        assert_eq!(accept_mime(Some("video/mp4")).unwrap(), "video/mp4");
    }

    proptest! {
        #[test]
        fn query_params_are_found_by_exact_name(value in "[A-Za-z0-9_-]{1,20}") {
            let query = format!("upload_ids=no&upload_id={value}");
            prop_assert_eq!(query_param(Some(&query), "upload_id"), Some(value.as_str()));
        }
    }
}
