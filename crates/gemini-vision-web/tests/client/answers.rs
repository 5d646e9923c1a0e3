//! Requests that succeed through `ai.models`: what comes back, and how media travels.

use crate::sample_image;
use crate::support::{self, blob, fake, genai, genai_with, get, js, report, reset, strict};
use gemini_vision_web::{GenerateParams, response};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const DETECT: &str = "Detect the cupcakes as 2D bounding boxes (box_2d).";

fn detect() -> JsValue {
    GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .text(DETECT)
        .build()
        .unwrap()
}

#[wasm_bindgen_test]
async fn a_real_image_inline_gets_the_recorded_boxes() {
    let answer = genai(fake())
        .models()
        .generate_content(&detect())
        .await
        .unwrap();
    let text = response::text(&answer).unwrap();
    assert!(text.contains("box_2d"), "{text}");
    assert!(response::usage(&answer).unwrap().total.unwrap() > 0);
    assert_eq!(response::finish_reason(&answer).as_deref(), Some("STOP"));
    assert!(get(&answer, "sdkHttpResponse").is_object());
}

#[wasm_bindgen_test]
async fn a_blob_without_a_type_is_sniffed() {
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("socks.jpg"), ""))
        .text("Describe this image.")
        .build()
        .unwrap();
    let answer = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    assert!(!response::text(&answer).unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn the_key_never_reaches_a_url() {
    reset(fake()).await;
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": "Hello"}));
    genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
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
    let models = genai(fake()).models();
    let unary = models.generate_content(&detect()).await.unwrap();
    let stream = models.generate_content_stream(&detect()).await.unwrap();
    let chunks = support::drain(&stream).await.unwrap();
    assert!(chunks.len() > 1, "one chunk only");
    let text: String = chunks.iter().filter_map(response::text).collect();
    assert_eq!(Some(text), response::text(&unary));
}

#[wasm_bindgen_test]
async fn count_tokens_counts_text_as_a_quarter_of_its_characters() {
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": "a".repeat(40)}));
    let counted = genai(fake()).models().count_tokens(&params).await.unwrap();
    assert_eq!(get(&counted, "totalTokens").as_f64(), Some(10.0));
}

#[wasm_bindgen_test]
async fn count_tokens_counts_an_inline_image() {
    let params = GenerateParams::new("gemini-1.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .build()
        .unwrap();
    let counted = genai(fake()).models().count_tokens(&params).await.unwrap();
    assert_eq!(get(&counted, "totalTokens").as_f64(), Some(258.0));
}

#[wasm_bindgen_test]
async fn config_reaches_the_model() {
    let params = js(&json!({
        "model": "gemini-2.5-flash",
        "contents": "Write a long story",
        "config": {"maxOutputTokens": 3, "systemInstruction": "Be terse",
                   "thinkingConfig": {"thinkingBudget": 0}, "temperature": 0.2}
    }));
    let answer = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    assert_eq!(
        response::finish_reason(&answer).as_deref(),
        Some("MAX_TOKENS")
    );
}

#[wasm_bindgen_test]
async fn media_over_the_inline_limit_is_uploaded_first_and_reported() {
    reset(fake()).await;
    let seen = js_sys::Array::new();
    let record = js_sys::Function::new_with_args("p", "this.push(p.sent)").bind0(&seen);
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .text(DETECT)
        .config("onUploadProgress", record.into())
        .build()
        .unwrap();
    let small = genai_with(fake(), json!({"maxInlineBytes": 100_000}));
    let answer = small.models().generate_content(&params).await.unwrap();
    assert!(response::text(&answer).unwrap().contains("box_2d"));
    let size = sample_image!("cupcakes.png").len() as f64;
    assert_eq!(seen.get(seen.length() - 1).as_f64(), Some(size));
    let report = report(fake()).await;
    let uploads = report["uploads"].as_object().unwrap();
    assert_eq!(uploads.len(), 1);
    let upload = uploads.values().next().unwrap();
    assert_eq!(upload["bytesCommitted"].as_f64(), Some(size));
    let file = upload["file"].as_str().unwrap();
    let stored = small.files().get(js(&json!({"name": file}))).await.unwrap();
    let hash = support::sha256_b64(sample_image!("cupcakes.png"));
    assert_eq!(get(&stored, "sha256Hash").as_string(), Some(hash));
}

#[wasm_bindgen_test]
async fn a_preview_shows_the_plan_and_elides_base64() {
    let small = genai_with(fake(), json!({"maxInlineBytes": 1_000_000}));
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .blob(&blob(sample_image!("fruit.jpg"), "image/jpeg"))
        .text("Compare")
        .build()
        .unwrap();
    let preview = support::json(&small.models().preview(&params).await.unwrap());
    let routes: Vec<_> = preview["plan"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["route"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(routes, ["inline", "fileApi"]);
    let body = preview["body"].as_str().unwrap();
    assert!(body.contains("bytes of base64>"), "{body}");
    assert!(
        body.contains(
            r#""fileData":{"fileUri":"<uploaded before sending>","mimeType":"image/jpeg"}"#
        ),
        "{body}"
    );
    assert!(preview["bodyLength"].as_u64().unwrap() < 1_000_000);
    assert!(
        preview["url"]
            .as_str()
            .unwrap()
            .ends_with("/v1/models/gemini-2.5-flash:generateContent")
    );
}

#[wasm_bindgen_test]
async fn an_uploaded_file_and_a_file_part_are_sent_as_references() {
    let ai = genai(fake());
    let file = ai
        .file_ops()
        .upload(
            &blob(sample_image!("cupcakes.png"), "image/png"),
            Default::default(),
        )
        .await
        .unwrap();
    let resource = js(&serde_json::to_value(&file).unwrap());
    let part =
        js(&json!({"fileData": {"fileUri": file.uri.clone().unwrap(), "mimeType": "image/png"}}));
    let params = GenerateParams::new("gemini-2.5-flash")
        .part(&resource)
        .part(&part)
        .text(DETECT)
        .build()
        .unwrap();
    let capture = support::Capture::start();
    let answer = ai.models().generate_content(&params).await.unwrap();
    let text = response::text(&answer).unwrap();
    assert!(
        text.starts_with("Image 1") && text.contains("box_2d"),
        "{text}"
    );
    let sent = capture.body(":generateContent", 0);
    assert_eq!(
        sent["contents"][0]["parts"][0],
        json!({"fileData": {"fileUri": file.uri.unwrap(), "mimeType": "image/png"}})
    );
}

#[wasm_bindgen_test]
async fn strict_cors_still_generates_and_streams() {
    let models = genai(strict()).models();
    let answer = models.generate_content(&detect()).await.unwrap();
    assert!(response::text(&answer).unwrap().contains("box_2d"));
    let stream = models.generate_content_stream(&detect()).await.unwrap();
    assert!(!support::drain(&stream).await.unwrap().is_empty());
}
