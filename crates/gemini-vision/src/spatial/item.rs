//! Turning one JSON item into a [`Detection`], repairing what can be repaired.

use super::detection::{Detection, Mask};
use super::lenient_json::Node;
use super::mask_value::read_mask;
use super::options::ParseOptions;
use super::warning::{WarningKind, Warnings};
use crate::geometry::{Box3d, BoxDefect, NormalizedBox, NormalizedPoint};
use serde_json::{Map, Number, Value};

/// The detection for item `index`, or `None` (with a warning) when it has nothing to
/// place on the image: no usable box, point, 3D box or polygon.
pub(crate) fn read_item(
    node: Node,
    index: usize,
    options: &ParseOptions,
    warnings: &mut Warnings,
) -> Option<Detection> {
    let at = Some(index);
    let members = match node {
        Node::Object { members, .. } => members,
        // A bare `[ymin, xmin, ymax, xmax]`.
        array @ Node::Array { .. } => vec![("box_2d".to_owned(), array)],
        _ => {
            warnings.push(
                WarningKind::ItemDropped,
                at,
                "dropped: not an object or a box",
            );
            return None;
        }
    };
    let mut detection = Detection::labelled("");
    let mut problems: Vec<String> = Vec::new();
    let mut mask_node = None;
    for (key, value) in members {
        match key.as_str() {
            "box_2d" => match read_box(&value) {
                Ok((b, repairs)) => {
                    if repairs.swapped {
                        warnings.push(
                            WarningKind::Repaired,
                            at,
                            "box_2d corners were inverted and have been swapped",
                        );
                    }
                    if repairs.clamped {
                        warnings.push(
                            WarningKind::Repaired,
                            at,
                            "box_2d values outside 0-1000 were clamped",
                        );
                    }
                    detection.box_2d = Some(b);
                }
                Err(problem) => problems.push(format!("box_2d {problem}")),
            },
            "point" => match read_point(&value) {
                Ok((p, clamped)) => {
                    if clamped {
                        warnings.push(
                            WarningKind::Repaired,
                            at,
                            "point values outside 0-1000 were clamped",
                        );
                    }
                    detection.point = Some(p);
                }
                Err(problem) => problems.push(format!("point {problem}")),
            },
            "box_3d" => match numbers::<9>(&value).and_then(|v| {
                Box3d::from_values(v)
                    .ok_or_else(|| "has a non-finite value or a negative size".to_owned())
            }) {
                Ok(b) => detection.box_3d = Some(b),
                Err(problem) => problems.push(format!("box_3d {problem}")),
            },
            "label" => detection.label = label_text(value, at, warnings),
            "mask" => mask_node = Some(value),
            _ => {
                let json = to_json(value, at, warnings);
                detection.extra.insert(key, json);
            }
        }
    }
    detection.mask = read_mask(mask_node.as_ref(), options);
    if let Mask::Unsupported { reason } = &detection.mask {
        warnings.push(
            WarningKind::MaskUnsupported,
            at,
            format!("mask not drawn: {reason}"),
        );
    }
    let placed = detection.box_2d.is_some()
        || detection.point.is_some()
        || detection.box_3d.is_some()
        || matches!(detection.mask, Mask::Polygon(_));
    if !placed {
        let why = if problems.is_empty() {
            "no box_2d, point, box_3d or polygon mask".to_owned()
        } else {
            problems.join("; ")
        };
        warnings.push(WarningKind::ItemDropped, at, format!("dropped: {why}"));
        return None;
    }
    for problem in problems {
        warnings.push(
            WarningKind::FieldIgnored,
            at,
            format!("{problem}; ignored, the item is kept"),
        );
    }
    if matches!(detection.mask, Mask::Png(_)) && detection.box_2d.is_none() {
        warnings.push(
            WarningKind::MaskUnsupported,
            at,
            "a PNG mask needs a box_2d to be placed; it will not be drawn",
        );
    }
    Some(detection)
}

fn read_box(value: &Node) -> Result<(NormalizedBox, crate::geometry::BoxRepairs), String> {
    let values = numbers::<4>(value)?;
    NormalizedBox::repair(values).map_err(|defect| match defect {
        BoxDefect::NonFinite => "has a value that is not a finite number".to_owned(),
        BoxDefect::ZeroArea => "has no area".to_owned(),
    })
}

fn read_point(value: &Node) -> Result<(NormalizedPoint, bool), String> {
    let [y, x] = numbers::<2>(value)?;
    NormalizedPoint::clamped(y, x)
        .ok_or_else(|| "has a value that is not a finite number".to_owned())
}

/// Exactly `N` numbers in a list.
fn numbers<const N: usize>(value: &Node) -> Result<[f64; N], String> {
    let Node::Array { items, .. } = value else {
        return Err(format!("is not a list of {N} numbers"));
    };
    if items.len() != N {
        return Err(format!("has {} values, not {N}", items.len()));
    }
    let mut out = [0.0; N];
    for (slot, item) in out.iter_mut().zip(items) {
        match item {
            Node::Number(v) => *slot = *v,
            Node::String(_) | Node::Bare(_) | Node::Oversized(_) => {
                return Err("has a string among its numbers".into());
            }
            Node::Null => return Err("has a null among its numbers".into()),
            _ => return Err(format!("is not a list of {N} numbers")),
        }
    }
    Ok(out)
}

/// The label verbatim; other JSON is written out as text.
fn label_text(value: Node, at: Option<usize>, warnings: &mut Warnings) -> String {
    match value {
        Node::String(text) | Node::Bare(text) => text,
        Node::Null => String::new(),
        Node::Oversized(length) => {
            warnings.push(
                WarningKind::FieldIgnored,
                at,
                format!("the {length}-byte label is over the cap; left empty"),
            );
            String::new()
        }
        other => crate::json::to_string(&to_json(other, at, warnings)),
    }
}

/// A number as JSON: integral values as integers, so `384` stays `384`.
fn json_number(v: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if v.fract() == 0.0 && v.abs() < EXACT {
        Value::from(v as i64)
    } else {
        Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

fn to_json(node: Node, at: Option<usize>, warnings: &mut Warnings) -> Value {
    match node {
        Node::Null => Value::Null,
        Node::Bool(b) => Value::Bool(b),
        Node::Number(v) => json_number(v),
        Node::String(text) | Node::Bare(text) => Value::String(text),
        Node::Oversized(length) => {
            warnings.push(
                WarningKind::FieldIgnored,
                at,
                format!("a {length}-byte string is over the cap; kept as null"),
            );
            Value::Null
        }
        Node::Array { items, .. } => Value::Array(
            items
                .into_iter()
                .map(|n| to_json(n, at, warnings))
                .collect(),
        ),
        Node::Object { members, .. } => {
            let mut map = Map::new();
            for (key, value) in members {
                let json = to_json(value, at, warnings);
                map.insert(key, json);
            }
            Value::Object(map)
        }
    }
}
