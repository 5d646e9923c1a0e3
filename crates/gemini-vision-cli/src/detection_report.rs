//! A model answer read as detections, in the one JSON shape the CLI writes for them.
//!
//! `gemini-vision parse` prints this report and `gemini-vision batch` writes it per
//! image: `{"detections": [{"label", "box_2d", "box", "point", "box_3d", "mask",
//! "mask_reason", ...the model's other keys}], "warnings": [...]}`. With an image size,
//! each detection gains its pixel box (`box`) and its mask in pixels ([`BoxMask`]),
//! which the commands turn into mask files, COCO segmentations or drawn overlays.

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{BoxMask, PillowVersion, rasterize_as};
use gemini_vision::spatial::{Detection, Mask, coordinate_json, parse_detections};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

/// Keys this report writes itself; a model key with the same name is not copied.
const OWN_KEYS: [&str; 7] = [
    "label",
    "box_2d",
    "box",
    "point",
    "box_3d",
    "mask",
    "mask_reason",
];

/// The detections of one answer: the JSON to write, the parsed detections, and the
/// masks in pixels (by detection index) when an image size was given.
pub struct Report {
    /// What is written.
    pub json: Output,
    /// The detections as parsed, in the order of `json.detections`.
    pub detections: Vec<Detection>,
    /// `(detection index, mask)` for every mask that could be turned into pixels.
    pub masks: Vec<(usize, BoxMask)>,
}

/// `{"detections": [...], "warnings": [...]}`.
#[derive(serde::Serialize)]
pub struct Output {
    /// One object per detection, keys in reading order.
    pub detections: Vec<Ordered>,
    /// What the parser and the mask decoding had to say.
    pub warnings: Vec<String>,
}

/// Reads `text` (a model's answer) as detections; with `size`, adds pixel boxes and
/// masks (PNG masks resized with `pillow`'s pass order).
pub fn build_report(text: &str, size: Option<ImageSize>, pillow: PillowVersion) -> Report {
    let outcome = parse_detections(text);
    let mut warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    let mut detections = Vec::new();
    let mut masks = Vec::new();
    for (index, detection) in outcome.detections.iter().enumerate() {
        let mut mask_kind = detection.mask.kind();
        let mut mask_reason = match &detection.mask {
            Mask::Unsupported { reason } => Some(reason.clone()),
            _ => None,
        };
        // Decode PNGs even without a size, so that "png" means "drawable".
        let decoded = match &detection.mask {
            Mask::Png(png) => match png.decode() {
                Ok(map) => Some(map),
                Err(error) => {
                    warnings.push(format!(
                        "detection {index}: the PNG mask could not be decoded: {error}"
                    ));
                    (mask_kind, mask_reason) = ("unsupported", Some(error.to_string()));
                    None
                }
            },
            _ => None,
        };
        if let Some(size) = size {
            let drawn = match (&decoded, detection.box_2d.and_then(|b| b.to_pixels(size))) {
                (Some(map), Some(bbox)) => {
                    BoxMask::from_probability_map(map, bbox, pillow).map(Some)
                }
                (Some(_), None) => Ok(None),
                (None, _) if mask_reason.is_some() => Ok(None),
                (None, _) => rasterize_as(detection, size, pillow),
            };
            match drawn {
                Ok(Some(mask)) => masks.push((index, mask)),
                Ok(None) => {}
                Err(error) => warnings.push(format!("detection {index}: mask not drawn: {error}")),
            }
        }
        detections.push(detection_json(
            detection,
            size,
            mask_kind,
            mask_reason,
            index,
            &mut warnings,
        ));
    }
    Report {
        json: Output {
            detections,
            warnings,
        },
        detections: outcome.detections,
        masks,
    }
}

fn detection_json(
    detection: &Detection,
    size: Option<ImageSize>,
    mask_kind: &str,
    mask_reason: Option<String>,
    index: usize,
    warnings: &mut Vec<String>,
) -> Ordered {
    let mut map = serde_json::Map::new();
    let mut boxed = None;
    map.insert("label".into(), Value::String(detection.label.clone()));
    let box_2d = detection
        .box_2d
        .map(|b| Value::Array(b.to_array().map(coordinate_json).to_vec()));
    map.insert("box_2d".into(), box_2d.unwrap_or(Value::Null));
    if let Some(size) = size {
        let pixels = detection.box_2d.and_then(|b| b.to_pixels(size));
        let pixel_json = pixels.map(|p| Entry::Pixels {
            x: p.x(),
            y: p.y(),
            width: p.width(),
            height: p.height(),
        });
        boxed = Some(pixel_json.unwrap_or(Entry::Json(Value::Null)));
    }
    let point = detection
        .point
        .map(|p| json!([coordinate_json(p.y()), coordinate_json(p.x())]));
    map.insert("point".into(), point.unwrap_or(Value::Null));
    if let Some(b) = detection.box_3d {
        map.insert(
            "box_3d".into(),
            Value::Array(b.to_values().map(coordinate_json).to_vec()),
        );
    }
    map.insert("mask".into(), Value::String(mask_kind.to_owned()));
    if let Some(reason) = mask_reason {
        map.insert("mask_reason".into(), Value::String(reason));
    }
    let mut ordered: Vec<(String, Entry)> = OWN_KEYS
        .iter()
        .filter_map(|key| match *key {
            "box" => boxed.take().map(|entry| ("box".to_owned(), entry)),
            _ => map
                .remove(*key)
                .map(|v| ((*key).to_owned(), Entry::Json(v))),
        })
        .collect();
    for (key, value) in &detection.extra {
        if OWN_KEYS.contains(&key.as_str()) {
            warnings.push(format!(
                "detection {index}: the model's key {key:?} clashes with an output key; left out"
            ));
        } else {
            ordered.push((key.clone(), Entry::Json(value.clone())));
        }
    }
    Ordered(ordered)
}

/// A JSON object written in the order its keys were given.
pub struct Ordered(Vec<(String, Entry)>);

/// One value of an [`Ordered`] object.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Entry {
    Json(Value),
    /// A pixel box, with its keys in reading order.
    Pixels {
        x: u32,
        y: u32,
        width: u32,
        height: u32,
    },
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
