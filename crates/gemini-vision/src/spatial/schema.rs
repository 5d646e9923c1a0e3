//! The response schema that makes a model answer boxes, masks and points in the form
//! [`parse_detections`](super::parse_detections) reads.
//!
//! Sources (read 2026): the structured output guide
//! (<https://ai.google.dev/gemini-api/docs/structured-output>: `responseSchema` is the
//! API's `Schema` object, types in upper case, `propertyOrdering` fixes the order the
//! model writes keys in, `minItems`/`maxItems` are int64 and travel as strings, string
//! `enum` with `format: "enum"`); image understanding
//! (<https://ai.google.dev/gemini-api/docs/image-understanding>: `box_2d` is
//! `[ymin, xmin, ymax, xmax]` normalised to 0-1000, a segmentation item is
//! `box_2d`, `mask` (a base64 PNG probability map of the box) and `label`, in that
//! order); the Robotics-ER overview
//! (<https://ai.google.dev/gemini-api/docs/robotics-overview>: points are `[y, x]`,
//! 0-1000, with a `label`). Newer answers wrap the list as `{"boxes": [...]}`, so the
//! schema does too; Robotics-ER 1.6 and Gemini 3.5 Flash outline objects as polygons of
//! `[x, y]` points over the whole image ([`MaskForm::Polygon`]).
//!
//! ```
//! use gemini_vision::spatial::{DetectionSchema, MaskForm};
//!
//! let schema = DetectionSchema { masks: Some(MaskForm::Png), ..DetectionSchema::default() };
//! let json = schema.to_json().unwrap();
//! assert!(json.starts_with(r#"{"type":"OBJECT","properties":{"boxes":{"type":"ARRAY""#));
//! assert!(json.contains(r#""propertyOrdering":["box_2d","mask","label"]"#));
//! ```

use super::json::JsonText;
use crate::error::{Error, Result};

/// Most labels an enum may list.
pub const MAX_SCHEMA_LABELS: usize = 1_000;
/// Longest label, in bytes.
pub(crate) const MAX_SCHEMA_LABEL_BYTES: usize = 500;
/// Most items `max_items` may allow (the parser's default cap on detections).
pub(crate) const MAX_SCHEMA_ITEMS: u32 = 1_000;

/// How a structured answer gives each object's mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskForm {
    /// `"mask": "data:image/png;base64,..."`, a probability map of the `box_2d` area
    /// (Gemini 2.5 with thinking off).
    Png,
    /// `"mask": [[x, y], ...]`, a polygon over the whole image, 0-1000
    /// (Robotics-ER 1.6, Gemini 3.5 Flash).
    Polygon,
}

/// What each item of a structured detection answer carries: the choices behind
/// `detectionSchema(options)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectionSchema {
    /// `box_2d`, `[ymin, xmin, ymax, xmax]` (default true).
    pub boxes: bool,
    /// `point`, `[y, x]` (default false).
    pub points: bool,
    /// `mask`, in this form (default none).
    pub masks: Option<MaskForm>,
    /// The only labels the model may use (an enum); `None` lets it name things freely.
    pub labels: Option<Vec<String>>,
    /// At most this many items (the cookbook limits answers to 25 to stop repetition).
    pub max_items: Option<u32>,
}

impl Default for DetectionSchema {
    fn default() -> Self {
        DetectionSchema {
            boxes: true,
            points: false,
            masks: None,
            labels: None,
            max_items: None,
        }
    }
}

impl DetectionSchema {
    /// The schema as JSON text, ready for `generationConfig.responseSchema`. Refuses
    /// choices that give items nothing to place them by, a PNG mask without its box,
    /// an empty or oversized label list, and `max_items` outside 1..=1000.
    pub fn to_json(&self) -> Result<String> {
        let labels = self.checked_labels()?;
        if !self.boxes && !self.points && self.masks != Some(MaskForm::Polygon) {
            return Err(Error::invalid(
                "schema",
                "items need boxes, points or polygon masks to be placed on the image",
            ));
        }
        if self.masks == Some(MaskForm::Png) && !self.boxes {
            return Err(Error::invalid(
                "schema",
                "a PNG mask is placed by its box_2d: ask for boxes too, or polygon masks",
            ));
        }
        if let Some(max) = self.max_items
            && !(1..=MAX_SCHEMA_ITEMS).contains(&max)
        {
            return Err(Error::invalid(
                "maxItems",
                format!("{max} is not a count from 1 to {MAX_SCHEMA_ITEMS}"),
            ));
        }
        let mut out = JsonText::new();
        out.open_object();
        out.key("type");
        out.string("OBJECT");
        out.key("properties");
        out.open_object();
        out.key("boxes");
        out.open_object();
        out.key("type");
        out.string("ARRAY");
        out.key("description");
        out.string("Every object asked for, at most once each.");
        out.key("items");
        self.write_item(&mut out, labels.as_deref());
        if let Some(max) = self.max_items {
            out.key("maxItems");
            out.string(&max.to_string());
        }
        out.close_object();
        out.close_object();
        write_names(&mut out, "required", &["boxes"]);
        write_names(&mut out, "propertyOrdering", &["boxes"]);
        out.close_object();
        Ok(out.finish())
    }

    /// The labels without repeats, checked against the caps.
    fn checked_labels(&self) -> Result<Option<Vec<&str>>> {
        let Some(labels) = &self.labels else {
            return Ok(None);
        };
        if labels.is_empty() {
            return Err(Error::invalid(
                "labels",
                "an empty list allows no label; leave it out to allow any",
            ));
        }
        if labels.len() > MAX_SCHEMA_LABELS {
            return Err(Error::LimitExceeded {
                what: "labels",
                actual: labels.len() as u64,
                max: MAX_SCHEMA_LABELS as u64,
            });
        }
        let mut unique: Vec<&str> = Vec::with_capacity(labels.len());
        for label in labels {
            if label.is_empty() || label.len() > MAX_SCHEMA_LABEL_BYTES {
                return Err(Error::invalid(
                    "labels",
                    format!("each label needs 1 to {MAX_SCHEMA_LABEL_BYTES} bytes"),
                ));
            }
            if !unique.contains(&label.as_str()) {
                unique.push(label);
            }
        }
        Ok(Some(unique))
    }

    fn write_item(&self, out: &mut JsonText, labels: Option<&[&str]>) {
        let mut keys: Vec<&str> = Vec::with_capacity(4);
        out.open_object();
        out.key("type");
        out.string("OBJECT");
        out.key("properties");
        out.open_object();
        if self.boxes {
            keys.push("box_2d");
            out.key("box_2d");
            integers(
                out,
                "[ymin, xmin, ymax, xmax] of the object, each 0-1000 (0, 0 is the top left)",
                4,
            );
        }
        if self.points {
            keys.push("point");
            out.key("point");
            integers(out, "[y, x] of a point on the object, each 0-1000", 2);
        }
        if let Some(form) = self.masks {
            keys.push("mask");
            out.key("mask");
            match form {
                MaskForm::Png => {
                    out.open_object();
                    out.key("type");
                    out.string("STRING");
                    out.key("description");
                    out.string(
                        "Segmentation mask of the object inside its box_2d: a greyscale PNG \
                         probability map as a data URI, data:image/png;base64,...",
                    );
                    out.close_object();
                }
                MaskForm::Polygon => {
                    out.open_object();
                    out.key("type");
                    out.string("ARRAY");
                    out.key("description");
                    out.string(
                        "Outline of the object: a polygon of [x, y] points, each 0-1000 \
                         over the whole image",
                    );
                    out.key("items");
                    integers(out, "[x, y]", 2);
                    out.close_object();
                }
            }
        }
        keys.push("label");
        out.key("label");
        out.open_object();
        out.key("type");
        out.string("STRING");
        out.key("description");
        out.string("What the object is");
        if let Some(labels) = labels {
            out.key("format");
            out.string("enum");
            write_names(out, "enum", labels);
        }
        out.close_object();
        out.close_object();
        write_names(out, "required", &keys);
        write_names(out, "propertyOrdering", &keys);
        out.close_object();
    }
}

/// `{"type": "ARRAY", "items": {"type": "INTEGER"}, "minItems": n, "maxItems": n}`.
fn integers(out: &mut JsonText, description: &str, count: u32) {
    out.open_object();
    out.key("type");
    out.string("ARRAY");
    out.key("description");
    out.string(description);
    out.key("items");
    out.open_object();
    out.key("type");
    out.string("INTEGER");
    out.close_object();
    let count = count.to_string();
    out.key("minItems");
    out.string(&count);
    out.key("maxItems");
    out.string(&count);
    out.close_object();
}

fn write_names(out: &mut JsonText, key: &str, names: &[&str]) {
    out.key(key);
    out.open_array();
    for name in names {
        out.string(name);
    }
    out.close_array();
}

#[cfg(test)]
mod tests;
