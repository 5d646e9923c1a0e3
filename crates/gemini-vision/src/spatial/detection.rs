//! What one detection is: a label with any of a 2D box, a point, a 3D box and a mask.

use crate::geometry::{Box3d, NormalizedBox, NormalizedPoint};
use crate::mask::{PngMask, PolygonMask};
use serde::Serialize;
use serde_json::{Map, Value};

/// One thing the model found.
///
/// Its JSON for JavaScript and the CLI is [`Detection::to_json`] (the one shape, in the
/// model's own terms). The `serde` form, `{label, box2d: {ymin, xmin, ymax, xmax} | null,
/// point: {y, x} | null, box3d: {center, size, rollPitchYawDegrees} | null,
/// mask: {kind, ...}, extra: {...}}`, is kept for Rust apps that embed a detection in
/// their own serde types; [`detection_from_json`](super::detection_from_json) reads both.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Detection {
    /// The label, verbatim (empty when the model gave none; other JSON stringified).
    pub label: String,
    /// The repaired `box_2d`, if the item had a usable one.
    #[serde(rename = "box2d")]
    pub box_2d: Option<NormalizedBox>,
    /// The clamped `point` (`[y, x]`), if the item had a usable one.
    pub point: Option<NormalizedPoint>,
    /// The `box_3d`, if the item had 9 usable numbers.
    #[serde(rename = "box3d")]
    pub box_3d: Option<Box3d>,
    /// The segmentation mask.
    pub mask: Mask,
    /// Every other key of the item, as JSON.
    pub extra: Map<String, Value>,
}

impl Detection {
    /// A detection with only a label (everything else empty), to build on.
    pub fn labelled(label: impl Into<String>) -> Self {
        Detection {
            label: label.into(),
            box_2d: None,
            point: None,
            box_3d: None,
            mask: Mask::None,
            extra: Map::new(),
        }
    }
}

/// A segmentation mask, in every shape the model has used.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Mask {
    /// No `mask` key (or `null`).
    None,
    /// A `data:image/png;base64,` probability map, to be resized to the item's box.
    Png(PngMask),
    /// Polygon rings of `[x, y]` points (x first), 0-1000 over the whole image.
    Polygon(PolygonMask),
    /// A mask that cannot be drawn (booleans, `<seg_N>` tokens, bad base64, not a PNG,
    /// a PNG over the caps, a degenerate string). The detection keeps its box.
    Unsupported {
        /// Why, in a sentence.
        reason: String,
    },
}

impl Mask {
    /// `"none"`, `"png"`, `"polygon"` or `"unsupported"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Mask::None => "none",
            Mask::Png(_) => "png",
            Mask::Polygon(_) => "polygon",
            Mask::Unsupported { .. } => "unsupported",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detections_serialize_in_a_javascript_friendly_shape() {
        let mut detection = Detection::labelled("cat");
        detection.box_2d = NormalizedBox::new(10.0, 20.0, 30.0, 40.0);
        detection.mask = Mask::Unsupported {
            reason: "array of booleans".into(),
        };
        detection.extra.insert("score".into(), Value::from(0.5));
        let json = serde_json::to_value(&detection).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "label": "cat",
                "box2d": {"ymin": 10.0, "xmin": 20.0, "ymax": 30.0, "xmax": 40.0},
                "point": null,
                "box3d": null,
                "mask": {"kind": "unsupported", "reason": "array of booleans"},
                "extra": {"score": 0.5}
            })
        );
    }

    #[test]
    fn mask_kinds_have_stable_names() {
        assert_eq!(Mask::None.kind(), "none");
        assert_eq!(
            Mask::Unsupported {
                reason: String::new()
            }
            .kind(),
            "unsupported"
        );
        assert_eq!(
            serde_json::to_value(Mask::None).unwrap(),
            serde_json::json!({"kind": "none"})
        );
    }
}
