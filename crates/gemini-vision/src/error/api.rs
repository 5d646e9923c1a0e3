//! [`ApiError`]: an error answer of the API, read without ever failing, with the API
//! key scrubbed from everything it keeps.

use super::redacted::Redacted;
use super::retry_info::retry_delay_ms;
use crate::api_key::ApiKey;
use crate::wire::JsonLimits;
use serde_json::Value;
use std::fmt;

/// An error answered by the API, with everything it said.
///
/// Google's shape is `{"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT",
/// "details":[...]}}`; answers that are not in that shape (a proxy's HTML page, an
/// empty body) still become an `ApiError` with the HTTP status and the raw body.
///
/// Every text in it went through [`Redacted::new`] (the strings inside `details` too),
/// so an echoing proxy cannot make the key reach a log through it.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status code of the answer.
    pub http_status: u16,
    /// `error.code` from the body (usually equal to the HTTP status).
    pub code: Option<i64>,
    /// `error.status`, e.g. `"INVALID_ARGUMENT"`, `"RESOURCE_EXHAUSTED"`.
    pub status: Option<Redacted>,
    /// `error.message`, or a description of the HTTP status when the body had none.
    pub message: Redacted,
    /// `error.details`, with every string in them scrubbed of the key.
    pub details: Vec<Value>,
    /// The body as received (lossily decoded as UTF-8, scrubbed, then capped at 64 KiB).
    pub raw_body: Redacted,
    /// Whether the answer called its body JSON (`Content-Type: application/json`, or no
    /// content type seen). The API answers a streaming request's error as
    /// `text/event-stream`; `@google/genai` then shows the body as text, and so do we.
    pub json_body: bool,
}

impl ApiError {
    /// The largest raw body kept, in bytes.
    pub const RAW_BODY_CAP: usize = 64 * 1024;
    /// The longest message kept, in bytes.
    pub const MESSAGE_CAP: usize = 8 * 1024;
    /// The largest body read as JSON (Google's error bodies are a few KB; the upload
    /// machines read at most 256 KiB of any answer). A larger one keeps its raw text.
    pub const JSON_CAP: usize = 1024 * 1024;

    /// Reads an error answer. Never fails: unknown shapes keep the raw body. `key` is
    /// the API key the request carried (if any): it is removed from every text kept,
    /// before anything is cut.
    pub fn from_response(http_status: u16, body: &[u8], key: Option<&ApiKey>) -> Self {
        let key_len = key.map_or(0, |k| k.expose().len());
        // Enough bytes for the cap, a key straddling it, and a split UTF-8 sequence.
        let window = &body[..body.len().min(Self::RAW_BODY_CAP + key_len + 4)];
        let raw_body = Redacted::new(&String::from_utf8_lossy(window), key, Self::RAW_BODY_CAP);
        // A body over the limits keeps its raw text only: its details are not built.
        let parsed: Option<Value> = (body.len() <= Self::JSON_CAP)
            .then(|| JsonLimits::RESOURCE.check(body).ok())
            .flatten()
            .and_then(|_| crate::json::parse(body).ok());
        // Streaming endpoints answer errors as a one-element array of the error object.
        let object = match parsed {
            Some(Value::Array(mut items)) if !items.is_empty() => Some(items.swap_remove(0)),
            other => other,
        };
        let mut error = object.and_then(|mut value| value.get_mut("error").map(Value::take));
        let field = |name: &str| error.as_ref().and_then(|e| e.get(name));
        let code = field("code").and_then(Value::as_i64);
        let status = field("status")
            .and_then(Value::as_str)
            .map(|s| Redacted::new(s, key, 128));
        let message = match field("message").and_then(Value::as_str) {
            Some(text) => Redacted::new(text, key, Self::MESSAGE_CAP),
            None => Redacted::new(&default_message(http_status), None, Self::MESSAGE_CAP),
        };
        let details = match error
            .as_mut()
            .and_then(|e| e.get_mut("details"))
            .map(Value::take)
        {
            Some(Value::Array(items)) => items.into_iter().map(|d| scrub(d, key)).collect(),
            _ => Vec::new(),
        };
        ApiError {
            http_status,
            code,
            status,
            message,
            details,
            raw_body,
            json_body: true,
        }
    }

    /// How long the API asks to wait before trying again, in milliseconds (rounded
    /// up): the `retryDelay` of a `google.rpc.RetryInfo` among the details, which a 429
    /// under quota carries.
    pub fn retry_delay_ms(&self) -> Option<u64> {
        retry_delay_ms(&self.details)
    }

    /// Whether retrying the same request later may succeed (408, 429 and 5xx).
    pub fn is_retryable(&self) -> bool {
        matches!(self.http_status, 408 | 429) || (500..600).contains(&self.http_status)
    }
}

/// `value` with every string (object keys included) scrubbed of `key`. The nesting is
/// bounded by [`JsonLimits::RESOURCE`], checked before parsing.
fn scrub(value: Value, key: Option<&ApiKey>) -> Value {
    let Some(key) = key else { return value };
    match value {
        Value::String(text) => Value::String(key.redact(&text)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| scrub(v, Some(key))).collect())
        }
        Value::Object(map) => {
            // Inserted one by one: collecting into the map would sort (a stable sort's
            // code in the wasm for nothing; the map keeps its keys ordered anyway).
            let mut clean = serde_json::Map::new();
            for (name, v) in map {
                clean.insert(key.redact(&name), scrub(v, Some(key)));
            }
            Value::Object(clean)
        }
        other => other,
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
        let err = ApiError::from_response(404, NOT_FOUND.as_bytes(), None);
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
        let err = ApiError::from_response(404, body.as_bytes(), None);
        assert_eq!(err.status.as_deref(), Some("NOT_FOUND"));
    }

    #[test]
    fn non_json_body_keeps_status_and_raw_text() {
        let err = ApiError::from_response(502, b"<html>bad gateway</html>", None);
        assert_eq!(err.status, None);
        assert_eq!(err.message, "HTTP 502 Bad Gateway");
        assert_eq!(err.raw_body, "<html>bad gateway</html>");
        assert!(err.is_retryable());
    }

    #[test]
    fn raw_body_is_capped() {
        let body = vec![b'x'; ApiError::RAW_BODY_CAP * 2];
        let err = ApiError::from_response(500, &body, None);
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
                ApiError::from_response(status, b"", None).is_retryable(),
                retry,
                "{status}"
            );
        }
    }
}
