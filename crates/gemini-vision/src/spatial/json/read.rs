//! One detection read back from JSON text: the one shape, or an item as the model wrote it.
//!
//! The overlay takes detections back from JavaScript: objects `parseDetections` made
//! (perhaps edited by the page), or items as the model wrote them. Each is read by the
//! same lenient reader and item rules as model text, so every cap and repair applies to
//! hand-made objects too. The one shape's own forms are turned into the model's first:
//! `{ymin, xmin, ymax, xmax}` and `{y, x}` objects into lists, `box2d`/`point_2d`/`box3d`
//! into the model's keys, a `{kind, ...}` mask into the model's mask value, `extra`'s
//! members back into the item; `pixelBox` and `pixelPoint` are derived and ignored.

use crate::spatial::item::read_item;
use crate::spatial::lenient_json::{Node, Stop, parse_value};
use crate::spatial::warning::Warnings;
use crate::spatial::{Detection, Mask, ParseOptions, Warning, WarningKind};

/// Keys the item reader gives a meaning; an `extra` member by one of these names would
/// change the detection, so it is left out.
const ITEM_KEYS: [&str; 5] = ["label", "box_2d", "point", "box_3d", "mask"];

/// Reads one detection from JSON text: an object in the one shape
/// ([`Detection::to_json`]), an item as the model wrote it, or a bare
/// `[ymin, xmin, ymax, xmax]`. `Err` says why there is nothing to draw.
///
/// ```
/// use gemini_vision::spatial::{JsonOptions, ParseOptions, detection_from_json, parse_detections};
///
/// let parsed = parse_detections(r#"[{"box_2d": [10, 20, 30, 40], "label": "cup"}]"#);
/// let text = parsed.detections[0].to_json(&JsonOptions::default());
/// let back = detection_from_json(&text, &ParseOptions::default()).unwrap();
/// assert_eq!(back, parsed.detections[0]);
/// ```
pub fn detection_from_json(text: &str, options: &ParseOptions) -> Result<Detection, Warning> {
    let fail = |kind, message: &str| Warning {
        kind,
        item: None,
        message: message.to_owned(),
    };
    let start = text
        .find(|c: char| !c.is_whitespace())
        .filter(|at| matches!(text.as_bytes().get(*at), Some(b'{' | b'[')))
        .ok_or_else(|| fail(WarningKind::ItemDropped, "not an object or a box"))?;
    let mut budget = options.work_budget(text);
    let parsed = parse_value(text, start, &options.json_limits(), &mut budget);
    let node = match (parsed.stop, parsed.node) {
        (Stop::Complete, Some(node)) => node,
        (Stop::TooDeep | Stop::TooManyValues | Stop::OutOfBudget, _) => {
            return Err(fail(
                WarningKind::LimitReached,
                "the detection is over the parser's caps",
            ));
        }
        _ => return Err(fail(WarningKind::InvalidJson, "the detection is not JSON")),
    };
    let (item, unsupported) = as_model_item(node);
    let mut warnings = Warnings::new(options.max_warnings);
    match read_item(item, 0, options, &mut warnings) {
        Some(mut detection) => {
            if let Some(reason) = unsupported {
                detection.mask = Mask::Unsupported { reason };
            }
            Ok(detection)
        }
        None => Err(warnings
            .finish()
            .into_iter()
            .find(|w| w.kind == WarningKind::ItemDropped)
            .unwrap_or_else(|| fail(WarningKind::ItemDropped, "nothing to draw"))),
    }
}

/// The item in the model's own format, and the reason of an unsupported mask (which has
/// no model form).
fn as_model_item(node: Node) -> (Node, Option<String>) {
    let Node::Object { members, complete } = node else {
        return (node, None);
    };
    let mut out: Vec<(String, Node)> = Vec::with_capacity(members.len());
    let mut extra = Vec::new();
    let mut unsupported = None;
    for (key, value) in members {
        let (key, value) = match key.as_str() {
            "box_2d" | "box2d" => ("box_2d", listed(value, &["ymin", "xmin", "ymax", "xmax"])),
            "point" | "point_2d" => ("point", listed(value, &["y", "x"])),
            "box_3d" | "box3d" => ("box_3d", flattened_box3d(value)),
            "mask" => {
                let (mask, reason) = model_mask(value);
                unsupported = reason;
                ("mask", mask)
            }
            "pixelBox" | "pixelPoint" => continue,
            "extra" => match value {
                Node::Object { members, .. } => {
                    extra = members;
                    continue;
                }
                other => ("extra", other),
            },
            _ => {
                out.push((key, value));
                continue;
            }
        };
        // The first non-null value under a name wins (`box_2d` over a null `box2d`).
        match out.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) if matches!(slot, Node::Null) => *slot = value,
            Some(_) => {}
            None => out.push((key.to_owned(), value)),
        }
    }
    for (key, value) in extra {
        if !ITEM_KEYS.contains(&key.as_str()) && !out.iter().any(|(k, _)| *k == key) {
            out.push((key, value));
        }
    }
    (
        Node::Object {
            members: out,
            complete,
        },
        unsupported,
    )
}

/// `[a, b, ...]` from an object's named members, or the value as it is.
fn listed(value: Node, names: &[&str]) -> Node {
    let Node::Object { mut members, .. } = value else {
        return value;
    };
    let items = names
        .iter()
        .map(|name| {
            members
                .iter()
                .position(|(k, _)| k == name)
                .map_or(Node::Null, |at| members.swap_remove(at).1)
        })
        .collect();
    Node::Array {
        items,
        complete: true,
    }
}

/// 9 numbers from `{center, size, rollPitchYawDegrees}`, or the value as it is.
fn flattened_box3d(value: Node) -> Node {
    let Node::Object { mut members, .. } = value else {
        return value;
    };
    let mut items = Vec::with_capacity(9);
    for part in ["center", "size", "rollPitchYawDegrees"] {
        match members
            .iter()
            .position(|(k, _)| k == part)
            .map(|at| members.swap_remove(at).1)
        {
            Some(Node::Array { items: values, .. }) => items.extend(values),
            _ => items.push(Node::Null),
        }
    }
    Node::Array {
        items,
        complete: true,
    }
}

/// The model's mask value from a `{kind, ...}` object, or the value as the model gave it.
fn model_mask(value: Node) -> (Node, Option<String>) {
    let Node::Object { members, complete } = value else {
        return (value, None);
    };
    let kind = members.iter().find_map(|(k, v)| match (k.as_str(), v) {
        ("kind", Node::String(kind)) => Some(kind.clone()),
        _ => None,
    });
    let take = |name: &str, members: Vec<(String, Node)>| {
        members
            .into_iter()
            .find(|(k, _)| k == name)
            .map_or(Node::Null, |(_, v)| v)
    };
    match kind.as_deref() {
        Some("none") => (Node::Null, None),
        Some("png") => (take("data", members), None),
        Some("polygon") => (take("rings", members), None),
        Some("unsupported") => {
            let reason = match take("reason", members) {
                Node::String(reason) => reason,
                _ => "unsupported".to_owned(),
            };
            (Node::Null, Some(reason))
        }
        _ => (Node::Object { members, complete }, None),
    }
}
