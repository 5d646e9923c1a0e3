//! The response schema and the parser agree: answers built to any schema are read
//! exactly, and the real answers in `../shared/samples` fit the schema of their task.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::spatial::{DetectionSchema, Mask, MaskForm, parse_detections};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const SAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/samples/responses"
);

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{SAMPLES}/{name}")).unwrap()
}

fn schema(options: &DetectionSchema) -> Value {
    serde_json::from_str(&options.to_json().unwrap()).unwrap()
}

/// Whether `value` is an instance of `schema` (the subset the detection schema uses).
fn conforms(schema: &Value, value: &Value) -> Result<(), String> {
    let count = |key: &str| schema[key].as_str().map(|n| n.parse::<usize>().unwrap());
    match schema["type"].as_str().unwrap() {
        "OBJECT" => {
            let object = value.as_object().ok_or("not an object")?;
            for key in schema["required"].as_array().unwrap() {
                let key = key.as_str().unwrap();
                object.get(key).ok_or(format!("no {key}"))?;
            }
            for (key, member) in object {
                let member_schema = schema["properties"]
                    .get(key)
                    .ok_or(format!("{key} is not in the schema"))?;
                conforms(member_schema, member).map_err(|e| format!("{key}: {e}"))?;
            }
            Ok(())
        }
        "ARRAY" => {
            let items = value.as_array().ok_or("not an array")?;
            if count("minItems").is_some_and(|min| items.len() < min)
                || count("maxItems").is_some_and(|max| items.len() > max)
            {
                return Err(format!("{} items", items.len()));
            }
            items
                .iter()
                .try_for_each(|item| conforms(&schema["items"], item))
        }
        "INTEGER" => value
            .as_i64()
            .map(drop)
            .ok_or_else(|| "not an integer".into()),
        "STRING" => {
            let text = value.as_str().ok_or("not a string")?;
            match schema["enum"].as_array() {
                Some(allowed) if !allowed.contains(&json!(text)) => {
                    Err(format!("{text:?} is not allowed"))
                }
                _ => Ok(()),
            }
        }
        other => Err(format!("unknown type {other}")),
    }
}

/// The first JSON list in a model answer (some answers repeat theirs after prose).
fn items_of(text: &str) -> Vec<Value> {
    let start = text.find('[').unwrap();
    let first = serde_json::Deserializer::from_str(&text[start..])
        .into_iter::<Value>()
        .next()
        .unwrap()
        .unwrap();
    serde_json::from_value(first).unwrap()
}

#[test]
fn the_real_box_answers_fit_the_default_schema() {
    let boxes = schema(&DetectionSchema::default());
    for name in [
        "cookbook_2026-05-12_gemini-3-flash-preview_cupcakes_bbox_nofence.txt",
        "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt",
    ] {
        let answer = json!({"boxes": items_of(&sample(name))});
        conforms(&boxes, &answer).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn the_real_segmentation_answer_fits_the_png_mask_schema() {
    let name =
        "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt";
    let masks = schema(&DetectionSchema {
        masks: Some(MaskForm::Png),
        ..DetectionSchema::default()
    });
    let answer = json!({"boxes": items_of(&sample(name))});
    conforms(&masks, &answer).unwrap();
}

#[test]
fn the_real_point_answers_fit_the_points_schema() {
    let points = schema(&DetectionSchema {
        boxes: false,
        points: true,
        ..DetectionSchema::default()
    });
    let items = items_of(&sample("cookbook3d_gemini-2_0-flash-exp_tool_points.txt"));
    let answer = json!({"boxes": items});
    conforms(&points, &answer).unwrap();
}

#[test]
fn wrapping_a_real_answer_as_the_schema_does_changes_nothing_parsed() {
    for entry in std::fs::read_dir(SAMPLES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            let items = items_of(&std::fs::read_to_string(&path).unwrap());
            let bare = parse_detections(&json!(items).to_string());
            let wrapped = parse_detections(&json!({"boxes": items}).to_string());
            assert!(!bare.detections.is_empty(), "{}", path.display());
            assert_eq!(wrapped, bare, "{}", path.display());
        }
    }
}

/// A small deterministic generator (xorshift), seeded by proptest.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    /// Two different coordinates, ordered.
    fn span(&mut self) -> (u64, u64) {
        let a = self.below(1000);
        (a, a + 1 + self.below(1000 - a))
    }
}

/// The PNG masks of the real segmentation answer, as the model wrote them.
fn real_png_masks() -> Vec<String> {
    let text = sample(
        "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt",
    );
    items_of(&text)
        .into_iter()
        .map(|item| item["mask"].as_str().unwrap().to_owned())
        .collect()
}

/// One item a model constrained by the item schema could answer: every property the
/// schema names, with values a real model gives (boxes with area, polygons of 3+ points).
fn an_item(item_schema: &Value, dice: &mut Dice, pngs: &[String]) -> Value {
    let mut item = Map::new();
    for key in item_schema["propertyOrdering"].as_array().unwrap() {
        let key = key.as_str().unwrap();
        let property = &item_schema["properties"][key];
        let value = match key {
            "box_2d" => {
                let ((y0, y1), (x0, x1)) = (dice.span(), dice.span());
                json!([y0, x0, y1, x1])
            }
            "point" => json!([dice.below(1001), dice.below(1001)]),
            "mask" if property["type"] == "STRING" => {
                json!(pngs[dice.below(pngs.len() as u64) as usize])
            }
            "mask" => {
                let points = 3 + dice.below(6);
                let ring: Vec<Value> = (0..points)
                    .map(|_| json!([dice.below(1001), dice.below(1001)]))
                    .collect();
                json!(ring)
            }
            "label" => match property["enum"].as_array() {
                Some(allowed) => allowed[dice.below(allowed.len() as u64) as usize].clone(),
                None => json!(format!("thing \"{}\" ä", dice.below(100))),
            },
            other => panic!("the schema names {other}, which this test does not know"),
        };
        item.insert(key.to_owned(), value);
    }
    Value::Object(item)
}

fn schema_choices() -> impl Strategy<Value = DetectionSchema> {
    (
        any::<bool>(),
        any::<bool>(),
        prop_oneof![
            Just(None),
            Just(Some(MaskForm::Png)),
            Just(Some(MaskForm::Polygon))
        ],
        any::<bool>(),
        proptest::option::of(1u32..12),
    )
        .prop_map(
            |(boxes, points, masks, labelled, max_items)| DetectionSchema {
                boxes,
                points,
                masks,
                labels: labelled.then(|| vec!["cup".into(), "a \"big\" plate".into()]),
                max_items,
            },
        )
}

proptest! {
    #[test]
    fn answers_built_to_any_schema_are_read_exactly(options in schema_choices(), seed in 1u64.., pretty in any::<bool>()) {
        let Ok(text) = options.to_json() else {
            // Refused choices are tested on their own.
            return Ok(());
        };
        let schema: Value = serde_json::from_str(&text).unwrap();
        let list = &schema["properties"]["boxes"];
        let max = list["maxItems"].as_str().map_or(8, |m| m.parse::<u64>().unwrap());
        let mut dice = Dice(seed);
        let pngs = real_png_masks();
        let items: Vec<Value> = (0..dice.below(max + 1))
            .map(|_| an_item(&list["items"], &mut dice, &pngs))
            .collect();
        let answer = json!({"boxes": items});
        prop_assert!(conforms(&schema, &answer).is_ok());
        let answer_text = if pretty {
            serde_json::to_string_pretty(&answer).unwrap()
        } else {
            answer.to_string()
        };
        let outcome = parse_detections(&answer_text);
        prop_assert_eq!(outcome.detections.len(), items.len());
        if !items.is_empty() {
            prop_assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
        }
        for (detection, item) in outcome.detections.iter().zip(&items) {
            prop_assert_eq!(&json!(detection.label), &item["label"]);
            let numbers = |v: &Value| -> Vec<f64> {
                v.as_array().unwrap().iter().map(|n| n.as_f64().unwrap()).collect()
            };
            match detection.box_2d {
                Some(b) => prop_assert_eq!(b.to_array().to_vec(), numbers(&item["box_2d"])),
                None => prop_assert!(item.get("box_2d").is_none()),
            }
            match detection.point {
                Some(p) => prop_assert_eq!(vec![p.y(), p.x()], numbers(&item["point"])),
                None => prop_assert!(item.get("point").is_none()),
            }
            match (&detection.mask, item.get("mask")) {
                (Mask::None, None) => {}
                (Mask::Png(_), Some(Value::String(_))) => {}
                (Mask::Polygon(polygon), Some(ring)) => {
                    let expected: Vec<Vec<f64>> = ring.as_array().unwrap().iter().map(numbers).collect();
                    let got: Vec<Vec<f64>> = polygon.rings()[0].iter().map(|p| p.to_vec()).collect();
                    prop_assert_eq!(got, expected);
                }
                (mask, value) => prop_assert!(false, "{:?} from {:?}", mask, value),
            }
            prop_assert!(detection.extra.is_empty());
        }
    }
}
