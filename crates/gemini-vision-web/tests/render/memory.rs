//! Issue 12, item 2, in the browser: what a hostile server or model sends cannot make the
//! module allocate without bound (in wasm a failed allocation traps the module). Each test
//! feeds one of the review's inputs and then checks that wasm memory, which never
//! shrinks and so holds its high-water mark, stayed far below what the input would have
//! cost unbounded, and that the module still works.

use crate::fixture::*;
use gemini_vision::wire::{GenerateContentResponse, JsonLimits, read_json};
use gemini_vision_web::render::OverlayStyle;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

const MIB: f64 = 1024.0 * 1024.0;

/// Every test of this binary together stays under this (a 4K render keeps a few tens of
/// MiB); each unbounded input below would need gigabytes.
const CEILING: f64 = 512.0 * MIB;

/// The module's linear memory, in bytes: its high-water mark.
fn wasm_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// The module still parses and draws after the hostile input.
fn still_works() {
    let mut overlay = renderer();
    let report = overlay
        .draw(
            &grey_photo(64, 48),
            &detections(r#"[{"box_2d": [100, 100, 900, 900], "label": "ok"}]"#),
            &OverlayStyle::default(),
        )
        .unwrap();
    assert_eq!(report.drawn, 1);
}

#[wasm_bindgen_test]
fn a_flood_of_empty_candidates_is_refused_before_it_is_modelled() {
    // 25 MiB of `{}` candidates: about 3.4 GB of Candidate values if deserialized.
    let mut text = String::from(r#"{"candidates":["#);
    while text.len() < 25 << 20 {
        text.push_str("{},");
    }
    text.pop();
    text.push_str("]}");
    let answer: gemini_vision::Result<GenerateContentResponse> =
        read_json(text.as_bytes(), "answer", &JsonLimits::ANSWER, None);
    let error = answer.unwrap_err();
    assert_eq!(error.code(), "LIMIT_EXCEEDED", "{error}");
    drop(text);
    assert!(wasm_bytes() < CEILING, "{} MiB", wasm_bytes() / MIB);
    still_works();
}

#[wasm_bindgen_test]
fn many_whole_image_polygons_on_a_12_mp_photo_stay_within_the_mask_budget() {
    // 165 polygons covering the whole image: ~24 MB each at 4000x3000 without a budget.
    let square = r#"{"label": "all", "mask": [[0, 0], [1000, 0], [1000, 1000], [0, 1000]]}"#;
    let text = format!("[{}]", vec![square; 165].join(","));
    let found = detections(&text);
    assert_eq!(found.len(), 165);
    let mut overlay = renderer();
    let style = OverlayStyle {
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    };
    match overlay.draw(&grey_photo(4000, 3000), &found, &style) {
        Ok(report) => assert!(
            report.masks < 165 && !report.warnings.is_empty(),
            "every mask drawn: {} masks, warnings {:?}",
            report.masks,
            report.warnings
        ),
        Err(error) => assert_eq!(error.code(), "LIMIT_EXCEEDED", "{error}"),
    }
    assert!(wasm_bytes() < CEILING, "{} MiB", wasm_bytes() / MIB);
    still_works();
}

#[wasm_bindgen_test]
fn boxes_without_masks_on_a_12_mp_photo_need_no_image_sized_layer() {
    let boxes = r#"{"box_2d": [100, 100, 500, 500], "label": "box"}"#;
    let found = detections(&format!("[{}]", vec![boxes; 64].join(",")));
    let style = OverlayStyle {
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    };
    // Sixty-four renderers, as the demo keeps one per image: 64 image-sized layers would
    // be about 3 GB.
    let mut overlays: Vec<_> = (0..64).map(|_| renderer()).collect();
    let photo = grey_photo(4000, 3000);
    for overlay in &mut overlays {
        let report = overlay.draw(&photo, &found, &style).unwrap();
        assert_eq!((report.drawn, report.masks), (64, 0));
    }
    assert!(wasm_bytes() < CEILING, "{} MiB", wasm_bytes() / MIB);
    still_works();
}
