//! Errors in Google's JSON shape: `{"error":{"code","message","status","details"}}`.
//!
//! Every refusal the emulator sends goes through [`ApiError`], so the official clients
//! parse it exactly as they parse the real API's. Messages are the real API's wording
//! where it is known (see the crate README). This module must never put an API key in a
//! message: callers pass only what the client may see again.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// The canonical gRPC status names Google puts in `error.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 400: the request is malformed.
    InvalidArgument,
    /// 400: the request is valid but the resource is not in a usable state.
    FailedPrecondition,
    /// 403: no identity, or no access to the resource.
    PermissionDenied,
    /// 404: no such model, session or route.
    NotFound,
    /// 429: quota or rate limit.
    ResourceExhausted,
    /// 500: server bug.
    Internal,
    /// 503: overloaded.
    Unavailable,
}

impl Status {
    /// The HTTP status code that Google pairs with this status.
    pub fn http(self) -> StatusCode {
        match self {
            Status::InvalidArgument | Status::FailedPrecondition => StatusCode::BAD_REQUEST,
            Status::PermissionDenied => StatusCode::FORBIDDEN,
            Status::NotFound => StatusCode::NOT_FOUND,
            Status::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
            Status::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Status::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The name as it appears in `error.status`.
    pub fn name(self) -> &'static str {
        match self {
            Status::InvalidArgument => "INVALID_ARGUMENT",
            Status::FailedPrecondition => "FAILED_PRECONDITION",
            Status::PermissionDenied => "PERMISSION_DENIED",
            Status::NotFound => "NOT_FOUND",
            Status::ResourceExhausted => "RESOURCE_EXHAUSTED",
            Status::Internal => "INTERNAL",
            Status::Unavailable => "UNAVAILABLE",
        }
    }

    /// The status Google uses for an HTTP code that a fault asks for.
    pub fn from_http(code: u16) -> Status {
        match code {
            403 => Status::PermissionDenied,
            404 => Status::NotFound,
            429 => Status::ResourceExhausted,
            500 => Status::Internal,
            503 => Status::Unavailable,
            400..=499 => Status::InvalidArgument,
            _ => Status::Internal,
        }
    }
}

/// One error answer, ready to be rendered in Google's shape.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// Canonical status; decides the HTTP code.
    pub status: Status,
    /// `error.message`.
    pub message: String,
    /// `error.details`, typed `google.rpc` messages with their `@type`.
    pub details: Vec<Value>,
    /// Seconds for a `Retry-After` header, if any.
    pub retry_after: Option<u64>,
    /// Content type of the answer; streaming endpoints answer errors as
    /// `text/event-stream` with a JSON body, as the recordings show.
    pub event_stream: bool,
}

impl ApiError {
    /// An error with a message and no details.
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            details: Vec::new(),
            retry_after: None,
            event_stream: false,
        }
    }

    /// Adds one `details` entry.
    pub fn with_detail(mut self, detail: Value) -> Self {
        self.details.push(detail);
        self
    }

    /// Marks the error as the answer of a streaming endpoint.
    pub fn in_event_stream(mut self) -> Self {
        self.event_stream = true;
        self
    }

    /// 400 `INVALID_ARGUMENT` with a `BadRequest` field violation, the way the API
    /// reports a bad field.
    pub fn bad_field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::new(Status::InvalidArgument, message.clone()).with_detail(json!({
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{ "field": field, "description": message }]
        }))
    }

    /// 400 `INVALID_ARGUMENT` "Request contains an invalid argument." with a debug
    /// detail, as the API answers for input its backends reject.
    pub fn invalid_argument_debug(detail: impl Into<String>) -> Self {
        ApiError::new(
            Status::InvalidArgument,
            "Request contains an invalid argument.",
        )
        .with_detail(json!({
            "@type": "type.googleapis.com/google.rpc.DebugInfo",
            "detail": detail.into()
        }))
    }

    /// The answer to a key that the emulator does not accept.
    pub fn api_key_invalid() -> Self {
        let message = "API key not valid. Please pass a valid API key.";
        ApiError::new(Status::InvalidArgument, message)
            .with_detail(json!({
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "API_KEY_INVALID",
                "domain": "googleapis.com",
                "metadata": { "service": "generativelanguage.googleapis.com" }
            }))
            .with_detail(json!({
                "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
                "locale": "en-US",
                "message": message
            }))
    }

    /// The answer to a request without any key.
    pub fn unregistered_caller() -> Self {
        ApiError::new(
            Status::PermissionDenied,
            "Method doesn't allow unregistered callers (callers without established \
             identity). Please use API Key or other form of API consumer identity to call \
             this API.",
        )
    }

    /// The answer to a body larger than the configured limit.
    pub fn payload_too_large(limit: u64) -> Self {
        ApiError::new(
            Status::InvalidArgument,
            format!("Request payload size exceeds the limit: {limit} bytes."),
        )
    }

    /// The answer to a file that does not exist or is not this project's.
    pub fn file_not_accessible(id: &str) -> Self {
        ApiError::new(
            Status::PermissionDenied,
            format!("You do not have permission to access the File {id} or it may not exist."),
        )
    }

    /// The answer to a `fileData` reference whose file is still processing or failed.
    pub fn file_not_active(id: &str) -> Self {
        ApiError::new(
            Status::FailedPrecondition,
            format!("The File {id} is not in an ACTIVE state and usage is not allowed."),
        )
    }

    /// 404 for paths the API does not have.
    pub fn no_route(path: &str) -> Self {
        ApiError::new(
            Status::NotFound,
            format!("The requested URL {path} was not found on this server."),
        )
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut error = json!({
            "code": self.status.http().as_u16(),
            "message": self.message,
            "status": self.status.name(),
        });
        if !self.details.is_empty()
            && let Some(object) = error.as_object_mut()
        {
            object.insert("details".into(), Value::Array(self.details.clone()));
        }
        json!({ "error": error })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let content_type = if self.event_stream {
            "text/event-stream"
        } else {
            "application/json; charset=UTF-8"
        };
        let mut response = (self.status.http(), self.body().to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let Some(seconds) = self.retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        response
    }
}
