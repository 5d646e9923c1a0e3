//! Parser behaviour on small invented inputs; real answers are in `tests/spatial_samples.rs`.

use super::*;

fn parse(text: &str) -> ParseOutcome {
    parse_detections(text)
}

fn boxes(outcome: &ParseOutcome) -> Vec<[f64; 4]> {
    outcome
        .detections
        .iter()
        .filter_map(|d| d.box_2d.map(|b| b.to_array()))
        .collect()
}

fn kinds(outcome: &ParseOutcome) -> Vec<WarningKind> {
    outcome.warnings.iter().map(|w| w.kind).collect()
}

#[test]
fn plain_json_is_read() {
    let outcome = parse(r#"[{"box_2d": [1, 2, 3, 4], "label": "a"}]"#);
    assert_eq!(boxes(&outcome), vec![[1.0, 2.0, 3.0, 4.0]]);
    assert!(outcome.warnings.is_empty());
}

#[test]
fn a_fence_without_a_language_tag_is_read() {
    let outcome = parse("```\n[{\"box_2d\": [1, 2, 3, 4]}]\n```");
    assert_eq!(outcome.detections.len(), 1);
}

#[test]
fn a_four_backtick_fence_is_read() {
    let outcome = parse("````json\n[{\"box_2d\": [1, 2, 3, 4]}]\n````");
    assert_eq!(outcome.detections.len(), 1);
}

#[test]
fn several_fenced_blocks_are_all_read() {
    let text = "First:\n```json\n[{\"box_2d\": [1, 2, 3, 4]}]\n```\nThen:\n```json\n[{\"box_2d\": [5, 6, 7, 8]}]\n```";
    assert_eq!(
        boxes(&parse(text)),
        vec![[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]
    );
}

#[test]
fn wrappers_with_one_key_are_unwrapped() {
    for key in ["boxes", "detections", "objects", "result"] {
        let text = format!(r#"{{"{key}": [{{"box_2d": [1, 2, 3, 4]}}]}}"#);
        assert_eq!(parse(&text).detections.len(), 1, "{key}");
    }
}

#[test]
fn a_wrapper_with_one_list_among_other_keys_is_unwrapped() {
    let outcome = parse(
        r#"{"note": "two found", "boxes": [{"box_2d": [1, 2, 3, 4]}, {"box_2d": [5, 6, 7, 8]}]}"#,
    );
    assert_eq!(outcome.detections.len(), 2);
}

#[test]
fn a_bare_box_is_one_detection_without_a_label() {
    let outcome = parse("The box is [100, 200, 300, 400].");
    assert_eq!(boxes(&outcome), vec![[100.0, 200.0, 300.0, 400.0]]);
    assert_eq!(outcome.detections[0].label, "");
}

#[test]
fn a_list_of_bare_boxes_is_one_detection_each() {
    assert_eq!(parse("[[1, 2, 3, 4], [5, 6, 7, 8]]").detections.len(), 2);
}

#[test]
fn trailing_commas_are_accepted() {
    let outcome = parse(r#"[{"box_2d": [1, 2, 3, 4,], "label": "a",},]"#);
    assert_eq!(outcome.detections.len(), 1);
    assert!(outcome.warnings.is_empty());
}

#[test]
fn missing_commas_between_items_are_accepted() {
    assert_eq!(
        parse("[{\"box_2d\": [1, 2, 3, 4]}\n{\"box_2d\": [5, 6, 7, 8]}]")
            .detections
            .len(),
        2
    );
}

#[test]
fn python_style_literals_and_quotes_are_accepted() {
    let outcome = parse("[{'box_2d': [1, 2, 3, 4], 'label': 'a', 'occluded': True, 'note': None}]");
    let d = &outcome.detections[0];
    assert_eq!(d.label, "a");
    assert_eq!(d.extra["occluded"], serde_json::json!(true));
    assert_eq!(d.extra["note"], serde_json::Value::Null);
}

#[test]
fn a_cut_off_answer_keeps_every_complete_item() {
    let outcome =
        parse(r#"[{"box_2d": [1, 2, 3, 4], "label": "a"}, {"box_2d": [5, 6, 7, 8], "lab"#);
    assert_eq!(boxes(&outcome), vec![[1.0, 2.0, 3.0, 4.0]]);
    assert_eq!(kinds(&outcome), vec![WarningKind::Truncated]);
    assert!(
        outcome.warnings[0]
            .message
            .contains("1 incomplete item was dropped")
    );
}

#[test]
fn an_answer_cut_off_inside_a_wrapper_keeps_its_complete_items() {
    let outcome = parse(r#"{"boxes": [{"box_2d": [1, 2, 3, 4]}, {"box_2d": [5, 6"#);
    assert_eq!(outcome.detections.len(), 1);
}

#[test]
fn broken_json_keeps_the_items_before_the_break() {
    let outcome = parse(r#"[{"box_2d": [1, 2, 3, 4]}, {"box_2d": [5, 6, 7, 8] ]} garbage"#);
    assert_eq!(outcome.detections.len(), 1);
    assert_eq!(kinds(&outcome)[0], WarningKind::InvalidJson);
}

#[test]
fn inverted_corners_are_swapped_with_a_warning() {
    let outcome = parse(r#"[{"box_2d": [300, 400, 100, 200]}]"#);
    assert_eq!(boxes(&outcome), vec![[100.0, 200.0, 300.0, 400.0]]);
    assert_eq!(kinds(&outcome), vec![WarningKind::Repaired]);
}

#[test]
fn values_outside_the_range_are_clamped_with_a_warning() {
    let outcome = parse(r#"[{"box_2d": [-20, 0, 1003, 500]}]"#);
    assert_eq!(boxes(&outcome), vec![[0.0, 0.0, 1000.0, 500.0]]);
    assert_eq!(kinds(&outcome), vec![WarningKind::Repaired]);
}

#[test]
fn malformed_boxes_drop_their_item_with_a_warning() {
    let cases = [
        r#"[{"box_2d": [1, 2, 3], "label": "arity"}]"#,
        r#"[{"box_2d": ["1", "2", "3", "4"], "label": "strings"}]"#,
        r#"[{"box_2d": null, "label": "null"}]"#,
        r#"[{"box_2d": [1, 2, NaN, 4], "label": "nan"}]"#,
        r#"[{"box_2d": [1, 2, 1e999, 4], "label": "overflow"}]"#,
        r#"[{"box_2d": [5, 2, 5, 4], "label": "flat"}]"#,
    ];
    for text in cases {
        let outcome = parse(text);
        assert!(outcome.detections.is_empty(), "{text}");
        assert_eq!(kinds(&outcome), vec![WarningKind::ItemDropped], "{text}");
    }
}

#[test]
fn a_valid_point_keeps_an_item_whose_box_is_malformed() {
    let outcome = parse(r#"[{"box_2d": [1, 2, 3], "point": [500, 250], "label": "a"}]"#);
    let d = &outcome.detections[0];
    assert!(d.box_2d.is_none());
    assert_eq!(d.point.map(|p| (p.y(), p.x())), Some((500.0, 250.0)));
    assert_eq!(kinds(&outcome), vec![WarningKind::FieldIgnored]);
}

#[test]
fn points_are_clamped() {
    let outcome = parse(r#"[{"point": [1200, -3]}]"#);
    assert_eq!(
        outcome.detections[0].point.map(|p| (p.y(), p.x())),
        Some((1000.0, 0.0))
    );
}

#[test]
fn labels_are_kept_verbatim_or_stringified() {
    let outcome = parse(
        r#"[{"box_2d": [1,2,3,4], "label": "  Café \"3\"  "}, {"box_2d": [1,2,3,4]}, {"box_2d": [1,2,3,4], "label": 7}, {"box_2d": [1,2,3,4], "label": ["a", 1]}]"#,
    );
    let labels: Vec<&str> = outcome
        .detections
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, vec!["  Café \"3\"  ", "", "7", r#"["a",1]"#]);
}

#[test]
fn extra_keys_are_kept_as_json() {
    let outcome =
        parse(r#"[{"box_2d": [1, 2, 3, 4], "score": 0.9, "attributes": {"color": "red"}}]"#);
    let extra = &outcome.detections[0].extra;
    assert_eq!(extra["score"], serde_json::json!(0.9));
    assert_eq!(extra["attributes"], serde_json::json!({"color": "red"}));
}

#[test]
fn box_3d_needs_nine_numbers() {
    let outcome = parse(
        r#"[{"label": "chair", "box_3d": [0.1, 2.0, -0.3, 0.5, 0.5, 0.9, 0, 0, 45]}, {"label": "x", "box_3d": [1, 2]}]"#,
    );
    assert_eq!(outcome.detections.len(), 1);
    assert_eq!(
        outcome.detections[0]
            .box_3d
            .map(|b| b.roll_pitch_yaw_degrees),
        Some([0.0, 0.0, 45.0])
    );
    assert_eq!(kinds(&outcome), vec![WarningKind::ItemDropped]);
}

#[test]
fn polygon_masks_are_read_x_first_and_can_stand_alone() {
    let outcome = parse(r#"[{"mask": [[100, 200], [300, 200], [300, 400]], "label": "tri"}]"#);
    let Mask::Polygon(polygon) = &outcome.detections[0].mask else {
        panic!("{outcome:?}")
    };
    assert_eq!(polygon.rings()[0][0], [100.0, 200.0]);
}

#[test]
fn nested_polygon_rings_are_read() {
    let outcome = parse(
        r#"[{"box_2d": [0,0,10,10], "mask": [[[0,0],[10,0],[10,10]], [[2,2],[4,2],[4,4]]]}]"#,
    );
    let Mask::Polygon(polygon) = &outcome.detections[0].mask else {
        panic!("{outcome:?}")
    };
    assert_eq!(polygon.rings().len(), 2);
}

#[test]
fn boolean_masks_are_unsupported_but_keep_the_box() {
    let outcome = parse(r#"[{"box_2d": [1, 2, 3, 4], "mask": [true, false, true]}]"#);
    assert!(matches!(
        outcome.detections[0].mask,
        Mask::Unsupported { .. }
    ));
    assert_eq!(kinds(&outcome), vec![WarningKind::MaskUnsupported]);
}

#[test]
fn unquoted_seg_tokens_are_unsupported_but_keep_the_box() {
    let outcome = parse(
        "[{\"box_2d\": [1, 2, 3, 4], \"mask\": <start_of_mask><seg_1><seg_2>, \"label\": \"x\"}]",
    );
    let d = &outcome.detections[0];
    assert_eq!(d.label, "x");
    assert!(matches!(&d.mask, Mask::Unsupported { reason } if reason.contains("<seg_N>")));
}

#[test]
fn oversized_mask_strings_are_unsupported_without_being_stored() {
    let options = ParseOptions {
        max_string_bytes: 64,
        ..ParseOptions::default()
    };
    let text = format!(
        r#"[{{"box_2d": [1, 2, 3, 4], "mask": "data:image/png;base64,{}"}}]"#,
        "A".repeat(1000)
    );
    let outcome = parse_detections_with(&text, &options);
    assert!(
        matches!(&outcome.detections[0].mask, Mask::Unsupported { reason } if reason.contains("over the 64-byte cap"))
    );
}

#[test]
fn items_past_the_detection_cap_are_dropped_with_one_warning() {
    let options = ParseOptions {
        max_detections: 2,
        ..ParseOptions::default()
    };
    let outcome = parse_detections_with("[[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]", &options);
    assert_eq!(outcome.detections.len(), 2);
    assert_eq!(kinds(&outcome), vec![WarningKind::LimitReached]);
}

#[test]
fn text_without_detections_says_so() {
    let outcome = parse("I could not find any cupcakes. {\"answer\": \"none\"} [sic]");
    assert!(outcome.detections.is_empty());
    assert_eq!(kinds(&outcome), vec![WarningKind::NoDetections]);
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let outcome = parse(&text);
    assert!(outcome.detections.is_empty());
}

#[test]
fn escapes_and_surrogate_pairs_are_decoded() {
    let outcome =
        parse(r#"[{"box_2d": [1,2,3,4], "label": "tab\there \ud83d\ude00 \u00e9 \ud800 \/"}]"#);
    assert_eq!(outcome.detections[0].label, "tab\there 😀 é \u{fffd} /");
}

#[test]
fn the_outcome_serializes_for_javascript() {
    let json = serde_json::to_value(parse("[[300, 0, 100, 10]]")).unwrap();
    assert_eq!(
        json["detections"][0]["box2d"]["ymin"],
        serde_json::json!(100.0)
    );
    assert_eq!(json["warnings"][0]["kind"], serde_json::json!("repaired"));
    assert_eq!(json["warnings"][0]["item"], serde_json::json!(0));
}
