//! The JS shape of detections, both ways, natively (no browser needed).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;
use gemini_vision::spatial::parse_detections;
use proptest::prelude::*;

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

fn size() -> ImageSize {
    ImageSize::new(1024, 1024).unwrap()
}

#[test]
fn every_real_sample_survives_the_trip_through_javascript_objects() {
    let all = samples();
    assert!(all.len() >= 10, "{} samples", all.len());
    for (name, text) in all {
        let parsed = parse_detections(&text).detections;
        let out: Vec<Value> = parsed
            .iter()
            .map(|d| detection_to_json(d, Some(size()), 127))
            .collect();
        let (back, warnings) = detections_from_json(&out);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert_eq!(back.len(), parsed.len(), "{name}");
        for (a, b) in parsed.iter().zip(&back) {
            assert_eq!(
                (&a.label, a.box_2d, a.point, a.box_3d, &a.mask),
                (&b.label, b.box_2d, b.point, b.box_3d, &b.mask),
                "{name}"
            );
        }
    }
}

#[test]
fn items_as_the_model_wrote_them_are_read_too() {
    let item = serde_json::json!({
        "box_2d": [100, 200, 300, 400], "label": "cup",
        "mask": [[200, 100], [400, 100], [400, 300]]
    });
    let (back, warnings) = detections_from_json(&[item]);
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
    let item = serde_json::json!({
        "box2d": {"ymin": 1, "xmin": 2, "ymax": 3, "xmax": 4},
        "point": {"y": 5, "x": 6}, "label": "a"
    });
    let (back, _) = detections_from_json(&[item]);
    assert_eq!(back[0].box_2d.unwrap().to_array(), [1.0, 2.0, 3.0, 4.0]);
    let p = back[0].point.unwrap();
    assert_eq!((p.y(), p.x()), (5.0, 6.0));
}

#[test]
fn an_unreadable_element_keeps_every_other_index() {
    let items = [
        serde_json::json!({"label": "nothing to place"}),
        serde_json::json!("a string"),
        serde_json::json!({"box_2d": [0, 0, 10, 10], "label": "kept"}),
    ];
    let (back, warnings) = detections_from_json(&items);
    assert_eq!(back.len(), 3);
    assert_eq!(back[0].label, "nothing to place");
    assert!(back[0].box_2d.is_none() && back[1].box_2d.is_none());
    assert_eq!(back[2].label, "kept");
    assert_eq!(warnings.len(), 2);
    assert!(
        warnings[0].starts_with("detection 0: not drawn"),
        "{warnings:?}"
    );
}

#[test]
fn pixel_geometry_and_mask_area_appear_with_an_image_size() {
    let text = r#"[{"box_2d": [0, 0, 500, 250], "point": [500, 500], "label": "x",
                    "mask": [[0, 0], [250, 0], [250, 500], [0, 500]]}]"#;
    let d = &parse_detections(text).detections[0];
    let out = detection_to_json(d, Some(size()), 127);
    assert_eq!(
        out["pixelBox"],
        serde_json::json!({"x": 0, "y": 0, "width": 256, "height": 512})
    );
    assert_eq!(
        out["pixelPoint"],
        serde_json::json!({"x": 512.0, "y": 512.0})
    );
    assert_eq!(out["mask"]["kind"], "polygon");
    let area = out["mask"]["area"].as_u64().unwrap();
    assert!((256 * 512 - 1024..=256 * 512).contains(&area), "{area}");
    let bare = detection_to_json(d, None, 127);
    assert!(bare.get("pixelBox").is_none() && bare["mask"].get("area").is_none());
}

#[test]
fn png_masks_go_out_as_data_urls_with_their_size() {
    let (_, text) = samples()
        .into_iter()
        .find(|(name, _)| name.contains("segmentation"))
        .unwrap();
    let d = &parse_detections(&text).detections[0];
    let out = detection_to_json(d, None, 127);
    assert_eq!(out["mask"]["kind"], "png");
    assert!(
        out["mask"]["data"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,iVBOR")
    );
    assert!(out["mask"]["width"].as_u64().unwrap() > 0);
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
                    Just("point".to_owned()),
                    Just("box_3d".to_owned()),
                    Just("mask".to_owned()),
                    Just("label".to_owned()),
                    Just("kind".to_owned()),
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
        let (back, warnings) = detections_from_json(&items);
        prop_assert_eq!(back.len(), items.len());
        prop_assert!(warnings.len() <= items.len());
    }
}
