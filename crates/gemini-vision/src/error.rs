//! The one error type of the library.
//!
//! Every failure, from a bad MIME type to a 429 from the API, is an [`Error`] variant
//! with a stable machine-readable [`Error::code`], so the JS shell can map it to an
//! `Error` subclass without parsing messages. API errors keep everything the server
//! said ([`ApiError`]). Nothing here ever holds or prints the API key.

use crate::wire::JsonLimits;
use serde_json::Value;
use std::fmt;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error status.
    #[error(transparent)]
    Api(#[from] ApiError),

    /// A MIME type the API does not accept for this use.
    #[error("unsupported MIME type {mime:?}: {reason}")]
    UnsupportedMime {
        /// The MIME type given or sniffed (may be empty when nothing matched).
        mime: String,
        /// What would be accepted instead.
        reason: String,
    },

    /// More images in one request than the API accepts.
    #[error("too many images in one request: {count} (the API takes at most {max})")]
    TooManyImages {
        /// How many were given.
        count: usize,
        /// The documented maximum.
        max: usize,
    },

    /// The inline request body would exceed the configured request size limit.
    #[error(
        "the request would be {size} bytes, over the {limit}-byte inline limit; \
         send the large parts through the File API"
    )]
    RequestTooLarge {
        /// The body size the request would have.
        size: u64,
        /// The configured limit.
        limit: u64,
    },

    /// An argument from the caller is not valid.
    #[error("invalid {what}: {reason}")]
    InvalidInput {
        /// What was invalid (`"temperature"`, `"chunk size"`, ...).
        what: &'static str,
        /// Why.
        reason: String,
    },

    /// Data from outside (a response, an image header, a mask) could not be read.
    #[error("malformed {what}: {reason}")]
    Malformed {
        /// What was malformed (`"response JSON"`, `"PNG mask"`, ...).
        what: &'static str,
        /// Why.
        reason: String,
    },

    /// Untrusted data asked for more than we allow it to allocate.
    #[error("{what} is {actual}, over the limit of {max}")]
    LimitExceeded {
        /// What was measured (`"mask width"`, `"SSE event size"`, ...).
        what: &'static str,
        /// The size it asked for.
        actual: u64,
        /// The cap.
        max: u64,
    },

    /// The bytes given end before the information asked for. The caller holds only
    /// a prefix of a file (the browser reads `Blob.slice(0, n)`): read at least
    /// `needed` bytes from the start of the file and ask again.
    #[error("{what} needs the first {needed} bytes of the file, only {available} given")]
    NeedMoreData {
        /// What was being read (`"JPEG header"`, ...).
        what: &'static str,
        /// How many bytes from the start of the file are needed (at least).
        needed: u64,
        /// How many were given.
        available: u64,
    },

    /// The upload server broke the resumable protocol (missing session URL, bad offset...).
    #[error("upload protocol error: {reason}")]
    UploadProtocol {
        /// What was wrong.
        reason: String,
    },

    /// The upload session was cancelled (by us or by the server).
    #[error("the upload session was cancelled")]
    UploadCancelled,

    /// Retries were exhausted; `last` is the final failure.
    #[error("gave up after {attempts} attempts: {last}")]
    RetriesExhausted {
        /// How many attempts were made.
        attempts: u32,
        /// The error of the last attempt.
        last: Box<Error>,
    },

    /// A file ended in the `FAILED` state while we waited for `ACTIVE`.
    #[error("file {name} failed processing: {message}")]
    FileFailed {
        /// The file's resource name (`files/abc`).
        name: String,
        /// The server's reason, if any.
        message: String,
    },

    /// The network request failed before an HTTP answer arrived.
    #[error("network error: {message}")]
    Transport {
        /// What the transport said (never contains the key).
        message: String,
    },

    /// Waiting took longer than allowed.
    #[error("timed out after {millis} ms")]
    Timeout {
        /// How long we waited.
        millis: u64,
    },

    /// The caller aborted the operation.
    #[error("the operation was aborted")]
    Aborted,
}

impl Error {
    /// A stable, machine-readable code for this error (`"API_ERROR"`, `"ABORTED"`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Api(_) => "API_ERROR",
            Error::UnsupportedMime { .. } => "UNSUPPORTED_MIME",
            Error::TooManyImages { .. } => "TOO_MANY_IMAGES",
            Error::RequestTooLarge { .. } => "REQUEST_TOO_LARGE",
            Error::InvalidInput { .. } => "INVALID_INPUT",
            Error::Malformed { .. } => "MALFORMED",
            Error::LimitExceeded { .. } => "LIMIT_EXCEEDED",
            Error::NeedMoreData { .. } => "NEED_MORE_DATA",
            Error::UploadProtocol { .. } => "UPLOAD_PROTOCOL",
            Error::UploadCancelled => "UPLOAD_CANCELLED",
            Error::RetriesExhausted { .. } => "RETRIES_EXHAUSTED",
            Error::FileFailed { .. } => "FILE_FAILED",
            Error::Transport { .. } => "TRANSPORT",
            Error::Timeout { .. } => "TIMEOUT",
            Error::Aborted => "ABORTED",
        }
    }

    /// The HTTP status, for API errors (also through `RetriesExhausted`).
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.http_status),
            Error::RetriesExhausted { last, .. } => last.http_status(),
            _ => None,
        }
    }

    /// The API error, if this is one (also through `RetriesExhausted`).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::RetriesExhausted { last, .. } => last.api(),
            _ => None,
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(what: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            what,
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Malformed`].
    pub fn malformed(what: &'static str, reason: impl Into<String>) -> Self {
        Error::Malformed {
            what,
            reason: reason.into(),
        }
    }
}

/// An error answered by the API, with everything it said.
///
/// Google's shape is `{"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT",
/// "details":[...]}}`; answers that are not in that shape (a proxy's HTML page, an
/// empty body) still become an `ApiError` with the HTTP status and the raw body.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status code of the answer.
    pub http_status: u16,
    /// `error.code` from the body (usually equal to the HTTP status).
    pub code: Option<i64>,
    /// `error.status`, e.g. `"INVALID_ARGUMENT"`, `"RESOURCE_EXHAUSTED"`.
    pub status: Option<String>,
    /// `error.message`, or a description of the HTTP status when the body had none.
    pub message: String,
    /// `error.details`, verbatim.
    pub details: Vec<Value>,
    /// The body as received (lossily decoded as UTF-8, capped at 64 KiB).
    pub raw_body: String,
}

impl ApiError {
    /// The largest raw body kept, in bytes.
    pub const RAW_BODY_CAP: usize = 64 * 1024;

    /// Reads an error answer. Never fails: unknown shapes keep the raw body.
    pub fn from_response(http_status: u16, body: &[u8]) -> Self {
        let kept = &body[..body.len().min(Self::RAW_BODY_CAP)];
        let raw_body = String::from_utf8_lossy(kept).into_owned();
        // A body over the limits keeps its raw text only: its details are not built.
        let parsed: Option<Value> = JsonLimits::RESOURCE
            .check(body)
            .ok()
            .and_then(|_| serde_json::from_slice(body).ok());
        // Streaming endpoints answer errors as a one-element array of the error object.
        let object = match parsed {
            Some(Value::Array(mut items)) if !items.is_empty() => Some(items.swap_remove(0)),
            other => other,
        };
        let error = object.as_ref().and_then(|value| value.get("error"));
        let code = error.and_then(|e| e.get("code")).and_then(Value::as_i64);
        let status = error
            .and_then(|e| e.get("status"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let message = error
            .and_then(|e| e.get("message"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| default_message(http_status));
        let details = error
            .and_then(|e| e.get("details"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        ApiError {
            http_status,
            code,
            status,
            message,
            details,
            raw_body,
        }
    }

    /// Whether retrying the same request later may succeed (408, 429 and 5xx).
    pub fn is_retryable(&self) -> bool {
        matches!(self.http_status, 408 | 429) || (500..600).contains(&self.http_status)
    }
}

fn default_message(http_status: u16) -> String {
    let reason = match http_status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    };
    format!("HTTP {http_status} {reason}")
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.status {
            Some(status) => write!(f, "{} {}: {}", self.http_status, status, self.message),
            None => write!(f, "{}: {}", self.http_status, self.message),
        }
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The raw body is long and already summarised by the other fields.
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("code", &self.code)
            .field("status", &self.status)
            .field("message", &self.message)
            .field("details", &self.details.len())
            .finish_non_exhaustive()
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    const NOT_FOUND: &str = r#"{"error":{"code":404,"message":"models/x is not found","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":"d"}]}}"#;

    #[test]
    fn google_error_shape_keeps_every_field() {
        let err = ApiError::from_response(404, NOT_FOUND.as_bytes());
        assert_eq!(err.code, Some(404));
        assert_eq!(err.status.as_deref(), Some("NOT_FOUND"));
        assert_eq!(err.message, "models/x is not found");
        assert_eq!(err.details.len(), 1);
        assert_eq!(err.raw_body, NOT_FOUND);
        assert_eq!(err.to_string(), "404 NOT_FOUND: models/x is not found");
    }

    #[test]
    fn streaming_error_array_is_unwrapped() {
        let body = format!("[{NOT_FOUND}]");
        let err = ApiError::from_response(404, body.as_bytes());
        assert_eq!(err.status.as_deref(), Some("NOT_FOUND"));
    }

    #[test]
    fn non_json_body_keeps_status_and_raw_text() {
        let err = ApiError::from_response(502, b"<html>bad gateway</html>");
        assert_eq!(err.status, None);
        assert_eq!(err.message, "HTTP 502 Bad Gateway");
        assert_eq!(err.raw_body, "<html>bad gateway</html>");
        assert!(err.is_retryable());
    }

    #[test]
    fn raw_body_is_capped() {
        let body = vec![b'x'; ApiError::RAW_BODY_CAP * 2];
        let err = ApiError::from_response(500, &body);
        assert_eq!(err.raw_body.len(), ApiError::RAW_BODY_CAP);
    }

    #[test]
    fn retryable_statuses_are_408_429_and_5xx() {
        for (status, retry) in [
            (400, false),
            (403, false),
            (404, false),
            (408, true),
            (429, true),
            (500, true),
            (503, true),
        ] {
            assert_eq!(
                ApiError::from_response(status, b"").is_retryable(),
                retry,
                "{status}"
            );
        }
    }

    #[test]
    fn codes_are_stable_and_reach_through_retries() {
        let api = Error::Api(ApiError::from_response(429, b""));
        assert_eq!(api.code(), "API_ERROR");
        let wrapped = Error::RetriesExhausted {
            attempts: 3,
            last: Box::new(api),
        };
        assert_eq!(wrapped.code(), "RETRIES_EXHAUSTED");
        assert_eq!(wrapped.http_status(), Some(429));
        assert!(wrapped.api().is_some());
    }
}
