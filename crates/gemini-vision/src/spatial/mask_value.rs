//! Reading an item's `mask` value into a [`Mask`].
//!
//! Seen in real answers: a `data:image/png;base64,` URI (standard or URL-safe base64,
//! with or without padding); polygons of `[x, y]` points, flat or as nested rings; an
//! array of booleans; `<start_of_mask><seg_N>...` tokens, quoted or not; and a PNG whose
//! base64 degenerated into a repeating run until the answer was cut off. Anything that
//! cannot be drawn becomes [`Mask::Unsupported`] with the reason; it never fails the item.

use super::detection::Mask;
use super::lenient_json::Node;
use super::options::ParseOptions;
use crate::mask::{MaskLimits, PngMask, PolygonMask};

const PNG_DATA_URI: &str = "data:image/png;base64,";
/// `\x89PNG\r\n\x1a\n` in base64: a PNG sent without its data URI prefix.
const PNG_BASE64_START: &str = "iVBORw0KGgo";

/// The item's mask (`None` when the key is absent or `null`).
pub(crate) fn read_mask(value: Option<&Node>, options: &ParseOptions) -> Mask {
    let unsupported = |reason: String| Mask::Unsupported { reason };
    match value {
        None | Some(Node::Null) => Mask::None,
        Some(Node::String(text) | Node::Bare(text)) => read_mask_string(text, options),
        Some(Node::Oversized(length)) => unsupported(format!(
            "the mask string is {length} bytes, over the {}-byte cap",
            options.max_string_bytes
        )),
        Some(Node::Array { items, complete }) => {
            if !complete {
                return unsupported("the mask was cut off".into());
            }
            read_mask_array(items, options)
        }
        Some(Node::Object { .. }) => unsupported("an object is not a mask format we know".into()),
        Some(Node::Bool(_) | Node::Number(_)) => unsupported("a single value is not a mask".into()),
    }
}

fn read_mask_string(text: &str, options: &ParseOptions) -> Mask {
    let trimmed = text.trim();
    if trimmed.contains("<start_of_mask>") || trimmed.contains("<seg_") {
        return Mask::Unsupported {
            reason: "segmentation tokens (<seg_N>) cannot be decoded".into(),
        };
    }
    let prefix = trimmed.get(..PNG_DATA_URI.len());
    let payload = if let Some(rest) = prefix
        .filter(|p| p.eq_ignore_ascii_case(PNG_DATA_URI))
        .and_then(|_| trimmed.get(PNG_DATA_URI.len()..))
    {
        rest
    } else if trimmed.starts_with(PNG_BASE64_START) {
        trimmed
    } else if let Some(rest) = trimmed.strip_prefix("data:") {
        let kind = rest.split([';', ',']).next().unwrap_or("");
        return Mask::Unsupported {
            reason: format!("a data URI of type {kind:?}, not image/png"),
        };
    } else if trimmed.is_empty() {
        return Mask::Unsupported {
            reason: "the mask string is empty".into(),
        };
    } else {
        return Mask::Unsupported {
            reason: "the mask string is neither a PNG data URI nor a polygon".into(),
        };
    };
    let Ok(bytes) = crate::base64::decode(payload.as_bytes()) else {
        return Mask::Unsupported {
            reason: "the PNG data URI is not valid base64".into(),
        };
    };
    let limits = MaskLimits {
        max_side: options.max_mask_side,
        max_pixels: options.max_mask_pixels,
    };
    match PngMask::from_png_bytes(bytes, &limits) {
        Ok(png) => Mask::Png(png),
        Err(error) => Mask::Unsupported {
            reason: error.to_string(),
        },
    }
}

fn read_mask_array(items: &[Node], options: &ParseOptions) -> Mask {
    let unsupported = |reason: &str| Mask::Unsupported {
        reason: reason.to_owned(),
    };
    if items.is_empty() {
        return unsupported("the mask is an empty list");
    }
    if items.iter().all(|n| matches!(n, Node::Bool(_))) {
        return unsupported("an array of booleans has no known grid size");
    }
    let rings = match read_rings(items) {
        Ok(rings) => rings,
        Err(reason) => return unsupported(reason),
    };
    let points: usize = rings.iter().map(Vec::len).sum();
    if points > options.max_polygon_points {
        return Mask::Unsupported {
            reason: format!(
                "the polygon has {points} points, over the cap of {}",
                options.max_polygon_points
            ),
        };
    }
    match PolygonMask::new(rings) {
        Some(polygon) => Mask::Polygon(polygon),
        None => unsupported("the polygon has no ring of 3 or more finite points"),
    }
}

/// `[[x, y], ...]`, `[[[x, y], ...], ...]`, `[x1, y1, x2, y2, ...]` or a list of flat rings.
fn read_rings(items: &[Node]) -> Result<Vec<Vec<[f64; 2]>>, &'static str> {
    if items.iter().all(|n| matches!(n, Node::Number(_))) {
        return flat_ring(items).map(|ring| vec![ring]);
    }
    let all_pairs = items.iter().all(|n| point(n).is_some());
    if all_pairs {
        return Ok(vec![items.iter().filter_map(point).collect()]);
    }
    let mut rings = Vec::new();
    for item in items {
        let Node::Array {
            items: inner,
            complete: true,
        } = item
        else {
            return Err("a polygon point is not a list of two numbers");
        };
        if inner.iter().all(|n| point(n).is_some()) {
            rings.push(inner.iter().filter_map(point).collect());
        } else if inner.iter().all(|n| matches!(n, Node::Number(_))) {
            rings.push(flat_ring(inner)?);
        } else {
            return Err("a polygon point is not a list of two numbers");
        }
    }
    Ok(rings)
}

fn point(node: &Node) -> Option<[f64; 2]> {
    match node {
        Node::Array {
            items,
            complete: true,
        } => match items.as_slice() {
            [Node::Number(x), Node::Number(y)] => Some([*x, *y]),
            _ => None,
        },
        _ => None,
    }
}

fn flat_ring(items: &[Node]) -> Result<Vec<[f64; 2]>, &'static str> {
    if !items.len().is_multiple_of(2) {
        return Err("a flat polygon has an odd count of numbers");
    }
    let numbers: Vec<f64> = items
        .iter()
        .filter_map(|n| {
            if let Node::Number(v) = n {
                Some(*v)
            } else {
                None
            }
        })
        .collect();
    Ok(numbers.chunks_exact(2).map(|p| [p[0], p[1]]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask_of(text: &str) -> Mask {
        read_mask(
            Some(&Node::String(text.to_owned())),
            &ParseOptions::default(),
        )
    }

    fn reason(mask: Mask) -> String {
        match mask {
            Mask::Unsupported { reason } => reason,
            other => panic!("expected unsupported, got {other:?}"),
        }
    }

    #[test]
    fn seg_tokens_are_unsupported() {
        assert!(reason(mask_of("<start_of_mask><seg_35><seg_65>")).contains("segmentation tokens"));
    }

    #[test]
    fn non_png_data_uris_are_unsupported_with_their_type() {
        assert!(reason(mask_of("data:image/jpeg;base64,/9j/4AAQ")).contains("image/jpeg"));
    }

    #[test]
    fn base64_that_is_not_a_png_is_unsupported() {
        assert!(reason(mask_of("data:image/png;base64,aGVsbG8=")).contains("not a PNG"));
    }

    #[test]
    fn invalid_base64_is_unsupported() {
        assert!(reason(mask_of("data:image/png;base64,iVBOR...... 4+Pj")).contains("base64"));
    }

    #[test]
    fn plain_words_are_unsupported() {
        assert!(reason(mask_of("a cat")).contains("neither"));
    }
}
