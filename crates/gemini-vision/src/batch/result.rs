//! One request's result, whether it came from a result file or inline in the job.
//!
//! A response is kept as the JSON text the server sent ([`RawResponse`]), not as a
//! tree: the browser shell hands it to its own `JSON.parse`, the CLI decodes it with
//! [`RawResponse::decode`] when it needs the typed answer.

use crate::error::{Error, Result};
use crate::wire::GenerateContentResponse;
use serde_json::Value;
use std::fmt;

/// The result of one request of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResult {
    /// The request's key (`key` in a result file, `metadata.key` inline); `None` when
    /// the server sent none or it could not be read.
    pub key: Option<String>,
    /// Where the result was: its 1-based line number in the result file (blank lines
    /// counted), or its 1-based position in the inline list.
    pub position: u64,
    /// What the request gave.
    pub outcome: BatchOutcome,
}

/// What one request of a batch gave.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchOutcome {
    /// The model's answer: a `GenerateContentResponse` as JSON text.
    Response(RawResponse),
    /// The API's error for this request.
    Error(ResultError),
    /// The result itself could not be read (not JSON, over the line cap, neither a
    /// response nor an error). Only this result is lost; the others read on.
    Unreadable(LineError),
}

impl BatchResult {
    /// The response, if the request succeeded.
    pub fn response(&self) -> Option<&RawResponse> {
        match &self.outcome {
            BatchOutcome::Response(raw) => Some(raw),
            _ => None,
        }
    }

    /// The API's error, if the request failed.
    pub fn error(&self) -> Option<&ResultError> {
        match &self.outcome {
            BatchOutcome::Error(error) => Some(error),
            _ => None,
        }
    }
}

/// A response exactly as the server wrote it, validated as JSON.
#[derive(Clone, PartialEq, Eq)]
pub struct RawResponse {
    json: String,
}

impl RawResponse {
    /// Wraps JSON text read by this module (it is known to be one JSON value).
    pub(crate) fn new(json: String) -> Self {
        RawResponse { json }
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.json
    }

    /// The JSON bytes (UTF-8).
    pub fn as_bytes(&self) -> &[u8] {
        self.json.as_bytes()
    }

    /// The JSON text, owned.
    pub fn into_string(self) -> String {
        self.json
    }

    /// The typed answer. Fails only if the JSON is not a `GenerateContentResponse`
    /// at all (a string, a list, a wrongly typed known field).
    pub fn decode(&self) -> Result<GenerateContentResponse> {
        serde_json::from_str(&self.json)
            .map_err(|err| Error::malformed("batch response", err.to_string()))
    }

    /// The answer text of the first candidate (see
    /// [`GenerateContentResponse::text`]), which is what the spatial parser reads.
    pub fn text(&self) -> Result<String> {
        Ok(self.decode()?.text())
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Responses can be megabytes of JSON; their length says enough in a log.
        f.debug_struct("RawResponse")
            .field("len", &self.json.len())
            .finish()
    }
}

/// The API's error for one request (`{"code", "message", "status"?, "details"?}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultError {
    /// The gRPC code (3 is `INVALID_ARGUMENT`, ...), if given.
    pub code: Option<i64>,
    /// The message, empty if none was given.
    pub message: String,
    /// The canonical status name, if given.
    pub status: Option<String>,
    /// Typed details, verbatim.
    pub details: Vec<Value>,
}

impl fmt::Display for ResultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code, &self.status) {
            (_, Some(status)) => write!(f, "{status}: {}", self.message),
            (Some(code), None) => write!(f, "code {code}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}

/// Why one result could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    /// The line was longer than the reader's cap; it was skipped without being held.
    #[error("the result line is {len} bytes, over the {max}-byte cap; it was skipped")]
    TooLong {
        /// Its length in bytes (without the line end).
        len: u64,
        /// The cap.
        max: u64,
    },
    /// Not a JSON object, or not the shape of a result.
    #[error("the result is not valid: {reason}")]
    Malformed {
        /// What the JSON reader said.
        reason: String,
    },
    /// A JSON object with neither `response` nor `error`.
    #[error("the result has neither a response nor an error")]
    NoOutcome,
}

impl LineError {
    /// A stable code (`"LINE_TOO_LONG"`, `"MALFORMED_RESULT"`, `"NO_OUTCOME"`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLong { .. } => "LINE_TOO_LONG",
            Self::Malformed { .. } => "MALFORMED_RESULT",
            Self::NoOutcome => "NO_OUTCOME",
        }
    }
}

impl From<LineError> for Error {
    fn from(error: LineError) -> Self {
        match error {
            LineError::TooLong { len, max } => Error::LimitExceeded {
                what: "batch result line",
                actual: len,
                max,
            },
            other => Error::malformed("batch result", other.to_string()),
        }
    }
}
