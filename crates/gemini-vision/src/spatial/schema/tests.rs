//! The schema's shape and the choices it refuses.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use super::*;
use serde_json::{Value, json};

fn schema(options: &DetectionSchema) -> Value {
    serde_json::from_str(&options.to_json().unwrap()).unwrap()
}

fn item(options: &DetectionSchema) -> Value {
    schema(options)["properties"]["boxes"]["items"].clone()
}

#[test]
fn the_default_asks_for_labelled_boxes_in_a_boxes_wrapper() {
    assert_eq!(
        schema(&DetectionSchema::default()),
        json!({
            "type": "OBJECT",
            "properties": {"boxes": {
                "type": "ARRAY",
                "description": "Every object asked for, at most once each.",
                "items": {
                    "type": "OBJECT",
                    "properties": {
                        "box_2d": {
                            "type": "ARRAY",
                            "description": "[ymin, xmin, ymax, xmax] of the object, each 0-1000 (0, 0 is the top left)",
                            "items": {"type": "INTEGER"},
                            "minItems": "4", "maxItems": "4"
                        },
                        "label": {"type": "STRING", "description": "What the object is"}
                    },
                    "required": ["box_2d", "label"],
                    "propertyOrdering": ["box_2d", "label"]
                }
            }},
            "required": ["boxes"],
            "propertyOrdering": ["boxes"]
        })
    );
}

#[test]
fn keys_are_ordered_box_point_mask_label_as_the_docs_write_them() {
    let all = DetectionSchema {
        points: true,
        masks: Some(MaskForm::Png),
        ..DetectionSchema::default()
    };
    let order = json!(["box_2d", "point", "mask", "label"]);
    assert_eq!(item(&all)["propertyOrdering"], order);
    assert_eq!(item(&all)["required"], order);
    assert_eq!(item(&all)["properties"].as_object().unwrap().len(), 4);
}

#[test]
fn png_masks_are_strings_and_polygons_are_lists_of_x_y_pairs() {
    let png = item(&DetectionSchema {
        masks: Some(MaskForm::Png),
        ..DetectionSchema::default()
    });
    assert_eq!(png["properties"]["mask"]["type"], "STRING");
    let polygon = item(&DetectionSchema {
        boxes: false,
        masks: Some(MaskForm::Polygon),
        ..DetectionSchema::default()
    });
    let mask = &polygon["properties"]["mask"];
    assert_eq!(mask["type"], "ARRAY");
    assert_eq!(mask["items"]["type"], "ARRAY");
    assert_eq!(mask["items"]["items"]["type"], "INTEGER");
    assert_eq!(mask["items"]["minItems"], "2");
    assert_eq!(polygon["propertyOrdering"], json!(["mask", "label"]));
}

#[test]
fn labels_become_an_enum_without_repeats() {
    let labels = item(&DetectionSchema {
        labels: Some(vec!["cup".into(), "plate".into(), "cup".into()]),
        ..DetectionSchema::default()
    })["properties"]["label"]
        .clone();
    assert_eq!(labels["format"], "enum");
    assert_eq!(labels["enum"], json!(["cup", "plate"]));
}

#[test]
fn max_items_caps_the_list_as_an_int64_string() {
    let capped = schema(&DetectionSchema {
        max_items: Some(25),
        ..DetectionSchema::default()
    });
    assert_eq!(capped["properties"]["boxes"]["maxItems"], "25");
}

#[test]
fn labels_are_escaped_as_json_strings() {
    let odd = "a \"quoted\" \\ label\n";
    let labels = item(&DetectionSchema {
        labels: Some(vec![odd.into()]),
        ..DetectionSchema::default()
    })["properties"]["label"]["enum"]
        .clone();
    assert_eq!(labels, json!([odd]));
}

fn refused(options: DetectionSchema) -> String {
    options.to_json().unwrap_err().to_string()
}

#[test]
fn items_with_nothing_to_place_them_by_are_refused() {
    let message = refused(DetectionSchema {
        boxes: false,
        ..DetectionSchema::default()
    });
    assert!(
        message.contains("boxes, points or polygon masks"),
        "{message}"
    );
}

#[test]
fn a_png_mask_without_its_box_is_refused() {
    let message = refused(DetectionSchema {
        boxes: false,
        points: true,
        masks: Some(MaskForm::Png),
        ..DetectionSchema::default()
    });
    assert!(message.contains("box_2d"), "{message}");
}

#[test]
fn empty_oversized_and_blank_label_lists_are_refused() {
    let with = |labels: Vec<String>| DetectionSchema {
        labels: Some(labels),
        ..DetectionSchema::default()
    };
    assert!(refused(with(vec![])).contains("empty"));
    assert!(refused(with(vec![String::new()])).contains("1 to 500 bytes"));
    assert!(refused(with(vec!["x".repeat(501)])).contains("1 to 500 bytes"));
    let many = (0..=MAX_SCHEMA_LABELS).map(|i| i.to_string()).collect();
    assert!(matches!(
        with(many).to_json(),
        Err(Error::LimitExceeded { what: "labels", .. })
    ));
}

#[test]
fn max_items_outside_one_to_a_thousand_is_refused() {
    for max in [0, 1_001] {
        let message = refused(DetectionSchema {
            max_items: Some(max),
            ..DetectionSchema::default()
        });
        assert!(message.contains("from 1 to 1000"), "{message}");
    }
}
