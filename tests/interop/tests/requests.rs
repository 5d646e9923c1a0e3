//! The core's request bodies, limits and stream decoder against the emulator's
//! validation and answers.

use gemini_vision::request::{DEFAULT_MAX_BODY_BYTES, RequestBuilder};

use gemini_vision::response::{ResponseStream, StreamAggregator};
use gemini_vision::wire::GenerateContentResponse;
use gemini_vision::{ApiError, Error};
use gemini_vision_interop::{Emulator, png_with_rect};

const MODEL: &str = "gemini-2.5-flash";

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../../shared/samples/images/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("a sample image")
}

async fn generate(emulator: &Emulator, body: Vec<u8>) -> Result<GenerateContentResponse, Error> {
    let (status, answer) = emulator
        .post(&format!("models/{MODEL}:generateContent"), body)
        .await;
    if status != 200 {
        return Err(ApiError::from_response(status, &answer, None).into());
    }
    serde_json::from_slice(&answer).map_err(|e| Error::malformed("response", e.to_string()))
}

#[tokio::test]
async fn a_body_with_every_setting_and_several_images_is_accepted() {
    let emulator = Emulator::start().await;
    let mut builder = RequestBuilder::new();
    builder
        .inline(sample("socks.jpg"))
        .inline(sample("cupcakes.png"))
        .inline(png_with_rect(64, 64, (8, 8, 40, 40), [250, 10, 10]))
        .text("Detect the 2d bounding boxes of every object.")
        .system_instruction("Return bounding boxes as a JSON array with labels.")
        .json_output()
        .temperature(0.5)
        .thinking_budget(0)
        .max_output_tokens(2048);
    let response = generate(&emulator, builder.build().expect("a body"))
        .await
        .expect("accepted");
    let text = response.text();
    assert!(
        text.contains("Image 1") && text.contains("Image 3"),
        "{text}"
    );
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused_by_both() {
    let emulator = Emulator::start().await;
    let image = png_with_rect(32, 32, (0, 0, 8, 8), [255, 0, 0]);
    // Pad the text so the body is exactly the limit.
    let mut builder = RequestBuilder::new();
    builder.inline(image.clone()).text("a");
    let base = builder.body_len().expect("a length");
    let padding = usize::try_from(DEFAULT_MAX_BODY_BYTES - base + 1).expect("fits");
    let mut exact = RequestBuilder::new();
    exact.inline(image.clone()).text("a".repeat(padding));
    assert_eq!(exact.body_len().expect("a length"), DEFAULT_MAX_BODY_BYTES);
    let body = exact.build().expect("at the limit");
    assert_eq!(body.len() as u64, DEFAULT_MAX_BODY_BYTES);
    generate(&emulator, body)
        .await
        .expect("the emulator accepts it");

    let mut over = RequestBuilder::new();
    over.inline(image.clone()).text("a".repeat(padding + 1));
    assert!(matches!(over.build(), Err(Error::RequestTooLarge { .. })));
    // Sent anyway (a client with a raised limit), the emulator refuses it the same way.
    over.max_body_bytes(DEFAULT_MAX_BODY_BYTES * 2);
    let error = generate(&emulator, over.build().expect("raised limit"))
        .await
        .expect_err("over the emulator's limit");
    let api = error.api().expect("an API error");
    assert_eq!(api.http_status, 400);
    assert_eq!(
        api.message,
        "Request payload size exceeds the limit: 20971520 bytes."
    );
}

#[tokio::test]
async fn a_file_reference_from_an_upload_is_accepted_once_the_file_is_active() {
    let emulator = Emulator::start().await;
    // A multipart upload of an image (images are ACTIVE at once).
    let png = sample("cupcakes.png");
    let response = emulator
        .http
        .post(format!("{}/upload/v1beta/files", emulator.base_url()))
        .header("x-goog-api-key", gemini_vision_interop::KEY)
        .header("X-Goog-Upload-Protocol", "resumable")
        .header("X-Goog-Upload-Command", "start")
        .header("X-Goog-Upload-Header-Content-Length", png.len().to_string())
        .header("X-Goog-Upload-Header-Content-Type", "image/png")
        .body(r#"{"file":{"displayName":"cupcakes"}}"#)
        .send()
        .await
        .expect("start");
    let session = response.headers()["x-goog-upload-url"]
        .to_str()
        .expect("a URL")
        .to_owned();
    let done: serde_json::Value = emulator
        .http
        .post(session)
        .header("X-Goog-Upload-Command", "upload, finalize")
        .header("X-Goog-Upload-Offset", "0")
        .body(png)
        .send()
        .await
        .expect("upload")
        .json()
        .await
        .expect("JSON");
    let uri = done["file"]["uri"].as_str().expect("a uri");
    let mut builder = RequestBuilder::new();
    builder.file(uri, "image/png").text(
        "Detect the 2d bounding boxes of the cupcakes (with “label” as topping description”)",
    );
    let response = generate(&emulator, builder.build().expect("a body"))
        .await
        .expect("accepted");
    assert!(response.text().contains("box_2d"), "{}", response.text());
}

#[tokio::test]
async fn unknown_models_bad_keys_and_missing_files_come_back_as_typed_api_errors() {
    let emulator = Emulator::start().await;
    let mut builder = RequestBuilder::new();
    builder.text("hello");
    let (status, body) = emulator
        .post(
            "models/custom-gemini-2.0-flash:generateContent",
            builder.build().expect("a body"),
        )
        .await;
    let error = ApiError::from_response(status, &body, None);
    assert_eq!(error.status.as_deref(), Some("NOT_FOUND"));

    let response = emulator
        .http
        .post(format!(
            "{}/v1beta/models/{MODEL}:generateContent",
            emulator.base_url()
        ))
        .header("x-goog-api-key", "wrong-key")
        .body(builder.build().expect("a body"))
        .send()
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    let error = ApiError::from_response(status, &response.bytes().await.expect("a body"), None);
    assert_eq!(error.http_status, 400);
    assert_eq!(
        error.message,
        "API key not valid. Please pass a valid API key."
    );

    let mut missing = RequestBuilder::new();
    missing
        .file(
            format!("{}/v1beta/files/doesnotexist", emulator.base_url()),
            "image/png",
        )
        .text("what is this?");
    let error = generate(&emulator, missing.build().expect("a body"))
        .await
        .expect_err("no such file");
    assert_eq!(
        error.api().and_then(|a| a.status.as_deref()),
        Some("PERMISSION_DENIED")
    );
}

#[tokio::test]
async fn the_streamed_answer_split_anywhere_aggregates_to_the_unary_text() {
    let emulator = Emulator::start().await;
    let mut builder = RequestBuilder::new();
    builder.inline(sample("spill.jpg")).text(
        "Tell me how to clean my table with an explanation as label. Do not just label the items",
    );
    let body = builder.build().expect("a body");
    let unary = generate(&emulator, body.clone()).await.expect("unary");
    let (status, streamed) = emulator
        .post(
            &format!("models/{MODEL}:streamGenerateContent?alt=sse"),
            body,
        )
        .await;
    assert_eq!(status, 200);
    for piece in [1, 7, 100, 4096] {
        let mut stream = ResponseStream::new(None);
        let mut aggregate = StreamAggregator::new();
        for chunk in streamed.chunks(piece) {
            stream.push(chunk);
            while let Some(event) = stream.next_response() {
                aggregate.push(event.expect("a valid event"));
            }
        }
        stream.finish();
        while let Some(event) = stream.next_response() {
            aggregate.push(event.expect("a valid event"));
        }
        assert!(aggregate.chunk_count() > 1, "split over several events");
        assert_eq!(aggregate.finish().text(), unary.text(), "pieces of {piece}");
    }
}
