//! The path JS takes: `parseDetections` objects, hand-made objects and unreadable
//! elements drawn by `OverlayRenderer.draw`, and `detectionSchema()`.

use crate::fixture::*;
use gemini_vision_web::{JsOverlayRenderer, detection_schema_js, parse_detections_js};
use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

fn parse_json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

/// Draws `detections` over the grey photo at a device pixel ratio of 1, on a canvas
/// attached to the page (so that hit testing has a layout); the canvas is removed by
/// the caller.
fn draw(detections: &JsValue) -> (web_sys::HtmlCanvasElement, JsOverlayRenderer, JsValue) {
    let target = canvas(1, 1);
    document().body().unwrap().append_child(&target).unwrap();
    let mut overlay = JsOverlayRenderer::new(target.clone().into()).unwrap();
    let report = overlay
        .draw(
            grey_canvas(WIDTH, HEIGHT).into(),
            detections.clone(),
            Some(parse_json(r#"{"devicePixelRatio": 1}"#)),
        )
        .unwrap();
    (target, overlay, report)
}

fn count(report: &JsValue, key: &str) -> f64 {
    get(report, key).as_f64().unwrap()
}

fn warnings(report: &JsValue) -> Vec<String> {
    Array::from(&get(report, "warnings"))
        .iter()
        .map(|w| w.as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn parsed_detections_are_drawn_where_the_model_put_them() {
    let options = parse_json(&format!(r#"{{"width": {WIDTH}, "height": {HEIGHT}}}"#));
    let parsed = parse_detections_js(MODEL_TEXT.into(), Some(options)).unwrap();
    let cup = get(&get(&parsed, "detections"), "0");
    assert_eq!(
        JSON::stringify(&get(&cup, "pixelBox")).unwrap(),
        r#"{"x":20,"y":20,"width":60,"height":40}"#
    );
    assert_eq!(count(&get(&cup, "mask"), "area"), 60.0 * 40.0);
    // The whole ParseResult is accepted as well as its array.
    let (target, _, report) = draw(&parsed);
    assert_eq!(
        (count(&report, "drawn"), count(&report, "masks")),
        (2.0, 1.0)
    );
    assert!(warnings(&report).is_empty(), "{:?}", warnings(&report));
    let expected = blend(GREY, color("cup"), 115.0 / 255.0);
    let inside = rgb(canvas_pixel(&target, 50, 40));
    assert!(near(inside, expected, 3), "{inside:?} vs {expected:?}");
    assert_eq!(canvas_pixel(&target, 150, 85), [128, 128, 128, 255]);
    target.remove();
}

#[wasm_bindgen_test]
fn unreadable_elements_are_skipped_and_every_index_is_kept() {
    let list = Array::new();
    list.push(&JsValue::UNDEFINED);
    let cycle = Object::new();
    Reflect::set(&cycle, &"self".into(), &cycle).unwrap();
    Reflect::set(&cycle, &"label".into(), &"loop".into()).unwrap();
    list.push(&cycle);
    let big = Object::new();
    Reflect::set(&big, &"box_2d".into(), &js_sys::BigInt::from(5u32).into()).unwrap();
    list.push(&big);
    // Hand-made, with the one shape's object forms: x 20..80, y 20..60.
    list.push(&parse_json(
        r#"{"box2d": {"ymin": 200, "xmin": 100, "ymax": 600, "xmax": 400}, "label": "cup"}"#,
    ));
    // As the model wrote it: x 100..180, y 70..90.
    list.push(&parse_json(
        r#"{"box_2d": [700, 500, 900, 900], "label": "tray"}"#,
    ));
    let (target, overlay, report) = draw(&list.into());
    assert_eq!(count(&report, "drawn"), 2.0);
    let warned = warnings(&report);
    assert_eq!(warned.len(), 3, "{warned:?}");
    for (index, warning) in warned.iter().enumerate() {
        assert!(
            warning.starts_with(&format!("detection {index}: not drawn")),
            "{warning}"
        );
    }
    assert_eq!(overlay.hit_test(50.0, 40.0), Some(3));
    assert_eq!(overlay.hit_test(140.0, 80.0), Some(4));
    target.remove();
}

#[wasm_bindgen_test]
fn the_schema_is_a_plain_object_in_the_sdks_form() {
    let schema = detection_schema_js(None).unwrap();
    assert_eq!(get(&schema, "type"), "OBJECT");
    let item = get(&get(&get(&schema, "properties"), "boxes"), "items");
    assert_eq!(
        JSON::stringify(&get(&item, "propertyOrdering")).unwrap(),
        r#"["box_2d","label"]"#
    );
    let options = parse_json(
        r#"{"masks": "polygon", "points": true, "labels": ["cup", "tray"], "maxItems": 5}"#,
    );
    let schema = detection_schema_js(Some(options)).unwrap();
    let boxes = get(&get(&schema, "properties"), "boxes");
    assert_eq!(get(&boxes, "maxItems"), "5");
    let item = get(&boxes, "items");
    assert_eq!(
        JSON::stringify(&get(&item, "propertyOrdering")).unwrap(),
        r#"["box_2d","point","mask","label"]"#
    );
    let label = get(&get(&item, "properties"), "label");
    assert_eq!(
        JSON::stringify(&get(&label, "enum")).unwrap(),
        r#"["cup","tray"]"#
    );
}

#[wasm_bindgen_test]
fn bad_schema_options_throw_an_invalid_input_error() {
    for options in [
        r#"{"masks": "rle"}"#,
        r#"{"boxes": false}"#,
        r#"{"boxes": false, "points": true, "masks": true}"#,
        r#"{"labels": "cup"}"#,
        r#"{"labels": [1]}"#,
        r#"{"labels": []}"#,
        r#"{"maxItems": 0}"#,
        r#"{"maxItems": 1.5}"#,
        r#""boxes""#,
    ] {
        let error = detection_schema_js(Some(parse_json(options))).unwrap_err();
        assert_eq!(get(&error, "code"), "INVALID_INPUT", "{options}");
    }
}

#[wasm_bindgen_test]
fn an_answer_constrained_by_the_schema_is_parsed_and_drawn() {
    let schema = detection_schema_js(Some(parse_json(r#"{"masks": "polygon"}"#))).unwrap();
    assert_eq!(get(&schema, "type"), "OBJECT");
    let answer = r#"{"boxes": [{"box_2d": [200, 100, 600, 400],
        "mask": [[100, 200], [400, 200], [400, 600], [100, 600]], "label": "cup"}]}"#;
    let parsed = parse_detections_js(answer.into(), None).unwrap();
    assert_eq!(Array::from(&get(&parsed, "warnings")).length(), 0);
    let (target, _, report) = draw(&get(&parsed, "detections"));
    assert_eq!(
        (count(&report, "drawn"), count(&report, "masks")),
        (1.0, 1.0)
    );
    assert_ne!(rgb(canvas_pixel(&target, 50, 40)), GREY);
    target.remove();
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
// Values that pass an image kind's instanceof and that its getters refuse or lie about,
// and whether the renderer can draw them (the shadowed canvas is a canvas inside).
function oddImages() {
  const shadowed = document.createElement("canvas");
  Object.defineProperty(shadowed, "width", { get() { throw new Error("w"); } });
  return [
    ["an ImageBitmap made from its prototype", Object.create(ImageBitmap.prototype), false],
    ["an <img> made from its prototype", Object.create(HTMLImageElement.prototype), false],
    ["a canvas made from its prototype", Object.create(HTMLCanvasElement.prototype), false],
    ["a video made from its prototype", Object.create(HTMLVideoElement.prototype), false],
    ["a Proxy of a canvas", new Proxy(document.createElement("canvas"), {}), false],
    ["a canvas whose width throws", shadowed, true],
  ];
}

// Draws each odd image with `renderer` (the JS class), then a real canvas: what went
// wrong (an error not ours, or a renderer that no longer draws).
export function drawOddImages(renderer) {
  const problems = [];
  const ok = document.createElement("canvas");
  ok.width = 8;
  ok.height = 6;
  for (const [name, image, drawable] of oddImages()) {
    try {
      renderer.draw(image, []);
      if (!drawable) problems.push(`${name}: drawn`);
    } catch (e) {
      if (drawable) problems.push(`${name}: not drawn`);
      if (!(e instanceof Error && e.name === "GeminiError" && e.code === "INVALID_INPUT")) {
        problems.push(`${name}: ${e && e.name}: ${e && e.message}`);
      }
    }
    try {
      renderer.draw(ok, []);
    } catch (e) {
      problems.push(`after ${name}: ${e && e.name}: ${e && e.message}`);
    }
  }
  return problems;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = drawOddImages)]
    fn draw_odd_images(renderer: &JsValue) -> Array;
}

/// Images that pass `instanceof` but that their getters refuse (a Proxy, an object made
/// from the prototype): `draw` throws our error and the renderer draws on; a canvas with
/// an own `width` that throws is drawn at its real size. (web-sys's getters threw through the module, and the renderer
/// answered every later call with "recursive use of an object detected".)
#[wasm_bindgen_test]
fn an_image_its_getters_refuse_gives_our_error_and_the_renderer_draws_on() {
    let renderer: JsValue = JsOverlayRenderer::new(canvas(1, 1).into()).unwrap().into();
    let problems: Vec<String> = draw_odd_images(&renderer)
        .iter()
        .filter_map(|p| p.as_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}
