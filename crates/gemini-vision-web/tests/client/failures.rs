//! Requests that fail or meet faults: typed errors, retries, safety and truncation.

use crate::sample_image;
use crate::support::{self, arm, blob, client, client_with, fake, report, reset};
use gemini_vision_web::{Error, GenerateRequest, Input};
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

fn hello() -> GenerateRequest {
    GenerateRequest::new("gemini-2.5-flash", vec![Input::Text("Hello".into())])
}

#[wasm_bindgen_test]
async fn a_bad_key_is_an_api_error_that_never_shows_the_key() {
    let wrong = "wrong-key-that-must-not-leak";
    let client = client_with(fake(), |o| o.api_key = Some(wrong.into()));
    let error = client.generate_content(hello()).await.unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(api.http_status, 400);
    assert_eq!(api.status.as_deref(), Some("INVALID_ARGUMENT"));
    let shown = format!("{error} {error:?} {}", api.raw_body);
    assert!(!shown.contains(wrong), "{shown}");
}

#[wasm_bindgen_test]
async fn no_key_is_allowed_and_the_server_decides() {
    let keyless = client_with(fake(), |o| o.api_key = None);
    let error = keyless.generate_content(hello()).await.unwrap_err();
    assert_eq!(error.http_status(), Some(403));
}

#[wasm_bindgen_test]
async fn an_unsupported_mime_fails_before_any_request() {
    reset(fake()).await;
    let gif = blob(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "");
    let request = GenerateRequest::new("gemini-2.5-flash", vec![Input::Blob(gif)]);
    let error = client(fake()).generate_content(request).await.unwrap_err();
    assert_eq!(error.code(), "UNSUPPORTED_MIME");
    let report = report(fake()).await;
    assert_eq!(report["requests"].as_array().map(Vec::len), Some(0));
}

#[wasm_bindgen_test]
async fn an_unknown_model_is_not_found() {
    let request = GenerateRequest::new("no-such-model", vec![Input::Text("x".into())]);
    let error = client(fake()).generate_content(request).await.unwrap_err();
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
    let result = client(fake()).generate_content(hello()).await.unwrap();
    assert!(!result.response.text().is_empty());
    assert!(
        gemini_vision_web::timer::now_ms() - started >= 400.0,
        "no wait before the retry"
    );
    let statuses: Vec<_> = report(fake()).await["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [429, 200]);
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
    let mut stream = client(fake()).generate_content_stream(hello());
    assert!(stream.next().await.unwrap().is_ok());
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
    let error = client(fake()).generate_content(hello()).await.unwrap_err();
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(
        report(fake()).await["requests"].as_array().map(Vec::len),
        Some(1)
    );
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_safety_block_is_an_answer_with_no_text() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "safetyBlock"})).await;
    let result = client(fake()).generate_content(hello()).await.unwrap();
    assert!(result.response.blocked().is_some());
    assert_eq!(result.response.text(), "");
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_safety_finish_is_reported() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "safetyFinish"})).await;
    let result = client(fake()).generate_content(hello()).await.unwrap();
    assert!(result.response.blocked().is_some());
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_truncated_answer_says_max_tokens() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "truncate"})).await;
    let request = GenerateRequest::new(
        "gemini-2.5-flash",
        vec![
            Input::Blob(blob(sample_image!("cupcakes.png"), "image/png")),
            Input::Text("Detect the cupcakes as 2D bounding boxes.".into()),
        ],
    );
    let result = client(fake()).generate_content(request).await.unwrap();
    let finish = result.response.finish_reason().map(|r| format!("{r:?}"));
    assert_eq!(finish.as_deref(), Some("MaxTokens"));
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
    client(fake()).generate_content(hello()).await.unwrap();
    assert!(gemini_vision_web::timer::now_ms() - started >= 1400.0);
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
    let mut request = hello();
    request.signal = Some(controller.signal());
    let abort_later = async {
        gemini_vision_web::timer::sleep(200, None).await.unwrap();
        controller.abort();
    };
    let client = client(fake());
    let (result, ()) = futures_join(client.generate_content(request), abort_later).await;
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
    let mut request = hello();
    request.signal = Some(controller.signal());
    let abort_later = async {
        gemini_vision_web::timer::sleep(500, None).await.unwrap();
        controller.abort();
    };
    let started = gemini_vision_web::timer::now_ms();
    let client = client(fake());
    let (result, ()) = futures_join(client.generate_content(request), abort_later).await;
    assert!(matches!(result.unwrap_err(), Error::Aborted));
    assert!(gemini_vision_web::timer::now_ms() - started < 5_000.0);
    support::assert_faults_fired(fake()).await;
}

/// Runs two futures to completion together (no executor dependency in the tests).
pub async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    std::future::poll_fn(|cx| {
        if out_a.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            out_a = Some(v);
        }
        if out_b.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            out_b = Some(v);
        }
        if out_a.is_some() && out_b.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (out_a.unwrap(), out_b.unwrap())
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
    let error = Error::Api(gemini_vision::ApiError::from_response(400, echo.as_bytes()));
    let clean = gemini_vision_web::transport::scrub(error, Some(&key));
    let api = clean.api().unwrap();
    let shown = format!("{clean} {} {:?}", api.raw_body, api.details);
    assert!(!shown.contains(support::KEY), "{shown}");
}
