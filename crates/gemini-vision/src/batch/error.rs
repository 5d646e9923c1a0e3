//! What can go wrong with a batch as a whole, with stable codes.
//!
//! Batch failures carry more than the crate's [`Error`] can say today (the job that
//! failed, which request had a duplicate key), so they have their own type. It converts
//! into [`Error`] for callers that want one error type, keeping the message and the
//! closest code.

use super::job::BatchJob;
use crate::error::Error;

/// A batch that could not be built, or a job that did not end with results.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// Two requests have the same key; results are joined on keys, so keys are unique.
    #[error("requests {first} and {second} have the same key {key:?}; keys must be unique")]
    DuplicateKey {
        /// The key.
        key: String,
        /// The 0-based index of the first request with it.
        first: usize,
        /// The 0-based index of the second.
        second: usize,
    },

    /// A key that cannot be used (empty, too long, control characters).
    #[error("the key of request {index} is invalid: {reason}")]
    InvalidKey {
        /// The 0-based index of the request.
        index: usize,
        /// Why.
        reason: String,
    },

    /// One request of the batch cannot be built (an unsupported MIME type, no parts...).
    #[error("request {index} (key {key:?}) is invalid: {source}")]
    InvalidRequest {
        /// Its 0-based index.
        index: usize,
        /// Its key.
        key: String,
        /// What the request builder said.
        source: Box<Error>,
    },

    /// The batch is too big even as a JSONL file.
    #[error("the batch's JSONL file would be {size} bytes, over the {limit}-byte file limit")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        limit: u64,
    },

    /// The job ended `FAILED`.
    #[error("batch {} failed: {}", job.name, job.error_message())]
    JobFailed {
        /// The job as last seen (its `error` says why).
        job: Box<BatchJob>,
    },

    /// The job was cancelled.
    #[error("batch {} was cancelled", job.name)]
    JobCancelled {
        /// The job as last seen.
        job: Box<BatchJob>,
    },

    /// The job expired: the server said so, or it was still not done 48 hours (the
    /// policy's limit) after it was created.
    #[error("batch {} expired{}", job.name, match age_ms {
        Some(age) => format!(" (not done {} hours after it was created)", age / 3_600_000),
        None => String::new(),
    })]
    JobExpired {
        /// The job as last seen.
        job: Box<BatchJob>,
        /// How old the job was when we gave up on it; `None` when the server said
        /// `EXPIRED` itself.
        age_ms: Option<u64>,
    },

    /// The job said `SUCCEEDED` but its output never appeared.
    #[error("batch {} succeeded but its output was still missing after {polls} more polls", job.name)]
    OutputMissing {
        /// The job as last seen.
        job: Box<BatchJob>,
        /// How many polls after `SUCCEEDED` were made.
        polls: u32,
    },

    /// A call failed (an API error, the network, retries used up, a malformed answer)
    /// or an argument was invalid (a bad name).
    #[error(transparent)]
    Request(Box<Error>),
}

impl From<Error> for BatchError {
    fn from(error: Error) -> Self {
        BatchError::Request(Box::new(error))
    }
}

impl BatchError {
    /// A stable, machine-readable code: `DUPLICATE_KEY`, `INVALID_KEY`,
    /// `INVALID_REQUEST`, `BATCH_TOO_LARGE`, `BATCH_FAILED`, `BATCH_CANCELLED`,
    /// `BATCH_EXPIRED`, `BATCH_OUTPUT_MISSING`, or the wrapped [`Error::code`].
    pub fn code(&self) -> &'static str {
        match self {
            Self::DuplicateKey { .. } => "DUPLICATE_KEY",
            Self::InvalidKey { .. } => "INVALID_KEY",
            Self::InvalidRequest { .. } => "INVALID_REQUEST",
            Self::TooLarge { .. } => "BATCH_TOO_LARGE",
            Self::JobFailed { .. } => "BATCH_FAILED",
            Self::JobCancelled { .. } => "BATCH_CANCELLED",
            Self::JobExpired { .. } => "BATCH_EXPIRED",
            Self::OutputMissing { .. } => "BATCH_OUTPUT_MISSING",
            Self::Request(error) => error.code(),
        }
    }

    /// The job this error is about, when it is about a job's end.
    pub fn job(&self) -> Option<&BatchJob> {
        match self {
            Self::JobFailed { job }
            | Self::JobCancelled { job }
            | Self::JobExpired { job, .. }
            | Self::OutputMissing { job, .. } => Some(job),
            _ => None,
        }
    }
}

impl From<BatchError> for Error {
    /// The closest [`Error`]; the message is kept, the job is not.
    fn from(error: BatchError) -> Self {
        let message = error.to_string();
        match error {
            BatchError::Request(inner) | BatchError::InvalidRequest { source: inner, .. } => *inner,
            BatchError::DuplicateKey { .. } | BatchError::InvalidKey { .. } => {
                Error::InvalidInput {
                    what: "batch key",
                    reason: message,
                }
            }
            BatchError::TooLarge { size, limit } => Error::RequestTooLarge { size, limit },
            BatchError::JobCancelled { .. } => Error::Aborted,
            BatchError::JobExpired { age_ms, .. } => Error::Timeout {
                millis: age_ms.unwrap_or(0),
            },
            BatchError::JobFailed { job } => Error::FileFailed {
                name: job.name.clone(),
                message: job.error_message(),
            },
            BatchError::OutputMissing { .. } => Error::malformed("batch operation", message),
        }
    }
}
