//! A request body in pieces: the JSON between media payloads, and the base64 of a media
//! slice.
//!
//! A browser should not hold a whole image (or its base64) in wasm memory to send it
//! inline: it builds the body as a `Blob` from parts instead. [`BodyPieces`] gives those
//! parts in order (JSON text, then "the base64 of media slot n, `raw_len` bytes", and so
//! on) with their exact lengths, so the size limit is checked before any media byte is
//! read; the shell then reads each media in slices of a multiple of 3 bytes (see
//! [`MEDIA_SLICE_BYTES`]) and encodes each with [`crate::base64::encode_slice`]. Because 3 raw
//! bytes are exactly 4 base64 characters, the encoded slices put end to end are the
//! base64 of the whole, byte for byte what [`RequestBuilder::build`] writes.
//!
//! Nothing here reads media or performs I/O.
//!
//! [`RequestBuilder::build`]: super::RequestBuilder::build

/// A good slice size for encoding media piece by piece: 3 MiB, a multiple of 3 (so
/// slices encode without padding), big enough that per-slice overhead is negligible and
/// small enough that memory stays flat.
pub const MEDIA_SLICE_BYTES: u64 = 3 * 1024 * 1024;

/// One piece of a body.
#[derive(Clone, PartialEq, Eq)]
pub enum BodyPiece {
    /// JSON text, sent as is.
    Json(Vec<u8>),
    /// The standard, padded base64 of a media payload: `slot` counts the parts added
    /// with `inline`, `inline_with_mime` or `inline_slot`, from 0, in the order they
    /// were added; `raw_len` is its size before encoding.
    Media {
        /// Which media, in order of addition.
        slot: usize,
        /// Its size in bytes before encoding.
        raw_len: u64,
    },
}

impl BodyPiece {
    /// How many bytes this piece adds to the body.
    pub fn len(&self) -> u64 {
        match self {
            BodyPiece::Json(json) => json.len() as u64,
            BodyPiece::Media { raw_len, .. } => crate::base64::encoded_len(*raw_len),
        }
    }

    /// Whether the piece adds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Debug for BodyPiece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BodyPiece::Json(json) => f
                .debug_tuple("Json")
                .field(&String::from_utf8_lossy(json))
                .finish(),
            BodyPiece::Media { slot, raw_len } => f
                .debug_struct("Media")
                .field("slot", slot)
                .field("raw_len", raw_len)
                .finish(),
        }
    }
}

/// A laid-out body: its pieces in order and its exact total length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyPieces {
    pieces: Vec<BodyPiece>,
    len: u64,
}

impl BodyPieces {
    pub(crate) fn new(pieces: Vec<BodyPiece>, len: u64) -> Self {
        BodyPieces { pieces, len }
    }

    /// The pieces, in body order.
    pub fn pieces(&self) -> &[BodyPiece] {
        &self.pieces
    }

    /// The pieces, owned.
    pub fn into_pieces(self) -> Vec<BodyPiece> {
        self.pieces
    }

    /// The exact length of the whole body in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the body is empty (never, for a valid request).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many media payloads the body holds.
    pub fn media_count(&self) -> usize {
        self.pieces
            .iter()
            .filter(|p| matches!(p, BodyPiece::Media { .. }))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use proptest::prelude::*;

    #[test]
    fn a_slice_encodes_to_standard_padded_base64() {
        let mut out = b"old contents".to_vec();
        crate::base64::encode_slice(b"ab", &mut out);
        assert_eq!(out, b"YWI=");
        crate::base64::encode_slice(b"", &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn the_slice_size_is_a_multiple_of_three() {
        assert_eq!(MEDIA_SLICE_BYTES % 3, 0);
    }

    proptest! {
        #[test]
        fn slices_of_a_multiple_of_three_concatenate_to_the_whole(
            bytes in proptest::collection::vec(any::<u8>(), 0..400),
            thirds in 1usize..20,
        ) {
            let mut joined = Vec::new();
            let mut out = Vec::new();
            for slice in bytes.chunks(thirds * 3) {
                crate::base64::encode_slice(slice, &mut out);
                joined.extend_from_slice(&out);
            }
            prop_assert_eq!(joined, STANDARD.encode(&bytes).into_bytes());
        }
    }
}
