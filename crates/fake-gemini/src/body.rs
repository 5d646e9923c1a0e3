//! Request bodies: counting the bytes that arrive, reading bounded bodies, and pulling
//! frames one by one for uploads that go straight to disk.
//!
//! A body is never buffered whole unless it is under the request limit.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_LENGTH;

use crate::errors::ApiError;

/// A body that adds every data byte it yields to a shared counter.
#[derive(Debug)]
pub struct CountingBody {
    inner: Body,
    counter: Arc<AtomicU64>,
}

impl CountingBody {
    /// Wraps `inner`; `counter` grows as the handler reads.
    pub fn wrap(inner: Body, counter: Arc<AtomicU64>) -> Body {
        Body::new(CountingBody { inner, counter })
    }
}

impl HttpBody for CountingBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(frame))) = &polled
            && let Some(data) = frame.data_ref()
        {
            self.counter.fetch_add(data.len() as u64, Ordering::Relaxed);
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

/// The next data chunk of a body: `Ok(None)` at the end, `Err` when the connection broke.
pub async fn next_data(body: &mut Body) -> Result<Option<Bytes>, axum::Error> {
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut *body).poll_frame(cx)).await;
        match frame {
            None => return Ok(None),
            Some(Err(error)) => return Err(error),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    return Ok(Some(data));
                }
            }
        }
    }
}

/// The declared `Content-Length`, if any.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Most bytes read and dropped before an early answer.
pub const DRAIN_CAP: u64 = 256 * 1024 * 1024;

/// Reads and drops up to `cap` bytes of a body that will not be used, so that a client
/// still sending it receives the answer instead of a reset connection.
pub async fn drain(mut body: Body, cap: u64) {
    let mut read = 0u64;
    while read < cap {
        match next_data(&mut body).await {
            Ok(Some(data)) => read += data.len() as u64,
            _ => break,
        }
    }
}

/// Reads a whole body of at most `limit` bytes; larger ones get the API's 400.
pub async fn read_limited(
    headers: &HeaderMap,
    mut body: Body,
    limit: u64,
) -> Result<Vec<u8>, ApiError> {
    if content_length(headers).is_some_and(|length| length > limit) {
        drain(body, DRAIN_CAP).await;
        return Err(ApiError::payload_too_large(limit));
    }
    let mut out = Vec::with_capacity(content_length(headers).unwrap_or(0).min(limit) as usize);
    loop {
        let data = match next_data(&mut body).await {
            Ok(Some(data)) => data,
            Ok(None) => break,
            Err(error) => {
                return Err(match crate::body_limit::crossed_limit(&error) {
                    Some(crossed) => {
                        drain(body, DRAIN_CAP).await;
                        ApiError::payload_too_large(crossed)
                    }
                    None => ApiError::invalid_argument_debug("request body was cut short"),
                });
            }
        };
        if out.len() as u64 + data.len() as u64 > limit {
            drain(body, DRAIN_CAP).await;
            return Err(ApiError::payload_too_large(limit));
        }
        out.extend_from_slice(&data);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn bodies_up_to_the_limit_are_read_whole(size in 0usize..3000, limit in 0u64..3000) {
            let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let bytes = vec![1u8; size];
            let result = runtime.block_on(read_limited(&HeaderMap::new(), Body::from(bytes.clone()), limit));
            match result {
                Ok(read) => {
                    prop_assert!(size as u64 <= limit);
                    prop_assert_eq!(read, bytes);
                }
                Err(error) => {
                    prop_assert!(size as u64 > limit);
                    prop_assert_eq!(error.message, format!("Request payload size exceeds the limit: {limit} bytes."));
                }
            }
        }
    }
}
