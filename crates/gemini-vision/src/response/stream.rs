//! `streamGenerateContent?alt=sse` answers as a sequence of
//! `Result<GenerateContentResponse>`, one per event.
//!
//! An event holding `{"error": {...}}` becomes [`Error::Api`] (the API sends one when
//! a stream fails after it started). A body that turns out not to be SSE at all (a
//! plain JSON error, or the JSON array a stream without `alt=sse` returns) is read as
//! JSON when the stream ends, so no answer is silently lost.

use super::sse::{DEFAULT_MAX_EVENT_BYTES, SseDecoder};
use crate::api_key::ApiKey;
use crate::error::{ApiError, Error, Result};
use crate::wire::{GenerateContentResponse, JsonLimits, read_json};
use serde_json::Value;
use std::collections::VecDeque;

/// Decodes a streamed answer incrementally: [`ResponseStream::push`] bytes as they
/// arrive, drain [`ResponseStream::next_response`], then [`ResponseStream::finish`]
/// and drain again.
///
/// ```
/// use gemini_vision::response::{ResponseStream, StreamAggregator};
///
/// let body = b"data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hel\"}]}}]}\r\n\r\n\
///              data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lo\"}]}, \"finishReason\": \"STOP\"}]}\r\n\r\n";
/// let mut stream = ResponseStream::new(None); // or Some(&key): scrubbed from errors
/// let mut answer = StreamAggregator::new();
/// for chunk in body.chunks(7) {
///     stream.push(chunk);
///     while let Some(response) = stream.next_response() {
///         answer.push(response?);
///         // answer.response().text() is the text so far, for a live UI.
///     }
/// }
/// stream.finish();
/// while let Some(response) = stream.next_response() {
///     answer.push(response?);
/// }
/// assert_eq!(answer.finish().text(), "Hello");
/// # Ok::<(), gemini_vision::Error>(())
/// ```
#[derive(Debug)]
pub struct ResponseStream {
    sse: SseDecoder,
    http_status: u16,
    max_event_bytes: usize,
    saw_event: bool,
    /// The body so far while no event has been seen, for the non-SSE fallback.
    raw: Vec<u8>,
    raw_overflowed: bool,
    fallback: VecDeque<Result<GenerateContentResponse>>,
    fallback_done: bool,
    finished: bool,
    /// The key the request carried, scrubbed from the server's text kept in errors.
    key: Option<ApiKey>,
}

impl ResponseStream {
    /// A decoder for a `200 OK` stream with the default event cap. `key` is the API key
    /// the request carried (if any), removed from any server text kept in an error.
    pub fn new(key: Option<&ApiKey>) -> Self {
        Self::with_options(200, DEFAULT_MAX_EVENT_BYTES, key)
    }

    /// A decoder for a stream answered with `http_status`, refusing events over
    /// `max_event_bytes`, scrubbing `key` from errors.
    pub fn with_options(http_status: u16, max_event_bytes: usize, key: Option<&ApiKey>) -> Self {
        ResponseStream {
            key: key.cloned(),
            sse: SseDecoder::with_max_event_bytes(max_event_bytes),
            http_status,
            max_event_bytes,
            saw_event: false,
            raw: Vec::new(),
            raw_overflowed: false,
            fallback: VecDeque::new(),
            fallback_done: false,
            finished: false,
        }
    }

    /// Adds received bytes.
    pub fn push(&mut self, chunk: &[u8]) {
        if !self.saw_event && !self.raw_overflowed {
            if self.raw.len() + chunk.len() > self.max_event_bytes {
                self.raw_overflowed = true;
                self.raw = Vec::new();
            } else {
                self.raw.extend_from_slice(chunk);
            }
        }
        self.sse.push(chunk);
    }

    /// Marks the end of the body.
    pub fn finish(&mut self) {
        self.finished = true;
        self.sse.finish();
    }

    /// The next answer chunk, an error, or `None` when more bytes are needed (or,
    /// after [`ResponseStream::finish`], when everything was delivered).
    pub fn next_response(&mut self) -> Option<Result<GenerateContentResponse>> {
        if let Some(event) = self.sse.next_event() {
            if !self.saw_event {
                self.saw_event = true;
                self.raw = Vec::new();
            }
            let key = self.key.as_ref();
            return Some(event.and_then(|e| parse_event(e.data.as_bytes(), self.http_status, key)));
        }
        if self.saw_event || !self.finished {
            return None;
        }
        if !self.fallback_done {
            self.fallback_done = true;
            self.fallback = self.read_fallback();
        }
        self.fallback.pop_front()
    }

    /// Decodes a whole body (`key` as in [`ResponseStream::new`]).
    pub fn decode_all(body: &[u8], key: Option<&ApiKey>) -> Vec<Result<GenerateContentResponse>> {
        let mut stream = ResponseStream::new(key);
        stream.push(body);
        stream.finish();
        std::iter::from_fn(|| stream.next_response()).collect()
    }

    fn read_fallback(&mut self) -> VecDeque<Result<GenerateContentResponse>> {
        let raw = std::mem::take(&mut self.raw);
        if self.raw_overflowed {
            return VecDeque::from([Err(Error::LimitExceeded {
                what: "stream body size",
                actual: self.max_event_bytes as u64 + 1,
                max: self.max_event_bytes as u64,
            })]);
        }
        let first = raw.iter().find(|b| !b.is_ascii_whitespace());
        if !matches!(first, Some(b'{' | b'[')) {
            return VecDeque::new();
        }
        let key = self.key.as_ref();
        match read_json::<Value>(&raw, "stream body", &JsonLimits::ANSWER, key) {
            Ok(Value::Array(items)) => items
                .into_iter()
                .map(|item| from_value(item, self.http_status, key))
                .collect(),
            Ok(item) => VecDeque::from([from_value(item, self.http_status, key)]),
            Err(error) => VecDeque::from([Err(error)]),
        }
    }
}

fn from_value(
    value: Value,
    http_status: u16,
    key: Option<&ApiKey>,
) -> Result<GenerateContentResponse> {
    if value.get("error").is_some() {
        let body = value.to_string();
        return Err(api_error(&value, http_status, body.as_bytes(), key));
    }
    serde_json::from_value(value)
        .map_err(|err| Error::malformed_outside("stream event", &err.to_string(), key))
}

/// Reads one event's data: an answer chunk, or the API error it carries. Its shape is
/// checked against [`JsonLimits::ANSWER`] before it is parsed; `key` (the one the
/// request carried, if any) is scrubbed from any server text kept in an error.
pub fn parse_event(
    data: &[u8],
    http_status: u16,
    key: Option<&ApiKey>,
) -> Result<GenerateContentResponse> {
    let response: GenerateContentResponse =
        read_json(data, "stream event", &JsonLimits::ANSWER, key)?;
    match response.extra.get("error") {
        Some(error) => {
            let wrapper = serde_json::json!({ "error": error });
            Err(api_error(&wrapper, http_status, data, key))
        }
        None => Ok(response),
    }
}

/// An in-stream error's status is its own `code` when that is an HTTP error status;
/// otherwise the stream's, or 500 when the stream itself said 200.
fn api_error(value: &Value, http_status: u16, body: &[u8], key: Option<&ApiKey>) -> Error {
    let code = value
        .pointer("/error/code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .filter(|c| (400..600).contains(c));
    let status = code.unwrap_or(if http_status >= 400 { http_status } else { 500 });
    Error::Api(ApiError::from_response(status, body, key))
}
