//! An incremental decoder of server-sent events (the WHATWG `text/event-stream`
//! format), as `streamGenerateContent?alt=sse` answers.
//!
//! Bytes go in as they arrive, in chunks split anywhere (inside a UTF-8 sequence,
//! between `\r` and `\n`); events come out when a blank line ends them. `data:` lines
//! are joined with `\n`; comments (`:`) and the `id` and `retry` fields are ignored.
//! One event may hold at most a configurable number of bytes: a bigger one is an
//! [`Error::LimitExceeded`], its bytes are dropped, and decoding resumes with the next
//! event. Memory never grows beyond that cap plus the chunk being decoded.

use crate::error::{Error, Result};

/// The default cap on one event: 32 MiB, room for an answer with inline images.
pub(crate) const DEFAULT_MAX_EVENT_BYTES: usize = 32 * 1024 * 1024;

/// One decoded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` field; `None` for the default type (`message`).
    pub event: Option<String>,
    /// The `data:` lines, joined with `\n` (invalid UTF-8 replaced by U+FFFD).
    pub data: String,
}

/// Server-sent events from bytes. Feed with [`SseDecoder::push`], drain with
/// [`SseDecoder::next_event`], end with [`SseDecoder::finish`].
#[derive(Debug, Clone)]
pub struct SseDecoder {
    max_event_bytes: usize,
    /// Bytes received but not yet split into lines.
    pending: Vec<u8>,
    /// How far `pending` has been consumed.
    consumed: usize,
    /// How far `pending` is known to hold no line end (resumes the search).
    scanned: usize,
    /// The last line ended with `\r`: a `\n` starting the next chunk belongs to it.
    after_cr: bool,
    /// The stream's first bytes are still to come (a BOM there is dropped).
    at_start: bool,
    event_type: Option<String>,
    data: Vec<u8>,
    has_data: bool,
    /// The current event went over the cap: drop lines until it ends.
    skipping: bool,
    /// The start of the current line was dropped while skipping, so its end is not a
    /// blank line even if nothing of it is left.
    line_dropped: bool,
    finished: bool,
}

impl Default for SseDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl SseDecoder {
    /// A decoder with the default event cap.
    pub fn new() -> Self {
        Self::with_max_event_bytes(DEFAULT_MAX_EVENT_BYTES)
    }

    /// A decoder that refuses events (and lines) longer than `max` bytes.
    pub fn with_max_event_bytes(max: usize) -> Self {
        SseDecoder {
            max_event_bytes: max,
            pending: Vec::new(),
            consumed: 0,
            scanned: 0,
            after_cr: false,
            at_start: true,
            event_type: None,
            data: Vec::new(),
            has_data: false,
            skipping: false,
            line_dropped: false,
            finished: false,
        }
    }

    /// Adds received bytes. Call [`SseDecoder::next_event`] until it returns `None`
    /// before pushing more, so that memory stays bounded.
    pub fn push(&mut self, chunk: &[u8]) {
        if self.consumed > 0 && self.consumed * 2 >= self.pending.len() {
            self.pending.drain(..self.consumed);
            self.scanned = self.scanned.saturating_sub(self.consumed);
            self.consumed = 0;
        }
        self.pending.extend_from_slice(chunk);
    }

    /// Marks the end of the stream. A last event without its closing blank line is
    /// still delivered (unlike a browser's `EventSource`, which drops it), because
    /// its finish reason and usage are worth having.
    pub fn finish(&mut self) {
        self.finished = true;
    }

    /// The next complete event, an error for an event over the cap, or `None` when
    /// more bytes are needed (or the stream is finished and drained).
    pub fn next_event(&mut self) -> Option<Result<SseEvent>> {
        loop {
            match self.next_line() {
                Some(LineEnd::Line(start, end)) => {
                    if let Some(result) = self.line(start, end) {
                        return Some(result);
                    }
                }
                Some(LineEnd::Overlong(len)) => {
                    let err = self.too_big(len);
                    self.skipping = true;
                    return Some(Err(err));
                }
                None if self.finished => {
                    return self.flush_at_end();
                }
                None => return None,
            }
        }
    }

    /// Decodes a whole body at once.
    pub fn decode_all(body: &[u8]) -> Result<Vec<SseEvent>> {
        let mut decoder = SseDecoder::new();
        decoder.push(body);
        decoder.finish();
        std::iter::from_fn(|| decoder.next_event()).collect()
    }

    fn flush_at_end(&mut self) -> Option<Result<SseEvent>> {
        if self.consumed < self.pending.len() {
            let (start, end) = (self.consumed, self.pending.len());
            self.consumed = end;
            self.scanned = end;
            if let Some(result) = self.line(start, end) {
                return Some(result);
            }
        }
        self.dispatch()
    }

    /// Finds the next line in `pending`, consuming it and its line end.
    fn next_line(&mut self) -> Option<LineEnd> {
        if self.after_cr {
            match self.pending.get(self.consumed) {
                Some(b'\n') => {
                    self.consumed += 1;
                    self.scanned = self.scanned.max(self.consumed);
                    self.after_cr = false;
                }
                Some(_) => self.after_cr = false,
                None => {}
            }
        }
        let from = self.scanned.max(self.consumed);
        let tail = self.pending.get(from..).unwrap_or_default();
        let Some(offset) = tail.iter().position(|&b| b == b'\n' || b == b'\r') else {
            self.scanned = self.pending.len();
            let len = self.pending.len() - self.consumed;
            let overlong = len > self.max_event_bytes && !self.skipping;
            if (overlong || self.skipping) && len > 0 {
                // Drop what there is of the line; an overlong one can only belong to
                // an event over the cap.
                self.consumed = self.pending.len();
                self.scanned = self.consumed;
                self.line_dropped = true;
            }
            return overlong.then_some(LineEnd::Overlong(len));
        };
        let end = from + offset;
        let start = self.consumed;
        let cr = self.pending.get(end) == Some(&b'\r');
        let mut next = end + 1;
        if cr {
            match self.pending.get(next) {
                Some(b'\n') => next += 1,
                Some(_) => {}
                None => self.after_cr = true,
            }
        }
        self.consumed = next;
        self.scanned = next;
        Some(LineEnd::Line(start, end))
    }

    /// Handles one line; returns an event when the line completed one.
    fn line(&mut self, start: usize, end: usize) -> Option<Result<SseEvent>> {
        let mut line = self.pending.get(start..end).unwrap_or_default();
        if self.at_start {
            self.at_start = false;
            line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        }
        if std::mem::take(&mut self.line_dropped) {
            // The tail of a line already dropped (and reported) while skipping.
            return None;
        }
        if line.is_empty() {
            let was_skipping = std::mem::take(&mut self.skipping);
            return if was_skipping { None } else { self.dispatch() };
        }
        if self.skipping {
            return None;
        }
        // Measured as received (BOM included), as an unfinished line is measured.
        if end - start > self.max_event_bytes {
            let err = self.too_big(end - start);
            self.skipping = true;
            return Some(Err(err));
        }
        if line.first() == Some(&b':') {
            return None;
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = line.get(colon + 1..).unwrap_or_default();
                let value = value.strip_prefix(b" ").unwrap_or(value);
                (line.get(..colon).unwrap_or_default(), value)
            }
            None => (line, &[][..]),
        };
        match field {
            b"data" => {
                let grown = self.data.len() + value.len() + 1;
                if grown > self.max_event_bytes {
                    let err = self.too_big(grown);
                    self.skipping = true;
                    return Some(Err(err));
                }
                self.data.extend_from_slice(value);
                self.data.push(b'\n');
                self.has_data = true;
            }
            b"event" => {
                self.event_type = Some(String::from_utf8_lossy(value).into_owned());
            }
            _ => {}
        }
        None
    }

    fn dispatch(&mut self) -> Option<Result<SseEvent>> {
        let event_type = self.event_type.take();
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        Some(Ok(SseEvent {
            event: event_type,
            data: String::from_utf8(data)
                .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned()),
        }))
    }

    fn too_big(&mut self, actual: usize) -> Error {
        self.data.clear();
        self.has_data = false;
        self.event_type = None;
        Error::LimitExceeded {
            what: "SSE event size",
            actual: actual as u64,
            max: self.max_event_bytes as u64,
        }
    }
}

enum LineEnd {
    /// A complete line at `pending[start..end]`.
    Line(usize, usize),
    /// A line longer than the cap, dropped.
    Overlong(usize),
}
