//! The canvas renderer in headless Chromium: pixels read back at known places of a
//! synthetic photo whose boxes, masks and points are known.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod export;
mod fixture;
mod hostile;
mod hover;
mod js_api;
mod memory;
mod real_masks;

use fixture::*;
use gemini_vision_web::render::{OverlayRenderer, OverlayStyle};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn drawn(style: &OverlayStyle) -> OverlayRenderer {
    let mut overlay = renderer();
    overlay
        .draw(&grey_photo(WIDTH, HEIGHT), &detections(MODEL_TEXT), style)
        .unwrap();
    overlay
}

fn at_one() -> OverlayStyle {
    OverlayStyle {
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    }
}

#[wasm_bindgen_test]
fn the_canvas_takes_the_image_size_at_a_ratio_of_one() {
    let overlay = drawn(&at_one());
    assert_eq!(
        (overlay.canvas().width(), overlay.canvas().height()),
        (WIDTH, HEIGHT)
    );
}

#[wasm_bindgen_test]
fn pixels_outside_every_detection_show_the_photo() {
    let overlay = drawn(&at_one());
    assert_eq!(pixel(&overlay, 150, 85), [128, 128, 128, 255]);
    assert_eq!(pixel(&overlay, 5, 95), [128, 128, 128, 255]);
}

#[wasm_bindgen_test]
fn inside_a_mask_the_label_colour_is_blended_at_the_mask_alpha() {
    let overlay = drawn(&at_one());
    let expected = blend(GREY, color("cup"), 115.0 / 255.0);
    let got = rgb(pixel(&overlay, 50, 40));
    assert!(near(got, expected, 3), "{got:?} vs {expected:?}");
}

#[wasm_bindgen_test]
fn a_box_edge_is_stroked_in_the_label_colour() {
    let overlay = drawn(&at_one());
    // Left edge at x = 20, 2 px wide (the minimum line width), centred on the edge.
    assert_eq!(rgb(pixel(&overlay, 20, 45)), color("cup"));
    assert_eq!(rgb(pixel(&overlay, 19, 45)), color("cup"));
    // Bottom edge at y = 60.
    assert_eq!(rgb(pixel(&overlay, 50, 60)), color("cup"));
}

#[wasm_bindgen_test]
fn a_label_sits_on_a_filled_background_above_its_box() {
    let overlay = drawn(&at_one());
    // Font 12 px, padding 3 px: an 18 px background from y = 2 to 20, starting at x = 20;
    // its top-left padding has no glyphs.
    assert_eq!(rgb(pixel(&overlay, 21, 3)), color("cup"));
    assert_eq!(rgb(pixel(&overlay, 21, 1)), GREY);
}

#[wasm_bindgen_test]
fn a_point_is_a_dot_in_its_colour_inside_a_white_ring() {
    let overlay = drawn(&at_one());
    assert_eq!(rgb(pixel(&overlay, 180, 50)), color("dot"));
    // Radius 4 px, ring 1.5 px: the pixel from (180, 54) to (181, 55) is on the ring.
    assert!(near(rgb(pixel(&overlay, 180, 54)), [255, 255, 255], 8));
}

#[wasm_bindgen_test]
fn the_highlighted_detection_gets_a_thicker_stroke_with_a_halo() {
    let plain = drawn(&at_one());
    let lit = drawn(&OverlayStyle {
        highlight: Some(0),
        ..at_one()
    });
    // Doubled 4 px stroke over x 18..22, with a white halo 2 px further out.
    assert_eq!(rgb(pixel(&plain, 17, 45)), GREY);
    assert_eq!(rgb(pixel(&lit, 17, 45)), [255, 255, 255]);
    assert_eq!(rgb(pixel(&lit, 18, 45)), color("cup"));
}

#[wasm_bindgen_test]
fn the_highlighted_mask_is_more_opaque() {
    let lit = drawn(&OverlayStyle {
        highlight: Some(0),
        ..at_one()
    });
    // 0.45 + 0.35 = 0.8: 204/255.
    let expected = blend(GREY, color("cup"), 204.0 / 255.0);
    let got = rgb(pixel(&lit, 50, 40));
    assert!(near(got, expected, 3), "{got:?} vs {expected:?}");
}

#[wasm_bindgen_test]
fn a_device_pixel_ratio_of_two_doubles_the_canvas_and_keeps_the_layout() {
    let overlay = drawn(&OverlayStyle {
        device_pixel_ratio: Some(2.0),
        ..OverlayStyle::default()
    });
    assert_eq!(
        (overlay.canvas().width(), overlay.canvas().height()),
        (400, 200)
    );
    assert_eq!(rgb(pixel(&overlay, 300, 170)), GREY);
    assert_eq!(rgb(pixel(&overlay, 40, 90)), color("cup"));
    let expected = blend(GREY, color("cup"), 115.0 / 255.0);
    assert!(near(rgb(pixel(&overlay, 100, 80)), expected, 3));
    assert_eq!(rgb(pixel(&overlay, 360, 100)), color("dot"));
}

#[wasm_bindgen_test]
fn the_draw_report_counts_what_was_drawn() {
    let mut overlay = renderer();
    let report = overlay
        .draw(
            &grey_photo(WIDTH, HEIGHT),
            &detections(MODEL_TEXT),
            &at_one(),
        )
        .unwrap();
    assert_eq!((report.drawn, report.masks, report.scale), (2, 1, 1.0));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[wasm_bindgen_test]
fn mask_alpha_changes_apply_on_redraw() {
    let mut overlay = drawn(&at_one());
    let opaque = OverlayStyle {
        mask_alpha: 1.0,
        ..at_one()
    };
    overlay.redraw(&opaque).unwrap();
    assert_eq!(rgb(pixel(&overlay, 50, 40)), color("cup"));
    overlay
        .redraw(&OverlayStyle {
            mask_alpha: 0.0,
            ..opaque
        })
        .unwrap();
    assert_eq!(rgb(pixel(&overlay, 50, 40)), GREY);
}

#[wasm_bindgen_test]
fn hidden_layers_are_not_drawn() {
    let overlay = drawn(&OverlayStyle {
        show_boxes: false,
        show_masks: false,
        show_labels: false,
        show_points: false,
        ..at_one()
    });
    for (x, y) in [(50, 40), (20, 45), (21, 3), (180, 50)] {
        assert_eq!(rgb(pixel(&overlay, x, y)), GREY, "({x}, {y})");
    }
}

#[wasm_bindgen_test]
fn per_label_colours_replace_the_hashed_colour() {
    let mut style = at_one();
    style.label_colors.insert(
        "cup".into(),
        gemini_vision::overlay::Rgb { r: 0, g: 0, b: 255 },
    );
    let overlay = drawn(&style);
    assert_eq!(rgb(pixel(&overlay, 20, 45)), [0, 0, 255]);
    assert_eq!(rgb(pixel(&overlay, 180, 50)), color("dot"));
}

#[wasm_bindgen_test]
fn hit_testing_maps_css_pixels_through_the_displayed_size() {
    let mut overlay = attached_renderer();
    overlay
        .canvas()
        .style()
        .set_property("width", "100px")
        .unwrap();
    overlay
        .draw(
            &grey_photo(WIDTH, HEIGHT),
            &detections(MODEL_TEXT),
            &at_one(),
        )
        .unwrap();
    // Displayed at half size: CSS (25, 20) is image (50, 40), inside "cup".
    assert_eq!(overlay.hit_test(25.0, 20.0), Some(0));
    assert_eq!(overlay.hit_test(90.0, 25.0), Some(1));
    assert_eq!(overlay.hit_test(75.0, 42.0), None);
    overlay.canvas().remove();
}

#[wasm_bindgen_test]
fn a_renderer_that_sizes_the_canvas_displays_it_at_the_image_size() {
    let mut overlay = attached_renderer();
    overlay
        .draw(
            &grey_photo(WIDTH, HEIGHT),
            &detections(MODEL_TEXT),
            &OverlayStyle {
                device_pixel_ratio: Some(2.0),
                ..OverlayStyle::default()
            },
        )
        .unwrap();
    let rect = overlay.canvas().get_bounding_client_rect();
    assert_eq!((rect.width(), rect.height()), (200.0, 100.0));
    assert_eq!(overlay.hit_test(50.0, 40.0), Some(0));
    overlay.canvas().remove();
}

#[wasm_bindgen_test]
fn redrawing_before_drawing_is_an_error_not_a_panic() {
    let mut overlay = renderer();
    let error = overlay.redraw(&OverlayStyle::default()).unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
    assert_eq!(overlay.hit_test(1.0, 1.0), None);
}

#[wasm_bindgen_test]
fn an_image_that_has_not_loaded_is_refused_with_a_reason() {
    let image = web_sys::HtmlImageElement::new().unwrap();
    image.set_src("data:image/png;base64,AAAA");
    let error = renderer()
        .draw(
            &gemini_vision_web::render::ImageSource::Image(image),
            &[],
            &OverlayStyle::default(),
        )
        .unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
}

#[wasm_bindgen_test]
fn a_3d_box_is_drawn_along_its_projected_edges() {
    let text = r#"[{"box_3d": [0, 3, 0, 1, 1, 0.5, 0, 0, 0], "label": "crate"}]"#;
    let mut overlay = renderer();
    let style = OverlayStyle {
        show_labels: false,
        ..at_one()
    };
    overlay
        .draw(&grey_photo(WIDTH, HEIGHT), &detections(text), &style)
        .unwrap();
    let size = gemini_vision::geometry::ImageSize::new(WIDTH, HEIGHT).unwrap();
    let projected = detections(text)[0]
        .box_3d
        .unwrap()
        .project(size, 60.0)
        .unwrap();
    // The middle of the near top edge (corners 0 and 3 of the top face).
    let (a, b) = (projected.corners[3], projected.corners[0]);
    let (x, y) = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    assert!((0.0..f64::from(WIDTH)).contains(&x) && (0.0..f64::from(HEIGHT)).contains(&y));
    let on_edge = rgb(pixel(&overlay, x as u32, y as u32));
    assert!(near(on_edge, color("crate"), 60), "{on_edge:?}");
    assert_eq!(rgb(pixel(&overlay, 100, 50)), GREY);
}
