//! `streamGenerateContent`: the reply's events (see `response::events`) as SSE
//! (`data: {json}\r\n\r\n`) with `?alt=sse`, or as one JSON array without it.
//!
//! Errors before the first event are answered like the recordings: status and a JSON
//! body under `text/event-stream`. A `cutStream` fault closes the connection after some
//! events, without the final one and without ending the chunked body.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::errors::ApiError;
use crate::faults::FaultKind;
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

/// What the body channel carries: a piece of the answer, or the cut.
#[derive(Debug)]
enum Piece {
    Data(Bytes),
    Cut,
}

/// The error a cut answer's body ends with: hyper then closes the connection without
/// ending the chunked body, as a connection lost in the middle would.
#[derive(Debug, thiserror::Error)]
#[error("the answer was cut by a cutStream fault")]
pub struct StreamCut;

/// A body fed piece by piece from a channel.
#[derive(Debug)]
struct Pieces(mpsc::Receiver<Piece>);

impl HttpBody for Pieces {
    type Data = Bytes;
    type Error = StreamCut;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        self.0.poll_recv(cx).map(|piece| match piece? {
            Piece::Data(bytes) => Some(Ok(http_body::Frame::data(bytes))),
            Piece::Cut => Some(Err(StreamCut)),
        })
    }
}

/// A body that sends `pieces` as separate writes, then is cut when `cut` is set.
fn piece_by_piece(pieces: Vec<Bytes>, cut: bool) -> Body {
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        let ending = cut.then_some(Piece::Cut);
        for piece in pieces.into_iter().map(Piece::Data).chain(ending) {
            if sender.send(piece).await.is_err() {
                break;
            }
            // Let each piece leave as its own write, as a real stream would.
            tokio::task::yield_now().await;
        }
    });
    Body::new(Pieces(receiver))
}

/// The events a `cutStream` fault lets through before the cut, if one fired: never the
/// last, so a client always misses the final event.
fn events_before_cut(injected: &Injected, events: usize) -> Option<usize> {
    injected.0.iter().find_map(|kind| match kind {
        FaultKind::CutStream { after_events } => Some(
            usize::try_from(*after_events)
                .unwrap_or(usize::MAX)
                .min(events.saturating_sub(1)),
        ),
        _ => None,
    })
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
    let cut_after = events_before_cut(injected, events.len());
    if !sse {
        let Some(keep) = cut_after else {
            return Ok(axum::Json(Value::Array(events)).into_response());
        };
        // The JSON array as it is written, cut before its end.
        let pieces = events
            .iter()
            .take(keep)
            .enumerate()
            .map(|(index, event)| {
                Bytes::from(format!("{}{event}", if index == 0 { "[" } else { "," }))
            })
            .collect();
        let mut response = piece_by_piece(pieces, true).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return Ok(response);
    }
    let keep = cut_after.unwrap_or(events.len());
    let pieces = events
        .iter()
        .take(keep)
        .map(|event| Bytes::from(format!("data: {event}\r\n\r\n")))
        .collect();
    let mut response = piece_by_piece(pieces, cut_after.is_some()).into_response();
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

/// A `generateContent` answer hit by `cutStream`: the first half of its bytes, then
/// the connection closes.
pub fn cut_in_half(answer: &Value) -> Response {
    let bytes = Bytes::from(answer.to_string());
    let half = bytes.slice(..bytes.len() / 2);
    let mut response = piece_by_piece(vec![half], true).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
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
