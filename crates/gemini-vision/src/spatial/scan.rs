//! Finding the detections in free text.
//!
//! Model answers put their JSON anywhere: bare, in ```` ``` ```` or ```` ```` ```` fences with
//! or without a language tag, after `Here are the...`, before `(640, 482)`, in several
//! blocks, inside a `{"boxes": [...]}` wrapper. Rather than trusting fences, this scans
//! the whole text for `[` and `{`, reads a value leniently from each, and keeps the values
//! that look like detections: lists of objects with a `box_2d`, `point`, `box_3d` or
//! `mask`, single such objects, bare `[ymin, xmin, ymax, xmax]` boxes, or a list of them,
//! possibly under single-key wrappers. Fence lines are just text between values.
//!
//! Time is bounded by a work budget proportional to the text length, so adversarial
//! text (100,000 nested brackets, 10 MB of garbage) costs at most a few passes over it.

use super::lenient_json::{Node, Stop, parse_value};
use super::options::ParseOptions;
use super::warning::{WarningKind, Warnings};

/// Keys that make an object a detection.
const ITEM_KEYS: [&str; 4] = ["box_2d", "point", "box_3d", "mask"];
/// How many wrapper objects deep we look for the list.
const MAX_WRAPPER_DEPTH: usize = 4;

/// The complete detection-like items in `text`, in order of appearance: at most
/// `max_detections + 1` of them (one more than the cap tells the caller there are more;
/// the rest of the text is not read).
pub(crate) fn find_items(text: &str, options: &ParseOptions, warnings: &mut Warnings) -> Vec<Node> {
    let wanted = options.max_detections.saturating_add(1);
    let limits = options.json_limits();
    let mut budget = options.work_budget(text);
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut pos = 0;
    while let Some(offset) = bytes
        .get(pos..)
        .and_then(|rest| rest.iter().position(|b| matches!(b, b'[' | b'{')))
    {
        let start = pos + offset;
        let parsed = parse_value(text, start, &limits, &mut budget);
        let found = parsed.node.and_then(|node| take_items(node, 0));
        match found {
            Some(list) => {
                let kept = list.items.iter().filter(|n| is_complete(n)).count();
                // Past the detection cap, what went wrong further on is not worth a warning:
                // the cap's own warning says the rest was not read.
                if items.len() + kept <= options.max_detections {
                    report_stop(parsed.stop, parsed.end, &list, items.len(), warnings);
                }
                let room = wanted.saturating_sub(items.len());
                items.extend(list.items.into_iter().filter(is_complete).take(room));
                if items.len() >= wanted {
                    break;
                }
                pos = parsed.end.max(start + 1);
            }
            // Too deep to read: every start before the stop point is as deep or deeper.
            None if parsed.stop == Stop::TooDeep => pos = parsed.end.max(start + 1),
            None => pos = start + 1,
        }
        if budget == 0 {
            warnings.push(
                WarningKind::LimitReached,
                None,
                format!(
                    "stopped looking for JSON at byte {pos} of {}: the text is too irregular",
                    text.len()
                ),
            );
            break;
        }
    }
    items
}

/// Detection-like items and whether their list was closed.
struct ItemList {
    items: Vec<Node>,
    complete: bool,
}

fn take_items(node: Node, depth: usize) -> Option<ItemList> {
    if depth > MAX_WRAPPER_DEPTH {
        return None;
    }
    match node {
        Node::Array { items, complete } => {
            if is_bare_box(&items) {
                return Some(ItemList {
                    items: vec![Node::Array { items, complete }],
                    complete,
                });
            }
            if items.iter().any(is_detection_like) {
                return Some(ItemList { items, complete });
            }
            // `[[{...}, {...}]]`: one list wrapped in another.
            let mut items = items;
            match (items.pop(), items.is_empty()) {
                (Some(inner @ Node::Array { .. }), true) => take_items(inner, depth + 1),
                _ => None,
            }
        }
        Node::Object { .. } if is_detection_like(&node) => Some(ItemList {
            items: vec![node],
            complete: true,
        }),
        Node::Object { mut members, .. } => {
            // `{"boxes": [...]}` and the like: one member, or one member that is a list.
            let index = if members.len() == 1 {
                Some(0)
            } else {
                let mut lists = members
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, v))| looks_like_list(v));
                match (lists.next(), lists.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            };
            let (_, value) = members.swap_remove(index?);
            take_items(value, depth + 1)
        }
        _ => None,
    }
}

fn looks_like_list(node: &Node) -> bool {
    match node {
        Node::Array { items, .. } => is_bare_box(items) || items.iter().any(is_detection_like),
        _ => false,
    }
}

fn is_detection_like(node: &Node) -> bool {
    match node {
        Node::Object { members, .. } => members
            .iter()
            .any(|(key, _)| ITEM_KEYS.contains(&key.as_str())),
        Node::Array { items, .. } => is_bare_box(items),
        _ => false,
    }
}

fn is_bare_box(items: &[Node]) -> bool {
    items.len() == 4 && items.iter().all(|n| matches!(n, Node::Number(_)))
}

fn is_complete(node: &Node) -> bool {
    match node {
        Node::Object { complete, .. } | Node::Array { complete, .. } => *complete,
        _ => true,
    }
}

fn report_stop(stop: Stop, end: usize, list: &ItemList, before: usize, warnings: &mut Warnings) {
    let kept = list.items.iter().filter(|n| is_complete(n)).count();
    let dropped = list.items.len() - kept;
    let tail = match dropped {
        0 => String::new(),
        1 => "; 1 incomplete item was dropped".to_owned(),
        n => format!("; {n} incomplete items were dropped"),
    };
    let first = (dropped > 0).then_some(before + kept);
    let (kind, what) = match stop {
        Stop::Complete if list.complete => return,
        Stop::Complete => (
            WarningKind::Truncated,
            "a list of detections was not closed".to_owned(),
        ),
        Stop::Truncated => (WarningKind::Truncated, "the answer was cut off".to_owned()),
        Stop::Invalid(reason) => (
            WarningKind::InvalidJson,
            format!("unreadable JSON at byte {end} ({reason})"),
        ),
        Stop::TooDeep => (
            WarningKind::LimitReached,
            format!("JSON nested too deeply at byte {end}"),
        ),
        Stop::TooManyValues => (
            WarningKind::LimitReached,
            format!("too many JSON values; stopped at byte {end}"),
        ),
        Stop::TooManyItems => (
            WarningKind::LimitReached,
            format!("a list with too many items; stopped at byte {end}"),
        ),
        Stop::OutOfBudget => (
            WarningKind::LimitReached,
            format!("gave up reading JSON at byte {end}"),
        ),
    };
    warnings.push(
        kind,
        first,
        format!("{what}; kept the {kept} complete items before it{tail}"),
    );
}
