//! COCO output checked for what its readers rely on.
#![allow(clippy::unwrap_used)]

use super::json;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// COCO's structure: every id unique, every reference resolved, every box inside its
/// image, masks as RLE whose runs cover the image.
pub fn assert_coco(out: &Path, images: usize, annotations: usize) -> Value {
    let coco = json(&out.join("annotations.coco.json"));
    let list = |name: &str| coco[name].as_array().unwrap().clone();
    let mut sizes = HashMap::new();
    for image in list("images") {
        let id = image["id"].as_u64().unwrap();
        let size = (
            image["width"].as_u64().unwrap(),
            image["height"].as_u64().unwrap(),
        );
        assert!(sizes.insert(id, size).is_none(), "image id {id} twice");
        assert!(image["file_name"].as_str().unwrap().ends_with(".png"));
    }
    assert_eq!(sizes.len(), images);
    let mut names = HashSet::new();
    let categories: HashSet<u64> = list("categories")
        .iter()
        .map(|c| {
            assert!(names.insert(c["name"].as_str().unwrap().to_owned()));
            c["id"].as_u64().unwrap()
        })
        .collect();
    let mut ids = HashSet::new();
    for annotation in list("annotations") {
        assert!(ids.insert(annotation["id"].as_u64().unwrap()));
        let (w, h) = sizes[&annotation["image_id"].as_u64().unwrap()];
        assert!(categories.contains(&annotation["category_id"].as_u64().unwrap()));
        let b: Vec<u64> = annotation["bbox"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert!(
            b[2] > 0 && b[3] > 0 && b[0] + b[2] <= w && b[1] + b[3] <= h,
            "{annotation}"
        );
        assert_eq!(annotation["iscrowd"], 0);
        let area = annotation["area"].as_u64().unwrap();
        assert!(area > 0 && area <= b[2] * b[3], "{annotation}");
        if let Some(counts) = annotation["segmentation"]["counts"].as_array() {
            assert_eq!(annotation["segmentation"]["size"], json!([h, w]));
            let runs: Vec<u64> = counts.iter().map(|c| c.as_u64().unwrap()).collect();
            assert_eq!(runs.iter().sum::<u64>(), w * h);
            let set: u64 = runs.iter().skip(1).step_by(2).sum();
            assert_eq!(set, area);
        } else {
            assert_eq!(annotation["segmentation"], json!([]));
        }
    }
    assert_eq!(ids.len(), annotations);
    coco
}
