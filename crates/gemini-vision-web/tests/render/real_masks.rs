//! The real 20-mask answer (Gemini 2.5 Pro, cookbook): thresholds read the PNG values.

use crate::fixture::*;
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::rasterize;
use gemini_vision_web::render::OverlayStyle;
use wasm_bindgen_test::*;

const SEGMENTATION: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/samples/responses/cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt"
));
const SIDE: u32 = 256;

#[wasm_bindgen_test]
fn every_mask_of_the_real_answer_is_composited() {
    let mut overlay = renderer();
    let report = overlay
        .draw(
            &grey_photo(SIDE, SIDE),
            &detections(SEGMENTATION),
            &OverlayStyle::default(),
        )
        .unwrap();
    assert_eq!((report.drawn, report.masks), (20, 20));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[wasm_bindgen_test]
fn raising_the_threshold_above_a_pixels_value_hides_it() {
    let size = ImageSize::new(SIDE, SIDE).unwrap();
    let all = detections(SEGMENTATION);
    // Find a mask pixel whose probability is between the default threshold and 250.
    let (detection, x, y, value) = all
        .iter()
        .find_map(|d| {
            let mask = rasterize(d, size).ok()??;
            let b = mask.bbox();
            (b.y()..b.y_end()).find_map(|y| {
                (b.x()..b.x_end())
                    .map(|x| (x, y, mask.value_at(x, y)))
                    .find(|(_, _, v)| (160..=240).contains(v))
                    .map(|(x, y, v)| (d.clone(), x, y, v))
            })
        })
        .unwrap();
    let style = OverlayStyle {
        show_boxes: false,
        show_labels: false,
        mask_outline: 0,
        mask_alpha: 1.0,
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    };
    let mut overlay = renderer();
    overlay
        .draw(
            &grey_photo(SIDE, SIDE),
            std::slice::from_ref(&detection),
            &style,
        )
        .unwrap();
    assert_eq!(rgb(pixel(&overlay, x, y)), color(&detection.label));
    overlay
        .redraw(&OverlayStyle {
            mask_threshold: value,
            ..style
        })
        .unwrap();
    assert_eq!(
        rgb(pixel(&overlay, x, y)),
        GREY,
        "value {value} at ({x}, {y})"
    );
}
