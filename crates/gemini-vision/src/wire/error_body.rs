//! Google's error body, `{"error": {"code", "message", "status", "details"}}`, as a
//! serde type for whoever has to *write* one (the emulator) or round-trip one.
//! Readers of answers use [`crate::ApiError::from_response`], which never fails.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An error answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// The error.
    pub error: ErrorDetail,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `error` object of an [`ErrorResponse`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// The HTTP status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// A developer-facing message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The canonical status name (`INVALID_ARGUMENT`, `NOT_FOUND`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Typed details (`@type` ...), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<Value>>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ErrorResponse {
    /// An error answer with `code`, `status` and `message`.
    pub fn new(code: u16, status: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorResponse {
            error: ErrorDetail {
                code: Some(i64::from(code)),
                message: Some(message.into()),
                status: Some(status.into()),
                details: None,
                extra: Map::new(),
            },
            extra: Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_error_reads_back_through_api_error() {
        let body = serde_json::to_vec(&ErrorResponse::new(
            400,
            "INVALID_ARGUMENT",
            "Unsupported MIME type: image/gif",
        ))
        .unwrap();
        let api = crate::ApiError::from_response(400, &body, None);
        assert_eq!(api.status.as_deref(), Some("INVALID_ARGUMENT"));
        assert_eq!(api.message, "Unsupported MIME type: image/gif");
        assert_eq!(api.code, Some(400));
    }
}
