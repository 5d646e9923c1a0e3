//! Model text is drawn as text: markup in a label creates no element and runs no script.

use crate::fixture::*;
use gemini_vision_web::render::OverlayStyle;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

const HOSTILE: &str = r#"[{"box_2d": [200, 100, 600, 400],
  "label": "<img src=x onerror=\"window.__pwned = 1\"><script>window.__pwned = 2</script>"}]"#;

fn img_count() -> u32 {
    document().get_elements_by_tag_name("img").length()
}

#[wasm_bindgen_test]
async fn a_label_with_markup_is_painted_as_text_and_never_parsed() {
    let before = img_count();
    let mut overlay = attached_renderer();
    let style = OverlayStyle {
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    };
    let report = overlay
        .draw(&grey_photo(WIDTH, HEIGHT), &detections(HOSTILE), &style)
        .unwrap();
    assert_eq!(report.drawn, 1);
    // Give an injected <img> a chance to fail loading and fire onerror.
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    assert_eq!(img_count(), before);
    let window: JsValue = web_sys::window().unwrap().into();
    let pwned = js_sys::Reflect::get(&window, &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
    assert_eq!(overlay.canvas().child_element_count(), 0);
    overlay.canvas().remove();
}

#[wasm_bindgen_test]
fn a_long_label_is_kept_inside_the_image() {
    let style = OverlayStyle {
        device_pixel_ratio: Some(1.0),
        ..OverlayStyle::default()
    };
    let mut overlay = renderer();
    overlay
        .draw(&grey_photo(WIDTH, HEIGHT), &detections(HOSTILE), &style)
        .unwrap();
    // The text is wider than the space right of the box, so its background runs to the
    // image's right edge and starts left of the box's corner.
    assert_ne!(rgb(pixel(&overlay, WIDTH - 1, 3)), GREY);
    assert_ne!(rgb(pixel(&overlay, 5, 3)), GREY);
}
