//! Inline or file: how a batch reaches the API, decided from sizes alone.
//!
//! The API refuses an inline create body over about 20 MB (the official JS SDK sends
//! it anyway and fails); a bigger batch goes as a JSONL file through the resumable
//! upload, up to the File API's 2 GB. Both sizes are exact before a media byte is read.

use super::error::BatchError;
use super::input::BatchInput;
use crate::request::DEFAULT_MAX_BODY_BYTES;
use std::fmt;

/// The largest file the File API takes: 2 GiB.
pub const MAX_JSONL_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The sizes the decision is made against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    /// The largest inline create body (default 20 MiB, the figure the API enforces for
    /// request bodies; newer docs allow more for some models).
    pub max_inline_body_bytes: u64,
    /// The largest JSONL file (default [`MAX_JSONL_FILE_BYTES`]).
    pub max_file_bytes: u64,
}

impl Default for BatchLimits {
    fn default() -> Self {
        BatchLimits {
            max_inline_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_file_bytes: MAX_JSONL_FILE_BYTES,
        }
    }
}

/// How the batch travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchRoute {
    /// The requests inside the create body.
    Inline,
    /// A JSONL file, uploaded first, named in the create body.
    File,
}

/// Why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchRouteReason {
    /// The inline body fits under the limit.
    Fits {
        /// The inline body's length.
        body_len: u64,
        /// The limit.
        limit: u64,
    },
    /// The inline body would be over the limit.
    TooLargeInline {
        /// The inline body's length.
        body_len: u64,
        /// The limit.
        limit: u64,
    },
}

impl fmt::Display for BatchRouteReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fits { body_len, limit } => write!(
                f,
                "the inline body is {body_len} bytes, within the {limit}-byte limit"
            ),
            Self::TooLargeInline { body_len, limit } => write!(
                f,
                "the inline body would be {body_len} bytes, over the {limit}-byte limit: \
                 the requests go as a JSONL file"
            ),
        }
    }
}

/// The decision, with the sizes it was made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchPlan {
    /// How the batch travels.
    pub route: BatchRoute,
    /// Why.
    pub reason: BatchRouteReason,
    /// The exact inline create body length.
    pub inline_body_len: u64,
    /// The exact JSONL file length.
    pub jsonl_len: u64,
}

impl BatchPlan {
    /// Decides from the two sizes: inline when the inline body fits, else a file,
    /// which fails with [`BatchError::TooLarge`] when it is over the file limit.
    pub fn decide(
        inline_body_len: u64,
        jsonl_len: u64,
        limits: &BatchLimits,
    ) -> Result<Self, BatchError> {
        let limit = limits.max_inline_body_bytes;
        if inline_body_len <= limit {
            return Ok(BatchPlan {
                route: BatchRoute::Inline,
                reason: BatchRouteReason::Fits {
                    body_len: inline_body_len,
                    limit,
                },
                inline_body_len,
                jsonl_len,
            });
        }
        if jsonl_len > limits.max_file_bytes {
            return Err(BatchError::TooLarge {
                size: jsonl_len,
                limit: limits.max_file_bytes,
            });
        }
        Ok(BatchPlan {
            route: BatchRoute::File,
            reason: BatchRouteReason::TooLargeInline {
                body_len: inline_body_len,
                limit,
            },
            inline_body_len,
            jsonl_len,
        })
    }
}

impl BatchInput {
    /// Plans how this batch travels (see [`BatchPlan::decide`]).
    pub fn plan(
        &self,
        display_name: Option<&str>,
        limits: &BatchLimits,
    ) -> Result<BatchPlan, BatchError> {
        BatchPlan::decide(
            self.inline_body_len(display_name),
            self.jsonl().total_len(),
            limits,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::BatchItem;
    use crate::request::RequestBuilder;

    fn images(count: usize, size: u64) -> BatchInput {
        let items = (0..count)
            .map(|_| {
                let mut request = RequestBuilder::new();
                request
                    .inline_slot("image/jpeg", size)
                    .text("Detect the objects.");
                BatchItem::new(request)
            })
            .collect();
        BatchInput::new(items).unwrap()
    }

    #[test]
    fn a_small_batch_goes_inline() {
        let plan = images(50, 100_000)
            .plan(None, &BatchLimits::default())
            .unwrap();
        assert_eq!(plan.route, BatchRoute::Inline);
        assert!(matches!(plan.reason, BatchRouteReason::Fits { .. }));
    }

    #[test]
    fn a_batch_over_the_inline_limit_goes_as_a_file_and_says_why() {
        // 300 images of 100 kB: about 40 MB of base64.
        let plan = images(300, 100_000)
            .plan(Some("big"), &BatchLimits::default())
            .unwrap();
        assert_eq!(plan.route, BatchRoute::File);
        let BatchRouteReason::TooLargeInline { body_len, limit } = plan.reason else {
            panic!("expected too large, got {:?}", plan.reason);
        };
        assert_eq!(limit, DEFAULT_MAX_BODY_BYTES);
        assert!(body_len > limit);
        assert!(plan.reason.to_string().contains("JSONL"));
    }

    #[test]
    fn the_limit_is_inclusive_and_configurable() {
        let limits = BatchLimits {
            max_inline_body_bytes: 1000,
            ..BatchLimits::default()
        };
        assert_eq!(
            BatchPlan::decide(1000, 900, &limits).unwrap().route,
            BatchRoute::Inline
        );
        assert_eq!(
            BatchPlan::decide(1001, 900, &limits).unwrap().route,
            BatchRoute::File
        );
    }

    #[test]
    fn a_file_over_the_file_limit_is_a_typed_error() {
        let limits = BatchLimits {
            max_inline_body_bytes: 10,
            max_file_bytes: 100,
        };
        let err = BatchPlan::decide(200, 101, &limits).unwrap_err();
        assert_eq!(err.code(), "BATCH_TOO_LARGE");
    }
}
