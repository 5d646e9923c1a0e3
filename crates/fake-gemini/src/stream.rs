//! `streamGenerateContent`: the reply's events (see `response::events`) as SSE
//! (`data: {json}\r\n\r\n`) with `?alt=sse`, or as one JSON array without it.
//!
//! Errors before the first event are answered like the recordings: status and a JSON
//! body under `text/event-stream`.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::errors::ApiError;
use crate::generate::{ModelCall, prepare};
use crate::pipeline::Injected;
use crate::response;
use crate::state::Shared;

/// Splits text into pieces of at most `size` characters (never inside a character).
pub fn pieces(text: &str, size: usize) -> Vec<&str> {
    let size = size.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (index, _) in text.char_indices() {
        if count == size {
            out.push(text.get(start..index).unwrap_or(""));
            start = index;
            count = 0;
        }
        count += 1;
    }
    if start < text.len() || out.is_empty() {
        out.push(text.get(start..).unwrap_or(""));
    }
    out
}

/// A body fed event by event from a channel.
#[derive(Debug)]
struct Events(mpsc::Receiver<Bytes>);

impl HttpBody for Events {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|event| event.map(|bytes| Ok(http_body::Frame::data(bytes))))
    }
}

/// Answers a streaming request.
pub fn stream_generate(
    state: &Shared,
    call: ModelCall,
    injected: &Injected,
    sse: bool,
) -> Result<Response, ApiError> {
    let reply = prepare(state, &call, injected)?;
    let events: Vec<Value> = response::events(&reply, state.settings().stream_chunk_chars);
    if !sse {
        return Ok(axum::Json(Value::Array(events)).into_response());
    }
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        for event in events {
            let frame = Bytes::from(format!("data: {event}\r\n\r\n"));
            if sender.send(frame).await.is_err() {
                break;
            }
            // Let each event leave as its own write, as a real stream would.
            tokio::task::yield_now().await;
        }
    });
    let mut response = Body::new(Events(receiver)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_by_characters() {
        assert_eq!(pieces("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(pieces("", 3), [""]);
        assert_eq!(pieces("秋风瑟瑟", 3), ["秋风瑟", "瑟"]);
    }

    proptest! {
        #[test]
        fn pieces_join_back_and_respect_the_size(text in ".{0,200}", size in 1usize..50) {
            let parts = pieces(&text, size);
            prop_assert_eq!(parts.concat(), text.clone());
            prop_assert!(parts.iter().all(|part| part.chars().count() <= size));
        }
    }
}
