//! A synthetic photo with known boxes, masks and points, and pixel reading.

use gemini_vision::spatial::{Detection, parse_detections};
use gemini_vision_web::render::{ImageSource, OverlayRenderer};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The photo's one colour.
pub const GREY: [u8; 3] = [128, 128, 128];
pub const WIDTH: u32 = 200;
pub const HEIGHT: u32 = 100;

/// "cup": `box_2d` [200, 100, 600, 400] on 200x100 is x 20..80, y 20..60, with a polygon
/// mask filling that box. "dot": a point at [500, 900], pixel (180, 50).
pub const MODEL_TEXT: &str = r#"```json
[
  {"box_2d": [200, 100, 600, 400], "label": "cup",
   "mask": [[100, 200], [400, 200], [400, 600], [100, 600]]},
  {"point": [500, 900], "label": "dot"}
]
```"#;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

pub fn context(canvas: &HtmlCanvasElement) -> CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// A solid grey "photo" of `width` x `height`.
pub fn grey_photo(width: u32, height: u32) -> ImageSource {
    ImageSource::Canvas(grey_canvas(width, height))
}

/// The grey photo as the canvas a page would pass to `draw`.
pub fn grey_canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let photo = canvas(width, height);
    let ctx = context(&photo);
    ctx.set_fill_style_str("#808080");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    photo
}

/// The RGBA of one pixel of a canvas.
pub fn canvas_pixel(canvas: &HtmlCanvasElement, x: u32, y: u32) -> [u8; 4] {
    let data = context(canvas)
        .get_image_data(f64::from(x), f64::from(y), 1.0, 1.0)
        .unwrap()
        .data();
    [data[0], data[1], data[2], data[3]]
}

pub fn detections(text: &str) -> Vec<Detection> {
    parse_detections(text).detections
}

/// A renderer on a canvas attached to the page (so that CSS layout applies).
pub fn attached_renderer() -> OverlayRenderer {
    let target = canvas(1, 1);
    document().body().unwrap().append_child(&target).unwrap();
    OverlayRenderer::new(target).unwrap()
}

/// A renderer on a detached canvas.
pub fn renderer() -> OverlayRenderer {
    OverlayRenderer::new(canvas(1, 1)).unwrap()
}

/// The RGBA of one canvas pixel, in canvas (device) pixels.
pub fn pixel(renderer: &OverlayRenderer, x: u32, y: u32) -> [u8; 4] {
    canvas_pixel(renderer.canvas(), x, y)
}

pub fn rgb(p: [u8; 4]) -> [u8; 3] {
    [p[0], p[1], p[2]]
}

/// Whether two colours differ by at most `tolerance` in every channel.
pub fn near(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

/// `over` at `alpha` (0..1) composited over `under`.
pub fn blend(under: [u8; 3], over: [u8; 3], alpha: f64) -> [u8; 3] {
    let mix = |u: u8, o: u8| (f64::from(u) * (1.0 - alpha) + f64::from(o) * alpha).round() as u8;
    [
        mix(under[0], over[0]),
        mix(under[1], over[1]),
        mix(under[2], over[2]),
    ]
}

pub fn color(label: &str) -> [u8; 3] {
    let c = gemini_vision::overlay::label_color(label);
    [c.r, c.g, c.b]
}
