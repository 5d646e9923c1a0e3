//! `GoogleGenAI` in a dedicated worker, where there is no `window` and no
//! `localStorage`: requests, streaming, retries (timers), chats and uploads work the same.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use gemini_vision_web::{GenerateParams, response};
use serde_json::json;
use support::{arm, blob, fake, genai, js, reset};
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
    let params = || {
        GenerateParams::new("gemini-2.5-flash")
            .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
            .text("Detect the cupcakes as 2D bounding boxes.")
            .build()
            .unwrap()
    };
    let models = genai(fake()).models();
    let unary = models.generate_content(&params()).await.unwrap();
    assert!(response::text(&unary).unwrap().contains("box_2d"));
    let stream = models.generate_content_stream(&params()).await.unwrap();
    let chunks = support::drain(&stream).await.unwrap();
    let text: String = chunks.iter().filter_map(response::text).collect();
    assert_eq!(Some(text), response::text(&unary));
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
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": "Hi"}));
    assert!(
        genai(fake())
            .models()
            .generate_content(&params)
            .await
            .is_ok()
    );
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_chat_works_in_a_worker() {
    assert!(in_a_worker());
    let chat = genai(fake())
        .chats()
        .create_chat(&js(&json!({"model": "gemini-2.5-flash"})))
        .unwrap();
    chat.send_message(js(&json!({"message": "Hello"})))
        .await
        .unwrap();
    assert_eq!(
        js_sys::Array::from(&chat.history(false).unwrap()).length(),
        2
    );
}

#[wasm_bindgen_test]
async fn a_file_uploads_without_local_storage() {
    assert!(in_a_worker());
    reset(fake()).await;
    let bytes = support::pattern(700_000, 12);
    let source = support::file(&bytes, "from-a-worker.bin");
    let options = gemini_vision_web::UploadOptions {
        resume: true,
        ..support::text_upload(262_144)
    };
    let file = support::client(fake())
        .files()
        .upload(&source, options)
        .await
        .unwrap();
    assert_eq!(
        file.sha256_hash.as_deref(),
        Some(support::sha256_b64(&bytes).as_str())
    );
}

#[wasm_bindgen_test]
async fn media_over_the_limit_is_uploaded_from_a_worker() {
    assert!(in_a_worker());
    reset(fake()).await;
    let small = support::genai_with(fake(), json!({"maxInlineBytes": 100_000}));
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .text("Detect the cupcakes as 2D bounding boxes.")
        .build()
        .unwrap();
    let answer = small.models().generate_content(&params).await.unwrap();
    assert!(response::text(&answer).unwrap().contains("box_2d"));
    assert_eq!(
        support::report(fake()).await["uploads"]
            .as_object()
            .unwrap()
            .len(),
        1
    );
}
