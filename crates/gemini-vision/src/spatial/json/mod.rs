//! The one JSON shape of a detection (documented on [`JsonOptions`]), shared by the JS
//! API (`parseDetections`), the CLI (`gemini-vision parse`) and anything else that
//! writes detections out, and read back by [`detection_from_json`].
//!
//! The text is written by hand (`text.rs`), so the browser build turns it into objects
//! with its own `JSON.parse` and links no JSON serializer for it; reading it back
//! ([`detection_from_json`]) goes through the lenient reader every model answer goes
//! through. Nothing here panics on any input or recurses on its nesting.

mod read;
mod text;
mod write;

pub use read::detection_from_json;
pub(crate) use text::JsonText;

use crate::geometry::ImageSize;
use crate::mask::{DEFAULT_THRESHOLD, PillowVersion};

/// What the JSON of detections adds when the image is known.
///
/// The one JSON shape ([`ParseOutcome::to_json`](crate::spatial::ParseOutcome::to_json),
/// [`Detection::to_json`](crate::spatial::Detection::to_json)):
///
/// ```text
/// {"detections": [Detection...], "warnings": [{"kind", "item", "message"}...]}
///
/// Detection = {
///   "label": "cup",
///   "box_2d": [ymin, xmin, ymax, xmax] | null,      the model's numbers, 0-1000
///   "point": [y, x] | null,                         0-1000
///   "box_3d": [x, y, z, sx, sy, sz, roll, pitch, yaw] | null,
///   "pixelBox": {"x", "y", "width", "height"} | null,   with an image size only
///   "pixelPoint": {"x", "y"} | null,                    with an image size only
///   "mask": {"kind": "none"}
///         | {"kind": "png", "width", "height", "data": "data:image/png;base64,...", "area"?}
///         | {"kind": "polygon", "rings": [[[x, y], ...], ...], "area"?}
///         | {"kind": "unsupported", "reason": "..."},
///   "extra": {every other key of the model's item, verbatim}
/// }
/// ```
///
/// Numbers are written as the parser reads them (`384`, not `384.0`); `area` is the
/// count of mask pixels above the threshold on an image of the given size (0 when the
/// mask covers no pixel). `warnings[].kind` is a [`WarningKind`](super::WarningKind)
/// name (`"repaired"`, `"item_dropped"`...); `item` is the item's position among all
/// items found in the text, or `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonOptions {
    /// The image's size in pixels: adds `pixelBox`, `pixelPoint` and each drawable
    /// mask's `area`. PNG masks are decoded for `area`; one that cannot be decoded is
    /// written as unsupported.
    pub image_size: Option<ImageSize>,
    /// A mask pixel counts towards `area` when its value is above this (default 127).
    pub threshold: u8,
    /// Whose resize pass order turns PNG masks into pixels for `area`.
    pub pillow: PillowVersion,
}

impl Default for JsonOptions {
    fn default() -> Self {
        JsonOptions {
            image_size: None,
            threshold: DEFAULT_THRESHOLD,
            pillow: PillowVersion::default(),
        }
    }
}

impl JsonOptions {
    /// The default options for an image of `size`.
    pub fn for_image(size: ImageSize) -> Self {
        JsonOptions {
            image_size: Some(size),
            ..JsonOptions::default()
        }
    }
}

#[cfg(test)]
mod tests;
