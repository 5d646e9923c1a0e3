//! `RequestBuilder` bodies: their shape, order, exact length and base64, countTokens
//! bodies, and the token estimate of a built request.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gemini_vision::request::RequestBuilder;
use gemini_vision::wire::{
    GenerateContentRequest, HarmBlockThreshold, HarmCategory, MediaResolution, Part,
};
use io_support::image;
use proptest::prelude::*;
use serde_json::{Value, json};

fn body_json(builder: &RequestBuilder) -> Value {
    serde_json::from_slice(&builder.build().unwrap()).unwrap()
}

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
