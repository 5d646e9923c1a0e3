//! Detections between JS and the core, and `detectionSchema()`.
//!
//! Out (`parseDetections`): the core writes the one JSON shape of a detection as text
//! (`gemini_vision::spatial::JsonOptions` documents it), and the engine's own
//! `JSON.parse` makes the objects. In (`OverlayRenderer.draw`): each element of the
//! caller's array goes through the engine's `JSON.stringify` and the core's
//! `detection_from_json`, which reads the one shape and items as the model wrote them
//! with every cap and repair of model text. No JSON is modelled in wasm on either path.
//!
//! Nothing here trusts the objects: an element that cannot be read (a cycle, a BigInt,
//! `undefined`, nothing to place) leaves its detection with nothing to draw and a
//! warning, keeping every other detection's index.

use crate::errors::error_to_js;
use crate::values::{bool_field, field, integer_field};
use gemini_vision::spatial::{
    Detection, DetectionSchema, MaskForm, ParseOptions, detection_from_json,
};
use gemini_vision::{Error, Result};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SCHEMA_TYPES: &'static str = r#"
/** What each item of a structured detection answer carries (`detectionSchema`). */
export interface DetectionSchemaOptions {
  /** `box_2d`: `[ymin, xmin, ymax, xmax]`, each 0-1000 (default true). */
  boxes?: boolean;
  /** `point`: `[y, x]`, each 0-1000 (default false). */
  points?: boolean;
  /** `mask`: `"png"` (or `true`) for a PNG probability map of the box as a data URI
   * (Gemini 2.5 with thinking off), `"polygon"` for `[[x, y], ...]` over the whole image
   * (Robotics-ER 1.6, Gemini 3.5 Flash). Default: no mask. */
  masks?: boolean | "png" | "polygon";
  /** The only labels the model may use (an enum); default: any text. */
  labels?: readonly string[];
  /** At most this many items, 1 to 1000 (the cookbook asks for 25). */
  maxItems?: number;
}

/** A node of a response schema in the API's `Schema` form (upper-case types; int64
 * counts as strings), usable as `config.responseSchema`. */
export interface DetectionSchemaNode {
  type: "OBJECT" | "ARRAY" | "STRING" | "INTEGER";
  description?: string;
  properties?: Record<string, DetectionSchemaNode>;
  items?: DetectionSchemaNode;
  required?: string[];
  propertyOrdering?: string[];
  format?: "enum";
  enum?: string[];
  minItems?: string;
  maxItems?: string;
}
"#;

/// The response schema for a list of boxes, masks and points, in the `{"boxes": [...]}`
/// form `parseDetections` reads: pass it as `config.responseSchema` with
/// `responseMimeType: "application/json"`. Throws a `GeminiError` (`INVALID_INPUT`) on
/// options that give items nothing to place them by.
#[wasm_bindgen(js_name = detectionSchema, unchecked_return_type = "DetectionSchemaNode")]
pub fn detection_schema_js(
    #[wasm_bindgen(unchecked_optional_param_type = "DetectionSchemaOptions")] options: Option<
        JsValue,
    >,
) -> std::result::Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let text = schema_options(&options)
        .and_then(|schema| schema.to_json())
        .map_err(|e| error_to_js(&e))?;
    js_sys::JSON::parse(&text)
}

fn schema_options(options: &JsValue) -> Result<DetectionSchema> {
    let mut schema = DetectionSchema::default();
    if options.is_undefined() || options.is_null() {
        return Ok(schema);
    }
    if !options.is_object() {
        return Err(Error::invalid(
            "options",
            "expected { boxes, points, masks, labels, maxItems }",
        ));
    }
    if let Some(boxes) = bool_field(options, "boxes")? {
        schema.boxes = boxes;
    }
    if let Some(points) = bool_field(options, "points")? {
        schema.points = points;
    }
    if let Some(masks) = field(options, "masks") {
        schema.masks = match (masks.as_bool(), masks.as_string().as_deref()) {
            (Some(false), _) => None,
            (Some(true), _) | (_, Some("png")) => Some(MaskForm::Png),
            (_, Some("polygon")) => Some(MaskForm::Polygon),
            _ => {
                return Err(Error::invalid(
                    "masks",
                    "expected true, false, \"png\" or \"polygon\"",
                ));
            }
        };
    }
    if let Some(labels) = field(options, "labels") {
        schema.labels = Some(string_list("labels", &labels)?);
    }
    if let Some(max) = integer_field(options, "maxItems", 1.0, f64::from(u32::MAX))? {
        // Whole and within u32 (checked above); the core checks the real bound.
        schema.max_items = Some(max as u32);
    }
    Ok(schema)
}

/// An array of strings, read no further than the core's cap allows.
fn string_list(name: &'static str, value: &JsValue) -> Result<Vec<String>> {
    let array = value
        .dyn_ref::<js_sys::Array>()
        .ok_or_else(|| Error::invalid(name, "expected an array of strings"))?;
    let cap = gemini_vision::spatial::MAX_SCHEMA_LABELS;
    if array.length() as usize > cap {
        return Err(Error::LimitExceeded {
            what: name,
            actual: u64::from(array.length()),
            max: cap as u64,
        });
    }
    array
        .iter()
        .map(|item| {
            item.as_string()
                .ok_or_else(|| Error::invalid(name, "expected an array of strings"))
        })
        .collect()
}

/// Detections from an array, or from the `{ detections }` that `parseDetections`
/// returns, one per element in order, with a warning for each element not drawn.
pub(crate) fn detections_from_js(value: &JsValue) -> Result<(Vec<Detection>, Vec<String>)> {
    let list = if js_sys::Array::is_array(value) {
        value.clone()
    } else {
        field(value, "detections")
            .filter(js_sys::Array::is_array)
            .ok_or_else(|| {
                Error::invalid("detections", "expected an array or { detections: [...] }")
            })?
    };
    let list = js_sys::Array::from(&list);
    let options = ParseOptions::default();
    let count = list.length() as usize;
    if count > options.max_detections {
        return Err(Error::LimitExceeded {
            what: "detections",
            actual: count as u64,
            max: options.max_detections as u64,
        });
    }
    let mut warnings = Vec::new();
    let detections = list
        .iter()
        .enumerate()
        .map(|(index, element)| {
            // `undefined`, functions and symbols stringify to `undefined`; cycles and
            // BigInts throw: both leave this element with nothing to draw.
            let text = js_sys::JSON::stringify(&element)
                .ok()
                .and_then(|text| text.as_string());
            let label = || field(&element, "label").and_then(|l| l.as_string());
            let (detection, warning) = detection_at(index, text.as_deref(), label, &options);
            warnings.extend(warning);
            detection
        })
        .collect();
    Ok((detections, warnings))
}

/// Element `index` as a detection; when it has nothing to draw, an empty detection
/// with its label (so indices still match the caller's array) and the reason.
pub(crate) fn detection_at(
    index: usize,
    json: Option<&str>,
    label: impl FnOnce() -> Option<String>,
    options: &ParseOptions,
) -> (Detection, Option<String>) {
    let outcome = match json {
        Some(text) => detection_from_json(text, options).map_err(|w| w.message),
        None => Err("it cannot be read as JSON".to_owned()),
    };
    match outcome {
        Ok(detection) => (detection, None),
        Err(why) => (
            Detection::labelled(label().unwrap_or_default()),
            Some(format!("detection {index}: not drawn: {why}")),
        ),
    }
}

// Native only: proptest is a native dev-dependency, and nothing here needs a browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
