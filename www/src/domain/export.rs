//! What "Export PNG" and "Export JSON" save: file names and the detections document.
//!
//! The JSON is the core's one detection shape (`Detection::to_json`, the shape the JS
//! API's `parseDetections` and the CLI write): the model's normalised values (0-1000),
//! plus pixel boxes, points and mask areas for the image's real size, so it can be used
//! without our library.

use gemini_vision::geometry::ImageSize;
use gemini_vision::spatial::{Detection, JsonOptions};

/// The detections of one image: `{"image", "width", "height", "model", "detections":
/// [the core's shape...]}`, one detection per line.
pub fn detections_json(
    image: &str,
    size: ImageSize,
    model: &str,
    detections: &[Detection],
) -> String {
    let options = JsonOptions {
        image_size: Some(size),
        ..JsonOptions::default()
    };
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    let items: Vec<String> = detections
        .iter()
        .map(|detection| format!("    {}", detection.to_json(&options)))
        .collect();
    format!(
        "{{\n  \"image\": {},\n  \"width\": {},\n  \"height\": {},\n  \"model\": {},\n  \"detections\": [\n{}\n  ]\n}}\n",
        quote(image),
        size.width(),
        size.height(),
        quote(model),
        items.join(",\n")
    )
}

/// A download name derived from the image's name: `cupcakes.png` + `annotated.png` ->
/// `cupcakes-annotated.png`. Characters that file systems dislike become `_`.
pub fn export_file_name(image: &str, suffix: &str) -> String {
    let stem = image.rsplit_once('.').map_or(image, |(stem, _)| stem);
    let clean: String = stem
        .chars()
        .take(80)
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        format!("image-{suffix}")
    } else {
        format!("{clean}-{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::spatial::parse_detections;

    const CUPCAKES: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/samples/responses/cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt"
    ));

    #[test]
    fn the_document_has_pixel_boxes_for_the_real_size() {
        let detections = parse_detections(CUPCAKES).detections;
        let size = ImageSize::new(1000, 500).unwrap();
        let json = detections_json("cupcakes.png", size, "gemini-2.5-flash", &detections);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["detections"].as_array().unwrap().len(),
            detections.len()
        );
        let first = &value["detections"][0];
        assert_eq!(first["label"], "red sprinkles");
        // box_2d [390, 64, 574, 203] on 1000 x 500: x 64, y 195.
        assert_eq!(first["pixelBox"]["x"], 64);
        assert_eq!(first["pixelBox"]["y"], 195);
        assert_eq!(first["box_2d"][0], 390);
        assert_eq!(first["mask"]["kind"], "none");
        assert_eq!(value["width"], 1000);
    }

    #[test]
    fn labels_with_markup_stay_plain_strings() {
        let text = r#"[{"box_2d": [0, 0, 10, 10], "label": "<img src=x onerror=alert(1)>"}]"#;
        let detections = parse_detections(text).detections;
        let json = detections_json("x.png", ImageSize::new(10, 10).unwrap(), "m", &detections);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["detections"][0]["label"],
            "<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn export_names_follow_the_image() {
        assert_eq!(
            export_file_name("cupcakes.png", "annotated.png"),
            "cupcakes-annotated.png"
        );
        assert_eq!(
            export_file_name("a/b:c.jpg", "detections.json"),
            "a_b_c-detections.json"
        );
        assert_eq!(export_file_name(".png", "x.png"), "image-x.png");
    }

    proptest::proptest! {
        #[test]
        fn export_names_never_contain_path_separators(name in "\\PC{0,100}") {
            let out = export_file_name(&name, "annotated.png");
            proptest::prop_assert!(!out.contains('/') && !out.contains('\\'));
            proptest::prop_assert!(out.ends_with("-annotated.png"));
        }
    }
}
