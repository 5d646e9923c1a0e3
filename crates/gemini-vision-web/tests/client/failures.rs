//! Requests that fail or meet faults: typed errors, retries, timeouts, safety and
//! truncation.

use crate::sample_image;
use crate::support::{self, arm, blob, fake, genai, genai_with, js, report, reset};
use gemini_vision_web::{Error, GenerateParams, response};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn hello() -> JsValue {
    js(&json!({"model": "gemini-2.5-flash", "contents": "Hello"}))
}

fn statuses(report: &serde_json::Value) -> Vec<u64> {
    report["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn a_bad_key_is_an_api_error_that_never_shows_the_key() {
    let wrong = "wrong-key-that-must-not-leak";
    let ai = gemini_vision_web::GoogleGenAI::with_key(wrong, Some(fake())).unwrap();
    let error = ai.models().generate_content(&hello()).await.unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(api.http_status, 400);
    assert_eq!(api.status.as_deref(), Some("INVALID_ARGUMENT"));
    let shown = format!("{error} {error:?} {}", api.raw_body);
    assert!(!shown.contains(wrong), "{shown}");
}

#[wasm_bindgen_test]
async fn no_key_is_allowed_and_the_server_decides() {
    let keyless = gemini_vision_web::GoogleGenAI::with_key("", Some(fake())).unwrap();
    let error = keyless
        .models()
        .generate_content(&hello())
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(403));
}

#[wasm_bindgen_test]
async fn an_unsupported_mime_fails_before_any_request() {
    reset(fake()).await;
    let gif = blob(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "");
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&gif)
        .build()
        .unwrap();
    let error = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "UNSUPPORTED_MIME");
    assert_eq!(
        report(fake()).await["requests"].as_array().map(Vec::len),
        Some(0)
    );
}

#[wasm_bindgen_test]
async fn an_unknown_model_is_not_found() {
    let params = js(&json!({"model": "no-such-model", "contents": "x"}));
    let error = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(404));
}

#[wasm_bindgen_test]
async fn a_429_is_retried_after_a_wait() {
    // Cross-origin, Retry-After is readable only if the server exposes it (the emulator,
    // like Google, exposes only upload headers); the client then backs off by itself.
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 429, "retryAfter": 1, "target": "generate"}),
    )
    .await;
    let started = gemini_vision_web::timer::now_ms();
    let answer = genai(fake())
        .models()
        .generate_content(&hello())
        .await
        .unwrap();
    assert!(!response::text(&answer).unwrap().is_empty());
    assert!(
        gemini_vision_web::timer::now_ms() - started >= 400.0,
        "no wait before the retry"
    );
    assert_eq!(statuses(&report(fake()).await), [429, 200]);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn retry_options_can_turn_retries_off() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "target": "generate"}),
    )
    .await;
    let once = genai_with(
        fake(),
        json!({"httpOptions": {"retryOptions": {"attempts": 1}}}),
    );
    let error = once.models().generate_content(&hello()).await.unwrap_err();
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(statuses(&report(fake()).await), [503]);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_stream_that_fails_before_its_first_event_is_retried() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "retryAfter": 1, "target": "generate"}),
    )
    .await;
    let stream = genai(fake())
        .models()
        .generate_content_stream(&hello())
        .await
        .unwrap();
    assert!(!support::drain(&stream).await.unwrap().is_empty());
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_stream_whose_request_fails_rejects_the_promise() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "generate"}),
    )
    .await;
    let error = genai(fake())
        .models()
        .generate_content_stream(&hello())
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400));
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_permanent_error_is_not_retried() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "generate"}),
    )
    .await;
    let error = genai(fake())
        .models()
        .generate_content(&hello())
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(statuses(&report(fake()).await), [400]);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn count_tokens_is_retried_too() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 500, "target": "count"}),
    )
    .await;
    let counted = genai(fake()).models().count_tokens(&hello()).await.unwrap();
    assert!(support::get(&counted, "totalTokens").as_f64().is_some());
    assert_eq!(statuses(&report(fake()).await), [500, 200]);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_safety_block_is_an_answer_with_no_text() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "safetyBlock"})).await;
    let answer = genai(fake())
        .models()
        .generate_content(&hello())
        .await
        .unwrap();
    assert_eq!(response::block_reason(&answer).as_deref(), Some("SAFETY"));
    assert_eq!(response::text(&answer), None);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_safety_finish_is_reported() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "safetyFinish"})).await;
    let answer = genai(fake())
        .models()
        .generate_content(&hello())
        .await
        .unwrap();
    assert_eq!(response::finish_reason(&answer).as_deref(), Some("SAFETY"));
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_truncated_answer_says_max_tokens() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "truncate"})).await;
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .text("Detect the cupcakes as 2D bounding boxes.")
        .build()
        .unwrap();
    let answer = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    assert_eq!(
        response::finish_reason(&answer).as_deref(),
        Some("MAX_TOKENS")
    );
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_slow_answer_still_arrives() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "slow", "delayMs": 1500, "target": "generate"}),
    )
    .await;
    let started = gemini_vision_web::timer::now_ms();
    genai(fake())
        .models()
        .generate_content(&hello())
        .await
        .unwrap();
    assert!(gemini_vision_web::timer::now_ms() - started >= 1400.0);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_timeout_cuts_a_slow_attempt_short() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "slow", "delayMs": 4000, "target": "generate"}),
    )
    .await;
    let impatient = genai_with(fake(), json!({"httpOptions": {"timeout": 300}}));
    let started = gemini_vision_web::timer::now_ms();
    let error = impatient
        .models()
        .generate_content(&hello())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { millis: 300 }), "{error:?}");
    assert!(gemini_vision_web::timer::now_ms() - started < 3000.0);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_call_can_set_its_own_timeout() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "slow", "delayMs": 4000, "target": "generate"}),
    )
    .await;
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": "Hello",
                            "config": {"httpOptions": {"timeout": 250}}}));
    let error = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "TIMEOUT");
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn aborting_a_slow_request_rejects_with_aborted() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "slow", "delayMs": 5000, "target": "generate"}),
    )
    .await;
    let controller = web_sys::AbortController::new().unwrap();
    let params = GenerateParams::new("gemini-2.5-flash")
        .text("Hello")
        .signal(&controller.signal())
        .build()
        .unwrap();
    let abort_later = async {
        gemini_vision_web::timer::sleep(200, None).await.unwrap();
        controller.abort();
    };
    let models = genai(fake()).models();
    let (result, ()) = support::futures_join(models.generate_content(&params), abort_later).await;
    assert!(matches!(result.unwrap_err(), Error::Aborted));
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn an_aborted_retry_wait_ends_at_once() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "retryAfter": 30, "target": "generate"}),
    )
    .await;
    let controller = web_sys::AbortController::new().unwrap();
    let params = GenerateParams::new("gemini-2.5-flash")
        .text("Hello")
        .signal(&controller.signal())
        .build()
        .unwrap();
    let abort_later = async {
        gemini_vision_web::timer::sleep(500, None).await.unwrap();
        controller.abort();
    };
    let started = gemini_vision_web::timer::now_ms();
    let models = genai(fake()).models();
    let (result, ()) = support::futures_join(models.generate_content(&params), abort_later).await;
    assert!(matches!(result.unwrap_err(), Error::Aborted));
    assert!(gemini_vision_web::timer::now_ms() - started < 5_000.0);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn aborting_a_stream_while_it_is_read_rejects_the_next_chunk() {
    reset(fake()).await;
    let controller = web_sys::AbortController::new().unwrap();
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&blob(sample_image!("cupcakes.png"), "image/png"))
        .text("Detect the cupcakes as 2D bounding boxes.")
        .signal(&controller.signal())
        .build()
        .unwrap();
    let stream = genai(fake())
        .models()
        .generate_content_stream(&params)
        .await
        .unwrap();
    controller.abort();
    let error = support::drain(&stream).await.unwrap_err();
    assert_eq!(support::code_of(&error), "AbortError");
}

#[wasm_bindgen_test]
async fn the_key_is_scrubbed_from_an_echoing_answer() {
    // A status fault's body is the emulator's; what matters is the scrub function on
    // a body that does echo the key, as a careless proxy might.
    let key = gemini_vision::ApiKey::new(support::KEY).unwrap();
    let echo = format!(
        r#"{{"error":{{"code":400,"message":"bad key {}","status":"INVALID_ARGUMENT","details":[{{"key":"{}"}}]}}}}"#,
        support::KEY,
        support::KEY
    );
    let error = Error::Api(gemini_vision::ApiError::from_response(
        400,
        echo.as_bytes(),
        None,
    ));
    let clean = gemini_vision_web::transport::scrub(error, Some(&key));
    let api = clean.api().unwrap();
    let shown = format!("{clean} {} {:?}", api.raw_body, api.details);
    assert!(!shown.contains(support::KEY), "{shown}");
}

#[wasm_bindgen_test]
fn debug_output_of_a_client_never_shows_its_key_or_header_values() {
    let client = genai_with(
        fake(),
        json!({"httpOptions": {"headers": {"x-proxy-token": "proxy-secret-7f2"}}}),
    );
    let shown = format!("{client:?} {:?}", client.files());
    assert!(shown.contains("x-proxy-token"), "{shown}");
    assert!(!shown.contains("proxy-secret-7f2"), "{shown}");
    assert!(!shown.contains(support::KEY), "{shown}");
}
