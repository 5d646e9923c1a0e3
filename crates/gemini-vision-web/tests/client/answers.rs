//! Requests that succeed: what is sent, what comes back, and how media travels.

use crate::sample_image;
use crate::support::{self, blob, client, client_with, fake, report, reset, strict};
use gemini_vision_web::{GenerateConfig, GenerateRequest, Input};
use wasm_bindgen_test::wasm_bindgen_test;

const DETECT: &str = "Detect the cupcakes as 2D bounding boxes (box_2d).";

fn cupcakes() -> Input {
    Input::Blob(blob(sample_image!("cupcakes.png"), "image/png"))
}

#[wasm_bindgen_test]
async fn a_real_image_inline_gets_the_recorded_boxes() {
    let result = client(fake())
        .generate_content(GenerateRequest::new(
            "gemini-2.5-flash",
            vec![cupcakes(), Input::Text(DETECT.into())],
        ))
        .await
        .unwrap();
    let text = result.response.text();
    assert!(text.contains("box_2d"), "{text}");
    assert!(result.uploaded.is_empty());
    assert!(result.response.usage_metadata.is_some());
}

#[wasm_bindgen_test]
async fn a_blob_without_a_type_is_sniffed() {
    let untyped = blob(sample_image!("socks.jpg"), "");
    let result = client(fake())
        .generate_content(GenerateRequest::new(
            "gemini-2.5-flash",
            vec![
                Input::Blob(untyped),
                Input::Text("Describe this image.".into()),
            ],
        ))
        .await
        .unwrap();
    assert!(!result.response.text().is_empty());
}

#[wasm_bindgen_test]
async fn the_key_never_reaches_a_url() {
    reset(fake()).await;
    let request = GenerateRequest::new("gemini-2.5-flash", vec![Input::Text("Hello".into())]);
    client(fake()).generate_content(request).await.unwrap();
    let report = report(fake()).await;
    let requests = report["requests"].as_array().unwrap();
    assert!(!requests.is_empty());
    for request in requests {
        let path = request["path"].as_str().unwrap();
        assert!(
            !path.contains(support::KEY) && !path.contains("key="),
            "{path}"
        );
    }
}

#[wasm_bindgen_test]
async fn streaming_yields_chunks_that_add_up_to_the_unary_answer() {
    let request = || {
        GenerateRequest::new(
            "gemini-2.5-flash",
            vec![cupcakes(), Input::Text(DETECT.into())],
        )
    };
    let client = client(fake());
    let unary = client.generate_content(request()).await.unwrap();
    let mut stream = client.generate_content_stream(request());
    let mut chunks = 0;
    let mut text = String::new();
    while let Some(chunk) = stream.next().await {
        text.push_str(&chunk.unwrap().text());
        chunks += 1;
    }
    assert!(chunks > 1, "one chunk only");
    assert_eq!(text, unary.response.text());
}

#[wasm_bindgen_test]
async fn count_tokens_counts_text_as_a_quarter_of_its_characters() {
    let request = GenerateRequest::new("gemini-2.5-flash", vec![Input::Text("a".repeat(40))]);
    let counted = client(fake()).count_tokens(request).await.unwrap();
    assert_eq!(counted.total_tokens, Some(10));
}

#[wasm_bindgen_test]
async fn count_tokens_counts_an_inline_image() {
    let request = GenerateRequest::new("gemini-1.5-flash", vec![cupcakes()]);
    let counted = client(fake()).count_tokens(request).await.unwrap();
    assert_eq!(counted.total_tokens, Some(258));
}

#[wasm_bindgen_test]
async fn config_reaches_the_model() {
    let mut request = GenerateRequest::new(
        "gemini-2.5-flash",
        vec![Input::Text("Write a long story".into())],
    );
    request.config = GenerateConfig {
        max_output_tokens: Some(3),
        system_instruction: Some("Be terse".into()),
        thinking_budget: Some(0),
        temperature: Some(0.2),
        ..GenerateConfig::default()
    };
    let result = client(fake()).generate_content(request).await.unwrap();
    let finish = result.response.finish_reason().map(|r| format!("{r:?}"));
    assert_eq!(finish.as_deref(), Some("MaxTokens"));
}

#[wasm_bindgen_test]
async fn media_over_the_inline_limit_is_uploaded_first_and_reported() {
    reset(fake()).await;
    let progress = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let seen = progress.clone();
    let mut request = GenerateRequest::new(
        "gemini-2.5-flash",
        vec![cupcakes(), Input::Text(DETECT.into())],
    );
    request.on_upload_progress = Some(std::rc::Rc::new(move |p| seen.set(p.sent)));
    let small = client_with(fake(), |o| o.max_inline_bytes = Some(100_000));
    let result = small.generate_content(request).await.unwrap();
    assert_eq!(result.uploaded.len(), 1);
    let file = &result.uploaded[0];
    assert_eq!(
        file.size_bytes,
        Some(sample_image!("cupcakes.png").len() as u64)
    );
    assert_eq!(progress.get(), file.size_bytes.unwrap());
    assert!(result.response.text().contains("box_2d"));
    let hash = file.sha256_hash.as_deref();
    assert_eq!(
        hash,
        Some(support::sha256_b64(sample_image!("cupcakes.png")).as_str())
    );
}

#[wasm_bindgen_test]
async fn a_preview_shows_the_plan_and_elides_base64() {
    let small = client_with(fake(), |o| o.max_inline_bytes = Some(1_000_000));
    let request = GenerateRequest::new(
        "gemini-2.5-flash",
        vec![
            cupcakes(),
            Input::Blob(blob(sample_image!("fruit.jpg"), "image/jpeg")),
            Input::Text("Compare".into()),
        ],
    );
    let preview = small.preview(&request).await.unwrap();
    let routes: Vec<_> = preview.plan.items.iter().map(|i| i.route).collect();
    use gemini_vision::request::Route;
    assert_eq!(routes, [Route::Inline, Route::FileApi]);
    assert!(
        preview.body.contains("bytes of base64>"),
        "{}",
        preview.body
    );
    assert!(preview.body.contains("fileData"));
    assert!(preview.body_len < 1_000_000);
}

#[wasm_bindgen_test]
async fn file_references_and_raw_parts_are_sent_as_given() {
    let client = client(fake());
    let file = client
        .files()
        .upload(
            &blob(sample_image!("cupcakes.png"), "image/png"),
            Default::default(),
        )
        .await
        .unwrap();
    let uri = file.uri.clone().unwrap();
    let request = GenerateRequest::new(
        "gemini-2.5-flash",
        vec![
            Input::File(file),
            Input::FileRef {
                uri,
                mime_type: "image/png".into(),
            },
            Input::Part(gemini_vision::wire::Part::text(DETECT)),
        ],
    );
    let result = client.generate_content(request).await.unwrap();
    assert!(result.response.text().contains("box_2d"));
}

#[wasm_bindgen_test]
async fn strict_cors_still_generates_streams_and_uploads() {
    let client = client(strict());
    let request = || {
        GenerateRequest::new(
            "gemini-2.5-flash",
            vec![cupcakes(), Input::Text(DETECT.into())],
        )
    };
    assert!(
        client
            .generate_content(request())
            .await
            .unwrap()
            .response
            .text()
            .contains("box_2d")
    );
    let mut stream = client.generate_content_stream(request());
    assert!(stream.next().await.unwrap().is_ok());
    let bytes = support::pattern(600_000, 9);
    let options = gemini_vision_web::UploadOptions {
        mime_type: Some("text/plain".into()),
        chunk_size: Some(262_144),
        ..Default::default()
    };
    let file = client
        .files()
        .upload(&blob(&bytes, ""), options)
        .await
        .unwrap();
    assert_eq!(file.size_bytes, Some(600_000));
}
