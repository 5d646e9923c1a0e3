//! `to_blob`: the annotated PNG at the image's own size.

use crate::fixture::*;
use gemini_vision_web::render::OverlayStyle;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

async fn decoded(blob: &web_sys::Blob) -> web_sys::ImageBitmap {
    let window = web_sys::window().unwrap();
    let promise = window.create_image_bitmap_with_blob(blob).unwrap();
    JsFuture::from(promise).await.unwrap().dyn_into().unwrap()
}

#[wasm_bindgen_test]
async fn the_export_is_a_png_at_the_image_size_whatever_the_pixel_ratio() {
    let mut overlay = renderer();
    let style = OverlayStyle {
        device_pixel_ratio: Some(2.0),
        ..OverlayStyle::default()
    };
    overlay
        .draw(&grey_photo(WIDTH, HEIGHT), &detections(MODEL_TEXT), &style)
        .unwrap();
    let blob = overlay.to_blob().await.unwrap();
    assert_eq!(blob.type_(), "image/png");
    let bitmap = decoded(&blob).await;
    assert_eq!((bitmap.width(), bitmap.height()), (WIDTH, HEIGHT));
}

#[wasm_bindgen_test]
async fn the_export_holds_the_overlay_pixels() {
    let mut overlay = renderer();
    overlay
        .draw(
            &grey_photo(WIDTH, HEIGHT),
            &detections(MODEL_TEXT),
            &OverlayStyle::default(),
        )
        .unwrap();
    let bitmap = decoded(&overlay.to_blob().await.unwrap()).await;
    let check = canvas(WIDTH, HEIGHT);
    let ctx = context(&check);
    ctx.draw_image_with_image_bitmap(&bitmap, 0.0, 0.0).unwrap();
    let at = |x: f64, y: f64| {
        let d = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data();
        [d[0], d[1], d[2]]
    };
    assert_eq!(at(20.0, 45.0), color("cup"));
    assert_eq!(at(150.0, 85.0), GREY);
    assert_eq!(at(180.0, 50.0), color("dot"));
}

#[wasm_bindgen_test]
async fn exporting_before_drawing_is_an_error() {
    let error = renderer().to_blob().await.unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
}
