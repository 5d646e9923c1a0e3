#![no_main]
//! Any bytes as a model answer: the parser, the pixel geometry, mask preparation and
//! compositing must never panic, and what they return must hold their promises.
//!
//! `cargo +nightly fuzz run spatial -- -max_total_time=60` (from `crates/gemini-vision`).

use gemini_vision::geometry::{ImageSize, PixelPoint};
use gemini_vision::overlay::{CompositeStyle, MaskScene, draw_order, hit_test};
use gemini_vision::spatial::{Mask, parse_detections};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outcome = parse_detections(&text);
    let Ok(size) = ImageSize::new(97, 61) else {
        return;
    };
    for detection in &outcome.detections {
        if let Some(b) = detection.box_2d {
            let [y0, x0, y1, x1] = b.to_array();
            assert!(0.0 <= y0 && y0 < y1 && y1 <= 1000.0, "{b:?}");
            assert!(0.0 <= x0 && x0 < x1 && x1 <= 1000.0, "{b:?}");
            if let Some(p) = b.to_pixels(size) {
                assert!(p.x_end() <= size.width() && p.y_end() <= size.height());
            }
        }
        if let Some(p) = detection.point {
            assert!((0.0..=1000.0).contains(&p.y()) && (0.0..=1000.0).contains(&p.x()));
        }
        if let Some(b) = detection.box_3d {
            let _ = b.project(size, 60.0);
        }
        if let Mask::Png(png) = &detection.mask {
            assert!(png.width() <= 2048 && png.height() <= 2048);
        }
    }
    assert_eq!(
        draw_order(&outcome.detections, size).len(),
        outcome.detections.len()
    );
    let _ = hit_test(
        &outcome.detections,
        size,
        PixelPoint { x: 48.5, y: 30.5 },
        6.0,
    );
    let scene = MaskScene::prepare(&outcome.detections, size);
    let layer = scene.composite(&CompositeStyle {
        highlight: Some(0),
        ..CompositeStyle::default()
    });
    assert_eq!(layer.pixels().len(), size.pixel_count() * 4);
});
