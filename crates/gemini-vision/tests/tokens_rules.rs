//! The token rules of the media resolution tables (see `gemini_vision::tokens`), and
//! estimates of whole requests.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::request::RequestBuilder;
use gemini_vision::tokens::{
    ModelFamily, audio_tokens, estimate_request, image_tiles, image_tokens, pdf_tokens,
    text_tokens, video_tokens,
};
use gemini_vision::wire::{
    CountTokensRequest, GenerateContentRequest, MediaResolution, Part, PartMediaResolution,
};
use io_support::{image, recordings};
use proptest::prelude::*;

#[test]
fn model_families_follow_the_name() {
    assert_eq!(ModelFamily::of("gemini-1.5-flash"), ModelFamily::Gemini1);
    assert_eq!(
        ModelFamily::of("models/gemini-1.0-pro-vision"),
        ModelFamily::Gemini1
    );
    assert_eq!(ModelFamily::of("gemini-2.0-flash"), ModelFamily::Gemini2);
    assert_eq!(ModelFamily::of("gemini-2.5-pro"), ModelFamily::Gemini2);
    assert_eq!(
        ModelFamily::of("gemini-3-pro-preview"),
        ModelFamily::Gemini3
    );
    assert_eq!(
        ModelFamily::of("models/gemini-3.1-flash"),
        ModelFamily::Gemini3
    );
    assert_eq!(
        ModelFamily::of("learnlm-2.0-flash-experimental"),
        ModelFamily::Gemini2
    );
    assert_eq!(ModelFamily::of(""), ModelFamily::Gemini2);
    assert_eq!(ModelFamily::of("gemini-3.5-flash"), ModelFamily::Gemini3);
    assert_eq!(ModelFamily::of("gemini-4-argon"), ModelFamily::Gemini3);
    assert_eq!(ModelFamily::of("gemini-exp-1206"), ModelFamily::Gemini2);
    assert_eq!(
        ModelFamily::of("gemini-robotics-er-1.5-preview"),
        ModelFamily::Gemini2
    );
}

#[test]
fn gemini_1_images_are_258_tokens_at_any_size() {
    assert_eq!(image_tokens("gemini-1.5-pro", 3024, 4032, None), 258);
    assert_eq!(image_tokens("gemini-1.5-pro", 1, 1, None), 258);
}

#[test]
fn gemini_2_small_images_are_one_tile() {
    assert_eq!(image_tokens("gemini-2.5-flash", 384, 384, None), 258);
    assert_eq!(image_tokens("gemini-2.5-flash", 1, 384, None), 258);
}

#[test]
fn gemini_2_large_images_are_cut_into_tiles() {
    // unit = clamp(floor(min / 1.5), 256, 768)
    assert_eq!(image_tiles(385, 10), 2, "unit 256: 2 x 1");
    assert_eq!(image_tiles(1024, 1024), 4, "unit 682: 2 x 2");
    assert_eq!(image_tiles(620, 620), 4, "unit 413: 2 x 2");
    assert_eq!(image_tiles(3024, 4032), 24, "unit 768: 4 x 6");
    assert_eq!(image_tokens("gemini-2.0-flash", 3024, 4032, None), 24 * 258);
}

#[test]
fn gemini_2_images_are_64_at_low_256_at_medium_and_tiled_at_high() {
    let at = |r: MediaResolution| image_tokens("gemini-2.5-flash", 3024, 4032, Some(&r));
    assert_eq!(at(MediaResolution::Low), 64);
    assert_eq!(at(MediaResolution::Medium), 256);
    assert_eq!(
        at(MediaResolution::High),
        24 * 258,
        "pan and scan, as by default"
    );
    assert_eq!(at(MediaResolution::Unspecified), 24 * 258);
    assert_eq!(
        image_tokens("gemini-1.5-pro", 3024, 4032, Some(&MediaResolution::Low)),
        258
    );
}

#[test]
fn gemini_3_images_cost_what_their_resolution_says() {
    let model = "gemini-3-pro-preview";
    assert_eq!(
        image_tokens(model, 3024, 4032, Some(&MediaResolution::Low)),
        280
    );
    assert_eq!(
        image_tokens(model, 3024, 4032, Some(&MediaResolution::Medium)),
        560
    );
    assert_eq!(
        image_tokens(model, 3024, 4032, Some(&MediaResolution::High)),
        1120
    );
    assert_eq!(image_tokens(model, 10, 10, None), 1120);
    assert_eq!(
        image_tokens(model, 10, 10, Some(&MediaResolution::Unspecified)),
        1120
    );
    assert_eq!(
        image_tokens(model, 10, 10, Some(&MediaResolution::UltraHigh)),
        2240
    );
}

#[test]
fn gemini_3_video_frames_are_70_and_280_at_high_with_25_per_second_of_audio() {
    let gemini3 = ModelFamily::Gemini3;
    for r in [
        None,
        Some(MediaResolution::Low),
        Some(MediaResolution::Medium),
    ] {
        assert_eq!(gemini3.video_frame_tokens(r.as_ref()), 70, "{r:?}");
    }
    assert_eq!(
        gemini3.video_frame_tokens(Some(&MediaResolution::High)),
        280
    );
    assert_eq!(
        gemini3.video_tokens(10.0, None, true),
        950,
        "about 100 per second"
    );
    assert_eq!(
        gemini3.video_tokens(10.0, Some(&MediaResolution::High), false),
        2800
    );
    assert_eq!(gemini3.audio_tokens(60.0), 1500);
}

#[test]
fn pdf_pages_follow_the_family_and_resolution() {
    assert_eq!(ModelFamily::Gemini3.pdf_tokens(2, None), 2 * 560);
    assert_eq!(
        ModelFamily::Gemini3.pdf_tokens(2, Some(&MediaResolution::Low)),
        2 * 280
    );
    assert_eq!(
        ModelFamily::Gemini3.pdf_tokens(2, Some(&MediaResolution::High)),
        2 * 1120
    );
    assert_eq!(ModelFamily::Gemini2.pdf_tokens(2, None), 2 * 258);
    assert_eq!(
        ModelFamily::Gemini2.pdf_tokens(2, Some(&MediaResolution::Low)),
        2 * 64
    );
    assert_eq!(
        ModelFamily::Gemini2.pdf_tokens(2, Some(&MediaResolution::Medium)),
        2 * 256
    );
}

#[test]
fn only_gemini_3_lets_a_part_override_the_request_resolution() {
    let part = PartMediaResolution::level(MediaResolution::UltraHigh);
    let request = MediaResolution::Low;
    assert_eq!(
        ModelFamily::Gemini3.part_resolution(Some(&request), Some(&part)),
        Some(&MediaResolution::UltraHigh)
    );
    assert_eq!(
        ModelFamily::Gemini2.part_resolution(Some(&request), Some(&part)),
        Some(&MediaResolution::Low)
    );
    let unset = PartMediaResolution::level(MediaResolution::Unspecified);
    assert_eq!(
        ModelFamily::Gemini3.part_resolution(Some(&request), Some(&unset)),
        Some(&MediaResolution::Low),
        "an unspecified level falls back to the request's"
    );
    assert_eq!(
        ModelFamily::Gemini3.part_resolution(Some(&MediaResolution::Unspecified), None),
        None
    );
}

#[test]
fn gemini_2_video_is_258_per_second_plus_32_for_audio() {
    assert_eq!(video_tokens(10.0, None, false), 2580);
    assert_eq!(video_tokens(10.0, None, true), 2900);
    assert_eq!(video_tokens(10.0, Some(&MediaResolution::Low), false), 660);
    assert_eq!(
        video_tokens(10.2, None, false),
        11 * 258,
        "a started second counts"
    );
}

#[test]
fn impossible_durations_cost_nothing() {
    for seconds in [-1.0, f64::NAN, f64::NEG_INFINITY, 0.0] {
        assert_eq!(video_tokens(seconds, None, true), 0, "{seconds}");
        assert_eq!(audio_tokens(seconds), 0, "{seconds}");
    }
}

#[test]
fn audio_pdf_and_text_rules() {
    assert_eq!(audio_tokens(60.0), 1920);
    assert_eq!(pdf_tokens(3), 774);
    assert_eq!(text_tokens(""), 0);
    assert_eq!(text_tokens("abcd"), 1);
    assert_eq!(text_tokens("abcde"), 2);
    assert_eq!(text_tokens("日本語"), 1, "characters, not bytes");
}

#[test]
fn the_recorded_count_tokens_prompt_is_estimated() {
    let recording = recordings()
        .into_iter()
        .find(|r| r.url.ends_with(":countTokens"))
        .unwrap();
    let request: CountTokensRequest =
        serde_json::from_value(recording.requests[0].clone()).unwrap();
    let as_generate = GenerateContentRequest {
        contents: request.contents.unwrap(),
        ..GenerateContentRequest::default()
    };
    let estimate = estimate_request("gemini-2.5-flash", &as_generate);
    // 44 characters; the real API answered totalTokens 11 for this prompt.
    assert_eq!(estimate.total, 11);
    assert_eq!(recording.responses[0]["totalTokens"], 11);
}

#[test]
fn a_system_instruction_is_counted() {
    let recording = recordings()
        .into_iter()
        .find(|r| r.name.contains("system_instruction"))
        .unwrap();
    let request: GenerateContentRequest =
        serde_json::from_value(recording.requests[0].clone()).unwrap();
    let estimate = estimate_request("gemini-2.5-flash", &request);
    assert_eq!(
        estimate.text,
        1 + 6,
        "\"high\" and \"I say high you say low\""
    );
}

#[test]
fn an_estimate_uses_the_displayed_image_size_and_the_resolution() {
    let mut builder = RequestBuilder::new();
    builder
        .inline(image("cat.jpg"))
        .inline(image("socks.jpg"))
        .media_resolution(MediaResolution::Medium);
    let gemini2 = builder.estimate_tokens("gemini-2.5-flash").unwrap();
    assert_eq!(
        gemini2.images,
        2 * 256,
        "MEDIUM: 256 per image, whatever its size"
    );
    let gemini3 = builder.estimate_tokens("gemini-3-flash-preview").unwrap();
    assert_eq!(gemini3.images, 2 * 560);
    let mut default = RequestBuilder::new();
    default.inline(image("cat.jpg")).inline(image("socks.jpg"));
    // cat 3024 x 4032: 24 tiles; socks 640 x 482: unit 321, 2 x 2 tiles.
    let gemini2 = default.estimate_tokens("gemini-2.5-flash").unwrap();
    assert_eq!(gemini2.images, (24 + 4) * 258);
}

/// A request with the two sample photos, the second with its own `mediaResolution`.
fn request_with_part_resolution(own: PartMediaResolution) -> GenerateContentRequest {
    let mut builder = RequestBuilder::new();
    builder
        .inline(image("cat.jpg"))
        .inline(image("socks.jpg"))
        .media_resolution(MediaResolution::Low);
    let mut request = builder.to_request().unwrap();
    let parts = request.contents[0].parts.as_mut().unwrap();
    parts[1].media_resolution = Some(own);
    request
}

#[test]
fn a_parts_own_resolution_overrides_the_request_on_gemini_3() {
    let request =
        request_with_part_resolution(PartMediaResolution::level(MediaResolution::UltraHigh));
    let gemini3 = estimate_request("gemini-3-flash-preview", &request);
    assert_eq!(gemini3.images, 280 + 2240);
    let gemini2 = estimate_request("gemini-2.5-flash", &request);
    assert_eq!(
        gemini2.images,
        64 + 64,
        "Gemini 2.x takes the request's level only"
    );
}

#[test]
fn a_parts_num_tokens_is_its_images_count() {
    let own = PartMediaResolution {
        num_tokens: Some(777),
        ..PartMediaResolution::default()
    };
    let estimate = estimate_request("gemini-3-flash-preview", &request_with_part_resolution(own));
    assert_eq!(estimate.images, 280 + 777);
}

#[test]
fn part_resolution_reads_both_casings_and_writes_camel_case() {
    let part: Part = serde_json::from_value(serde_json::json!({
        "text": "x", "media_resolution": {"level": "MEDIA_RESOLUTION_ULTRA_HIGH", "num_tokens": 5}
    }))
    .unwrap();
    let own = part.media_resolution.clone().unwrap();
    assert_eq!(own.level, Some(MediaResolution::UltraHigh));
    assert_eq!(own.num_tokens, Some(5));
    assert_eq!(
        serde_json::to_value(&part).unwrap(),
        serde_json::json!({"text": "x", "mediaResolution": {"level": "MEDIA_RESOLUTION_ULTRA_HIGH", "numTokens": 5}})
    );
}

#[test]
fn references_and_unknown_durations_are_listed_not_guessed() {
    let mut builder = RequestBuilder::new();
    builder
        .file("https://x/files/a", "image/png")
        .inline_with_mime(b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec(), "video/mp4")
        .text("abcd");
    let estimate = builder.estimate_tokens("gemini-2.5-flash").unwrap();
    assert_eq!(estimate.total, 1);
    let listed: Vec<_> = estimate
        .unestimated
        .iter()
        .map(|p| (p.index, p.mime.clone().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [(0, "image/png".to_owned()), (1, "video/mp4".to_owned())]
    );
}

#[test]
fn inline_pdf_pages_and_text_files_are_estimated() {
    let pdf = b"%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>> endobj\n2 0 obj <</Type /Page>> endobj\n3 0 obj <</Type /Page>> endobj\n";
    let mut builder = RequestBuilder::new();
    builder
        .inline_with_mime(pdf.to_vec(), "application/pdf")
        .inline_with_mime(b"12345678".to_vec(), "text/plain");
    let estimate = builder.estimate_tokens("gemini-2.5-flash").unwrap();
    assert_eq!(estimate.documents, 2 * 258);
    assert_eq!(estimate.text, 2);
}

proptest! {
    #[test]
    fn image_tokens_do_not_depend_on_orientation(w in 1u32..20_000, h in 1u32..20_000) {
        for model in ["gemini-1.5-flash", "gemini-2.5-flash", "gemini-3-pro"] {
            for r in [None, Some(MediaResolution::Low), Some(MediaResolution::Medium), Some(MediaResolution::High)] {
                prop_assert_eq!(image_tokens(model, w, h, r.as_ref()), image_tokens(model, h, w, r.as_ref()));
            }
        }
    }

    #[test]
    fn tiles_cover_the_image_and_no_tile_is_wasted(w in 385u32..50_000, h in 1u32..50_000) {
        let unit = (u64::from(w.min(h)) * 2 / 3).clamp(256, 768);
        let tiles = image_tiles(w, h);
        let (across, down) = (u64::from(w).div_ceil(unit), u64::from(h).div_ceil(unit));
        prop_assert_eq!(tiles, across * down);
        prop_assert!(across * unit >= u64::from(w) && (across - 1) * unit < u64::from(w));
        prop_assert_eq!(image_tokens("gemini-2.5-flash", w, h, None), 258 * tiles);
    }

    #[test]
    fn text_estimates_grow_with_the_text(a in ".{0,200}", b in ".{0,200}") {
        let joined = format!("{a}{b}");
        prop_assert!(text_tokens(&joined) >= text_tokens(&a).max(text_tokens(&b)));
        prop_assert!(text_tokens(&joined) <= text_tokens(&a) + text_tokens(&b));
    }
}
