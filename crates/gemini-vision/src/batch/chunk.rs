//! A byte range of a body made of pieces, as the pieces a shell must produce for it.
//!
//! The resumable upload asks for the file's bytes `start..end`, chunk by chunk. Where
//! a chunk cuts through a media's base64, only the raw bytes behind those characters
//! are needed: base64 maps every 3 raw bytes to 4 characters, so characters `a..b` of
//! a media come from raw bytes `3 * (a / 4) .. 3 * ceil(b / 4)`, encoded and trimmed.

use crate::request::BodyPiece;

use crate::base64::{encode_slice, encoded_len};
use std::ops::Range;

/// One piece of an upload chunk.
#[derive(Clone, PartialEq, Eq)]
pub enum ChunkPiece {
    /// JSON text, sent as is.
    Json(Vec<u8>),
    /// Part of a media's base64: read the media's raw bytes `raw_start..raw_end` and
    /// pass them to [`ChunkPiece::write_into`].
    Media {
        /// The global media slot.
        slot: usize,
        /// First raw byte to read (a multiple of 3).
        raw_start: u64,
        /// One past the last raw byte to read.
        raw_end: u64,
        /// Base64 characters to drop from the front of the encoding (0 to 3).
        skip: u64,
        /// Base64 characters to keep after that.
        take: u64,
    },
}

impl ChunkPiece {
    /// How many bytes this piece adds to the chunk.
    pub fn len(&self) -> u64 {
        match self {
            ChunkPiece::Json(json) => json.len() as u64,
            ChunkPiece::Media { take, .. } => *take,
        }
    }

    /// Whether the piece adds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes this piece's bytes into `out` (replacing its contents). For
    /// [`ChunkPiece::Media`], `raw` must be the media's bytes `raw_start..raw_end`; for
    /// JSON it is ignored. Returns false (and leaves `out` empty) when `raw` has the
    /// wrong length.
    pub fn write_into(&self, raw: &[u8], out: &mut Vec<u8>) -> bool {
        match self {
            ChunkPiece::Json(json) => {
                out.clear();
                out.extend_from_slice(json);
                true
            }
            ChunkPiece::Media {
                raw_start,
                raw_end,
                skip,
                take,
                ..
            } => {
                if raw.len() as u64 != raw_end - raw_start {
                    out.clear();
                    return false;
                }
                encode_slice(raw, out);
                let skip = usize::try_from(*skip).unwrap_or(usize::MAX).min(out.len());
                out.drain(..skip);
                out.truncate(usize::try_from(*take).unwrap_or(usize::MAX));
                true
            }
        }
    }
}

impl std::fmt::Debug for ChunkPiece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChunkPiece::Json(json) => f.debug_tuple("Json").field(&json.len()).finish(),
            ChunkPiece::Media {
                slot,
                raw_start,
                raw_end,
                skip,
                take,
            } => f
                .debug_struct("Media")
                .field("slot", slot)
                .field("raw", &(raw_start..raw_end))
                .field("skip", skip)
                .field("take", take)
                .finish(),
        }
    }
}

/// Appends to `out` the pieces of the bytes `range` of the body made of `pieces`.
pub(crate) fn cut_pieces(pieces: &[BodyPiece], range: Range<u64>, out: &mut Vec<ChunkPiece>) {
    let mut offset = 0u64;
    for piece in pieces {
        let len = piece.len();
        let (start, end) = (offset, offset + len);
        offset = end;
        let (from, to) = (range.start.max(start), range.end.min(end));
        if from >= to {
            continue;
        }
        let (a, b) = (from - start, to - start);
        match piece {
            BodyPiece::Json(json) => {
                let cut = json.get(a as usize..b as usize).unwrap_or_default();
                match out.last_mut() {
                    Some(ChunkPiece::Json(last)) => last.extend_from_slice(cut),
                    _ => out.push(ChunkPiece::Json(cut.to_vec())),
                }
            }
            BodyPiece::Media { slot, raw_len } => {
                debug_assert_eq!(len, encoded_len(*raw_len));
                let raw_start = a / 4 * 3;
                let raw_end = (b.div_ceil(4) * 3).min(*raw_len);
                out.push(ChunkPiece::Media {
                    slot: *slot,
                    raw_start,
                    raw_end,
                    skip: a % 4,
                    take: b - a,
                });
            }
        }
    }
}
