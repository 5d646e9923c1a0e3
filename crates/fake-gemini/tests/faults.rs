//! Every fault the emulator injects, armed through `/__fake/faults`, and the report.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn text_request() -> Value {
    json!({"contents": [{"parts": [{"text": "why is the sky blue?"}]}]})
}

async fn next_status(emu: &Emu) -> StatusCode {
    emu.generate("gemini-2.5-flash", &text_request())
        .await
        .status
}

#[tokio::test]
async fn the_nth_request_fails_with_the_status_and_retry_after() {
    let emu = emu().await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "status", "status": 503, "retryAfter": 7, "nth": 2}),
    )
    .await;
    assert_eq!(next_status(&emu).await, StatusCode::OK);
    let failed = emu.generate("gemini-2.5-flash", &text_request()).await;
    assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(failed.body["error"]["status"], "UNAVAILABLE");
    assert_eq!(failed.header("retry-after"), Some("7"));
    assert_eq!(next_status(&emu).await, StatusCode::OK);
}

#[tokio::test]
async fn status_faults_speak_429_and_500_too() {
    let emu = emu().await;
    emu.admin(
        "/__fake/faults",
        &json!([{"kind": "status", "status": 429}, {"kind": "status", "status": 500, "nth": 2}]),
    )
    .await;
    let first = emu.generate("gemini-2.5-flash", &text_request()).await;
    assert_eq!(first.body["error"]["status"], "RESOURCE_EXHAUSTED");
    let second = emu.generate("gemini-2.5-flash", &text_request()).await;
    assert_eq!(second.body["error"]["status"], "INTERNAL");
}

#[tokio::test]
async fn a_failed_chunk_commits_nothing() {
    let emu = emu().await;
    let session = emu.start_upload(Some(2 * GRANULE), "text/plain").await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "status", "status": 503, "target": "chunk"}),
    )
    .await;
    let failed = emu.chunk(&session, 0, "upload", vec![1; GRANULE]).await;
    assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        emu.command(&session, "query")
            .await
            .header("x-goog-upload-size-received"),
        Some("0")
    );
}

#[tokio::test]
async fn a_dropped_connection_keeps_whole_granules_and_the_resume_sends_no_byte_twice() {
    let emu = emu().await;
    let bytes = random_bytes(4 * GRANULE, 9);
    let session = emu.start_upload(Some(bytes.len()), "application/pdf").await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "drop", "afterBytes": 2 * GRANULE + 1000}),
    )
    .await;
    let cut = emu
        .chunk_result(&session, 0, "upload, finalize", bytes.clone())
        .await;
    assert!(cut.is_err(), "the connection must break");
    let query = emu.command(&session, "query").await;
    assert_eq!(
        query.header("x-goog-upload-size-received"),
        Some(&*(2 * GRANULE).to_string())
    );
    let done = emu
        .chunk(
            &session,
            2 * GRANULE,
            "upload, finalize",
            bytes[2 * GRANULE..].to_vec(),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    let report = emu.report().await;
    let upload = report["uploads"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(upload["overlapBytes"], 0);
    assert_eq!(upload["bytesCommitted"], 4 * GRANULE);
    assert_eq!(upload["chunks"][0]["outcome"], "partial");
    assert_eq!(upload["chunks"][0]["received"], 2 * GRANULE + 1000);
    use base64::Engine;
    use sha2::Digest;
    let expected = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&bytes));
    assert_eq!(done.body["file"]["sha256Hash"], expected);
}

#[tokio::test]
async fn a_missing_upload_status_header_can_be_injected() {
    let emu = emu().await;
    let session = emu.start_upload(Some(GRANULE), "text/plain").await;
    emu.admin("/__fake/faults", &json!({"kind": "missingUploadStatus"}))
        .await;
    let answer = emu
        .chunk(&session, 0, "upload, finalize", vec![0; GRANULE])
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.header("x-goog-upload-status").is_none());
}

#[tokio::test]
async fn a_session_can_be_expired_by_a_fault_and_by_the_admin_api() {
    let emu = emu().await;
    let session = emu.start_upload(Some(GRANULE), "text/plain").await;
    emu.admin("/__fake/faults", &json!({"kind": "expireSession"}))
        .await;
    assert_eq!(
        emu.chunk(&session, 0, "upload", vec![0; GRANULE])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let other = emu.start_upload(Some(GRANULE), "text/plain").await;
    emu.admin("/__fake/sessions/expire", &json!({})).await;
    assert_eq!(
        emu.command(&other, "query").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_file_can_be_made_to_end_failed() {
    let emu = emu_with(|config| config.settings.processing_ms = 100).await;
    emu.admin("/__fake/faults", &json!({"kind": "failFile"}))
        .await;
    let answer = emu.upload(b"img", "image/png", GRANULE).await;
    let name = answer.body["file"]["name"].as_str().unwrap().to_string();
    assert_eq!(answer.body["file"]["state"], "PROCESSING");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let file = emu.get(&format!("/v1beta/{name}")).await;
    assert_eq!(file.body["state"], "FAILED");
    assert!(file.body["error"]["message"].is_string());
}

#[tokio::test]
async fn a_slow_answer_waits() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "slow", "delayMs": 300}))
        .await;
    let started = std::time::Instant::now();
    emu.generate("gemini-2.5-flash", &text_request()).await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
}

#[tokio::test]
async fn a_safety_block_has_prompt_feedback_and_no_candidates() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "safetyBlock"}))
        .await;
    let answer = emu.generate("gemini-2.5-flash", &text_request()).await;
    assert_eq!(answer.body["promptFeedback"]["blockReason"], "SAFETY");
    assert!(answer.body.get("candidates").is_none());
}

#[tokio::test]
async fn a_safety_finish_stops_the_candidate() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "safetyFinish"}))
        .await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            &text_request(),
        )
        .await;
    assert!(answer.text.contains("\"finishReason\":\"SAFETY\""));
}

#[tokio::test]
async fn a_truncated_answer_is_cut_with_max_tokens() {
    let emu = emu().await;
    let whole = emu.generate("gemini-2.5-flash", &text_request()).await;
    emu.admin("/__fake/faults", &json!({"kind": "truncate"}))
        .await;
    let cut = emu.generate("gemini-2.5-flash", &text_request()).await;
    assert_eq!(cut.body["candidates"][0]["finishReason"], "MAX_TOKENS");
    assert!(whole.model_text().starts_with(cut.model_text()));
    assert!(cut.model_text().len() < whole.model_text().len());
}

#[tokio::test]
async fn faults_can_be_armed_from_the_config() {
    let emu = emu_with(|config| {
        config.faults.push(fake_gemini::FaultSpec::new(
            fake_gemini::FaultKind::Status {
                status: 429,
                retry_after: None,
            },
            1,
        ));
    })
    .await;
    assert_eq!(next_status(&emu).await, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn sticky_faults_fire_every_time_until_reset() {
    let emu = emu().await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "status", "status": 500, "sticky": true}),
    )
    .await;
    for _ in 0..3 {
        assert_eq!(next_status(&emu).await, StatusCode::INTERNAL_SERVER_ERROR);
    }
    emu.admin("/__fake/reset", &json!({})).await;
    assert_eq!(next_status(&emu).await, StatusCode::OK);
}

#[tokio::test]
async fn the_report_lists_requests_without_the_key() {
    let emu = emu().await;
    let url = emu.url("/v1beta/files?key=secret-key-123&pageSize=3");
    emu.client.get(url).send().await.unwrap();
    let report = emu.report().await;
    let request = &report["requests"][0];
    assert_eq!(request["method"], "GET");
    assert_eq!(request["path"], "/v1beta/files?pageSize=3");
    assert_eq!(request["status"], 200);
    assert!(!report.to_string().contains("secret-key-123"));
}

#[tokio::test]
async fn settings_change_at_run_time() {
    let emu = emu().await;
    let patched = Answer::from(
        emu.admin_request(reqwest::Method::PATCH, "/__fake/config")
            .json(&json!({"maxRequestBytes": 10, "style": "gemini-3"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(patched.body["maxRequestBytes"], 10);
    assert_eq!(patched.body["style"], "gemini-3");
    let answer = emu.generate("gemini-2.5-flash", &text_request()).await;
    assert_eq!(
        answer.body["error"]["message"],
        "Request payload size exceeds the limit: 10 bytes."
    );
}

#[tokio::test]
async fn a_failed_8_mib_chunk_is_answered_not_reset() {
    let emu = emu().await;
    let session = emu.start_upload(Some(16 * 1024 * 1024), "video/mp4").await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "status", "status": 500, "target": "chunk"}),
    )
    .await;
    let answer = emu
        .chunk(&session, 0, "upload", vec![3; 8 * 1024 * 1024])
        .await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(emu.report().await["requests"][1]["bytes"], 8 * 1024 * 1024);
}

#[tokio::test]
async fn latency_delays_every_api_answer_but_not_the_admin_api() {
    let emu = emu_with(|config| config.settings.latency_ms = 250).await;
    let started = std::time::Instant::now();
    emu.get("/v1beta/files").await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(250));
    let started = std::time::Instant::now();
    emu.report().await;
    assert!(started.elapsed() < std::time::Duration::from_millis(250));
}
