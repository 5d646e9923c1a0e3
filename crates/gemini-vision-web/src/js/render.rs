//! `OverlayRenderer` for JS: `new OverlayRenderer(canvas)`, `draw(image, detections,
//! style)`, `redraw(style)`, `hitTest(x, y)`, `toBlob()`.

use super::detection::detections_from_js;
use crate::errors::error_to_js;
use crate::render::{DrawReport, ImageSource, OverlayRenderer, OverlayStyle};
use crate::values::{bool_field, field, integer_field, number_field, string_field};
use gemini_vision::overlay::Rgb;
use gemini_vision::{Error, Result};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen(typescript_custom_section)]
const RENDER_TYPES: &'static str = r##"
/** What `OverlayRenderer.draw` draws the detections over. */
export type OverlayImage = HTMLImageElement | ImageBitmap | HTMLCanvasElement | HTMLVideoElement;

/** A detection as `parseDetections` returns it, or an item as the model wrote it
 * (`{ box_2d, point, box_3d, label, mask: "data:image/png;base64,..." | [[x, y], ...] }`). */
export type DetectionInput = Detection | Record<string, unknown> | number[];

/** How the overlay looks. Every key is optional; `draw` starts from the defaults,
 * `redraw` from the last style used. */
export interface OverlayStyle {
  showBoxes?: boolean;        // default true (3D boxes too)
  showLabels?: boolean;       // default true
  showMasks?: boolean;        // default true
  showPoints?: boolean;       // default true
  maskAlpha?: number;         // 0..1, default 0.45
  maskThreshold?: number;     // 0..255, default 127 (drawn where value > threshold)
  maskOutline?: number;       // outline width in image pixels, default 2
  lineWidth?: number | null;  // image pixels; default scaled to the image
  fontPx?: number | null;     // image pixels; default scaled to the image
  fontFamily?: string;        // default "sans-serif"
  fovDegrees?: number;        // 3D boxes' horizontal field of view, default 60
  highlight?: number | null;  // index of the detection to emphasise (hover)
  colors?: Record<string, string>; // label -> "#rrggbb"; others get a stable colour
  devicePixelRatio?: number | null; // default window.devicePixelRatio
}

/** What one draw did. */
export interface DrawReport {
  drawn: number;
  masks: number;
  warnings: string[];
  millis: number;
  /** Canvas pixels per image pixel (the device pixel ratio, unless capped). */
  scale: number;
}
"##;

/// Draws detections over an image on a canvas.
#[wasm_bindgen(js_name = OverlayRenderer)]
#[derive(Debug)]
pub struct JsOverlayRenderer {
    inner: OverlayRenderer,
}

#[wasm_bindgen(js_class = OverlayRenderer)]
impl JsOverlayRenderer {
    /// A renderer drawing on `canvas` (a 2D context is taken from it).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    ) -> Result<JsOverlayRenderer, JsValue> {
        let canvas: HtmlCanvasElement = canvas
            .dyn_into()
            .map_err(|_| error_to_js(&Error::invalid("canvas", "expected an HTMLCanvasElement")))?;
        let inner = OverlayRenderer::new(canvas).map_err(|e| error_to_js(&e))?;
        Ok(JsOverlayRenderer { inner })
    }

    /// Sizes the canvas to the image (times the device pixel ratio) and draws the image
    /// and the detections. Returns a `DrawReport`.
    #[wasm_bindgen(unchecked_return_type = "DrawReport")]
    pub fn draw(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "OverlayImage")] image: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ReadonlyArray<DetectionInput> | ParseResult")]
        detections: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "OverlayStyle")] style: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let style = style.unwrap_or(JsValue::UNDEFINED);
        let mut run = || -> Result<DrawReport> {
            let image = ImageSource::from_js(&image)?;
            let (detections, mut warnings) = detections_from_js(&detections)?;
            let style = read_style(&style, OverlayStyle::default())?;
            let mut report = self.inner.draw(&image, &detections, &style)?;
            warnings.append(&mut report.warnings);
            report.warnings = warnings;
            Ok(report)
        };
        run().map(report_to_js).map_err(|e| error_to_js(&e))
    }

    /// Draws the last image and detections again; the keys of `style` replace those of
    /// the last style (e.g. `redraw({ highlight: i })` on hover). Masks are not decoded again.
    #[wasm_bindgen(unchecked_return_type = "DrawReport")]
    pub fn redraw(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "OverlayStyle")] style: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let style = style.unwrap_or(JsValue::UNDEFINED);
        let last = self.inner.style().cloned().unwrap_or_default();
        read_style(&style, last)
            .and_then(|style| self.inner.redraw(&style))
            .map(report_to_js)
            .map_err(|e| error_to_js(&e))
    }

    /// The index of the detection under `(x, y)` in CSS pixels of the canvas as laid
    /// out (`event.offsetX`, `event.offsetY`), or `undefined`.
    #[wasm_bindgen(js_name = hitTest)]
    pub fn hit_test(&self, x: f64, y: f64) -> Option<u32> {
        self.inner
            .hit_test(x, y)
            .and_then(|i| u32::try_from(i).ok())
    }

    /// The annotated image as an `image/png` Blob at the image's own size.
    #[wasm_bindgen(js_name = toBlob)]
    pub async fn to_blob(&self) -> Result<web_sys::Blob, JsValue> {
        self.inner.to_blob().await.map_err(|e| error_to_js(&e))
    }

    /// The size of the image last drawn, `[width, height]`, or `undefined`.
    #[wasm_bindgen(getter, js_name = imageSize, unchecked_return_type = "[number, number] | undefined")]
    pub fn image_size(&self) -> JsValue {
        self.inner.image_size().map_or(JsValue::UNDEFINED, |s| {
            js_sys::Array::of2(&s.width().into(), &s.height().into()).into()
        })
    }
}

/// The colour the renderer gives `label` when `colors` does not say otherwise, as
/// `"#rrggbb"` (stable across runs, platforms and versions; for legends and lists).
/// Throws a `GeminiError` (`INVALID_INPUT`) when `label` is not a string.
#[wasm_bindgen(js_name = labelColor)]
pub fn label_color_js(
    #[wasm_bindgen(unchecked_param_type = "string")] label: JsValue,
) -> Result<String, JsValue> {
    let label = super::string_argument(&label, "label", "a detection's label")
        .map_err(|e| error_to_js(&e))?;
    Ok(gemini_vision::overlay::label_color(&label).to_css_hex())
}

fn report_to_js(report: DrawReport) -> JsValue {
    let object = js_sys::Object::new();
    let warnings: js_sys::Array = report
        .warnings
        .iter()
        .map(|w| JsValue::from_str(w))
        .collect();
    let fields: [(&str, JsValue); 5] = [
        ("drawn", JsValue::from(report.drawn as f64)),
        ("masks", JsValue::from(report.masks as f64)),
        ("warnings", warnings.into()),
        ("millis", JsValue::from(report.millis)),
        ("scale", JsValue::from(report.scale)),
    ];
    for (key, value) in fields {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    object.into()
}

/// `base` with the keys present in `style` replaced.
fn read_style(style: &JsValue, base: OverlayStyle) -> Result<OverlayStyle> {
    if style.is_undefined() || style.is_null() {
        return Ok(base);
    }
    if !style.is_object() {
        return Err(Error::invalid("style", "expected an object"));
    }
    let mut out = base;
    let flags: [(&'static str, &mut bool); 4] = [
        ("showBoxes", &mut out.show_boxes),
        ("showLabels", &mut out.show_labels),
        ("showMasks", &mut out.show_masks),
        ("showPoints", &mut out.show_points),
    ];
    for (name, slot) in flags {
        if let Some(v) = bool_field(style, name)? {
            *slot = v;
        }
    }
    if let Some(alpha) = number_field(style, "maskAlpha")? {
        out.mask_alpha = alpha.clamp(0.0, 1.0);
    }
    if let Some(t) = integer_field(style, "maskThreshold", 0.0, 255.0)? {
        out.mask_threshold = t as u8;
    }
    if let Some(w) = integer_field(style, "maskOutline", 0.0, 64.0)? {
        out.mask_outline = w as u32;
    }
    if let Some(fov) = number_field(style, "fovDegrees")? {
        out.fov_degrees = fov;
    }
    if let Some(family) = string_field(style, "fontFamily")? {
        out.font_family = family;
    }
    // `null` resets these to their defaults; a missing key keeps the base's value.
    if let Some(v) = field(style, "lineWidth") {
        out.line_width = nullable_number("lineWidth", &v)?;
    }
    if let Some(v) = field(style, "fontPx") {
        out.font_px = nullable_number("fontPx", &v)?;
    }
    if let Some(v) = field(style, "devicePixelRatio") {
        out.device_pixel_ratio = nullable_number("devicePixelRatio", &v)?;
    }
    if let Some(v) = field(style, "highlight") {
        out.highlight = match nullable_number("highlight", &v)? {
            Some(i) if i >= 0.0 && i.fract() == 0.0 => Some(i as usize),
            // -1, like findIndex's "none".
            Some(i) if i < 0.0 => None,
            Some(_) => return Err(Error::invalid("highlight", "expected an index")),
            None => None,
        };
    }
    if let Some(colors) = field(style, "colors") {
        out.label_colors = read_colors(&colors)?;
    }
    Ok(out)
}

fn nullable_number(name: &'static str, value: &JsValue) -> Result<Option<f64>> {
    if value.is_null() {
        return Ok(None);
    }
    match value.as_f64() {
        Some(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(Error::invalid(name, "expected a finite number or null")),
    }
}

fn read_colors(value: &JsValue) -> Result<std::collections::HashMap<String, Rgb>> {
    if value.is_null() {
        return Ok(Default::default());
    }
    let object = value
        .dyn_ref::<js_sys::Object>()
        .ok_or_else(|| Error::invalid("colors", "expected { label: \"#rrggbb\" }"))?;
    let entries = js_sys::Object::entries(object);
    let mut colors = std::collections::HashMap::new();
    for entry in entries.iter().take(10_000) {
        let pair = js_sys::Array::from(&entry);
        let (label, css) = (pair.get(0).as_string(), pair.get(1).as_string());
        let (Some(label), Some(css)) = (label, css) else {
            continue;
        };
        let color = Rgb::from_css_hex(&css).ok_or_else(|| {
            Error::invalid("colors", format!("{css:?} is not a #rgb or #rrggbb colour"))
        })?;
        colors.insert(label, color);
    }
    Ok(colors)
}
