//! `RequestBuilder::build_pieces`: a body laid out as JSON pieces between media
//! payloads, whose media encoded slice by slice gives back `build()`'s bytes exactly.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::request::{BodyPiece, BodyPieces, MEDIA_SLICE_BYTES, RequestBuilder};

use gemini_vision::base64::encode_slice;
use io_support::image;
use proptest::prelude::*;
use serde_json::json;

/// What a browser does: every JSON piece as is, every media read in slices of
/// `slice` bytes (a multiple of 3) and encoded slice by slice.
fn assemble(pieces: &BodyPieces, media: &[&[u8]], slice: usize) -> Vec<u8> {
    let mut body = Vec::new();
    let mut encoded = Vec::new();
    for piece in pieces.pieces() {
        match piece {
            BodyPiece::Json(json) => body.extend_from_slice(json),
            BodyPiece::Media { slot, raw_len } => {
                let bytes = media[*slot];
                assert_eq!(bytes.len() as u64, *raw_len);
                for chunk in bytes.chunks(slice) {
                    encode_slice(chunk, &mut encoded);
                    body.extend_from_slice(&encoded);
                }
            }
        }
    }
    body
}

fn two_images_and_settings(first: Vec<u8>, second: Vec<u8>) -> RequestBuilder {
    let mut builder = RequestBuilder::new();
    builder
        .text("Compare \"these\" two\nimages ✓")
        .inline(first)
        .inline_with_mime(second, "image/png")
        .system_instruction("Be terse")
        .json_output()
        .temperature(0.25)
        .thinking_budget(0)
        .response_schema(json!({"type": "ARRAY", "items": {"type": "OBJECT"}}));
    builder
}

#[test]
fn pieced_body_of_real_images_equals_the_built_body() {
    let (jpeg, png) = (image("spill.jpg"), image("cupcakes.png"));
    let builder = two_images_and_settings(jpeg.clone(), png.clone());
    let pieces = builder.build_pieces().unwrap();
    let whole = builder.build().unwrap();
    assert_eq!(pieces.len(), whole.len() as u64);
    assert_eq!(pieces.media_count(), 2);
    let assembled = assemble(&pieces, &[&jpeg, &png], MEDIA_SLICE_BYTES as usize);
    assert_eq!(assembled, whole);
}

#[test]
fn small_slices_give_the_same_bytes_as_one_slice() {
    let jpeg = image("socks.jpg");
    let mut builder = RequestBuilder::new();
    builder.inline(jpeg.clone()).text("Detect the socks");
    let pieces = builder.build_pieces().unwrap();
    assert_eq!(
        assemble(&pieces, &[&jpeg], 3 * 1024),
        builder.build().unwrap()
    );
}

#[test]
fn slots_known_by_size_lay_out_like_the_bytes_they_stand_for() {
    let (jpeg, png) = (image("spill.jpg"), image("cupcakes.png"));
    let with_bytes = two_images_and_settings(jpeg.clone(), png.clone());
    let mut with_slots = RequestBuilder::new();
    with_slots
        .text("Compare \"these\" two\nimages ✓")
        .inline_slot("image/jpeg", jpeg.len() as u64)
        .inline_slot("image/png", png.len() as u64)
        .system_instruction("Be terse")
        .json_output()
        .temperature(0.25)
        .thinking_budget(0)
        .response_schema(json!({"type": "ARRAY", "items": {"type": "OBJECT"}}));
    assert_eq!(
        with_slots.build_pieces().unwrap(),
        with_bytes.build_pieces().unwrap()
    );
}

#[test]
fn the_size_limit_is_checked_before_any_media_byte_is_read() {
    let mut builder = RequestBuilder::new();
    builder
        .max_body_bytes(1_000)
        .inline_slot("image/png", 1_000)
        .text("too big");
    let err = builder.build_pieces().unwrap_err();
    assert_eq!(err.code(), "REQUEST_TOO_LARGE");
}

#[test]
fn an_unsupported_or_empty_slot_is_refused() {
    let gif = RequestBuilder::new()
        .inline_slot("image/gif", 10)
        .build_pieces()
        .unwrap_err();
    assert_eq!(gif.code(), "UNSUPPORTED_MIME");
    let empty = RequestBuilder::new()
        .inline_slot("image/png", 0)
        .build_pieces()
        .unwrap_err();
    assert_eq!(empty.code(), "INVALID_INPUT");
}

#[test]
fn a_body_with_slots_cannot_be_built_in_one_buffer() {
    let err = RequestBuilder::new()
        .inline_slot("image/png", 10)
        .build()
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

#[test]
fn count_tokens_pieces_equal_the_count_tokens_body() {
    let png = image("cupcakes.png");
    for with_system in [false, true] {
        let mut builder = RequestBuilder::new();
        builder.inline(png.clone()).text("How many tokens?");
        if with_system {
            builder.system_instruction("Count carefully");
        }
        let pieces = builder
            .build_count_tokens_pieces("gemini-2.5-flash")
            .unwrap();
        let whole = builder.build_count_tokens("gemini-2.5-flash").unwrap();
        assert_eq!(pieces.len(), whole.len() as u64);
        assert_eq!(assemble(&pieces, &[&png], 3 * 4096), whole);
    }
}

#[test]
fn a_text_only_body_is_one_json_piece() {
    let mut builder = RequestBuilder::new();
    builder.text("hello");
    let pieces = builder.build_pieces().unwrap();
    assert_eq!(
        pieces.pieces(),
        &[BodyPiece::Json(builder.build().unwrap())]
    );
}

proptest! {
    #[test]
    fn any_media_in_any_slices_assembles_to_the_built_body(
        sizes in proptest::collection::vec(1usize..2_000, 1..4),
        thirds in 1usize..50,
        text in "\\PC{1,40}",
    ) {
        // A PNG signature first, so every payload sniffs as an image.
        let media: Vec<Vec<u8>> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
                bytes.extend((0..n).map(|j| (i * 31 + j * 7) as u8));
                bytes
            })
            .collect();
        let mut builder = RequestBuilder::new();
        for (i, bytes) in media.iter().enumerate() {
            builder.inline(bytes.clone());
            if i == 0 {
                builder.text(text.clone());
            }
        }
        let pieces = builder.build_pieces().unwrap();
        let refs: Vec<&[u8]> = media.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(assemble(&pieces, &refs, thirds * 3), builder.build().unwrap());
    }
}
