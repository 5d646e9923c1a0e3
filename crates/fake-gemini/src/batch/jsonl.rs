//! Batch JSONL: input lines `{"key", "request"}` read one at a time from disk, and
//! result lines `{"key", "response"}` / `{"key", "error"}`.
//!
//! A line is never held beyond its cap: a longer one is skipped to its end and becomes
//! an error result. A line that cannot be read as a request is an error for that line
//! only, never for the job.

use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use super::answer::Outcome;
use super::input::{check_fields, invalid_value};
use crate::errors::{ApiError, Status};

/// One input line.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// Its bytes, without the line end.
    Text(Vec<u8>),
    /// Longer than the cap; its bytes were skipped.
    TooLong(u64),
}

impl Line {
    /// Whether it holds nothing but white space (such lines are not requests).
    pub fn is_blank(&self) -> bool {
        matches!(self, Line::Text(bytes) if bytes.iter().all(u8::is_ascii_whitespace))
    }
}

/// Reads lines of at most `cap` bytes from a buffered reader.
#[derive(Debug)]
pub struct LineReader<R> {
    inner: R,
    cap: u64,
}

impl<R: AsyncBufRead + Unpin> LineReader<R> {
    /// A reader keeping at most `cap` bytes of a line.
    pub fn new(inner: R, cap: u64) -> Self {
        LineReader { inner, cap }
    }

    /// The reader, for reuse after counting.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// The next line; `None` at the end.
    pub async fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let mut length = 0u64;
        let mut started = false;
        loop {
            let available = self.inner.fill_buf().await?;
            if available.is_empty() {
                if !started {
                    return Ok(None);
                }
                break;
            }
            started = true;
            let end = available.iter().position(|&byte| byte == b'\n');
            let piece = &available[..end.unwrap_or(available.len())];
            length += piece.len() as u64;
            if length <= self.cap {
                bytes.extend_from_slice(piece);
            } else if !bytes.is_empty() {
                bytes = Vec::new();
            }
            let used = piece.len() + usize::from(end.is_some());
            self.inner.consume(used);
            if end.is_some() {
                break;
            }
        }
        if length > self.cap {
            return Ok(Some(Line::TooLong(length)));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some(Line::Text(bytes)))
    }
}

/// A request line read: its key when one could be read, and the request or why it
/// cannot be answered.
#[derive(Debug, Clone)]
pub struct Request {
    /// `key`, when the line has one.
    pub key: Option<String>,
    /// The `GenerateContentRequest`, or the refusal.
    pub request: Result<Value, ApiError>,
}

/// Reads one request line.
pub fn parse_line(line: &Line, cap: u64) -> Request {
    let bytes = match line {
        Line::Text(bytes) => bytes,
        Line::TooLong(length) => {
            return Request {
                key: None,
                request: Err(ApiError::new(
                    Status::InvalidArgument,
                    format!(
                        "Request payload size exceeds the limit: {cap} bytes (this line has {length})."
                    ),
                )),
            };
        }
    };
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => {
            return Request {
                key: None,
                request: Err(ApiError::new(
                    Status::InvalidArgument,
                    format!("Invalid JSON payload received. {error}"),
                )),
            };
        }
    };
    let key = value.get("key").and_then(Value::as_str).map(str::to_string);
    let checked =
        check_fields(&value, "", "a batch request line", &["key", "request"]).and_then(|()| {
            match value.get("key") {
                Some(Value::String(_)) => Ok(()),
                Some(other) => Err(invalid_value("key", "TYPE_STRING", other)),
                None => Err(ApiError::bad_field(
                    "key",
                    "Every batch request line needs a key.",
                )),
            }
        });
    let request = checked.and_then(|()| match value.get("request") {
        None | Some(Value::Null) => Ok(json!({})),
        Some(request @ Value::Object(_)) => Ok(request.clone()),
        Some(other) => Err(invalid_value(
            "request",
            "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentRequest",
            other,
        )),
    });
    Request { key, request }
}

/// One result line, newline included; a line whose key could not be read has none.
/// The key comes first, as a reader that only keeps the start of an overlong line
/// needs it to be.
pub fn result_line(key: Option<&str>, outcome: &Outcome) -> Vec<u8> {
    let (field, value) = match outcome {
        Outcome::Response(response) => ("response", response),
        Outcome::Error(error) => ("error", error),
    };
    let mut line = String::from("{");
    if let Some(key) = key {
        line.push_str(&format!("\"key\":{},", json!(key)));
    }
    line.push_str(&format!("\"{field}\":{value}}}\n"));
    line.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_all(text: &[u8], capacity: usize, cap: u64) -> Vec<Line> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut reader =
                LineReader::new(tokio::io::BufReader::with_capacity(capacity, text), cap);
            let mut lines = Vec::new();
            while let Some(line) = reader.next_line().await.unwrap() {
                lines.push(line);
            }
            lines
        })
    }

    #[test]
    fn a_long_line_is_skipped_and_reading_goes_on() {
        let lines = read_all(b"{\"a\":1}\nxxxxxxxxxxxx\r\nend", 4, 8);
        assert_eq!(
            lines,
            [
                Line::Text(b"{\"a\":1}".to_vec()),
                Line::TooLong(13),
                Line::Text(b"end".to_vec())
            ]
        );
    }

    #[test]
    fn a_line_without_a_key_or_with_extra_fields_is_refused() {
        let no_key = parse_line(&Line::Text(br#"{"request":{}}"#.to_vec()), 100);
        assert!(no_key.key.is_none() && no_key.request.is_err());
        let extra = parse_line(
            &Line::Text(br#"{"key":"a","request":{},"x":1}"#.to_vec()),
            100,
        );
        assert_eq!(extra.key.as_deref(), Some("a"));
        assert!(
            extra
                .request
                .unwrap_err()
                .message
                .contains("Unknown name \"x\"")
        );
        let good = parse_line(
            &Line::Text(br#"{"key":"a","request":{"contents":[]}}"#.to_vec()),
            100,
        );
        assert_eq!(good.request.unwrap(), json!({"contents": []}));
    }

    #[test]
    fn result_lines_carry_the_key_first_at_top_level() {
        let line = result_line(Some("k"), &Outcome::Error(json!({"code": 3})));
        assert_eq!(line, b"{\"key\":\"k\",\"error\":{\"code\":3}}\n");
        let keyless = result_line(None, &Outcome::Response(json!({"a": "q\"uote"})));
        let parsed: Value = serde_json::from_slice(&keyless).unwrap();
        assert_eq!(parsed, json!({"response": {"a": "q\"uote"}}));
        assert_eq!(keyless.last(), Some(&b'\n'));
    }

    proptest! {
        #[test]
        fn lines_survive_any_buffer_size(lines in proptest::collection::vec("[ -~]{0,30}", 0..12), capacity in 1usize..40) {
            let text = lines.iter().map(|line| format!("{line}\n")).collect::<String>();
            let read = read_all(text.as_bytes(), capacity, 1000);
            let expected: Vec<Line> = lines.iter().map(|line| Line::Text(line.as_bytes().to_vec())).collect();
            prop_assert_eq!(read, expected);
        }

        #[test]
        fn result_lines_read_back_with_their_key(key in ".{0,20}", text in ".{0,20}") {
            let line = result_line(Some(&key), &Outcome::Response(json!({"text": text})));
            let parsed: Value = serde_json::from_slice(&line).unwrap();
            prop_assert_eq!(parsed, json!({"key": key, "response": {"text": text}}));
        }

        #[test]
        fn any_line_is_answered_without_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_line(&Line::Text(bytes), 1000);
        }
    }
}
