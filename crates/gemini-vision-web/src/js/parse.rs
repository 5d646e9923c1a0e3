//! `parseDetections(text, { width, height, threshold })`: model text to plain objects.

use super::string_argument;
use crate::errors::error_to_js;
use crate::values::integer_field;
use gemini_vision::Error;
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::DEFAULT_THRESHOLD;
use gemini_vision::spatial::{JsonOptions, parse_detections};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const PARSE_TYPES: &'static str = r#"
/** A segmentation mask, in the shape the model used. `area` (pixels above the
 * threshold; 0 when the mask covers none) is there when `parseDetections` was given the
 * image size; a PNG that cannot be decoded then comes back as `unsupported`. */
export type DetectionMask =
  | { kind: "none" }
  | { kind: "png"; width: number; height: number; data: string; area?: number }
  | { kind: "polygon"; rings: [number, number][][]; area?: number }
  | { kind: "unsupported"; reason: string };

/** One thing the model found. Coordinates are the model's: 0-1000 over the image,
 * `box_2d` is `[ymin, xmin, ymax, xmax]`, `point` is `[y, x]`, `box_3d` is
 * `[x, y, z, sizeX, sizeY, sizeZ, roll, pitch, yaw]` (metres, degrees). */
export interface Detection {
  label: string;
  box_2d: [number, number, number, number] | null;
  point: [number, number] | null;
  box_3d: number[] | null;
  mask: DetectionMask;
  /** Every other key of the model's item, verbatim. */
  extra: Record<string, unknown>;
  /** The box in image pixels (end exclusive), when width and height were given. */
  pixelBox?: { x: number; y: number; width: number; height: number } | null;
  /** The point in image pixels, when width and height were given. */
  pixelPoint?: { x: number; y: number } | null;
}

export type ParseWarningKind =
  | "truncated" | "invalid_json" | "item_dropped" | "repaired" | "field_ignored"
  | "mask_unsupported" | "limit_reached" | "no_detections";

/** Something the parser repaired, dropped or could not read. `item` is the item's
 * position among all items found in the text (dropped ones included). */
export interface ParseWarning { kind: ParseWarningKind; item: number | null; message: string }

export interface ParseResult { detections: Detection[]; warnings: ParseWarning[] }

export interface ParseOptions {
  /** Image width in pixels; with `height`, adds pixel geometry and mask areas. */
  width?: number;
  /** Image height in pixels. */
  height?: number;
  /** Mask threshold for `mask.area` (default 127: drawn where value > 127). */
  threshold?: number;
}
"#;

/// Parses whatever the model answered into `{ detections, warnings }` (plain objects in
/// the one JSON shape of a detection, the shape `gemini-vision parse` prints). Reads
/// plain, fenced and `{"boxes": [...]}` answers, including those of a model constrained
/// by `detectionSchema()`. Never throws on the text; throws a `GeminiError`
/// (`INVALID_INPUT`) on bad options, or when `text` is not a string (a response object
/// instead of its `text`, say).
#[wasm_bindgen(js_name = parseDetections, unchecked_return_type = "ParseResult")]
pub fn parse_detections_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    // Taken as any value and checked here: wasm-bindgen's own conversion of a non-string
    // (a number, `{}`) into a `&str` reads out of bounds and traps the module.
    let text = string_argument(&text, "text", "the model's answer (response.text)")
        .map_err(|e| error_to_js(&e))?;
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let options = read_options(&options).map_err(|e| error_to_js(&e))?;
    // One string crossing and the engine's own JSON parser: faster than building the
    // objects field by field across the boundary, and no JSON code in wasm.
    js_sys::JSON::parse(&parse_detections(&text).to_json(&options))
}

fn read_options(options: &JsValue) -> Result<JsonOptions, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsonOptions::default());
    }
    if !options.is_object() {
        return Err(Error::invalid(
            "options",
            "expected { width, height, threshold }",
        ));
    }
    let width = integer_field(options, "width", 1.0, f64::from(u32::MAX))?;
    let height = integer_field(options, "height", 1.0, f64::from(u32::MAX))?;
    let size = match (width, height) {
        (Some(w), Some(h)) => Some(ImageSize::new(w as u32, h as u32)?),
        (None, None) => None,
        _ => {
            return Err(Error::invalid(
                "options",
                "give both width and height, or neither",
            ));
        }
    };
    let threshold =
        integer_field(options, "threshold", 0.0, 255.0)?.map_or(DEFAULT_THRESHOLD, |t| t as u8);
    Ok(JsonOptions {
        image_size: size,
        threshold,
        ..JsonOptions::default()
    })
}
