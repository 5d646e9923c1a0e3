//! Properties of what the canvas renderer asks the core: sizes always usable whatever the
//! image and the inputs, colours from CSS text never a panic.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::PolygonMask;
use gemini_vision::overlay::{CompositeStyle, MaskScene, RgbaLayer};
use gemini_vision::overlay::{
    MAX_BACKING_PIXELS, MAX_BACKING_SIDE, MAX_LABEL_CHARS, OverlayMetrics, Rgb, backing_scale,
    backing_size, css_to_image, display_label,
};
use gemini_vision::spatial::{Detection, Mask};
use proptest::prelude::*;

fn an_image() -> impl Strategy<Value = ImageSize> {
    (1u32..=16_384, 1u32..=16_384)
        .prop_filter_map("over the pixel cap", |(w, h)| ImageSize::new(w, h).ok())
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(0.0),
        -10.0f64..10.0
    ]
}

fn a_polygon_detection() -> impl Strategy<Value = Detection> {
    (
        0.0f64..900.0,
        0.0f64..900.0,
        10.0f64..500.0,
        10.0f64..500.0,
        "[a-c]",
    )
        .prop_map(|(y, x, h, w, label)| {
            let (y1, x1) = ((y + h).min(1000.0), (x + w).min(1000.0));
            let mut d = Detection::labelled(label);
            d.mask = Mask::Polygon(
                PolygonMask::new(vec![vec![[x, y], [x1, y], [(x + x1) / 2.0, y1]]]).unwrap(),
            );
            d
        })
}

fn a_composite_style() -> impl Strategy<Value = CompositeStyle> {
    (
        0.0f32..=1.0,
        0u32..4,
        any::<u8>(),
        proptest::option::of(0usize..6),
        0.0f32..=1.0,
    )
        .prop_map(
            |(fill_alpha, outline_width, threshold, highlight, highlight_alpha)| CompositeStyle {
                fill_alpha,
                outline_width,
                threshold,
                highlight,
                highlight_alpha,
                ..CompositeStyle::default()
            },
        )
}

proptest! {
    #[test]
    fn stenciled_compositing_always_equals_plain_compositing(
        detections in proptest::collection::vec(a_polygon_detection(), 0..5),
        first in a_composite_style(),
        hover in proptest::option::of(0usize..5),
    ) {
        let scene = MaskScene::prepare(&detections, ImageSize::new(40, 30).unwrap());
        let stencils = scene.stencils(&first);
        // A whole-image layer here, the scene's extent-sized one below: every pixel of
        // the image must agree.
        let mut layer = RgbaLayer::new(scene.size());
        // A first frame, then a hover frame over it, as the renderer does.
        scene.composite_stenciled(&first, &stencils, &mut layer).unwrap();
        let second = CompositeStyle { highlight: hover, ..first };
        scene.composite_stenciled(&second, &stencils, &mut layer).unwrap();
        let plain = scene.composite(&second);
        prop_assert_eq!(plain.area(), scene.extent());
        for (x, y) in (0..40).flat_map(|x| (0..30).map(move |y| (x, y))) {
            prop_assert_eq!(layer.pixel(x, y), plain.pixel(x, y), "({}, {})", x, y);
        }
    }

    #[test]
    fn metrics_are_always_positive_and_finite(
        size in an_image(), line in proptest::option::of(any_number()),
        font in proptest::option::of(any_number())
    ) {
        let m = OverlayMetrics::with_overrides(size, line, font);
        for v in [m.line_width, m.font_px, m.point_radius, m.label_padding, m.label_height()] {
            prop_assert!(v.is_finite() && v > 0.0, "{m:?}");
        }
    }

    #[test]
    fn the_backing_canvas_stays_within_the_caps(size in an_image(), ratio in any_number()) {
        let scale = backing_scale(size, ratio);
        prop_assert!(scale.is_finite() && scale > 0.0);
        let (w, h) = backing_size(size, scale);
        prop_assert!(w >= 1 && h >= 1);
        prop_assert!(f64::from(w) <= MAX_BACKING_SIDE && f64::from(h) <= MAX_BACKING_SIDE);
        // Rounding each side may add at most half a pixel per side.
        let slack = f64::from(w) + f64::from(h) + 1.0;
        prop_assert!(f64::from(w) * f64::from(h) <= MAX_BACKING_PIXELS.max(size.pixel_count() as f64) + slack);
    }

    #[test]
    fn a_sane_ratio_within_the_caps_is_used_as_is(ratio in 0.5f64..3.0) {
        let size = ImageSize::new(1024, 768).unwrap();
        prop_assert_eq!(backing_scale(size, ratio), ratio);
    }

    #[test]
    fn css_mapping_is_linear_in_the_displayed_size(
        x in 0.0f64..500.0, y in 0.0f64..500.0, zoom in 0.1f64..4.0
    ) {
        let size = ImageSize::new(1000, 500).unwrap();
        let p = css_to_image(x * zoom, y * zoom, 1000.0 * zoom, 500.0 * zoom, size);
        prop_assert!((p.x - x).abs() < 1e-6 && (p.y - y).abs() < 1e-6);
    }

    #[test]
    fn displayed_labels_are_short_and_single_line(label in "\\PC{0,200}|[\\x00-\\x1f\u{202e}a-z<>]{0,200}") {
        let shown = display_label(&label);
        prop_assert!(shown.chars().count() <= MAX_LABEL_CHARS + 1);
        prop_assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn every_colour_round_trips_through_css_hex(r: u8, g: u8, b: u8) {
        let color = Rgb { r, g, b };
        prop_assert_eq!(Rgb::from_css_hex(&color.to_css_hex()), Some(color));
    }

    #[test]
    fn any_text_parses_as_a_colour_or_not_without_panicking(text in "\\PC{0,12}|#[0-9a-fA-F]{0,8}") {
        if let Some(color) = Rgb::from_css_hex(&text) {
            let digits = text.trim().trim_start_matches('#').len();
            prop_assert!(digits == 3 || digits == 6, "{text:?}");
            let ink = color.contrasting_text();
            let (black, white) = (Rgb { r: 0, g: 0, b: 0 }, Rgb { r: 255, g: 255, b: 255 });
            prop_assert!(ink == black || ink == white, "{:?}", ink);
        }
    }
}
