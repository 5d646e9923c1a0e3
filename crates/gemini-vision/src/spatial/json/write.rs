//! Detections and parse outcomes written in the one JSON shape (see [`super`]).

use super::JsonOptions;
use super::text::JsonText;
use crate::mask::rasterize_as;
use crate::spatial::{Detection, Mask, ParseOutcome, Warning, WarningKind};

const PNG_DATA_URI: &str = "data:image/png;base64,";

impl Detection {
    /// This detection in the one JSON shape. A PNG mask that cannot be decoded when
    /// `options` has an image size is written as `{"kind": "unsupported", "reason"}`.
    pub fn to_json(&self, options: &JsonOptions) -> String {
        let mut out = JsonText::new();
        write_detection(&mut out, self, options);
        out.finish()
    }
}

impl ParseOutcome {
    /// `{"detections": [...], "warnings": [...]}` in the one JSON shape. With an image
    /// size, a PNG mask that cannot be decoded is written as unsupported and one more
    /// `mask_unsupported` warning says which detection it was.
    pub fn to_json(&self, options: &JsonOptions) -> String {
        let mut out = JsonText::new();
        out.open_object();
        out.key("detections");
        out.open_array();
        let mut late = Vec::new();
        for (index, detection) in self.detections.iter().enumerate() {
            if let Some(reason) = write_detection(&mut out, detection, options) {
                late.push(Warning {
                    kind: WarningKind::MaskUnsupported,
                    item: None,
                    message: format!("detection {index}: mask not drawn: {reason}"),
                });
            }
        }
        out.close_array();
        out.key("warnings");
        out.open_array();
        for warning in self.warnings.iter().chain(&late) {
            write_warning(&mut out, warning);
        }
        out.close_array();
        out.close_object();
        out.finish()
    }
}

fn write_warning(out: &mut JsonText, warning: &Warning) {
    out.open_object();
    out.key("kind");
    out.string(warning.kind.as_str());
    out.key("item");
    match warning.item {
        Some(item) => out.unsigned(item as u64),
        None => out.null(),
    }
    out.key("message");
    out.string(&warning.message);
    out.close_object();
}

/// Writes one detection; returns why its mask turned out not to be drawable, if it did.
fn write_detection(out: &mut JsonText, d: &Detection, options: &JsonOptions) -> Option<String> {
    out.open_object();
    out.key("label");
    out.string(&d.label);
    out.key("box_2d");
    match d.box_2d {
        Some(b) => out.numbers(&b.to_array()),
        None => out.null(),
    }
    out.key("point");
    match d.point {
        Some(p) => out.numbers(&[p.y(), p.x()]),
        None => out.null(),
    }
    out.key("box_3d");
    match d.box_3d {
        Some(b) => out.numbers(&b.to_values()),
        None => out.null(),
    }
    if let Some(size) = options.image_size {
        out.key("pixelBox");
        match d.box_2d.and_then(|b| b.to_pixels(size)) {
            Some(p) => {
                out.open_object();
                for (key, v) in [
                    ("x", p.x()),
                    ("y", p.y()),
                    ("width", p.width()),
                    ("height", p.height()),
                ] {
                    out.key(key);
                    out.unsigned(u64::from(v));
                }
                out.close_object();
            }
            None => out.null(),
        }
        out.key("pixelPoint");
        match d.point {
            Some(p) => {
                let at = p.to_pixels(size);
                out.open_object();
                out.key("x");
                out.number(at.x);
                out.key("y");
                out.number(at.y);
                out.close_object();
            }
            None => out.null(),
        }
    }
    out.key("mask");
    let problem = write_mask(out, d, options);
    out.key("extra");
    out.open_object();
    for (key, value) in &d.extra {
        out.key(key);
        out.value(value);
    }
    out.close_object();
    out.close_object();
    problem
}

/// The mask object; with an image size, drawable masks carry their `area` in pixels.
fn write_mask(out: &mut JsonText, d: &Detection, options: &JsonOptions) -> Option<String> {
    let area = match (options.image_size, &d.mask) {
        (Some(size), Mask::Png(_) | Mask::Polygon(_)) => {
            match rasterize_as(d, size, options.pillow) {
                Ok(drawn) => Some(drawn.map_or(0, |m| m.count_above(options.threshold))),
                Err(error) => {
                    let reason = error.to_string();
                    write_unsupported(out, &reason);
                    return Some(reason);
                }
            }
        }
        _ => None,
    };
    out.open_object();
    out.key("kind");
    out.string(d.mask.kind());
    match &d.mask {
        Mask::None => {}
        Mask::Png(png) => {
            out.key("width");
            out.unsigned(u64::from(png.width()));
            out.key("height");
            out.unsigned(u64::from(png.height()));
            out.key("data");
            out.open_string();
            out.buffer().push_str(PNG_DATA_URI);
            crate::base64::encode_to_string(png.png_bytes(), out.buffer());
            out.close_string();
        }
        Mask::Polygon(polygon) => {
            out.key("rings");
            out.open_array();
            for ring in polygon.rings() {
                out.open_array();
                for point in ring {
                    out.numbers(point);
                }
                out.close_array();
            }
            out.close_array();
        }
        Mask::Unsupported { reason } => {
            out.key("reason");
            out.string(reason);
        }
    }
    if let Some(area) = area {
        out.key("area");
        out.unsigned(area as u64);
    }
    out.close_object();
    None
}

fn write_unsupported(out: &mut JsonText, reason: &str) {
    out.open_object();
    out.key("kind");
    out.string("unsupported");
    out.key("reason");
    out.string(reason);
    out.close_object();
}
