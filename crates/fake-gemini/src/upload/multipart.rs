//! Single-shot uploads: `multipart/related` (metadata part, then the bytes; what older
//! JS SDKs send with `X-Goog-Upload-Protocol: multipart`) and `uploadType=media` (raw
//! bytes).
//!
//! The file part is streamed to disk; only the closing delimiter's length is held back,
//! so the file is never in memory.

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};
use sha2::Digest;

use super::sink::Sink;
use super::{
    accept_mime, checked_metadata, header, metadata_text, store_error, upload_answer, upload_error,
};
use crate::body::next_data;
use crate::clock;
use crate::errors::{ApiError, Status};
use crate::files::{self, Finished};
use crate::host::base_url;
use crate::ids;
use crate::state::Shared;

/// Headers and metadata are small; more is refused.
const MAX_HEAD: usize = 1024 * 1024;

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::new(Status::InvalidArgument, message)
}

/// Buffered reading of a body.
struct Reader {
    body: Body,
    buffer: Vec<u8>,
}

impl Reader {
    /// Pulls one more frame; `false` at the end.
    async fn fill(&mut self) -> Result<bool, ApiError> {
        match next_data(&mut self.body).await {
            Ok(Some(data)) => {
                self.buffer.extend_from_slice(&data);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(_) => Err(bad("The upload body was cut short.")),
        }
    }

    /// Everything before `pattern`, consuming the pattern too.
    async fn until(&mut self, pattern: &[u8]) -> Result<Vec<u8>, ApiError> {
        loop {
            if let Some(at) = find(&self.buffer, pattern) {
                let head: Vec<u8> = self.buffer.drain(..at + pattern.len()).take(at).collect();
                return Ok(head);
            }
            if self.buffer.len() > MAX_HEAD {
                return Err(bad("Multipart headers or metadata are too large."));
            }
            if !self.fill().await? {
                return Err(bad("Malformed multipart body."));
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The boundary of a `multipart/related; boundary=...` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|param| {
        let value = param.trim().strip_prefix("boundary=")?;
        Some(value.trim_matches('"').to_string()).filter(|value| !value.is_empty())
    })
}

fn part_content_type(head: &[u8]) -> Option<String> {
    String::from_utf8_lossy(head).lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-type")
            .then(|| value.trim().to_string())
    })
}

/// `X-Goog-Upload-Protocol: multipart` or `uploadType=multipart`.
pub async fn multipart(
    state: &Shared,
    version: &str,
    headers: &HeaderMap,
    body: Body,
    fails: bool,
) -> Response {
    match receive_multipart(state, version, headers, body, fails).await {
        Ok(response) => response,
        Err(error) => upload_error(error, "final"),
    }
}

async fn receive_multipart(
    state: &Shared,
    version: &str,
    headers: &HeaderMap,
    body: Body,
    fails: bool,
) -> Result<Response, ApiError> {
    let content_type = header(headers, "content-type").unwrap_or("");
    let boundary = boundary(content_type)
        .ok_or_else(|| bad("Multipart uploads need a boundary in Content-Type."))?;
    let delimiter = format!("--{boundary}");
    let mut reader = Reader {
        body,
        buffer: Vec::new(),
    };
    reader.until(delimiter.as_bytes()).await?;
    reader.until(b"\r\n\r\n").await?;
    let metadata = reader.until(format!("\r\n{delimiter}").as_bytes()).await?;
    let head = reader.until(b"\r\n\r\n").await?;
    let metadata: Value = checked_metadata(state, &metadata)?;
    let mime_type =
        metadata_text(&metadata, "mimeType", "mime_type").or_else(|| part_content_type(&head));
    let mime_type = accept_mime(mime_type.as_deref())?;
    let display_name = metadata_text(&metadata, "displayName", "display_name");

    // Stream the file part, holding back enough bytes to recognise the closing delimiter.
    let closing = format!("\r\n{delimiter}");
    let (path, mut sink) = open_sink(state).await?;
    let max_file = state.settings().max_file_bytes;
    loop {
        if let Some(at) = find(&reader.buffer, closing.as_bytes()) {
            sink.write(reader.buffer.get(..at).unwrap_or_default())
                .await
                .map_err(store_error)?;
            break;
        }
        let keep = closing.len().min(reader.buffer.len());
        let flush_to = reader.buffer.len() - keep;
        if flush_to > 0 {
            let chunk: Vec<u8> = reader.buffer.drain(..flush_to).collect();
            sink.write(&chunk).await.map_err(store_error)?;
        }
        if sink.written() > max_file {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(bad(format!(
                "The file exceeds the maximum allowed size of {max_file} bytes."
            )));
        }
        if !reader.fill().await? {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(bad("The multipart body has no closing boundary."));
        }
    }
    // Drain the rest of the body (the closing `--` and epilogue).
    while reader.fill().await? {
        reader.buffer.clear();
    }
    store(
        state,
        version,
        headers,
        path,
        sink,
        display_name,
        mime_type,
        fails,
    )
    .await
}

/// `uploadType=media`: the body is the file.
pub async fn media(
    state: &Shared,
    version: &str,
    headers: &HeaderMap,
    mut body: Body,
    fails: bool,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let mime_type = accept_mime(
            header(headers, "x-goog-upload-header-content-type")
                .or(header(headers, "content-type")),
        )?;
        let (path, mut sink) = open_sink(state).await?;
        let max_file = state.settings().max_file_bytes;
        loop {
            match next_data(&mut body).await {
                Ok(Some(data)) => sink.write(&data).await.map_err(store_error)?,
                Ok(None) => break,
                Err(_) => {
                    let _ = tokio::fs::remove_file(&path).await;
                    return Err(bad("The upload body was cut short."));
                }
            }
            if sink.written() > max_file {
                let _ = tokio::fs::remove_file(&path).await;
                return Err(bad(format!(
                    "The file exceeds the maximum allowed size of {max_file} bytes."
                )));
            }
        }
        store(state, version, headers, path, sink, None, mime_type, fails).await
    }
    .await;
    result.unwrap_or_else(|error| upload_error(error, "final"))
}

async fn open_sink(state: &Shared) -> Result<(std::path::PathBuf, Sink), ApiError> {
    let path = state
        .files
        .path_for(&format!("upload-{}.part", ids::upload_id()));
    let sink = Sink::open(&path, 0, sha2::Sha256::new())
        .await
        .map_err(store_error)?;
    Ok((path, sink))
}

#[allow(clippy::too_many_arguments)]
async fn store(
    state: &Shared,
    version: &str,
    headers: &HeaderMap,
    path: std::path::PathBuf,
    sink: Sink,
    display_name: Option<String>,
    mime_type: String,
    fails: bool,
) -> Result<Response, ApiError> {
    let (size, hasher) = sink.finish().await.map_err(store_error)?;
    let limit = state.settings().max_project_bytes;
    if !state.files.reserve(size, limit) {
        let _ = tokio::fs::remove_file(&path).await;
        return Err(bad(format!(
            "The project's file storage limit of {limit} bytes would be exceeded."
        )));
    }
    let finished = Finished {
        path,
        display_name,
        mime_type,
        size,
        sha256: hasher.finalize().into(),
        fails,
    };
    let file = files::create(state, finished).await.map_err(store_error)?;
    let json = file.to_json(&base_url(headers, "localhost"), version, clock::now());
    Ok(upload_answer(
        StatusCode::OK,
        "final",
        Some(json!({ "file": json })),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_boundary() {
        assert_eq!(
            boundary("multipart/related; boundary=abc123").as_deref(),
            Some("abc123")
        );
        assert_eq!(
            boundary("multipart/related; boundary=\"q q\"").as_deref(),
            Some("q q")
        );
        assert_eq!(boundary("application/json"), None);
    }

    #[test]
    fn reads_a_parts_content_type() {
        assert_eq!(
            part_content_type(b"Content-Type: image/png\r\nX: y").as_deref(),
            Some("image/png")
        );
    }

    proptest! {
        #[test]
        fn find_agrees_with_a_naive_search(hay in proptest::collection::vec(0u8..3, 0..60), needle in proptest::collection::vec(0u8..3, 1..4)) {
            let naive = (0..hay.len()).find(|&i| hay[i..].starts_with(&needle));
            prop_assert_eq!(find(&hay, &needle), naive);
        }
    }
}
