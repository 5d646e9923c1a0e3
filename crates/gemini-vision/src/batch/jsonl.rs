//! The JSONL input file, one line per request: `{"key": K, "request": {...}}\n`.
//!
//! The file is never one string or buffer. [`JsonlWriter`] knows every line's exact
//! length before anything is written (the upload declares the total size first), and
//! hands out one line at a time as [`BodyPieces`], or the pieces of any byte range
//! ([`JsonlWriter::chunk`]) so a shell can produce each upload chunk on demand from
//! the media it holds.

use super::chunk::{ChunkPiece, cut_pieces};
use super::error::BatchError;
use super::input::BatchInput;
use super::pieces::PieceWriter;
use crate::base64::encode_slice;
use crate::error::Error;
use crate::request::{BodyPiece, BodyPieces};
use std::ops::Range;

/// The MIME type to upload the file with, as the Batch Mode docs name it (their Python
/// sample says just `jsonl`; the API takes both).
pub const JSONL_MIME_TYPE: &str = "application/jsonl";

const LINE_OPEN: &[u8] = br#"{"key":"#;
const REQUEST_OPEN: &[u8] = br#","request":"#;
const LINE_CLOSE: &[u8] = b"}\n";

/// Writes a batch as JSONL, line by line or range by range.
#[derive(Debug, Clone)]
pub struct JsonlWriter<'a> {
    input: &'a BatchInput,
    /// The end offset of each line in the file.
    line_ends: Vec<u64>,
}

impl BatchInput {
    /// The JSONL file of this batch.
    pub fn jsonl(&self) -> JsonlWriter<'_> {
        let fixed = (LINE_OPEN.len() + REQUEST_OPEN.len() + LINE_CLOSE.len()) as u64;
        let mut end = 0u64;
        let line_ends = (0..self.len())
            .map(|index| {
                let line = fixed + self.key_json(index).len() as u64 + self.request_len(index);
                end = end.saturating_add(line);
                end
            })
            .collect();
        JsonlWriter {
            input: self,
            line_ends,
        }
    }
}

impl<'a> JsonlWriter<'a> {
    /// The file's exact size in bytes.
    pub fn total_len(&self) -> u64 {
        self.line_ends.last().copied().unwrap_or(0)
    }

    /// How many lines (one per request).
    pub fn line_count(&self) -> usize {
        self.line_ends.len()
    }

    /// Where line `index` sits in the file (its newline included).
    pub fn line_span(&self, index: usize) -> Option<Range<u64>> {
        let end = *self.line_ends.get(index)?;
        let start = match index {
            0 => 0,
            _ => *self.line_ends.get(index - 1)?,
        };
        Some(start..end)
    }

    /// Line `index` (request `index`) as pieces, its newline included. Media slots are
    /// global (see [`BatchInput::slot_owner`]).
    pub fn line(&self, index: usize) -> Result<BodyPieces, BatchError> {
        let mut line = PieceWriter::new();
        line.json(LINE_OPEN);
        line.json(&self.input.key_json(index));
        line.json(REQUEST_OPEN);
        line.extend(self.input.request_pieces(index)?);
        line.json(LINE_CLOSE);
        Ok(line.finish())
    }

    /// Every line, in order, laid out one at a time as the iterator advances.
    pub fn lines(&self) -> impl Iterator<Item = Result<BodyPieces, BatchError>> + '_ {
        (0..self.line_count()).map(|index| self.line(index))
    }

    /// Line `index` written out in full into `out` (replacing its contents): the base64
    /// of media slot `n` is encoded from the bytes `media(n)` returns. For a shell that
    /// writes the file one line at a time (the CLI), holding one line's media at most.
    pub fn write_line(
        &self,
        index: usize,
        mut media: impl FnMut(usize) -> Result<Vec<u8>, Error>,
        out: &mut Vec<u8>,
    ) -> Result<(), BatchError> {
        let pieces = self.line(index)?;
        out.clear();
        let mut encoded = Vec::new();
        for piece in pieces.pieces() {
            match piece {
                BodyPiece::Json(json) => out.extend_from_slice(json),
                BodyPiece::Media { slot, raw_len } => {
                    let raw = media(*slot)?;
                    if raw.len() as u64 != *raw_len {
                        return Err(Error::invalid(
                            "media",
                            format!(
                                "slot {slot} was declared as {raw_len} bytes but {} were given",
                                raw.len()
                            ),
                        )
                        .into());
                    }
                    encode_slice(&raw, &mut encoded);
                    out.extend_from_slice(&encoded);
                }
            }
        }
        Ok(())
    }

    /// The pieces of the file's bytes `start..end` (an upload chunk), in order: JSON
    /// cut to the range, and media runs to encode with [`ChunkPiece::write_into`].
    /// Only the lines the range touches are laid out.
    pub fn chunk(&self, start: u64, end: u64) -> Result<Vec<ChunkPiece>, BatchError> {
        if start > end || end > self.total_len() {
            return Err(Error::invalid(
                "chunk range",
                format!(
                    "{start}..{end} is not within the {}-byte file",
                    self.total_len()
                ),
            )
            .into());
        }
        let mut out = Vec::new();
        // The first line that ends after `start`.
        let first = self
            .line_ends
            .partition_point(|&line_end| line_end <= start);
        for index in first..self.line_count() {
            let Some(span) = self.line_span(index) else {
                break;
            };
            if span.start >= end {
                break;
            }
            let pieces = self.line(index)?;
            let from = start.saturating_sub(span.start);
            let to = end.min(span.end) - span.start;
            cut_pieces(pieces.pieces(), from..to, &mut out);
        }
        Ok(out)
    }
}
