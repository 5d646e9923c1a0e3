//! Detections through the JS boundary, natively: `serde_json` stands in for the engine's
//! `JSON.parse` (out) and `JSON.stringify` (in), element by element as the shell does.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;
use gemini_vision::geometry::ImageSize;
use gemini_vision::spatial::{JsonOptions, parse_detections};
use proptest::prelude::*;
use serde_json::{Value, json};

const SAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/samples/responses"
);

fn samples() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(SAMPLES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

/// What `parseDetections(text, { width: 1024, height: 1024 })` gives JS.
fn parsed_in_js(text: &str) -> Value {
    let size = ImageSize::new(1024, 1024).unwrap();
    serde_json::from_str(&parse_detections(text).to_json(&JsonOptions::for_image(size))).unwrap()
}

/// What `draw` reads from a JS array, element by element.
fn drawn_from_js(items: &[Value]) -> (Vec<Detection>, Vec<String>) {
    let options = ParseOptions::default();
    let mut warnings = Vec::new();
    let detections = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let text = serde_json::to_string(item).ok();
            let label = || item.get("label").and_then(Value::as_str).map(str::to_owned);
            let (detection, warning) = detection_at(index, text.as_deref(), label, &options);
            warnings.extend(warning);
            detection
        })
        .collect();
    (detections, warnings)
}

#[test]
fn every_real_sample_survives_the_trip_through_javascript_objects() {
    let all = samples();
    assert!(all.len() >= 10, "{} samples", all.len());
    for (name, text) in all {
        let parsed = parse_detections(&text).detections;
        let js = parsed_in_js(&text);
        let (back, warnings) = drawn_from_js(js["detections"].as_array().unwrap());
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(back, parsed, "{name}");
    }
}

#[test]
fn items_as_the_model_wrote_them_are_read_too() {
    let item = json!({
        "box_2d": [100, 200, 300, 400], "label": "cup",
        "mask": [[200, 100], [400, 100], [400, 300]]
    });
    let (back, warnings) = drawn_from_js(&[item]);
    assert!(warnings.is_empty());
    assert_eq!(back[0].label, "cup");
    assert_eq!(
        back[0].box_2d.unwrap().to_array(),
        [100.0, 200.0, 300.0, 400.0]
    );
    assert_eq!(back[0].mask.kind(), "polygon");
}

#[test]
fn object_shaped_boxes_and_points_are_accepted() {
    let item = json!({
        "box2d": {"ymin": 1, "xmin": 2, "ymax": 3, "xmax": 4},
        "point": {"y": 5, "x": 6}, "label": "a"
    });
    let (back, _) = drawn_from_js(&[item]);
    assert_eq!(back[0].box_2d.unwrap().to_array(), [1.0, 2.0, 3.0, 4.0]);
    let p = back[0].point.unwrap();
    assert_eq!((p.y(), p.x()), (5.0, 6.0));
}

#[test]
fn an_unreadable_element_keeps_every_other_index() {
    let options = ParseOptions::default();
    let (nothing, why) = detection_at(
        0,
        Some(r#"{"label": "nothing to place"}"#),
        || Some("nothing to place".into()),
        &options,
    );
    assert_eq!(nothing.label, "nothing to place");
    assert!(nothing.box_2d.is_none());
    assert!(why.unwrap().starts_with("detection 0: not drawn: dropped"));
    // A cycle or a BigInt: JSON.stringify threw.
    let (cyclic, why) = detection_at(1, None, || Some("loop".into()), &options);
    assert_eq!(cyclic.label, "loop");
    assert_eq!(
        why.unwrap(),
        "detection 1: not drawn: it cannot be read as JSON"
    );
    let items = [
        json!("a string"),
        json!({"box_2d": [0, 0, 10, 10], "label": "kept"}),
    ];
    let (back, warnings) = drawn_from_js(&items);
    assert_eq!(back.len(), 2);
    assert!(back[0].box_2d.is_none());
    assert_eq!(back[1].label, "kept");
    assert_eq!(warnings.len(), 1);
}

#[test]
fn a_page_that_edits_a_parsed_detection_gets_its_edit_drawn() {
    let mut js = parsed_in_js(r#"[{"box_2d": [10, 20, 30, 40], "label": "cup"}]"#);
    let cup = &mut js["detections"][0];
    cup["box_2d"] = json!([100, 200, 300, 400]);
    cup["label"] = json!("mug");
    // Stale pixel geometry is derived, so it is ignored.
    cup["pixelBox"] = json!({"x": 0, "y": 0, "width": 1, "height": 1});
    let (back, _) = drawn_from_js(js["detections"].as_array().unwrap());
    assert_eq!(back[0].label, "mug");
    assert_eq!(
        back[0].box_2d.unwrap().to_array(),
        [100.0, 200.0, 300.0, 400.0]
    );
}

#[test]
fn an_answer_constrained_by_the_schema_is_parsed_and_drawn() {
    let schema: Value = serde_json::from_str(
        &DetectionSchema {
            points: true,
            masks: Some(MaskForm::Polygon),
            labels: Some(vec!["cup".into(), "plate".into()]),
            ..DetectionSchema::default()
        }
        .to_json()
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        schema["properties"]["boxes"]["items"]["propertyOrdering"],
        json!(["box_2d", "point", "mask", "label"])
    );
    let answer = json!({"boxes": [
        {"box_2d": [100, 100, 500, 500], "point": [300, 300],
         "mask": [[100, 100], [500, 100], [500, 500], [100, 500]], "label": "cup"},
        {"box_2d": [600, 600, 900, 900], "point": [750, 750],
         "mask": [[600, 600], [900, 600], [900, 900]], "label": "plate"}
    ]});
    let js = parsed_in_js(&answer.to_string());
    assert_eq!(js["warnings"], json!([]));
    let (back, warnings) = drawn_from_js(js["detections"].as_array().unwrap());
    assert!(warnings.is_empty());
    assert_eq!(back.len(), 2);
    assert_eq!(back[1].label, "plate");
    assert_eq!(back[0].mask.kind(), "polygon");
    assert!(js["detections"][0]["mask"]["area"].as_u64().unwrap() > 0);
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-2000.0f64..2000.0).prop_map(Value::from),
        "[a-z<>\"]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::hash_map(
                prop_oneof![
                    Just("box_2d".to_owned()),
                    Just("box2d".to_owned()),
                    Just("point".to_owned()),
                    Just("box_3d".to_owned()),
                    Just("mask".to_owned()),
                    Just("label".to_owned()),
                    Just("kind".to_owned()),
                    Just("extra".to_owned()),
                    Just("rings".to_owned()),
                    "[a-z]{1,4}"
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_javascript_value_gives_one_detection_per_element(items in proptest::collection::vec(any_json(), 0..8)) {
        let (back, warnings) = drawn_from_js(&items);
        prop_assert_eq!(back.len(), items.len());
        prop_assert!(warnings.len() <= items.len());
    }
}
