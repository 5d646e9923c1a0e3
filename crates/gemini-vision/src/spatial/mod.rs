//! Model text to detections: boxes, points, 3D boxes, masks and labels.
//!
//! [`parse_detections`] takes whatever text the model answered and returns every
//! detection it can stand behind, plus warnings for everything it repaired or dropped.
//! It reads plain JSON, fenced JSON (3 or 4 backticks, any language tag), JSON with prose
//! around it, several blocks, `{"boxes": [...]}`-style wrappers, bare
//! `[ymin, xmin, ymax, xmax]` boxes, trailing commas and answers cut off mid-item.
//!
//! ```
//! use gemini_vision::spatial::{parse_detections, Mask};
//!
//! let text = "Here you go:\n```json\n[{\"box_2d\": [600, 50, 100, 400], \"label\": \"cat\"},]\n```";
//! let outcome = parse_detections(text);
//! let cat = &outcome.detections[0];
//! assert_eq!(cat.label, "cat");
//! // Inverted corners were swapped (and a warning says so).
//! assert_eq!(cat.box_2d.unwrap().to_array(), [100.0, 50.0, 600.0, 400.0]);
//! assert_eq!(cat.mask, Mask::None);
//! assert_eq!(outcome.warnings.len(), 1);
//! ```
//!
//! Model text is untrusted. This module never panics, never recurses on the input's
//! nesting, and is bounded in time and memory by [`ParseOptions`] whatever it is given
//! (10 MB of garbage, 100,000 nested brackets, a 50 MB mask string). It never decodes
//! mask pixels: PNG masks are checked (base64, signature, header, size caps) and kept
//! encoded until [`crate::mask`] draws them.
//!
//! Detections go out as JSON in one shape ([`Detection::to_json`],
//! [`ParseOutcome::to_json`]) and come back from it ([`detection_from_json`]);
//! [`DetectionSchema`] writes the response schema that makes a model answer in the form
//! this parser reads.

mod detection;
mod item;
mod json;
mod lenient_json;
mod mask_value;
mod options;
mod scan;
mod schema;
mod warning;

pub use detection::{Detection, Mask};
pub use json::{JsonOptions, detection_from_json};
pub use options::ParseOptions;
pub use schema::{DetectionSchema, MAX_SCHEMA_LABELS, MaskForm};
pub use warning::{Warning, WarningKind};

use serde::Serialize;
use warning::Warnings;

/// The detections found in a model answer, and what had to be repaired or dropped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParseOutcome {
    /// Every usable detection, in the order the model gave them.
    pub detections: Vec<Detection>,
    /// What was repaired, ignored or dropped, in order.
    pub warnings: Vec<Warning>,
}

/// Parses model text with the default [`ParseOptions`].
pub fn parse_detections(text: &str) -> ParseOutcome {
    parse_detections_with(text, &ParseOptions::default())
}

/// Parses model text with explicit caps.
pub fn parse_detections_with(text: &str, options: &ParseOptions) -> ParseOutcome {
    let mut warnings = Warnings::new(options.max_warnings);
    let items = scan::find_items(text, options, &mut warnings);
    let found = items.len();
    let mut detections = Vec::new();
    for (index, node) in items.into_iter().enumerate() {
        if detections.len() == options.max_detections {
            warnings.push(
                warning::WarningKind::LimitReached,
                Some(index),
                format!(
                    "only the first {} detections are kept; the rest of the answer was not read",
                    options.max_detections
                ),
            );
            break;
        }
        if let Some(detection) = item::read_item(node, index, options, &mut warnings) {
            detections.push(detection);
        }
    }
    if found == 0 {
        warnings.push(
            WarningKind::NoDetections,
            None,
            "no detections were found in the text",
        );
    }
    ParseOutcome {
        detections,
        warnings: warnings.finish(),
    }
}

#[cfg(test)]
mod tests;
