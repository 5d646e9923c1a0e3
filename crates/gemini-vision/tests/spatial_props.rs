//! Properties of the parser on generated answers.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::spatial::{Detection, parse_detections};
use proptest::prelude::*;

/// A valid box `[ymin, xmin, ymax, xmax]` with integer coordinates.
fn a_box() -> impl Strategy<Value = [u32; 4]> {
    (0u32..1000, 0u32..1000, 1u32..=1000, 1u32..=1000).prop_map(|(a, b, c, d)| {
        [
            a.min(c.max(1) - 1),
            b.min(d.max(1) - 1),
            c.max(a + 1).min(1000),
            d.max(b + 1).min(1000),
        ]
    })
}

fn an_item() -> impl Strategy<Value = ([u32; 4], String)> {
    (a_box(), "\\PC{0,24}")
}

/// The items as the model would write them.
fn answer_json(items: &[([u32; 4], String)], trailing_comma: bool) -> String {
    let rendered: Vec<String> = items
        .iter()
        .map(|(b, label)| {
            format!(
                r#"{{"box_2d": {b:?}, "label": {}}}"#,
                serde_json::to_string(label).unwrap()
            )
        })
        .collect();
    let comma = if trailing_comma && !items.is_empty() {
        ","
    } else {
        ""
    };
    format!("[\n  {}{comma}\n]", rendered.join(",\n  "))
}

/// The ways models have dressed their JSON.
fn dressed(json: &str, style: u8) -> String {
    match style % 6 {
        0 => json.to_owned(),
        1 => format!("```json\n{json}\n```"),
        2 => format!("````json\n{json}\n````"),
        3 => format!("Here are the bounding boxes:\n```\n{json}\n```\n(640, 482)"),
        4 => format!(r#"{{"boxes": {json}}}"#),
        _ => format!("Sure! {json} Let me know if you need more."),
    }
}

fn summary(detections: &[Detection]) -> Vec<([f64; 4], String)> {
    detections
        .iter()
        .map(|d| (d.box_2d.unwrap().to_array(), d.label.clone()))
        .collect()
}

fn expected(items: &[([u32; 4], String)]) -> Vec<([f64; 4], String)> {
    items
        .iter()
        .map(|(b, l)| (b.map(f64::from), l.clone()))
        .collect()
}

proptest! {
    #[test]
    fn any_text_parses_without_panicking_into_valid_detections(text in "\\PC{0,400}") {
        for d in parse_detections(&text).detections {
            prop_assert!(d.box_2d.is_some() || d.point.is_some() || d.box_3d.is_some() || d.mask.kind() == "polygon");
            if let Some(b) = d.box_2d {
                let [y0, x0, y1, x1] = b.to_array();
                prop_assert!(0.0 <= y0 && y0 < y1 && y1 <= 1000.0 && 0.0 <= x0 && x0 < x1 && x1 <= 1000.0);
            }
        }
    }

    #[test]
    fn bracket_soup_parses_without_panicking(text in "[\\[\\]{}\",:0-9a-z \n]{0,600}") {
        let _ = parse_detections(&text);
    }

    #[test]
    fn dressed_answers_give_back_every_item(items in prop::collection::vec(an_item(), 1..12), style in 0u8..6, comma: bool) {
        let text = dressed(&answer_json(&items, comma), style);
        let outcome = parse_detections(&text);
        prop_assert_eq!(summary(&outcome.detections), expected(&items));
        prop_assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    }

    #[test]
    fn a_cut_off_answer_gives_back_a_prefix_of_the_items(items in prop::collection::vec(an_item(), 1..8), cut in 0.0f64..1.0) {
        let text = format!("```json\n{}\n```", answer_json(&items, false));
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let got = summary(&parse_detections(&text[..at]).detections);
        let all = expected(&items);
        prop_assert!(got.len() <= all.len());
        prop_assert_eq!(&got[..], &all[..got.len()]);
    }

    #[test]
    fn any_four_finite_numbers_are_repaired_into_range_or_dropped(v in prop::array::uniform4(-2000.0f64..3000.0)) {
        let text = format!("[{{\"box_2d\": [{}, {}, {}, {}]}}]", v[0], v[1], v[2], v[3]);
        let outcome = parse_detections(&text);
        match outcome.detections.first().and_then(|d| d.box_2d) {
            Some(b) => {
                let [y0, x0, y1, x1] = b.to_array();
                prop_assert_eq!(y0, v[0].min(v[2]).clamp(0.0, 1000.0));
                prop_assert_eq!(x1, v[1].max(v[3]).clamp(0.0, 1000.0));
                prop_assert!(y0 < y1 && x0 < x1);
            }
            None => prop_assert!(!outcome.warnings.is_empty()),
        }
    }
}
