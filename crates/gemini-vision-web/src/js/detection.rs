//! Detections as plain JS objects, both ways.
//!
//! Out (`parseDetections`): the model's own field names and shapes (`box_2d` as
//! `[ymin, xmin, ymax, xmax]` in 0-1000, `point` as `[y, x]`, `box_3d` as 9 numbers), a
//! `mask` object with its `kind`, `extra` keys verbatim, and pixel geometry when the
//! image size is known. In (`OverlayRenderer.draw`): those objects, or items exactly as
//! the model wrote them (`{"box_2d": [...], "mask": "data:image/png;base64,...",
//! "label": ...}`), each read by the core's lenient parser so that every cap and repair
//! applies to hand-made objects too.
//!
//! Nothing here trusts the objects: a value that cannot be read leaves its detection
//! with nothing to draw (and a warning), keeping every other detection's index.

use base64::Engine;
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::rasterize;
use gemini_vision::spatial::{Detection, Mask, ParseOptions, Warning, parse_detections_with};
use serde_json::{Map, Value, json};

/// The JS shape of one parsed detection.
pub(crate) fn detection_to_json(
    detection: &Detection,
    size: Option<ImageSize>,
    threshold: u8,
) -> Value {
    let mut out = Map::new();
    out.insert("label".into(), Value::from(detection.label.clone()));
    let numbers = |values: &[f64]| Value::from(values.to_vec());
    out.insert(
        "box_2d".into(),
        detection
            .box_2d
            .map_or(Value::Null, |b| numbers(&b.to_array())),
    );
    out.insert(
        "point".into(),
        detection
            .point
            .map_or(Value::Null, |p| numbers(&[p.y(), p.x()])),
    );
    out.insert(
        "box_3d".into(),
        detection
            .box_3d
            .map_or(Value::Null, |b| numbers(&b.to_values())),
    );
    let mut mask = mask_to_json(&detection.mask);
    if let Some(size) = size {
        let pixel_box = detection.box_2d.and_then(|b| b.to_pixels(size));
        out.insert(
            "pixelBox".into(),
            pixel_box.map_or(
                Value::Null,
                |b| json!({"x": b.x(), "y": b.y(), "width": b.width(), "height": b.height()}),
            ),
        );
        out.insert(
            "pixelPoint".into(),
            detection.point.map_or(Value::Null, |p| {
                let at = p.to_pixels(size);
                json!({"x": at.x, "y": at.y})
            }),
        );
        if let (Value::Object(fields), Ok(Some(pixels))) = (&mut mask, rasterize(detection, size)) {
            fields.insert("area".into(), Value::from(pixels.count_above(threshold)));
        }
    }
    out.insert("mask".into(), mask);
    out.insert("extra".into(), Value::Object(detection.extra.clone()));
    Value::Object(out)
}

fn mask_to_json(mask: &Mask) -> Value {
    match mask {
        Mask::None => json!({"kind": "none"}),
        Mask::Png(png) => json!({
            "kind": "png",
            "width": png.width(),
            "height": png.height(),
            "data": format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(png.png_bytes())
            ),
        }),
        Mask::Polygon(polygon) => json!({"kind": "polygon", "rings": polygon.rings()}),
        Mask::Unsupported { reason } => json!({"kind": "unsupported", "reason": reason}),
    }
}

/// The JS shape of one parser warning.
pub(crate) fn warning_to_json(warning: &Warning) -> Value {
    json!({"kind": warning.kind, "item": warning.item, "message": warning.message})
}

/// Reads JS detections (parsed or as the model wrote them) into the core's type, one per
/// element, in order. An element with nothing drawable becomes an empty detection and a
/// warning, so that indices (highlight, hit-testing) still match the caller's array.
pub(crate) fn detections_from_json(items: &[Value]) -> (Vec<Detection>, Vec<String>) {
    let options = ParseOptions::default();
    let mut warnings = Vec::new();
    let detections = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let model_item = as_model_item(item);
            let text = serde_json::to_string(&[&model_item]).unwrap_or_default();
            let outcome = parse_detections_with(&text, &options);
            match outcome.detections.into_iter().next() {
                Some(detection) => detection,
                None => {
                    let why = outcome
                        .warnings
                        .first()
                        .map_or_else(|| "nothing to draw".to_owned(), |w| w.message.clone());
                    warnings.push(format!("detection {index}: not drawn: {why}"));
                    Detection::labelled(label_of(item))
                }
            }
        })
        .collect();
    (detections, warnings)
}

fn label_of(item: &Value) -> String {
    match item.get("label") {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// The item in the model's own format, from either shape.
fn as_model_item(item: &Value) -> Value {
    let Value::Object(fields) = item else {
        // A bare `[ymin, xmin, ymax, xmax]` is a box; anything else is dropped by the parser.
        return item.clone();
    };
    let mut out = Map::new();
    if let Some(label) = fields.get("label") {
        out.insert("label".into(), label.clone());
    }
    let pick = |names: [&str; 2]| {
        names
            .iter()
            .find_map(|n| fields.get(*n).filter(|v| !v.is_null()))
    };
    if let Some(b) = pick(["box_2d", "box2d"]) {
        out.insert("box_2d".into(), box_values(b));
    }
    if let Some(p) = pick(["point", "point_2d"]) {
        out.insert("point".into(), point_values(p));
    }
    if let Some(b) = pick(["box_3d", "box3d"]) {
        out.insert("box_3d".into(), box3d_values(b));
    }
    if let Some(mask) = fields.get("mask") {
        out.insert("mask".into(), mask_value(mask));
    }
    Value::Object(out)
}

/// `[ymin, xmin, ymax, xmax]` from an array or a `{ymin, xmin, ymax, xmax}` object.
fn box_values(value: &Value) -> Value {
    match value {
        Value::Object(o) => Value::Array(
            ["ymin", "xmin", "ymax", "xmax"]
                .iter()
                .map(|k| o.get(*k).cloned().unwrap_or(Value::Null))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `[y, x]` from an array or a `{y, x}` object.
fn point_values(value: &Value) -> Value {
    match value {
        Value::Object(o) => Value::Array(vec![
            o.get("y").cloned().unwrap_or(Value::Null),
            o.get("x").cloned().unwrap_or(Value::Null),
        ]),
        other => other.clone(),
    }
}

/// 9 numbers from an array or a `{center, size, rollPitchYawDegrees}` object.
fn box3d_values(value: &Value) -> Value {
    match value {
        Value::Object(o) => {
            let parts = ["center", "size", "rollPitchYawDegrees"];
            let mut flat = Vec::new();
            for part in parts {
                match o.get(part) {
                    Some(Value::Array(values)) => flat.extend(values.iter().cloned()),
                    _ => flat.push(Value::Null),
                }
            }
            Value::Array(flat)
        }
        other => other.clone(),
    }
}

/// The model's mask value from our `{kind, ...}` object, or the value as the model gave it.
fn mask_value(mask: &Value) -> Value {
    match mask {
        Value::Object(o) => match o.get("kind").and_then(Value::as_str) {
            Some("png") => o.get("data").cloned().unwrap_or(Value::Null),
            Some("polygon") => o.get("rings").cloned().unwrap_or(Value::Null),
            _ => Value::Null,
        },
        other => other.clone(),
    }
}
