//! A hover redraw repaints only where the old and the new highlighted detection are
//! drawn; the canvas must then hold exactly what a full draw with the new highlight
//! paints, on a small image and on a 4K one (whose masks are worked at half size).

use crate::fixture::*;
use gemini_vision_web::render::{OverlayRenderer, OverlayStyle};
use wasm_bindgen_test::*;

const SEGMENTATION: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/samples/responses/cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt"
));

fn all_pixels(overlay: &OverlayRenderer) -> Vec<u8> {
    let canvas = overlay.canvas();
    context(canvas)
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data()
        .0
}

fn style(highlight: Option<usize>) -> OverlayStyle {
    OverlayStyle {
        highlight,
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    }
}

/// Hovers along `path` by redraws, then compares with a fresh draw of the last highlight:
/// the pixels, and what the reports say (drawn, masks, warnings). The fresh draw's report.
fn hover_equals_full_draw(
    text: &str,
    width: u32,
    height: u32,
    path: &[Option<usize>],
) -> gemini_vision_web::render::DrawReport {
    let photo = grey_photo(width, height);
    let found = detections(text);
    let mut hovered = renderer();
    let mut report = hovered.draw(&photo, &found, &style(None)).unwrap();
    for h in path {
        report = hovered.redraw(&style(*h)).unwrap();
    }
    let last = path.last().copied().flatten();
    let mut fresh = renderer();
    let expected = fresh.draw(&photo, &found, &style(last)).unwrap();
    assert_eq!(
        (report.drawn, report.masks, &report.warnings),
        (expected.drawn, expected.masks, &expected.warnings),
        "the hover's report after {path:?}"
    );
    let (a, b) = (all_pixels(&hovered), all_pixels(&fresh));
    assert_eq!(a.len(), b.len());
    let differ = a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p != q).count();
    assert_eq!(differ, 0, "{differ} pixels differ after hovering {path:?}");
    expected
}

#[wasm_bindgen_test]
fn hovering_the_fixture_leaves_what_a_full_draw_paints() {
    let _ = hover_equals_full_draw(
        MODEL_TEXT,
        WIDTH,
        HEIGHT,
        &[Some(0), Some(1), None, Some(1)],
    );
}

#[wasm_bindgen_test]
fn hovering_the_real_masks_leaves_what_a_full_draw_paints() {
    let _ = hover_equals_full_draw(SEGMENTATION, 640, 480, &[Some(3), Some(11), Some(0), None]);
}

#[wasm_bindgen_test]
fn hovering_the_real_masks_on_a_4k_frame_leaves_what_a_full_draw_paints() {
    let _ = hover_equals_full_draw(SEGMENTATION, 3840, 2160, &[Some(5), Some(17)]);
}

/// Detections far from the hovered ones are not drawn again on a hover; what the report
/// says of them (a 3D box that cannot be drawn, a box drawn) is the last paint's.
#[wasm_bindgen_test]
fn a_hover_reports_what_a_full_draw_reports_of_detections_it_does_not_repaint() {
    let text = r#"[
        {"label": "near", "box_2d": [100, 100, 200, 200]},
        {"label": "other", "box_2d": [100, 300, 200, 400]},
        {"label": "far", "box_2d": [800, 800, 900, 900],
         "box_3d": [0, 0, -5, 1, 1, 1, 0, 0, 0]}
    ]"#;
    let report = hover_equals_full_draw(text, 800, 600, &[Some(0), Some(1), Some(0)]);
    assert_eq!(report.drawn, 3);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("3D box not drawn")),
        "{:?}",
        report.warnings
    );
}

/// The renderer keeps its mask layer's canvas from one draw to the next: a second draw
/// must paint exactly what a new renderer paints, whether the layer keeps its size (a
/// mask left out from the middle of the answer) or changes it (another answer).
#[wasm_bindgen_test]
fn a_second_draw_leaves_nothing_of_the_first() {
    let photo = grey_photo(640, 480);
    let all = detections(SEGMENTATION);
    let without_one: Vec<_> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 4)
        .map(|(_, d)| d.clone())
        .collect();
    let fixture = detections(MODEL_TEXT);
    for second in [&without_one, &fixture, &all] {
        let mut reused = renderer();
        reused.draw(&photo, &all, &style(None)).unwrap();
        reused.draw(&photo, second, &style(None)).unwrap();
        let mut fresh = renderer();
        fresh.draw(&photo, second, &style(None)).unwrap();
        let (a, b) = (all_pixels(&reused), all_pixels(&fresh));
        let differ = a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p != q).count();
        assert_eq!(differ, 0, "{differ} pixels differ on the second draw");
    }
}

/// A hover from one corner of the image to the other repaints the two detections' parts,
/// not the rectangle holding both: a pixel between them, painted by the page after the
/// last draw, stays as it is, and everything else is what a full draw paints.
#[wasm_bindgen_test]
fn a_hover_across_the_image_repaints_two_parts_not_all_between() {
    let text = r#"[
        {"label": "top left", "box_2d": [50, 50, 150, 150]},
        {"label": "bottom right", "box_2d": [850, 850, 950, 950]}
    ]"#;
    let (width, height) = (800, 600);
    let photo = grey_photo(width, height);
    let found = detections(text);
    let mut hovered = renderer();
    hovered.draw(&photo, &found, &style(Some(0))).unwrap();
    // The page marks the middle of the image, between the two detections.
    let ctx = context(hovered.canvas());
    ctx.set_fill_style_str("rgb(255, 0, 255)");
    ctx.fill_rect(400.0, 300.0, 1.0, 1.0);
    hovered.redraw(&style(Some(1))).unwrap();
    let mut fresh = renderer();
    fresh.draw(&photo, &found, &style(Some(1))).unwrap();
    let (a, b) = (all_pixels(&hovered), all_pixels(&fresh));
    let marker = (300 * width as usize + 400) * 4;
    assert_eq!(
        &a[marker..marker + 4],
        &[255, 0, 255, 255],
        "the middle was repainted"
    );
    let differ = a
        .chunks(4)
        .zip(b.chunks(4))
        .enumerate()
        .filter(|(i, (p, q))| *i != marker / 4 && p != q)
        .count();
    assert_eq!(differ, 0, "{differ} pixels differ from a full draw");
}
