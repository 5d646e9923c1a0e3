//! A model answer read as detections, for `gemini-vision batch`: the JSON is the core's
//! one shape of a detection (the same that `gemini-vision parse` prints and the browser's
//! `parseDetections` returns), and the masks are drawn in pixels for COCO segmentations
//! and annotated images.

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{BoxMask, DEFAULT_THRESHOLD, PillowVersion, rasterize_as};
use gemini_vision::spatial::{Detection, JsonOptions, parse_detections};
use serde_json::{Value, json};

/// The detections of one answer: the JSON to write, the parsed detections, and the
/// masks in pixels (by detection index) when an image size was given.
#[derive(Debug)]
pub struct Report {
    /// `{"detections": [...], "warnings": [...]}` in the core's shape.
    pub json: Value,
    /// The detections as parsed, in the order of `json.detections`.
    pub detections: Vec<Detection>,
    /// `(detection index, mask)` for every mask that could be turned into pixels.
    pub masks: Vec<(usize, BoxMask)>,
}

impl Report {
    /// Adds a warning of our own (not about one detection) to the JSON.
    pub fn warn(&mut self, kind: &str, message: String) {
        if let Some(warnings) = self.json["warnings"].as_array_mut() {
            warnings.push(json!({ "kind": kind, "item": null, "message": message }));
        }
    }
}

/// Reads `text` (a model's answer) as detections; with `size`, adds pixel boxes, mask
/// areas and the masks in pixels (PNG masks resized with `pillow`'s pass order).
pub fn build_report(text: &str, size: Option<ImageSize>, pillow: PillowVersion) -> Report {
    let outcome = parse_detections(text);
    let options = JsonOptions {
        image_size: size,
        threshold: DEFAULT_THRESHOLD,
        pillow,
    };
    // The core writes valid JSON; reading it back only lets a caller add warnings.
    let json = serde_json::from_str(&outcome.to_json(&options))
        .unwrap_or_else(|_| json!({ "detections": [], "warnings": [] }));
    let masks = match size {
        None => Vec::new(),
        Some(size) => outcome
            .detections
            .iter()
            .enumerate()
            .filter_map(|(index, detection)| {
                // A mask that cannot be drawn is already a warning in the JSON.
                let mask = rasterize_as(detection, size, pillow).ok()??;
                Some((index, mask))
            })
            .collect(),
    };
    Report {
        json,
        detections: outcome.detections,
        masks,
    }
}
