//! A body limit on every route but uploads: `--max-request-bytes` for API calls (the
//! real API's 20 MB), [`ADMIN_BODY_LIMIT`] for `/__fake`. Uploads stream to disk and
//! keep their own per-file and per-project limits.
//!
//! A declared `Content-Length` over the limit is answered at once with the API's 400;
//! a body without one is cut off as it crosses the limit ([`LimitedBody`]), which
//! [`crate::body::read_limited`] turns into the same 400. Routes that never read their
//! body never buffer it either.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::body::{DRAIN_CAP, content_length, drain};
use crate::errors::ApiError;
use crate::state::Shared;

/// Largest body of an admin request: faults and settings are small.
pub const ADMIN_BODY_LIMIT: u64 = 1024 * 1024;

/// The limit for a path, or `None` for uploads.
pub fn limit_for(path: &str, max_request_bytes: u64) -> Option<u64> {
    if path.starts_with("/upload/") {
        None
    } else if path == "/__fake" || path.starts_with("/__fake/") {
        Some(ADMIN_BODY_LIMIT)
    } else {
        Some(max_request_bytes)
    }
}

/// The error a [`LimitedBody`] yields when its body crosses the limit.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the request body exceeds {limit} bytes")]
pub struct BodyTooLarge {
    /// The limit that was crossed.
    pub limit: u64,
}

/// A body that fails with [`BodyTooLarge`] once more than `limit` bytes came through.
/// After that error it yields only empty frames until the client's body ends, so that a
/// reader can still drain the connection and the client receives the answer.
#[derive(Debug)]
pub struct LimitedBody {
    inner: Body,
    left: u64,
    limit: u64,
    crossed: bool,
}

impl LimitedBody {
    /// Wraps `inner`.
    pub fn wrap(inner: Body, limit: u64) -> Body {
        Body::new(LimitedBody {
            inner,
            left: limit,
            limit,
            crossed: false,
        })
    }
}

impl HttpBody for LimitedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if self.crossed {
            return polled.map(|frame| {
                frame.map(|frame| frame.map(|_| http_body::Frame::data(Bytes::new())))
            });
        }
        if let Poll::Ready(Some(Ok(frame))) = &polled
            && let Some(data) = frame.data_ref()
        {
            let size = data.len() as u64;
            if size > self.left {
                self.crossed = true;
                let limit = self.limit;
                return Poll::Ready(Some(Err(axum::Error::new(BodyTooLarge { limit }))));
            }
            self.left -= size;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// The limit a body error reports, when it is a [`BodyTooLarge`].
pub fn crossed_limit(error: &axum::Error) -> Option<u64> {
    let source: &(dyn std::error::Error + 'static) = error;
    let mut current = Some(source);
    while let Some(error) = current {
        if let Some(too_large) = error.downcast_ref::<BodyTooLarge>() {
            return Some(too_large.limit);
        }
        current = error.source();
    }
    None
}

/// The middleware.
pub async fn limit(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let Some(limit) = limit_for(path, state.settings().max_request_bytes) else {
        return next.run(request).await;
    };
    let streaming = path.contains(":streamGenerateContent");
    let (parts, body) = request.into_parts();
    if content_length(&parts.headers).is_some_and(|length| length > limit) {
        // Read (and drop) what the client sends so that it gets the answer.
        drain(body, DRAIN_CAP).await;
        let error = ApiError::payload_too_large(limit);
        let error = if streaming {
            error.in_event_stream()
        } else {
            error
        };
        return error.into_response();
    }
    next.run(Request::from_parts(parts, LimitedBody::wrap(body, limit)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::next_data;
    use proptest::prelude::*;

    #[test]
    fn uploads_have_no_limit_here_and_admin_calls_a_small_one() {
        assert_eq!(limit_for("/upload/v1beta/files", 7), None);
        assert_eq!(limit_for("/__fake/faults", 7), Some(ADMIN_BODY_LIMIT));
        assert_eq!(limit_for("/v1beta/models", 7), Some(7));
        assert_eq!(limit_for("/__fakeish", 7), Some(7));
    }

    proptest! {
        #[test]
        fn a_body_passes_whole_or_fails_with_its_limit(sizes in prop::collection::vec(0usize..400, 0..6), limit in 0u64..1500) {
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let frames = sizes.iter().map(|size| Bytes::from(vec![1u8; *size])).collect();
            let total: usize = sizes.iter().sum();
            let mut body = LimitedBody::wrap(Body::new(Frames(frames)), limit);
            let result = runtime.block_on(async {
                let mut read = 0usize;
                loop {
                    match next_data(&mut body).await {
                        Ok(Some(data)) => read += data.len(),
                        Ok(None) => return Ok(read),
                        Err(error) => return Err(crossed_limit(&error)),
                    }
                }
            });
            match result {
                Ok(read) => {
                    prop_assert!(total as u64 <= limit);
                    prop_assert_eq!(read, total);
                }
                Err(crossed) => {
                    prop_assert!(total as u64 > limit);
                    prop_assert_eq!(crossed, Some(limit));
                }
            }
        }
    }

    /// A body of these frames, one by one, as a chunked request arrives.
    struct Frames(std::collections::VecDeque<Bytes>);

    impl HttpBody for Frames {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
            Poll::Ready(
                self.0
                    .pop_front()
                    .map(|data| Ok(http_body::Frame::data(data))),
            )
        }
    }
}
