//! The emulator's answers about real pixels, read back by the core's parser and mask
//! rasterizer: the detections must land where the shapes were drawn.

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask;
use gemini_vision::request::RequestBuilder;
use gemini_vision::spatial::{Mask, parse_detections};
use gemini_vision::wire::GenerateContentResponse;
use gemini_vision_interop::{Emulator, png_with_rect};

const WIDTH: u32 = 400;
const HEIGHT: u32 = 300;
// x0, y0, x1, y1 in pixels.
const SQUARE: (u32, u32, u32, u32) = (100, 60, 220, 180);

async fn ask(emulator: &Emulator, model: &str, image: Vec<u8>, prompt: &str) -> String {
    let mut builder = RequestBuilder::new();
    builder.inline(image).text(prompt);
    let (status, answer) = emulator
        .post(
            &format!("models/{model}:generateContent"),
            builder.build().expect("a body"),
        )
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    let response: GenerateContentResponse = serde_json::from_slice(&answer).expect("a response");
    response.text()
}

fn red_square() -> Vec<u8> {
    png_with_rect(WIDTH, HEIGHT, SQUARE, [230, 20, 20])
}

fn close(actual: u32, expected: u32, size: u32) -> bool {
    actual.abs_diff(expected) * 100 <= size
}

#[tokio::test]
async fn a_detected_red_square_lands_on_its_pixels() {
    let emulator = Emulator::start().await;
    let text = ask(
        &emulator,
        "gemini-2.5-flash",
        red_square(),
        "Detect the 2d bounding boxes of the objects in the image.",
    )
    .await;
    let outcome = parse_detections(&text);
    assert_eq!(outcome.detections.len(), 1, "{text}");
    let detection = &outcome.detections[0];
    assert!(detection.label.contains("red"), "{}", detection.label);
    let size = ImageSize::new(WIDTH, HEIGHT).expect("a size");
    let pixels = detection
        .box_2d
        .expect("a box")
        .to_pixels(size)
        .expect("a non-empty box");
    let (x0, y0, x1, y1) = SQUARE;
    assert!(close(pixels.x(), x0, WIDTH), "{pixels:?}");
    assert!(close(pixels.y(), y0, HEIGHT), "{pixels:?}");
    assert!(close(pixels.x_end(), x1, WIDTH), "{pixels:?}");
    assert!(close(pixels.y_end(), y1, HEIGHT), "{pixels:?}");
}

async fn assert_mask_covers_the_square(model: &str, expected_kind: &str) {
    let emulator = Emulator::start().await;
    let text = ask(
        &emulator,
        model,
        red_square(),
        "Give the segmentation masks for the objects. Output a JSON list of segmentation masks where each entry contains the 2D bounding box in the key \"box_2d\", the segmentation mask in key \"mask\", and the text label in the key \"label\".",
    )
    .await;
    let outcome = parse_detections(&text);
    assert_eq!(outcome.detections.len(), 1, "{text}");
    let detection = &outcome.detections[0];
    assert_eq!(detection.mask.kind(), expected_kind, "{text}");
    let size = ImageSize::new(WIDTH, HEIGHT).expect("a size");
    let rasterized = mask::rasterize(detection, size)
        .expect("a decodable mask")
        .expect("a mask");
    let image_mask = rasterized.to_image_mask(size, 127);
    let at = |x: u32, y: u32| image_mask[(y * WIDTH + x) as usize];
    let (x0, y0, x1, y1) = SQUARE;
    assert_eq!(at((x0 + x1) / 2, (y0 + y1) / 2), 255, "the centre is in");
    assert_eq!(at(x0 + 5, y0 + 5), 255, "near a corner, inside");
    assert_eq!(at(x0 - 10, y0 - 10), 0, "outside the square");
    assert_eq!(at(WIDTH - 5, HEIGHT - 5), 0, "far outside");
    let inside = image_mask.iter().filter(|v| **v == 255).count() as f64;
    let area = f64::from((x1 - x0) * (y1 - y0));
    assert!((inside / area - 1.0).abs() < 0.05, "{inside} vs {area}");
}

#[tokio::test]
async fn a_gemini_2_5_png_mask_covers_the_red_square() {
    assert_mask_covers_the_square("gemini-2.5-flash", "png").await;
}

#[tokio::test]
async fn a_gemini_3_polygon_mask_covers_the_red_square() {
    assert_mask_covers_the_square("gemini-3-flash-preview", "polygon").await;
}

#[tokio::test]
async fn a_pointed_red_square_gets_a_point_inside_it() {
    let emulator = Emulator::start().await;
    let text = ask(
        &emulator,
        "gemini-2.5-flash",
        red_square(),
        "Point to the objects. The answer should follow the json format: [{\"point\": <point>, \"label\": <label1>}, ...]. The points are in [y, x] format normalized to 0-1000.",
    )
    .await;
    let outcome = parse_detections(&text);
    assert_eq!(outcome.detections.len(), 1, "{text}");
    let size = ImageSize::new(WIDTH, HEIGHT).expect("a size");
    let point = outcome.detections[0]
        .point
        .expect("a point")
        .to_pixels(size);
    let (x0, y0, x1, y1) = SQUARE;
    assert!(
        (f64::from(x0)..f64::from(x1)).contains(&point.x)
            && (f64::from(y0)..f64::from(y1)).contains(&point.y),
        "{point:?}"
    );
}

#[tokio::test]
async fn replayed_real_answers_parse_into_their_recorded_detections() {
    let emulator = Emulator::start().await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples");
    let cupcakes = std::fs::read(format!("{dir}/images/cupcakes.png")).expect("cupcakes");
    let prompt =
        "Detect the 2d bounding boxes of the cupcakes (with “label” as topping description”)";
    let text = ask(&emulator, "gemini-2.0-flash", cupcakes.clone(), prompt).await;
    let recorded = std::fs::read_to_string(format!(
        "{dir}/responses/cookbook_2025-02-21_gemini-2_0-flash_cupcakes_bbox.txt"
    ))
    .expect("the recording");
    assert_eq!(text, recorded, "replayed verbatim");
    let outcome = parse_detections(&text);
    assert_eq!(outcome.detections.len(), 13);
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    assert_eq!(outcome.detections[0].label, "red sprinkles");

    let segment = "Give the segmentation masks for the metal, wooden and glass small items (ignore the table). Output a JSON list of segmentation masks where each entry contains the 2D bounding box in the key \"box_2d\", the segmentation mask in key \"mask\", and the text label in the key \"label\". Use descriptive labels.";
    let text = ask(&emulator, "gemini-2.5-flash", cupcakes, segment).await;
    let outcome = parse_detections(&text);
    assert!(!outcome.detections.is_empty());
    assert!(
        outcome
            .detections
            .iter()
            .all(|d| matches!(d.mask, Mask::Png(_))),
        "every recorded mask is a PNG"
    );
}
