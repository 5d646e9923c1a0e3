//! The client in a dedicated worker, where there is no `window` and no `localStorage`:
//! requests, streaming, retries (timers) and uploads work the same.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use gemini_vision_web::{GenerateRequest, Input, UploadOptions};
use serde_json::json;
use support::{arm, blob, client, fake, reset};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn in_a_worker() -> bool {
    let global = js_sys::global();
    let has = |name: &str| js_sys::Reflect::has(&global, &JsValue::from_str(name)).unwrap();
    !has("window") && has("WorkerGlobalScope")
}

#[wasm_bindgen_test]
async fn generate_and_stream_work_without_a_window() {
    assert!(in_a_worker());
    let request = || {
        GenerateRequest::new(
            "gemini-2.5-flash",
            vec![
                Input::Blob(blob(sample_image!("cupcakes.png"), "image/png")),
                Input::Text("Detect the cupcakes as 2D bounding boxes.".into()),
            ],
        )
    };
    let client = client(fake());
    let unary = client.generate_content(request()).await.unwrap();
    assert!(unary.response.text().contains("box_2d"));
    let mut stream = client.generate_content_stream(request());
    let mut text = String::new();
    while let Some(chunk) = stream.next().await {
        text.push_str(&chunk.unwrap().text());
    }
    assert_eq!(text, unary.response.text());
}

#[wasm_bindgen_test]
async fn retries_wait_on_the_workers_timers() {
    assert!(in_a_worker());
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "target": "generate"}),
    )
    .await;
    let request = GenerateRequest::new("gemini-2.5-flash", vec![Input::Text("Hi".into())]);
    assert!(client(fake()).generate_content(request).await.is_ok());
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_file_uploads_without_local_storage() {
    assert!(in_a_worker());
    reset(fake()).await;
    let bytes = support::pattern(700_000, 12);
    let source = support::file(&bytes, "from-a-worker.bin");
    let options = UploadOptions {
        resume: true,
        ..support::text_upload(262_144)
    };
    let file = client(fake())
        .files()
        .upload(&source, options)
        .await
        .unwrap();
    assert_eq!(
        file.sha256_hash.as_deref(),
        Some(support::sha256_b64(&bytes).as_str())
    );
}
