//! What `RequestBuilder` refuses, with which typed error: unsupported MIME types,
//! too many images, bodies over the limit, out-of-range settings, empty parts.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::Error;
use gemini_vision::request::{MAX_IMAGES, RequestBuilder};
use gemini_vision::wire::Part;
use io_support::image;
use serde_json::json;

/// A small but real GIF header (GIF is sniffed, then refused).
const GIF: &[u8] = b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,";

#[test]
fn gif_is_an_unsupported_mime_error() {
    let err = RequestBuilder::new()
        .inline(GIF.to_vec())
        .text("hi")
        .build()
        .unwrap_err();
    let Error::UnsupportedMime { mime, reason } = err else {
        panic!("expected UnsupportedMime");
    };
    assert_eq!(mime, "image/gif");
    assert!(reason.starts_with("turn 1, part 1"), "{reason}");
}

#[test]
fn a_prebuilt_part_with_unsupported_media_is_refused() {
    let gif = Part::inline_base64("image/gif", "R0lGODlh");
    let err = RequestBuilder::new().part(gif).build().unwrap_err();
    assert_eq!(err.code(), "UNSUPPORTED_MIME");
}

#[test]
fn unrecognised_bytes_without_a_type_are_refused() {
    let err = RequestBuilder::new()
        .inline(b"just some bytes".to_vec())
        .build()
        .unwrap_err();
    assert!(
        matches!(err, Error::UnsupportedMime { ref mime, .. } if mime.is_empty()),
        "{err}"
    );
}

#[test]
fn a_file_reference_of_an_unsupported_type_is_refused() {
    let err = RequestBuilder::new()
        .file("https://x/files/1", "image/gif")
        .build()
        .unwrap_err();
    assert_eq!(err.code(), "UNSUPPORTED_MIME");
}

#[test]
fn more_than_3600_images_are_refused() {
    let mut builder = RequestBuilder::new();
    for i in 0..MAX_IMAGES {
        builder.file(format!("https://x/files/{i}"), "image/png");
    }
    assert!(builder.build().is_ok(), "3,600 images are allowed");
    builder.file("https://x/files/last", "image/jpeg");
    let err = builder.build().unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooManyImages {
                count: 3601,
                max: 3600
            }
        ),
        "{err}"
    );
}

#[test]
fn a_body_over_the_default_limit_is_refused_with_its_size() {
    // 15 MiB of bytes are 20 MiB of base64.
    let mut video = b"\0\0\0\x18ftypmp42".to_vec();
    video.resize(15 * 1024 * 1024 + 1, 0);
    let mut builder = RequestBuilder::new();
    builder.inline(video).text("Summarize");
    let err = builder.build().unwrap_err();
    let Error::RequestTooLarge { size, limit } = err else {
        panic!("expected RequestTooLarge, got {err}");
    };
    assert_eq!(limit, 20_971_520);
    assert!(size > limit);
}

#[test]
fn the_limit_is_inclusive_and_configurable() {
    let mut builder = RequestBuilder::new();
    builder.inline(image("socks.jpg")).text("hi");
    let len = builder.body_len().unwrap();
    builder.max_body_bytes(len);
    assert!(builder.build().is_ok());
    builder.max_body_bytes(len - 1);
    assert!(
        matches!(builder.build(), Err(Error::RequestTooLarge { size, limit }) if size == len && limit == len - 1)
    );
}

fn invalid_setting(set: fn(&mut RequestBuilder)) -> &'static str {
    let mut builder = RequestBuilder::new();
    builder.text("hi");
    set(&mut builder);
    match builder.build() {
        Err(Error::InvalidInput { what, .. }) => what,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn an_out_of_range_temperature_is_invalid_input() {
    assert_eq!(invalid_setting(|b| _ = b.temperature(2.5)), "temperature");
    assert_eq!(invalid_setting(|b| _ = b.temperature(-0.1)), "temperature");
    assert_eq!(
        invalid_setting(|b| _ = b.temperature(f64::NAN)),
        "temperature"
    );
}

#[test]
fn out_of_range_sampling_settings_are_invalid_input() {
    assert_eq!(invalid_setting(|b| _ = b.top_p(1.5)), "topP");
    assert_eq!(invalid_setting(|b| _ = b.top_k(0)), "topK");
    assert_eq!(
        invalid_setting(|b| _ = b.candidate_count(0)),
        "candidateCount"
    );
    assert_eq!(
        invalid_setting(|b| _ = b.max_output_tokens(0)),
        "maxOutputTokens"
    );
}

#[test]
fn a_thinking_budget_below_minus_one_is_invalid_input() {
    assert_eq!(
        invalid_setting(|b| _ = b.thinking_budget(-2)),
        "thinkingBudget"
    );
}

#[test]
fn a_schema_must_be_an_object_with_a_json_response_type() {
    let not_an_object = invalid_setting(|b| _ = b.response_schema(json!("OBJECT")));
    assert_eq!(not_an_object, "responseSchema");
    let plain_text = invalid_setting(|b| {
        b.response_mime_type("text/plain")
            .response_schema(json!({}));
    });
    assert_eq!(plain_text, "responseMimeType");
    let json_schema = invalid_setting(|b| _ = b.response_json_schema(json!([1])));
    assert_eq!(json_schema, "responseJsonSchema");
}

#[test]
fn dynamic_thinking_and_the_range_ends_are_valid() {
    let mut builder = RequestBuilder::new();
    builder
        .text("hi")
        .thinking_budget(-1)
        .temperature(2.0)
        .top_p(0.0);
    assert!(builder.build().is_ok());
}

#[test]
fn empty_requests_parts_and_turns_are_invalid() {
    assert_eq!(
        RequestBuilder::new().build().unwrap_err().code(),
        "INVALID_INPUT"
    );
    assert_eq!(
        RequestBuilder::new().text("").build().unwrap_err().code(),
        "INVALID_INPUT"
    );
    assert_eq!(
        RequestBuilder::new()
            .inline(Vec::new())
            .build()
            .unwrap_err()
            .code(),
        "INVALID_INPUT"
    );
    let err = RequestBuilder::new()
        .text("a")
        .model_turn()
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("turn 2 has no parts"), "{err}");
}

#[test]
fn count_tokens_needs_a_model() {
    let err = RequestBuilder::new()
        .text("hi")
        .build_count_tokens("")
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}
