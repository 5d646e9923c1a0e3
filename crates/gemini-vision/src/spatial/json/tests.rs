//! The one JSON shape: what it looks like, and detections that survive the trip out and back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;
use crate::spatial::{Detection, Mask, ParseOptions, WarningKind, parse_detections};
use proptest::prelude::*;
use serde_json::{Value, json};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples");

fn sample_texts() -> Vec<(String, String)> {
    let mut all = Vec::new();
    for folder in ["responses", "malformed"] {
        for entry in std::fs::read_dir(format!("{SAMPLES}/{folder}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                all.push((path.display().to_string(), text));
            }
        }
    }
    all.sort();
    all
}

fn size(w: u32, h: u32) -> ImageSize {
    ImageSize::new(w, h).unwrap()
}

fn as_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn back(text: &str) -> Detection {
    detection_from_json(text, &ParseOptions::default()).unwrap()
}

#[test]
fn a_detection_is_written_in_the_documented_shape() {
    let text = r#"[{"box_2d": [0, 0, 500, 250], "point": [500, 500], "label": "x",
                    "mask": [[0, 0], [250, 0], [250, 500], [0, 500]], "score": 0.5}]"#;
    let d = &parse_detections(text).detections[0];
    assert_eq!(
        d.to_json(&JsonOptions::default()),
        concat!(
            r#"{"label":"x","box_2d":[0,0,500,250],"point":[500,500],"box_3d":null,"#,
            r#""mask":{"kind":"polygon","rings":[[[0,0],[250,0],[250,500],[0,500]]]},"#,
            r#""extra":{"score":0.5}}"#
        )
    );
}

#[test]
fn an_image_size_adds_pixel_geometry_and_mask_areas() {
    let text = r#"[{"box_2d": [0, 0, 500, 250], "point": [500, 500], "label": "x",
                    "mask": [[0, 0], [250, 0], [250, 500], [0, 500]]}]"#;
    let d = &parse_detections(text).detections[0];
    let out = as_value(&d.to_json(&JsonOptions::for_image(size(1024, 1024))));
    assert_eq!(
        out["pixelBox"],
        json!({"x": 0, "y": 0, "width": 256, "height": 512})
    );
    assert_eq!(out["pixelPoint"], json!({"x": 512, "y": 512}));
    let area = out["mask"]["area"].as_u64().unwrap();
    assert!((256 * 512 - 1024..=256 * 512).contains(&area), "{area}");
}

#[test]
fn without_a_size_there_are_no_pixel_keys_and_no_area() {
    let d = &parse_detections(r#"[{"point": [1, 2], "mask": [[0,0],[9,0],[9,9]]}]"#).detections[0];
    let out = as_value(&d.to_json(&JsonOptions::default()));
    assert!(out.get("pixelBox").is_none() && out.get("pixelPoint").is_none());
    assert!(out["mask"].get("area").is_none());
}

#[test]
fn a_mask_covering_no_pixel_has_an_area_of_zero() {
    let d =
        &parse_detections(r#"[{"label": "sliver", "mask": [[0,0],[1,0],[1,1]]}]"#).detections[0];
    let out = as_value(&d.to_json(&JsonOptions::for_image(size(10, 10))));
    assert_eq!(
        out["mask"],
        json!({"kind": "polygon", "rings": [[[0,0],[1,0],[1,1]]], "area": 0})
    );
}

#[test]
fn png_masks_go_out_as_data_urls_with_their_size_and_area() {
    let (_, text) = sample_texts()
        .into_iter()
        .find(|(name, _)| name.contains("segmentation"))
        .unwrap();
    let outcome = parse_detections(&text);
    let out = as_value(&outcome.to_json(&JsonOptions::for_image(size(1024, 1024))));
    let mask = &out["detections"][0]["mask"];
    assert_eq!(mask["kind"], "png");
    assert!(
        mask["data"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,iVBOR")
    );
    assert!(mask["width"].as_u64().unwrap() > 0);
    assert!(mask["area"].as_u64().unwrap() > 0);
    assert_eq!(out["warnings"], json!([]));
}

#[test]
fn a_png_that_cannot_be_decoded_is_written_as_unsupported_with_a_warning() {
    // A real mask's signature and header, then nothing: it parses, but cannot be decoded.
    let (_, sample) = sample_texts()
        .into_iter()
        .find(|(name, _)| name.contains("segmentation"))
        .unwrap();
    let Mask::Png(real) = &parse_detections(&sample).detections[0].mask else {
        panic!("the sample's first mask is a PNG");
    };
    let header_only = &real.png_bytes()[..33];
    let data = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, header_only);
    let text =
        format!(r#"[{{"box_2d": [0, 0, 500, 500], "mask": "data:image/png;base64,{data}"}}]"#);
    let outcome = parse_detections(&text);
    assert_eq!(outcome.detections[0].mask.kind(), "png");
    let out = as_value(&outcome.to_json(&JsonOptions::for_image(size(10, 10))));
    assert_eq!(out["detections"][0]["mask"]["kind"], "unsupported");
    let warning = out["warnings"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(warning["kind"], "mask_unsupported");
    assert_eq!(warning["item"], Value::Null);
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .starts_with("detection 0: mask not drawn")
    );
}

#[test]
fn warnings_are_written_with_their_kind_item_and_message() {
    let outcome = parse_detections(r#"[{"box_2d": [600, 50, 100, 400]}, {"label": "none"}]"#);
    let out = as_value(&outcome.to_json(&JsonOptions::default()));
    assert_eq!(out["warnings"][0]["kind"], "repaired");
    assert_eq!(out["warnings"][0]["item"], 0);
    assert_eq!(out["warnings"][1]["kind"], "item_dropped");
    assert_eq!(out["warnings"][1]["item"], 1);
    let empty = as_value(&parse_detections("").to_json(&JsonOptions::default()));
    assert_eq!(empty["detections"], json!([]));
    assert_eq!(empty["warnings"][0]["kind"], "no_detections");
}

#[test]
fn every_sample_detection_survives_the_trip_out_and_back() {
    let all = sample_texts();
    assert!(all.len() >= 13, "{} samples", all.len());
    for (name, text) in all {
        let outcome = parse_detections(&text);
        let out = as_value(&outcome.to_json(&JsonOptions::for_image(size(640, 480))));
        let written = out["detections"].as_array().unwrap();
        assert_eq!(written.len(), outcome.detections.len(), "{name}");
        for (d, json) in outcome.detections.iter().zip(written) {
            let text = serde_json::to_string(json).unwrap();
            assert_eq!(&back(&text), d, "{name}");
        }
    }
}

#[test]
fn object_shaped_geometry_and_aliases_are_read() {
    let d = back(
        r#"{"box2d": {"ymin": 1, "xmin": 2, "ymax": 3, "xmax": 4}, "point_2d": {"y": 5, "x": 6},
            "box3d": {"center": [1, 2, 3], "size": [1, 1, 1], "rollPitchYawDegrees": [0, 0, 90]},
            "label": "a"}"#,
    );
    assert_eq!(d.box_2d.unwrap().to_array(), [1.0, 2.0, 3.0, 4.0]);
    assert_eq!((d.point.unwrap().y(), d.point.unwrap().x()), (5.0, 6.0));
    assert_eq!(d.box_3d.unwrap().to_values()[8], 90.0);
}

#[test]
fn items_as_the_model_wrote_them_are_read_too() {
    let d = back(
        r#"{"box_2d": [100, 200, 300, 400], "label": "cup", "mask": [[200, 100], [400, 100], [400, 300]]}"#,
    );
    assert_eq!(d.label, "cup");
    assert_eq!(d.mask.kind(), "polygon");
    assert_eq!(
        back("[1, 2, 3, 4]").box_2d.unwrap().to_array(),
        [1.0, 2.0, 3.0, 4.0]
    );
}

#[test]
fn derived_keys_are_ignored_and_extra_members_come_back_as_extra() {
    let d = back(
        r#"{"box_2d": [1, 2, 3, 4], "pixelBox": {"x": 9}, "pixelPoint": null,
            "extra": {"score": 0.5, "label": "not the label", "pixelBox": 7}, "selected": true}"#,
    );
    assert_eq!(d.label, "");
    assert_eq!(d.extra.get("score"), Some(&json!(0.5)));
    assert_eq!(d.extra.get("pixelBox"), Some(&json!(7)));
    assert_eq!(d.extra.get("selected"), Some(&json!(true)));
    assert!(d.extra.get("label").is_none());
}

#[test]
fn an_unsupported_mask_keeps_its_reason_and_an_unknown_kind_stays_unsupported() {
    let d =
        back(r#"{"box_2d": [1, 2, 3, 4], "mask": {"kind": "unsupported", "reason": "booleans"}}"#);
    assert_eq!(
        d.mask,
        Mask::Unsupported {
            reason: "booleans".into()
        }
    );
    let d = back(r#"{"box_2d": [1, 2, 3, 4], "mask": {"kind": "rle", "counts": [1]}}"#);
    assert_eq!(d.mask.kind(), "unsupported");
    assert_eq!(
        back(r#"{"box_2d": [1, 2, 3, 4], "mask": {"kind": "none"}}"#).mask,
        Mask::None
    );
}

#[test]
fn what_cannot_be_drawn_says_why() {
    let why = |text: &str| detection_from_json(text, &ParseOptions::default()).unwrap_err();
    assert_eq!(
        why(r#"{"label": "nothing"}"#).kind,
        WarningKind::ItemDropped
    );
    assert_eq!(why(r#""a string""#).kind, WarningKind::ItemDropped);
    assert_eq!(why("").kind, WarningKind::ItemDropped);
    assert_eq!(why(r#"{"box_2d": [1, 2"#).kind, WarningKind::InvalidJson);
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(why(&deep).kind, WarningKind::LimitReached);
    assert!(
        why(r#"{"box_2d": [1, 2, "x", 4]}"#)
            .message
            .contains("string")
    );
}

proptest! {
    #[test]
    fn any_parsed_detection_round_trips(
        boxes in proptest::collection::vec((0u16..=1000, 0u16..=1000, 0u16..=1000, 0u16..=1000), 1..4),
        point in proptest::option::of((-10.0f64..1010.0, -10.0f64..1010.0)),
        label in "\\PC{0,20}",
        score in proptest::option::of(any::<i32>()),
    ) {
        let items: Vec<Value> = boxes.iter().map(|(a, b, c, d)| {
            let mut item = json!({"box_2d": [a, b, c, d], "label": label});
            if let Some((y, x)) = point { item["point"] = json!([y, x]); }
            if let Some(score) = score { item["score"] = json!(score); }
            item
        }).collect();
        let outcome = parse_detections(&serde_json::to_string(&items).unwrap());
        for d in &outcome.detections {
            let text = d.to_json(&JsonOptions::for_image(size(333, 77)));
            prop_assert_eq!(&back(&text), d);
        }
    }

    #[test]
    fn any_text_is_read_without_panicking(text in "\\PC{0,200}") {
        let _ = detection_from_json(&text, &ParseOptions::default());
    }
}
