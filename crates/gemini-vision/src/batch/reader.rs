//! The result file, read as it streams in: bytes in, one [`BatchResult`] per line out.
//!
//! Lines may be any length and split anywhere across pushes; `\n` and `\r\n` both end
//! a line, the last line needs no newline, blank lines are skipped, and a UTF-8 byte
//! order mark at the start is ignored. A line over the cap is never held: its bytes are
//! dropped as they arrive (all but the first few kilobytes, where its key usually is)
//! and it comes out as [`LineError::TooLong`] for that line alone. Memory stays within
//! the cap plus the chunk being read, as long as results are drained between pushes.

use super::line::{key_of_prefix, read_result};
use super::result::{BatchOutcome, BatchResult, LineError};

/// The default cap on one result line: 64 MiB, room for an answer with large inline
/// images, far below what would strain a browser tab.
pub const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// How much of an overlong line is kept to find its key.
const KEY_PROBE_BYTES: usize = 4096;

/// A streaming reader of a JSONL result file. Feed it with [`ResultReader::push`],
/// drain [`ResultReader::next_result`] until it returns `None`, then push again; end
/// with [`ResultReader::finish`] and drain once more.
///
/// ```
/// use gemini_vision::batch::{BatchOutcome, ResultReader};
///
/// let file = b"{\"key\":\"b\",\"response\":{\"candidates\":[]}}\r\n\n{\"key\":\"a\",\"error\":{\"code\":3,\"message\":\"bad image\"}}";
/// let mut reader = ResultReader::new();
/// let mut results = Vec::new();
/// for chunk in file.chunks(5) {
///     reader.push(chunk);
///     results.extend(std::iter::from_fn(|| reader.next_result()));
/// }
/// reader.finish();
/// results.extend(std::iter::from_fn(|| reader.next_result()));
/// assert_eq!(results.len(), 2);
/// assert_eq!(results[0].key.as_deref(), Some("b"));
/// assert!(matches!(results[1].outcome, BatchOutcome::Error(_)));
/// ```
#[derive(Debug, Clone)]
pub struct ResultReader {
    max_line_bytes: usize,
    /// Bytes received and not yet consumed (from `consumed` on).
    pending: Vec<u8>,
    consumed: usize,
    /// How far `pending` is known to hold no newline.
    scanned: usize,
    /// Lines seen so far, blank ones included.
    line_number: u64,
    /// The line being skipped because it is over the cap.
    overlong: Option<Overlong>,
    at_start: bool,
    finished: bool,
}

#[derive(Debug, Clone)]
struct Overlong {
    /// Its length so far.
    len: u64,
    /// Its first bytes, to find its key.
    head: Vec<u8>,
    /// Its newline has arrived (it is the first byte of `pending[consumed..]`).
    ended: bool,
}

impl Default for ResultReader {
    fn default() -> Self {
        Self::new()
    }
}

impl ResultReader {
    /// A reader with the default line cap.
    pub fn new() -> Self {
        Self::with_max_line_bytes(DEFAULT_MAX_LINE_BYTES)
    }

    /// A reader that skips lines longer than `max` bytes.
    pub fn with_max_line_bytes(max: usize) -> Self {
        ResultReader {
            max_line_bytes: max,
            pending: Vec::new(),
            consumed: 0,
            scanned: 0,
            line_number: 0,
            overlong: None,
            at_start: true,
            finished: false,
        }
    }

    /// Adds received bytes.
    pub fn push(&mut self, mut chunk: &[u8]) {
        if let Some(overlong) = self.overlong.as_mut().filter(|o| !o.ended) {
            match chunk.iter().position(|&b| b == b'\n') {
                None => {
                    overlong.len = overlong.len.saturating_add(chunk.len() as u64);
                    return;
                }
                Some(newline) => {
                    overlong.len = overlong.len.saturating_add(newline as u64);
                    overlong.ended = true;
                    chunk = chunk.get(newline..).unwrap_or_default();
                }
            }
        }
        // Only the unfinished line is moved: at most the cap, once per push.
        if self.consumed > 0 {
            self.pending.drain(..self.consumed);
            self.scanned = self.scanned.saturating_sub(self.consumed);
            self.consumed = 0;
        }
        self.pending.extend_from_slice(chunk);
    }

    /// How many received bytes the reader holds (for tests of its memory bound).
    #[cfg(test)]
    pub(crate) fn buffered(&self) -> usize {
        self.pending.len()
    }

    /// Marks the end of the file: a last line without a newline is read as a line.
    pub fn finish(&mut self) {
        self.finished = true;
    }

    /// The next result, or `None` when more bytes are needed (or the file is finished
    /// and every line has been read).
    pub fn next_result(&mut self) -> Option<BatchResult> {
        loop {
            if let Some(overlong) = &self.overlong {
                if !overlong.ended && !self.finished {
                    return None;
                }
                if overlong.ended {
                    // Its newline.
                    self.consumed += 1;
                    self.scanned = self.scanned.max(self.consumed);
                }
                let overlong = self.overlong.take()?;
                return Some(self.too_long(overlong.len, &overlong.head));
            }
            let from = self.scanned.max(self.consumed);
            let tail = self.pending.get(from..).unwrap_or_default();
            match tail.iter().position(|&b| b == b'\n') {
                Some(offset) => {
                    let (start, end) = (self.consumed, from + offset);
                    self.consumed = end + 1;
                    self.scanned = self.consumed;
                    if let Some(result) = self.line(start, end) {
                        return Some(result);
                    }
                }
                None => {
                    self.scanned = self.pending.len();
                    let len = self.pending.len() - self.consumed;
                    if len > self.max_line_bytes {
                        self.start_skipping(len);
                        continue;
                    }
                    if !self.finished || len == 0 {
                        return None;
                    }
                    let (start, end) = (self.consumed, self.pending.len());
                    self.consumed = end;
                    if let Some(result) = self.line(start, end) {
                        return Some(result);
                    }
                }
            }
        }
    }

    /// Drops the unfinished line held in `pending`, keeping its head.
    fn start_skipping(&mut self, len: usize) {
        let head_end = self.consumed + len.min(KEY_PROBE_BYTES);
        let head = self
            .pending
            .get(self.consumed..head_end)
            .unwrap_or_default()
            .to_vec();
        self.pending.truncate(self.consumed);
        self.scanned = self.consumed;
        self.overlong = Some(Overlong {
            len: len as u64,
            head,
            ended: false,
        });
    }

    /// Reads the line `pending[start..end]` (without its `\n`); `None` if it is blank.
    fn line(&mut self, start: usize, end: usize) -> Option<BatchResult> {
        let raw = self.pending.get(start..end).unwrap_or_default();
        if raw.len() > self.max_line_bytes {
            // Measured as received (`\r` and BOM included), as a line dropped while it
            // streams in is measured, so where the pushes split it does not matter.
            let (len, head) = (
                raw.len() as u64,
                raw.get(..KEY_PROBE_BYTES).unwrap_or(raw).to_vec(),
            );
            return Some(self.too_long(len, &head));
        }
        self.line_number += 1;
        let mut line = raw;
        if std::mem::take(&mut self.at_start) {
            line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        Some(read_result(line, self.line_number))
    }

    fn too_long(&mut self, len: u64, head: &[u8]) -> BatchResult {
        self.line_number += 1;
        let mut head = head;
        if std::mem::take(&mut self.at_start) {
            head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        }
        BatchResult {
            key: key_of_prefix(head),
            position: self.line_number,
            outcome: BatchOutcome::Unreadable(LineError::TooLong {
                len,
                max: self.max_line_bytes as u64,
            }),
        }
    }
}
