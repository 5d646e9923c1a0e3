//! The parser on every real model answer in `shared/samples`, and on the malformed
//! excerpts from cookbook issues, degrading as their notes say.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod shared_samples;

use gemini_vision::mask::{MaskLimits, PngMask};
use gemini_vision::spatial::{Mask, WarningKind, parse_detections};
use serde_json::Value;
use shared_samples::{files, response, responses, segmentation_responses, text};

/// The cookbook's own reading: the text after a "```json" line up to the next fence,
/// else the whole text, then `json.loads`.
fn cookbook_items(text: &str) -> Vec<Value> {
    let lines: Vec<&str> = text.lines().collect();
    let json = match lines.iter().position(|l| *l == "```json") {
        Some(i) => lines[i + 1..]
            .join("\n")
            .split("```")
            .next()
            .unwrap()
            .to_owned(),
        None => text.to_owned(),
    };
    serde_json::from_str::<Vec<Value>>(&json).unwrap()
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

#[test]
fn every_answer_has_its_provenance_file() {
    for r in responses() {
        assert_eq!(r.meta["file"].as_str(), Some(r.name.as_str()));
        assert!(
            r.meta["source_repo"]
                .as_str()
                .is_some_and(|s| !s.is_empty()),
            "{}",
            r.name
        );
    }
}

#[test]
fn every_answer_parses_as_the_cookbook_reads_it() {
    for r in responses() {
        let outcome = parse_detections(&r.text);
        let items = cookbook_items(&r.text);
        assert!(
            outcome.warnings.is_empty(),
            "{}: {:?}",
            r.name,
            outcome.warnings
        );
        assert_eq!(outcome.detections.len(), items.len(), "{}", r.name);
        for (detection, item) in outcome.detections.iter().zip(&items) {
            assert_eq!(
                detection.label,
                item["label"].as_str().unwrap(),
                "{}",
                r.name
            );
            let expected_box = item.get("box_2d").map(numbers);
            assert_eq!(
                detection.box_2d.map(|b| b.to_array().to_vec()),
                expected_box,
                "{}",
                r.name
            );
            let expected_point = item.get("point").map(numbers);
            assert_eq!(
                detection.point.map(|p| vec![p.y(), p.x()]),
                expected_point,
                "{}",
                r.name
            );
            let has_png = item
                .get("mask")
                .and_then(Value::as_str)
                .is_some_and(|m| m.starts_with("data:image/png;base64,"));
            assert_eq!(
                matches!(detection.mask, Mask::Png(_)),
                has_png,
                "{}",
                r.name
            );
        }
    }
}

#[test]
fn the_thumbnail_size_printed_after_the_socks_answer_is_not_a_detection() {
    let r = response("cookbook_2025-02-21_gemini-2_0-flash_socks");
    assert!(r.text.contains("(640, 482)"));
    let outcome = parse_detections(&r.text);
    assert_eq!(outcome.detections.len(), 2);
    assert!(
        outcome
            .detections
            .iter()
            .all(|d| d.label == "sock with face")
    );
}

#[test]
fn prose_around_the_fenced_spill_answer_is_ignored() {
    let r = response("cookbook_2025-02-21_gemini-2_0-flash_spill_clean_table_bbox_with_prose");
    let labels: Vec<String> = parse_detections(&r.text)
        .detections
        .into_iter()
        .map(|d| d.label)
        .collect();
    assert_eq!(
        labels,
        ["pink cloth", "sugar bowl", "spill", "sugar container"]
    );
}

#[test]
fn gemini_3_answers_without_a_fence_are_read() {
    let r = response("cookbook_2026-05-12_gemini-3-flash-preview_cupcakes_bbox_nofence");
    assert!(!r.text.contains("```"));
    assert_eq!(parse_detections(&r.text).detections.len(), 13);
}

#[test]
fn pointing_answers_give_points_and_no_boxes() {
    for r in responses().into_iter().filter(|r| {
        r.meta["prompt"]
            .as_str()
            .is_some_and(|p| p.contains("Point to"))
    }) {
        let outcome = parse_detections(&r.text);
        assert_eq!(outcome.detections.len(), 10, "{}", r.name);
        assert!(
            outcome
                .detections
                .iter()
                .all(|d| d.point.is_some() && d.box_2d.is_none()),
            "{}",
            r.name
        );
    }
}

#[test]
fn escaped_quotes_in_a_label_are_unescaped() {
    let outcome = parse_detections(&response("ts-cookbook3d").text);
    assert!(
        outcome
            .detections
            .iter()
            .any(|d| d.label == "3\"\" marking")
    );
}

#[test]
fn segmentation_answers_carry_256_square_png_masks() {
    let counts: Vec<usize> = segmentation_responses()
        .iter()
        .map(|r| {
            let outcome = parse_detections(&r.text);
            for d in &outcome.detections {
                let Mask::Png(png) = &d.mask else {
                    panic!("{}: {:?}", r.name, d.mask)
                };
                assert_eq!((png.width(), png.height()), (256, 256));
            }
            outcome.detections.len()
        })
        .collect();
    assert_eq!(counts, [20, 15]);
}

#[test]
fn every_malformed_excerpt_has_its_note() {
    for (name, _) in files("malformed")
        .into_iter()
        .filter(|(n, _)| n.ends_with(".PARTIAL.txt"))
    {
        let note = text("malformed", &name.replace(".PARTIAL.txt", ".meta.md"));
        assert!(note.contains("PARTIAL excerpt"), "{name}");
    }
}

#[test]
fn a_boolean_array_mask_cut_off_mid_answer_drops_only_the_incomplete_item() {
    let excerpt = text(
        "malformed",
        "cookbook-issue-961_boolean_array_mask.PARTIAL.txt",
    );
    let outcome = parse_detections(&excerpt);
    assert!(outcome.detections.is_empty());
    assert_eq!(outcome.warnings[0].kind, WarningKind::Truncated);
    assert!(
        outcome.warnings[0]
            .message
            .contains("1 incomplete item was dropped")
    );
}

#[test]
fn a_complete_boolean_array_mask_keeps_its_box_without_a_mask() {
    let note = text("malformed", "cookbook-issue-961_boolean_array_mask.meta.md");
    assert!(note.contains("array of booleans"));
    let excerpt = text(
        "malformed",
        "cookbook-issue-961_boolean_array_mask.PARTIAL.txt",
    );
    let completed = format!(
        "{}true], \"label\": \"person\"}}\n]\n````",
        excerpt.trim_end().trim_end_matches('t')
    );
    let outcome = parse_detections(&completed);
    let d = &outcome.detections[0];
    assert_eq!(d.box_2d.unwrap().to_array(), [0.0, 394.0, 1000.0, 1000.0]);
    assert!(matches!(&d.mask, Mask::Unsupported { reason } if reason.contains("booleans")));
    assert_eq!(outcome.warnings[0].kind, WarningKind::MaskUnsupported);
}

#[test]
fn seg_token_masks_degrade_to_the_box_with_a_warning() {
    let note = text("malformed", "cookbook-issue-798_seg_tokens_mask.meta.md");
    assert!(note.contains("degrade to box-only"));
    let excerpt = text(
        "malformed",
        "cookbook-issue-798_seg_tokens_mask.PARTIAL.txt",
    );
    let answer =
        format!("[{{\"box_2d\": [100, 200, 300, 400], \"label\": \"cupcake\", {excerpt}}}]");
    let outcome = parse_detections(&answer);
    let d = &outcome.detections[0];
    assert_eq!(d.label, "cupcake");
    assert!(d.box_2d.is_some());
    assert!(matches!(&d.mask, Mask::Unsupported { reason } if reason.contains("<seg_N>")));
    assert_eq!(outcome.warnings[0].kind, WarningKind::MaskUnsupported);
}

#[test]
fn a_degenerate_mask_cut_off_mid_string_keeps_the_complete_items_before_it() {
    let excerpt = text(
        "malformed",
        "cookbook-issue-798_degenerate_base64_truncated.PARTIAL.txt",
    );
    let answer = format!(
        "[{{\"box_2d\": [1, 2, 3, 4], \"label\": \"ok\"}}, {{\"box_2d\": [5, 6, 7, 8], \"label\": \"cut\", {excerpt}"
    );
    let outcome = parse_detections(&answer);
    let labels: Vec<&str> = outcome
        .detections
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, ["ok"]);
    assert_eq!(outcome.warnings[0].kind, WarningKind::Truncated);
}

#[test]
fn a_degenerate_mask_string_that_was_closed_is_unsupported() {
    let excerpt = text(
        "malformed",
        "cookbook-issue-798_degenerate_base64_truncated.PARTIAL.txt",
    );
    let mask_line = excerpt.lines().take(2).collect::<Vec<_>>().join(" ");
    let answer = format!("[{{\"box_2d\": [5, 6, 7, 8], {mask_line}\"}}]");
    let outcome = parse_detections(&answer);
    assert!(
        matches!(&outcome.detections[0].mask, Mask::Unsupported { reason } if reason.contains("base64"))
    );
}

#[test]
fn the_degenerate_png_header_says_288_by_440_rgba_but_fails_its_checksum() {
    let note = text(
        "malformed",
        "cookbook-issue-798_degenerate_base64_truncated.meta.md",
    );
    assert!(note.contains("288x440 RGBA"));
    let excerpt = text(
        "malformed",
        "cookbook-issue-798_degenerate_base64_truncated.PARTIAL.txt",
    );
    let start = excerpt.find("base64,").unwrap() + "base64,".len();
    let clean: String = excerpt[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
        .collect();
    let bytes = base64_decode(&clean[..clean.len() / 4 * 4]);
    // IHDR: width and height (big endian) at 16 and 20, colour type 6 (RGBA) at 25.
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((be(16), be(20), bytes[25]), (288, 440, 6));
    // The model invented the header's CRC too: the PNG is refused before any decoding.
    let error = PngMask::from_png_bytes(bytes, &MaskLimits::default()).unwrap_err();
    assert!(error.to_string().contains("CRC"), "{error}");
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}
