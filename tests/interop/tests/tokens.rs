//! The core's token rules and the emulator's `countTokens` are written apart from the
//! same contract (`docs/contract.md`); here they must agree on every case.

use gemini_vision::request::RequestBuilder;
use gemini_vision::tokens;
use gemini_vision::wire::MediaResolution;
use gemini_vision_interop::{Emulator, png_with_rect};

async fn count(emulator: &Emulator, model: &str, builder: &RequestBuilder) -> u64 {
    let body = builder
        .build_count_tokens(model)
        .expect("a countTokens body");
    let (status, answer) = emulator
        .post(&format!("models/{model}:countTokens"), body)
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    let json: serde_json::Value = serde_json::from_slice(&answer).expect("JSON");
    json["totalTokens"].as_u64().expect("totalTokens")
}

const MODELS: [&str; 4] = [
    "gemini-1.5-flash",
    "gemini-2.0-flash",
    "gemini-2.5-flash",
    "gemini-3-flash-preview",
];

const SIZES: [(u32, u32); 8] = [
    (1, 1),
    (384, 384),
    (385, 200),
    (620, 620),
    (768, 768),
    (1000, 500),
    (2643, 1982),
    (3024, 4032),
];

#[tokio::test]
async fn image_tokens_agree_for_every_family_and_size() {
    let emulator = Emulator::start().await;
    for (width, height) in SIZES {
        let png = png_with_rect(width, height, (0, 0, 1, 1), [255, 0, 0]);
        for model in MODELS {
            let mut builder = RequestBuilder::new();
            builder.inline(png.clone());
            let expected = tokens::image_tokens(model, width, height, None);
            assert_eq!(
                count(&emulator, model, &builder).await,
                expected,
                "{model} {width}x{height}"
            );
        }
    }
}

#[tokio::test]
async fn media_resolution_changes_the_count_the_same_way_on_both_sides() {
    let emulator = Emulator::start().await;
    let png = png_with_rect(1000, 800, (0, 0, 1, 1), [0, 0, 255]);
    for model in ["gemini-2.5-flash", "gemini-3-flash-preview"] {
        for resolution in [
            MediaResolution::Low,
            MediaResolution::Medium,
            MediaResolution::High,
        ] {
            let mut builder = RequestBuilder::new();
            builder
                .inline(png.clone())
                .media_resolution(resolution.clone());
            let expected = tokens::image_tokens(model, 1000, 800, Some(&resolution));
            assert_eq!(
                count(&emulator, model, &builder).await,
                expected,
                "{model} {resolution:?}"
            );
        }
    }
}

#[tokio::test]
async fn text_and_several_images_sum_the_same_way() {
    let emulator = Emulator::start().await;
    let small = png_with_rect(300, 200, (0, 0, 1, 1), [0, 255, 0]);
    let large = png_with_rect(1600, 900, (0, 0, 1, 1), [0, 255, 0]);
    let text = "Detect every cupcake and label its topping, in JSON.";
    let mut builder = RequestBuilder::new();
    builder.inline(small).inline(large).text(text);
    let model = "gemini-2.5-flash";
    let estimate = builder.estimate_tokens(model).expect("an estimate");
    let expected = tokens::image_tokens(model, 300, 200, None)
        + tokens::image_tokens(model, 1600, 900, None)
        + tokens::text_tokens(text);
    assert_eq!(estimate.total, expected);
    assert_eq!(count(&emulator, model, &builder).await, expected);
}

#[tokio::test]
async fn the_sample_photos_count_the_same_on_both_sides() {
    let emulator = Emulator::start().await;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/images"
    );
    for name in ["cupcakes.png", "socks.jpg", "spill.jpg", "cat.jpg"] {
        let bytes = std::fs::read(format!("{dir}/{name}")).expect("a sample image");
        let info = gemini_vision::media::image_info(&bytes).expect("a readable header");
        let (width, height) = info.displayed_size();
        let mut builder = RequestBuilder::new();
        builder.inline(bytes);
        let model = "gemini-2.5-flash";
        assert_eq!(
            count(&emulator, model, &builder).await,
            tokens::image_tokens(model, width, height, None),
            "{name}"
        );
    }
}
