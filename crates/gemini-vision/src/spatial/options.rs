//! The caps that keep parsing bounded on any input.

use super::lenient_json::JsonLimits;
use crate::mask::MaskLimits;

/// A fixed work allowance on top of the per-byte budget, so short texts are never starved.
const BASE_BUDGET: usize = 1 << 20;

/// Limits for [`parse_detections_with`](super::parse_detections_with).
///
/// The defaults are generous for real answers (a 20-mask segmentation answer is ~20 KB
/// and ~300 JSON values; 1,000 polygons of 50 points are 150,000) and small enough that
/// 10 MB of garbage or a 50 MB mask string is dealt with in bounded time and memory:
/// detections are collected only up to `max_detections`, however many blocks the text
/// holds, and one block builds at most `max_values` values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    /// Most detections returned; the rest are dropped with one warning.
    pub max_detections: usize,
    /// Deepest bracket nesting read (real answers nest 4 deep).
    pub max_depth: usize,
    /// Longest string kept, in bytes; a longer mask string becomes
    /// [`Mask::Unsupported`](super::Mask::Unsupported).
    pub max_string_bytes: usize,
    /// Most JSON values read from one JSON block. A list (or object) may hold at most
    /// the larger of `max_detections` and twice `max_polygon_points` items (a flat
    /// polygon is two numbers a point), plus one.
    pub max_values: usize,
    /// Most points in one polygon mask (all rings together).
    pub max_polygon_points: usize,
    /// Widest or tallest PNG mask accepted.
    pub max_mask_side: u32,
    /// Most pixels in one PNG mask.
    pub max_mask_pixels: u64,
    /// Most warnings kept; the rest are counted in a final warning.
    pub max_warnings: usize,
    /// Work budget per input byte: bounds the time spent looking for JSON in garbage.
    pub work_per_byte: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        let masks = MaskLimits::default();
        ParseOptions {
            max_detections: 1_000,
            max_depth: 64,
            max_string_bytes: 8 * 1024 * 1024,
            max_values: 200_000,
            max_polygon_points: 10_000,
            max_mask_side: masks.max_side,
            max_mask_pixels: masks.max_pixels,
            max_warnings: 200,
            work_per_byte: 16,
        }
    }
}

impl ParseOptions {
    /// The caps of one lenient JSON read.
    pub(crate) fn json_limits(&self) -> JsonLimits {
        JsonLimits {
            max_depth: self.max_depth,
            max_string_bytes: self.max_string_bytes,
            max_values: self.max_values,
            // One list holds at most the detections (plus the one that tells there are
            // more) or a polygon's coordinates.
            max_items: self
                .max_detections
                .max(self.max_polygon_points.saturating_mul(2))
                .saturating_add(1),
        }
    }

    /// The work budget for reading `text`: proportional to its length, plus a base.
    pub(crate) fn work_budget(&self, text: &str) -> usize {
        text.len()
            .saturating_mul(self.work_per_byte)
            .saturating_add(BASE_BUDGET)
    }
}
