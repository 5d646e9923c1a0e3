//! The one error type of the library.
//!
//! Every failure, from a bad MIME type to a 429 from the API, is an [`Error`] variant
//! with a stable machine-readable [`Error::code`], so the JS shell can map it to an
//! `Error` subclass without parsing messages. API errors keep everything the server
//! said ([`ApiError`]).
//!
//! Nothing here ever holds or prints the API key: every field that can carry text from
//! outside the process is a [`Redacted`], which can only be made by removing the key
//! first and cutting to length second. Text from outside therefore enters an error
//! only through a constructor that is given the key ([`ApiError::from_response`],
//! [`Error::malformed_outside`], [`Error::transport`], [`Error::upload_protocol`]).

mod api;
pub(crate) mod redacted;
mod retry_info;

pub use api::ApiError;
pub use redacted::Redacted;

use crate::api_key::ApiKey;

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
        /// Why (a parser's words may quote what it read: redacted).
        reason: Redacted,
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
        /// What was wrong (may quote a header the server sent: redacted).
        reason: Redacted,
    },

    /// The upload session was cancelled (by us or by the server).
    #[error("the upload session was cancelled")]
    UploadCancelled,

    /// The API asked to wait longer than the caller allows
    /// ([`RetryPolicy::max_wait_ms`](crate::retry::RetryPolicy::max_wait_ms)), so
    /// no retry was made: a quota (429 `RESOURCE_EXHAUSTED` with a `retryDelay`) or an
    /// overload (503 with `Retry-After`). Try again after `retry_after_ms`.
    #[error(
        "retry in {}: the API asks for a longer wait than this call allows ({}); {last}",
        retry_info::seconds_text(*retry_after_ms),
        retry_info::seconds_text(*max_wait_ms)
    )]
    RetryLater {
        /// How long the API asks to wait, in milliseconds.
        retry_after_ms: u64,
        /// The longest wait the caller allowed.
        max_wait_ms: u64,
        /// The answer that asked for the wait.
        last: Box<Error>,
    },

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
        /// The file's resource name (`files/abc`), as the caller asked for it.
        name: String,
        /// The server's reason, if any.
        message: Redacted,
    },

    /// The network request failed before an HTTP answer arrived.
    #[error("network error: {message}")]
    Transport {
        /// What the transport said.
        message: Redacted,
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
            Error::RetryLater { .. } => "RETRY_LATER",
            Error::FileFailed { .. } => "FILE_FAILED",
            Error::Transport { .. } => "TRANSPORT",
            Error::Timeout { .. } => "TIMEOUT",
            Error::Aborted => "ABORTED",
        }
    }

    /// The HTTP status, for API errors (also through `RetriesExhausted` and `RetryLater`).
    pub fn http_status(&self) -> Option<u16> {
        self.api().map(|api| api.http_status)
    }

    /// The API error, if this is one (also through `RetriesExhausted` and `RetryLater`).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::RetriesExhausted { last, .. } | Error::RetryLater { last, .. } => last.api(),
            _ => None,
        }
    }

    /// How long to wait before trying again, in milliseconds, when the API said so
    /// ([`Error::RetryLater`], or an API error carrying a `retryDelay`).
    pub fn retry_after_ms(&self) -> Option<u64> {
        match self {
            Error::RetryLater { retry_after_ms, .. } => Some(*retry_after_ms),
            Error::Api(api) => api.retry_delay_ms(),
            Error::RetriesExhausted { last, .. } => last.retry_after_ms(),
            _ => None,
        }
    }

    /// The `what` of an [`Error::InvalidInput`] whose reason is, word for word, what
    /// `@google/genai` says for the same check: the JS surface shows such a reason alone
    /// as the error's message, as the SDK does.
    pub const SDK_CHECK: &'static str = "argument";

    /// [`Error::InvalidInput`] for a check the official SDK makes too, with its words
    /// (see [`Error::SDK_CHECK`]).
    pub fn sdk_check(reason: impl Into<String>) -> Self {
        Error::invalid(Self::SDK_CHECK, reason)
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(what: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            what,
            reason: reason.into(),
        }
    }

    /// [`Error::Malformed`] with a reason in our own words (sizes, offsets, what was
    /// expected). Text from outside, such as a parser's message about a server's JSON
    /// (serde quotes the offending value), goes through [`Error::malformed_outside`].
    pub fn malformed(what: &'static str, reason: impl Into<String>) -> Self {
        Error::Malformed {
            what,
            reason: Redacted::new(&reason.into(), None, Redacted::SENTENCE_CAP),
        }
    }

    /// [`Error::Malformed`] whose reason is text from outside, scrubbed of `key` and cut.
    pub fn malformed_outside(what: &'static str, text: &str, key: Option<&ApiKey>) -> Self {
        Error::Malformed {
            what,
            reason: Redacted::new(text, key, Redacted::SENTENCE_CAP),
        }
    }

    /// [`Error::Transport`] from what the network layer said (a browser's exception
    /// message may quote a header value), scrubbed of `key` and cut.
    pub fn transport(message: &str, key: Option<&ApiKey>) -> Self {
        Error::Transport {
            message: Redacted::new(message, key, Redacted::SENTENCE_CAP),
        }
    }

    /// [`Error::UploadProtocol`], scrubbed of `key` and cut (the reason may quote a
    /// header the server sent).
    pub fn upload_protocol(reason: &str, key: Option<&ApiKey>) -> Self {
        Error::UploadProtocol {
            reason: Redacted::new(reason, key, Redacted::SENTENCE_CAP),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_reach_through_retries() {
        let api = Error::Api(ApiError::from_response(429, b"", None));
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
