//! The detector on synthetic images drawn at known pixels, in every answer format.

#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine;
use common::*;
use serde_json::{Value, json};

const RED: [u8; 3] = [230, 20, 20];
const BLUE: [u8; 3] = [20, 40, 220];

/// Asserts a 0-1000 value lies within 1 % (10 units) of `pixels / size`.
fn near(value: &Value, pixels: u32, size: u32) {
    let expected = f64::from(pixels) * 1000.0 / f64::from(size);
    let got = value.as_f64().unwrap();
    assert!((got - expected).abs() <= 10.0, "{got} vs {expected}");
}

async fn ask(emu: &Emu, model: &str, image: &[u8], prompt: &str) -> String {
    let answer = emu
        .generate(model, &image_request("image/png", image, prompt))
        .await;
    assert_eq!(answer.status, reqwest::StatusCode::OK, "{}", answer.text);
    answer.model_text().to_string()
}

async fn detect(emu: &Emu, model: &str, image: &[u8]) -> String {
    ask(emu, model, image, "Detect the 2d bounding boxes").await
}

#[tokio::test]
async fn a_red_square_is_found_where_it_was_drawn() {
    let emu = emu().await;
    let image = png(&drawing(800, 600, &[(100, 150, 300, 350, RED)]));
    let text = detect(&emu, "gemini-2.5-flash", &image).await;
    assert!(text.starts_with("```json\n"));
    let items = fenced_json(&text);
    assert_eq!(items.as_array().unwrap().len(), 1);
    assert_eq!(items[0]["label"], "red square");
    let b = &items[0]["box_2d"];
    near(&b[0], 150, 600);
    near(&b[1], 100, 800);
    near(&b[2], 350, 600);
    near(&b[3], 300, 800);
}

#[tokio::test]
async fn shapes_are_named_by_colour_and_form() {
    let emu = emu().await;
    let mut image = drawing(400, 400, &[(20, 20, 220, 80, BLUE)]);
    for y in 250..350u32 {
        for x in 250..350u32 {
            let (dx, dy) = (x as i32 - 300, y as i32 - 300);
            if dx * dx + dy * dy <= 50 * 50 {
                image.put_pixel(x, y, image::Rgb([20, 200, 40]));
            }
        }
    }
    let text = ask(
        &emu,
        "gemini-3-flash-preview",
        &png(&image),
        "Detect the 2d bounding boxes",
    )
    .await;
    let labels: Vec<String> = serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(labels, ["blue rectangle", "green circle"]);
}

#[tokio::test]
async fn gemini_2_5_masks_are_png_data_uris_over_the_box() {
    let emu = emu().await;
    // An L-shape: the mask must be white only where the shape is.
    let image = png(&drawing(
        512,
        512,
        &[(100, 100, 200, 300, RED), (200, 200, 300, 300, RED)],
    ));
    let text = ask(
        &emu,
        "gemini-2.5-flash",
        &image,
        "Give the segmentation masks",
    )
    .await;
    let item = &fenced_json(&text)[0];
    assert_eq!(item["label"], "red shape");
    let uri = item["mask"].as_str().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(uri.strip_prefix("data:image/png;base64,").unwrap())
        .unwrap();
    let mask = image::load_from_memory(&bytes).unwrap().to_luma8();
    assert_eq!(mask.dimensions(), (256, 256));
    // The box is x 100..300, y 100..300: top-left quarter is shape, top-right is not.
    assert_eq!(mask.get_pixel(40, 40).0[0], 255);
    assert_eq!(mask.get_pixel(200, 60).0[0], 0);
    assert_eq!(mask.get_pixel(200, 200).0[0], 255);
}

#[tokio::test]
async fn gemini_3_masks_are_polygons_inside_boxes() {
    let emu = emu().await;
    let image = png(&drawing(1000, 500, &[(200, 100, 400, 300, BLUE)]));
    let text = ask(&emu, "gemini-3-flash-preview", &image, "segment the shapes").await;
    assert!(!text.contains("```"));
    let json: Value = serde_json::from_str(&text).unwrap();
    let polygon = json["boxes"][0]["mask"].as_array().unwrap();
    assert_eq!(polygon.len(), 4);
    for point in polygon {
        let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
        assert!(
            (x - 200.0).abs() <= 10.0 || (x - 400.0).abs() <= 10.0,
            "x {x}"
        );
        assert!(
            (y - 200.0).abs() <= 10.0 || (y - 600.0).abs() <= 10.0,
            "y {y}"
        );
    }
}

#[tokio::test]
async fn the_style_setting_overrides_the_model() {
    let emu = emu_with(|config| config.settings.style = fake_gemini::Style::Gemini3).await;
    let image = png(&drawing(100, 100, &[(10, 10, 50, 50, RED)]));
    let text = detect(&emu, "gemini-2.5-flash", &image).await;
    assert!(text.starts_with('['));
}

#[tokio::test]
async fn json_output_drops_the_fence() {
    let emu = emu().await;
    let image = png(&drawing(100, 100, &[(10, 10, 50, 50, RED)]));
    let mut request = image_request("image/png", &image, "Detect the 2d bounding boxes");
    request["generationConfig"] = json!({"responseMimeType": "application/json"});
    let answer = emu.generate("gemini-2.5-flash", &request).await;
    assert!(serde_json::from_str::<Value>(answer.model_text()).is_ok());
}

#[tokio::test]
async fn points_are_centres_in_y_x_order() {
    let emu = emu().await;
    let image = png(&drawing(1000, 500, &[(600, 100, 800, 200, RED)]));
    let text = ask(&emu, "gemini-2.5-flash", &image, "Point to the items").await;
    let point = &fenced_json(&text)[0]["point"];
    near(&point[0], 150, 500);
    near(&point[1], 700, 1000);
}

#[tokio::test]
async fn three_d_boxes_have_nine_numbers() {
    let emu = emu().await;
    let image = png(&drawing(640, 480, &[(100, 100, 200, 200, RED)]));
    let text = ask(
        &emu,
        "gemini-2.5-flash",
        &image,
        "Detect the 3D bounding boxes, output box_3d",
    )
    .await;
    let item = &fenced_json(&text)[0];
    assert_eq!(item["box_3d"].as_array().unwrap().len(), 9);
    assert_eq!(item["label"], "red square");
}

#[tokio::test]
async fn three_d_boxes_put_depth_in_y_and_height_in_z() {
    let emu = emu().await;
    // A square up and to the left of the centre of a 640x480 picture.
    let image = png(&drawing(640, 480, &[(100, 100, 200, 200, RED)]));
    let text = ask(
        &emu,
        "gemini-2.5-flash",
        &image,
        "Detect the 3D bounding boxes",
    )
    .await;
    let values: Vec<f64> = fenced_json(&text)[0]["box_3d"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value.as_f64().unwrap())
        .collect();
    let [x, y, z, width, depth, height] = [
        values[0], values[1], values[2], values[3], values[4], values[5],
    ];
    assert_eq!(y, 1.0, "depth is y: {values:?}");
    assert!(
        x < 0.0 && z > 0.0,
        "left of and above the centre: {values:?}"
    );
    // 100 px of 640 across a 60 degree view at 1 m: 2 tan 30 / 6.4 = 0.18 m.
    assert!(
        (width - 0.18).abs() < 0.011 && (height - 0.18).abs() < 0.011,
        "{values:?}"
    );
    assert!(depth <= width && depth <= height);
}

#[tokio::test]
async fn captions_describe_size_and_colours() {
    let emu = emu().await;
    let image = png(&drawing(320, 200, &[(0, 0, 160, 200, BLUE)]));
    let text = ask(&emu, "gemini-2.5-flash", &image, "What is in this picture?").await;
    assert!(text.contains("320x200"), "{text}");
    assert!(
        text.contains("blue (50%)") && text.contains("white (50%)"),
        "{text}"
    );
    assert!(text.contains("blue rectangle"), "{text}");
}

#[tokio::test]
async fn jpeg_and_webp_are_analysed_too() {
    let emu = emu().await;
    let image = drawing(300, 300, &[(50, 50, 150, 150, RED)]);
    for (mime, format) in [
        ("image/jpeg", image::ImageFormat::Jpeg),
        ("image/webp", image::ImageFormat::WebP),
    ] {
        let answer = emu
            .generate(
                "gemini-2.5-flash",
                &image_request(
                    mime,
                    &encode(&image, format),
                    "Detect the 2d bounding boxes",
                ),
            )
            .await;
        assert_eq!(
            fenced_json(answer.model_text())[0]["label"],
            "red square",
            "{mime}"
        );
    }
}

#[tokio::test]
async fn several_images_are_answered_one_by_one() {
    let emu = emu().await;
    let first = png(&drawing(100, 100, &[(10, 10, 50, 50, RED)]));
    let second = png(&drawing(100, 100, &[(10, 10, 50, 50, BLUE)]));
    let request = json!({"contents": [{"parts": [
        {"inlineData": {"mimeType": "image/png", "data": b64(&first)}},
        {"inlineData": {"mimeType": "image/png", "data": b64(&second)}},
        {"text": "Detect the 2d bounding boxes"}]}]});
    let answer = emu.generate("gemini-2.5-flash", &request).await;
    let text = answer.model_text();
    let (one, two) = text.split_once("\n\nImage 2:\n").unwrap();
    assert!(one.starts_with("Image 1:\n"));
    assert_eq!(fenced_json(one)[0]["label"], "red square");
    assert_eq!(fenced_json(two)[0]["label"], "blue square");
}

#[tokio::test]
async fn a_blank_image_has_no_detections() {
    let emu = emu().await;
    let text = ask(
        &emu,
        "gemini-3-flash-preview",
        &png(&drawing(50, 50, &[])),
        "Detect the 2d bounding boxes",
    )
    .await;
    assert_eq!(text, "[]");
}

#[test]
fn small_specks_are_noise() {
    let regions = fake_gemini::answer::detect(&png(&drawing(512, 512, &[(10, 10, 12, 12, RED)])));
    assert!(regions.is_empty());
}

#[test]
fn at_most_25_regions_are_reported() {
    let mut shapes = Vec::new();
    for index in 0..36u32 {
        let (x, y) = ((index % 6) * 80 + 5, (index / 6) * 80 + 5);
        shapes.push((x, y, x + 40, y + 40, RED));
    }
    assert_eq!(
        fake_gemini::answer::detect(&png(&drawing(480, 480, &shapes))).len(),
        25
    );
}
