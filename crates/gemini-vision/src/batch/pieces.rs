//! Bodies assembled from JSON text and the media pieces of the requests inside them.

use crate::request::{BodyPiece, BodyPieces};

/// Collects pieces in order, merging adjacent JSON so a shell gets as few parts as
/// possible, and keeps the exact total length.
#[derive(Debug, Default)]
pub(crate) struct PieceWriter {
    pieces: Vec<BodyPiece>,
    len: u64,
}

impl PieceWriter {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends JSON text.
    pub(crate) fn json(&mut self, text: &[u8]) {
        if text.is_empty() {
            return;
        }
        self.len += text.len() as u64;
        match self.pieces.last_mut() {
            Some(BodyPiece::Json(last)) => last.extend_from_slice(text),
            _ => self.pieces.push(BodyPiece::Json(text.to_vec())),
        }
    }

    /// Appends pieces (a request's body).
    pub(crate) fn extend(&mut self, pieces: Vec<BodyPiece>) {
        for piece in pieces {
            match piece {
                BodyPiece::Json(text) => self.json(&text),
                media => {
                    self.len += media.len();
                    self.pieces.push(media);
                }
            }
        }
    }

    pub(crate) fn finish(self) -> BodyPieces {
        BodyPieces::new(self.pieces, self.len)
    }
}
