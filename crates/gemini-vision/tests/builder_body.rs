//! `RequestBuilder` bodies: their shape, exact length, base64, and every limit.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gemini_vision::Error;
use gemini_vision::request::{MAX_IMAGES, RequestBuilder};
use gemini_vision::wire::{
    GenerateContentRequest, HarmBlockThreshold, HarmCategory, MediaResolution, Part,
};
use io_support::image;
use proptest::prelude::*;
use serde_json::{Value, json};

fn body_json(builder: &RequestBuilder) -> Value {
    serde_json::from_slice(&builder.build().unwrap()).unwrap()
}

/// A small but real GIF header (GIF is sniffed, then refused).
const GIF: &[u8] = b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,";

#[test]
fn a_real_png_becomes_an_inline_part_with_its_sniffed_type() {
    let png = image("cupcakes.png");
    let mut builder = RequestBuilder::new();
    builder.inline(png.clone()).text("Detect the cupcakes");
    let body = body_json(&builder);
    let parts = &body["contents"][0]["parts"];
    assert_eq!(body["contents"][0]["role"], "user");
    assert_eq!(parts[0]["inlineData"]["mimeType"], "image/png");
    let data = parts[0]["inlineData"]["data"].as_str().unwrap();
    assert_eq!(STANDARD.decode(data).unwrap(), png);
    assert_eq!(parts[1]["text"], "Detect the cupcakes");
}

#[test]
fn base64_uses_the_standard_padded_alphabet() {
    let jpeg = image("socks.jpg");
    let body = RequestBuilder::new().inline(jpeg.clone()).build().unwrap();
    let request: GenerateContentRequest = serde_json::from_slice(&body).unwrap();
    let data = &request.contents[0].parts()[0]
        .inline_data
        .as_ref()
        .unwrap()
        .data;
    assert_eq!(*data, STANDARD.encode(&jpeg));
}

#[test]
fn body_len_is_the_exact_length_and_the_body_is_allocated_once() {
    let mut builder = RequestBuilder::new();
    builder
        .inline(image("spill.jpg"))
        .inline(image("cupcakes.png"))
        .text("Compare \"these\" two\nimages ✓")
        .system_instruction("Be terse")
        .temperature(0.5)
        .response_schema(json!({"type": "ARRAY", "items": {"type": "OBJECT"}}));
    let body = builder.build().unwrap();
    assert_eq!(body.len() as u64, builder.body_len().unwrap());
    assert_eq!(body.capacity(), body.len());
}

#[test]
fn the_body_round_trips_through_the_wire_types() {
    let mut builder = RequestBuilder::new();
    builder
        .inline(image("socks.jpg"))
        .file(
            "https://generativelanguage.googleapis.com/v1beta/files/abc",
            "video/mp4",
        )
        .text("What is shown?")
        .system_instruction("Answer in JSON")
        .json_output()
        .thinking_budget(0)
        .media_resolution(MediaResolution::High)
        .safety_setting(HarmCategory::HateSpeech, HarmBlockThreshold::BlockOnlyHigh);
    let body = builder.build().unwrap();
    let original: Value = serde_json::from_slice(&body).unwrap();
    let typed: GenerateContentRequest = serde_json::from_slice(&body).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), original);
}

#[test]
fn settings_appear_under_their_documented_names() {
    let mut builder = RequestBuilder::new();
    builder
        .text("hi")
        .system_instruction("Be terse")
        .temperature(0.5)
        .top_p(0.9)
        .top_k(40)
        .max_output_tokens(200)
        .thinking_budget(0)
        .media_resolution(MediaResolution::Low)
        .response_schema(json!({"type": "OBJECT"}))
        .safety_setting(
            HarmCategory::DangerousContent,
            HarmBlockThreshold::BlockNone,
        );
    let body = body_json(&builder);
    assert_eq!(
        body["systemInstruction"],
        json!({"parts": [{"text": "Be terse"}]})
    );
    assert_eq!(
        body["generationConfig"],
        json!({
            "responseMimeType": "application/json",
            "responseSchema": {"type": "OBJECT"},
            "temperature": 0.5,
            "topP": 0.9,
            "topK": 40,
            "maxOutputTokens": 200,
            "mediaResolution": "MEDIA_RESOLUTION_LOW",
            "thinkingConfig": {"thinkingBudget": 0}
        })
    );
    assert_eq!(
        body["safetySettings"],
        json!([{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "threshold": "BLOCK_NONE"}])
    );
}

#[test]
fn a_request_without_settings_has_only_contents() {
    let body = body_json(RequestBuilder::new().text("hi"));
    assert_eq!(
        body,
        json!({"contents": [{"role": "user", "parts": [{"text": "hi"}]}]})
    );
}

#[test]
fn parts_keep_their_order_across_turns() {
    let mut builder = RequestBuilder::new();
    builder
        .text("first")
        .inline(image("cupcakes.png"))
        .model_turn()
        .text("an answer")
        .user_turn()
        .file("https://x/files/1", "image/jpeg")
        .text("second");
    let body = body_json(&builder);
    let turns = body["contents"].as_array().unwrap();
    let roles: Vec<_> = turns.iter().map(|t| t["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["user", "model", "user"]);
    assert_eq!(turns[0]["parts"][0]["text"], "first");
    assert!(turns[0]["parts"][1]["inlineData"].is_object());
    assert_eq!(
        turns[2]["parts"][0]["fileData"]["fileUri"],
        "https://x/files/1"
    );
    assert_eq!(turns[2]["parts"][1]["text"], "second");
}

#[test]
fn a_given_mime_type_is_used_instead_of_sniffing() {
    let body = body_json(
        RequestBuilder::new()
            .inline_with_mime(b"col1,col2\n1,2\n".to_vec(), "Text/CSV; charset=utf-8"),
    );
    assert_eq!(
        body["contents"][0]["parts"][0]["inlineData"]["mimeType"],
        "text/csv"
    );
}

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
fn a_prebuilt_part_is_sent_as_given() {
    let mut part = Part::text("see the clip");
    part.video_metadata = Some(json!({"startOffset": "1s"}));
    let body = body_json(RequestBuilder::new().part(part));
    assert_eq!(
        body["contents"][0]["parts"][0],
        json!({"text": "see the clip", "videoMetadata": {"startOffset": "1s"}})
    );
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
fn a_safety_setting_for_the_same_category_replaces_the_earlier_one() {
    let mut builder = RequestBuilder::new();
    builder
        .text("hi")
        .safety_setting(HarmCategory::Harassment, HarmBlockThreshold::BlockNone)
        .safety_setting(HarmCategory::Harassment, HarmBlockThreshold::BlockOnlyHigh);
    let body = body_json(&builder);
    assert_eq!(body["safetySettings"].as_array().unwrap().len(), 1);
    assert_eq!(body["safetySettings"][0]["threshold"], "BLOCK_ONLY_HIGH");
}

#[test]
fn count_tokens_sends_bare_contents_when_nothing_else_counts() {
    let body = RequestBuilder::new()
        .text("The quick brown fox")
        .build_count_tokens("gemini-2.5-flash")
        .unwrap();
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body,
        json!({"contents": [{"role": "user", "parts": [{"text": "The quick brown fox"}]}]})
    );
}

#[test]
fn count_tokens_wraps_a_full_request_when_a_system_instruction_counts() {
    let mut builder = RequestBuilder::new();
    builder
        .text("high")
        .system_instruction("I say high you say low")
        .media_resolution(MediaResolution::Low);
    let body: Value = serde_json::from_slice(
        &builder
            .build_count_tokens("models/gemini-2.5-flash")
            .unwrap(),
    )
    .unwrap();
    let inner = &body["generateContentRequest"];
    assert_eq!(inner["model"], "models/gemini-2.5-flash");
    assert_eq!(
        inner["systemInstruction"]["parts"][0]["text"],
        "I say high you say low"
    );
    assert_eq!(
        inner["generationConfig"]["mediaResolution"],
        "MEDIA_RESOLUTION_LOW"
    );
    assert_eq!(body.as_object().unwrap().len(), 1);
}

#[test]
fn count_tokens_needs_a_model() {
    let err = RequestBuilder::new()
        .text("hi")
        .build_count_tokens("")
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

#[test]
fn the_token_estimate_reads_the_real_image_size() {
    let mut builder = RequestBuilder::new();
    builder.inline(image("cupcakes.png")).text("12345678");
    let estimate = builder.estimate_tokens("gemini-2.5-flash").unwrap();
    // 620 x 620: tile side floor(620 / 1.5) = 413, so 2 x 2 tiles.
    assert_eq!(estimate.images, 4 * 258);
    assert_eq!(estimate.text, 2);
    assert_eq!(estimate.total, 4 * 258 + 2);
}

proptest! {
    #[test]
    fn any_text_and_bytes_make_valid_json_of_the_announced_length(
        texts in prop::collection::vec(".{1,60}", 1..4),
        blobs in prop::collection::vec(prop::collection::vec(any::<u8>(), 1..300), 0..4),
        system in prop::option::of("[\\x00-\\x7f]{1,40}"),
    ) {
        let mut builder = RequestBuilder::new();
        for (i, text) in texts.iter().enumerate() {
            builder.text(text.as_str());
            if let Some(bytes) = blobs.get(i) {
                builder.inline_with_mime(bytes.clone(), "application/pdf");
            }
        }
        if let Some(system) = &system {
            builder.system_instruction(system.as_str());
        }
        let body = builder.build().unwrap();
        prop_assert_eq!(body.len() as u64, builder.body_len().unwrap());
        let request: GenerateContentRequest = serde_json::from_slice(&body).unwrap();
        let parts = request.contents[0].parts();
        let got_texts: Vec<&str> = parts.iter().filter_map(|p| p.text.as_deref()).collect();
        prop_assert_eq!(got_texts, texts.iter().map(String::as_str).collect::<Vec<_>>());
        let got_blobs: Vec<Vec<u8>> = parts
            .iter()
            .filter_map(|p| p.inline_data.as_ref())
            .map(|b| STANDARD.decode(&b.data).unwrap())
            .collect();
        let expected_blobs: Vec<Vec<u8>> = blobs.iter().take(texts.len()).cloned().collect();
        prop_assert_eq!(got_blobs, expected_blobs);
        let got_system = request.system_instruction.map(|s| s.text());
        prop_assert_eq!(got_system, system);
    }
}
