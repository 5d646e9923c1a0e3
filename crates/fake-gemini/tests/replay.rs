//! The sample images replay their real recordings verbatim over HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::Value;

const DETECT_CUPCAKES: &str =
    "Detect the 2d bounding boxes of the cupcakes (with “label” as topping description”)";
const SOCKS: &str = "Show me the positions of the socks with the face";
const SPILL: &str =
    "Tell me how to clean my table with an explanation as label. Do not just label the items";
const SEGMENT: &str = "Give the segmentation masks for the metal, wooden and glass small items (ignore the table). Output a JSON list of segmentation masks where each entry contains the 2D bounding box in the key \"box_2d\", the segmentation mask in key \"mask\", and the text label in the key \"label\". Use descriptive labels.";
const SYSTEM: &str = "Return bounding boxes as a JSON array with labels. Never return masks or code fencing. Limit to 25 objects.\n    If an object is present multiple times, name them according to their unique characteristic (colors, size, position, unique characteristics, etc..).";

async fn replayed(emu: &Emu, model: &str, image: &str, prompt: &str, system: bool) -> String {
    let mime = if image.ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    };
    let mut request = image_request(mime, &sample(image), prompt);
    if system {
        request["systemInstruction"] = serde_json::json!({"parts": [{"text": SYSTEM}]});
    }
    let answer = emu.generate(model, &request).await;
    assert_eq!(answer.status, reqwest::StatusCode::OK, "{}", answer.text);
    answer.model_text().to_string()
}

#[tokio::test]
async fn every_recording_is_replayed_verbatim_for_its_model() {
    let emu = emu().await;
    let cases = [
        (
            "gemini-2.0-flash",
            "cupcakes.png",
            DETECT_CUPCAKES,
            true,
            "cookbook_2025-02-21_gemini-2_0-flash_cupcakes_bbox.txt",
        ),
        (
            "gemini-2.5-pro",
            "cupcakes.png",
            DETECT_CUPCAKES,
            true,
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_bbox.txt",
        ),
        (
            "gemini-2.5-flash",
            "cupcakes.png",
            DETECT_CUPCAKES,
            true,
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt",
        ),
        (
            "gemini-3-flash-preview",
            "cupcakes.png",
            DETECT_CUPCAKES,
            true,
            "cookbook_2026-05-12_gemini-3-flash-preview_cupcakes_bbox_nofence.txt",
        ),
        (
            "gemini-2.5-pro",
            "cupcakes.png",
            SEGMENT,
            false,
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt",
        ),
        (
            "gemini-2.5-flash",
            "cupcakes.png",
            SEGMENT,
            false,
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_kitchen_items_segmentation.txt",
        ),
        (
            "gemini-3-flash-preview",
            "cupcakes.png",
            "segment the cupcakes",
            true,
            "cookbook_2026-05-12_gemini-3-flash-preview_cupcakes_segment_prompt_boxes_only.txt",
        ),
        (
            "gemini-2.0-flash",
            "socks.jpg",
            SOCKS,
            true,
            "cookbook_2025-02-21_gemini-2_0-flash_socks_with_face_bbox.txt",
        ),
        (
            "gemini-2.5-pro",
            "socks.jpg",
            SOCKS,
            true,
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_socks_with_face_bbox.txt",
        ),
        (
            "gemini-2.5-flash",
            "socks.jpg",
            SOCKS,
            true,
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt",
        ),
        (
            "gemini-2.0-flash",
            "spill.jpg",
            SPILL,
            true,
            "cookbook_2025-02-21_gemini-2_0-flash_spill_clean_table_bbox_with_prose.txt",
        ),
        (
            "gemini-2.5-pro",
            "spill.jpg",
            SPILL,
            true,
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_spill_clean_table_bbox.txt",
        ),
        (
            "gemini-2.5-flash",
            "spill.jpg",
            SPILL,
            true,
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_spill_clean_table_bbox.txt",
        ),
    ];
    for (model, image, prompt, system, recording) in cases {
        let text = replayed(&emu, model, image, prompt, system).await;
        assert_eq!(
            text,
            sample_response(recording),
            "{model} {image} -> {recording}"
        );
    }
}

#[tokio::test]
async fn the_nearest_family_is_replayed_when_the_model_has_none() {
    let emu = emu().await;
    let text = replayed(&emu, "gemini-3-flash-preview", "socks.jpg", SOCKS, true).await;
    assert_eq!(
        text,
        sample_response(
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt"
        )
    );
}

#[tokio::test]
async fn points_for_a_sample_are_the_centres_of_its_recorded_boxes() {
    let emu = emu().await;
    let text = replayed(
        &emu,
        "gemini-2.0-flash",
        "socks.jpg",
        "Point to the socks",
        false,
    )
    .await;
    let points = fenced_json(&text);
    assert_eq!(points[0]["point"], serde_json::json!([221, 388]));
    assert_eq!(points[0]["label"], "sock with face");
}

#[tokio::test]
async fn segmenting_a_sample_without_a_recording_gives_full_box_masks() {
    let emu = emu().await;
    let text = replayed(
        &emu,
        "gemini-2.5-flash",
        "spill.jpg",
        "segment the spill",
        false,
    )
    .await;
    let items = fenced_json(&text);
    assert_eq!(items.as_array().unwrap().len(), 6);
    assert!(
        items[0]["mask"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,")
    );
}

#[tokio::test]
async fn a_sample_caption_names_the_recorded_objects() {
    let emu = emu().await;
    let text = replayed(
        &emu,
        "gemini-2.5-flash",
        "socks.jpg",
        "Describe this photo",
        false,
    )
    .await;
    assert!(text.starts_with("This is a 640x482 photo."), "{text}");
    assert!(
        text.contains("light blue sock with cat face on left"),
        "{text}"
    );
}

#[tokio::test]
async fn other_photos_go_through_the_detector() {
    let emu = emu().await;
    let text = replayed(
        &emu,
        "gemini-3-flash-preview",
        "fruit.jpg",
        "Detect the 2d bounding boxes",
        false,
    )
    .await;
    let items: Value = serde_json::from_str(&text).unwrap();
    assert!(items.as_array().is_some_and(|items| items.len() <= 25));
}
