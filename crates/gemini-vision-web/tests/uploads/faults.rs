//! Every fault the emulator injects into uploads: the upload still ends whole, each
//! byte committed once (proved from the report and `sha256Hash`).

use super::{assert_whole, assert_whole_once, session_requests};
use crate::support::{self, arm, blob, client, expire_sessions, fake, report, reset};
use gemini_vision_web::{UploadOptions, WaitOptions};
use serde_json::{Value, json};
use wasm_bindgen_test::wasm_bindgen_test;

const CHUNK: u64 = 1024 * 1024;

/// Uploads 3 MiB + 5 in 1 MiB chunks after arming `faults`; returns the report and
/// the upload record, once checked that the file is whole and no byte came twice.
async fn upload_through(faults: &[Value]) -> (Value, Value) {
    upload_allowing_overlap(faults, 0).await
}

async fn upload_allowing_overlap(faults: &[Value], max_overlap: u64) -> (Value, Value) {
    reset(fake()).await;
    for fault in faults {
        arm(fake(), fault.clone()).await;
    }
    let bytes = support::pattern(3 * 1024 * 1024 + 5, 4);
    let options = support::text_upload(CHUNK);
    let file = client(fake())
        .files()
        .upload(&blob(&bytes, ""), options)
        .await
        .unwrap();
    let hash = support::sha256_b64(&bytes);
    let report = report(fake()).await;
    let upload = assert_whole(&report, &file, bytes.len() as u64, &hash, max_overlap);
    (report, upload)
}

#[wasm_bindgen_test]
async fn a_503_with_retry_after_on_a_chunk_is_retried() {
    let fault =
        json!({"kind": "status", "status": 503, "retryAfter": 1, "target": "chunk", "nth": 2});
    let (report, upload) = upload_through(&[fault]).await;
    let requests = session_requests(&report, &upload);
    assert!(
        requests.iter().any(|r| r.starts_with("POST 503")),
        "{requests:?}"
    );
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_429_on_the_start_request_is_retried() {
    upload_through(&[
        json!({"kind": "status", "status": 429, "retryAfter": 1, "target": "upload", "nth": 1}),
    ])
    .await;
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_connection_dropped_mid_chunk_still_ends_whole() {
    // Chromium itself re-sends a request whose reused keep-alive connection closed
    // before any answer, so the first drop never reaches the client: the emulator
    // ignores the re-sent granule it kept (at most one granule arrives twice).
    let drop = json!({"kind": "drop", "afterBytes": 400_000, "nth": 2});
    upload_allowing_overlap(&[drop], 262_144).await;
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_connection_that_keeps_dropping_is_recovered_through_query() {
    // Dropped twice: Chromium's own re-send fails too, fetch rejects, and the client
    // asks the server where it is before sending on.
    let drop = json!({"kind": "drop", "afterBytes": 400_000, "nth": 2, "times": 2});
    let (report, upload) = upload_allowing_overlap(&[drop], 2 * 262_144).await;
    let requests = session_requests(&report, &upload);
    let dropped = requests.iter().filter(|r| r.starts_with("POST 0 ")).count();
    assert_eq!(dropped, 2, "{requests:?}");
    // After the failure: an empty-bodied query, then the chunk from what was kept.
    assert!(
        requests
            .iter()
            .any(|r| r.ends_with(" 0") && r.starts_with("POST 200")),
        "{requests:?}"
    );
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn an_answer_without_an_upload_status_is_recovered() {
    upload_through(&[json!({"kind": "missingUploadStatus", "nth": 2})]).await;
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_status_fault_without_an_upload_status_is_recovered() {
    upload_through(&[
        json!({"kind": "status", "status": 500, "target": "chunk", "nth": 3}),
        json!({"kind": "missingUploadStatus", "nth": 3}),
    ])
    .await;
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn an_expired_session_starts_over() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "expireSession", "nth": 2})).await;
    let bytes = support::pattern(3 * 1024 * 1024 + 5, 4);
    let restarts = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = restarts.clone();
    let options = UploadOptions {
        on_progress: Some(std::rc::Rc::new(move |p| seen.set(p.restarts))),
        ..support::text_upload(CHUNK)
    };
    let file = client(fake())
        .files()
        .upload(&blob(&bytes, ""), options)
        .await
        .unwrap();
    assert_eq!(restarts.get(), 1);
    let report = report(fake()).await;
    // The second session holds the file whole; the first was abandoned.
    assert_whole_once(
        &report,
        &file,
        bytes.len() as u64,
        &support::sha256_b64(&bytes),
    );
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn sessions_expired_by_the_admin_api_mid_upload_start_over() {
    reset(fake()).await;
    let bytes = support::pattern(2 * 1024 * 1024, 6);
    let expired = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = expired.clone();
    let options = UploadOptions {
        on_progress: Some(std::rc::Rc::new(move |p| {
            if p.sent == CHUNK && !flag.get() {
                flag.set(true);
                wasm_bindgen_futures::spawn_local(expire_sessions(fake()));
            }
        })),
        ..support::text_upload(CHUNK)
    };
    let file = client(fake())
        .files()
        .upload(&blob(&bytes, ""), options)
        .await
        .unwrap();
    assert_eq!(file.size_bytes, Some(bytes.len() as u64));
    assert!(expired.get());
}

#[wasm_bindgen_test]
async fn a_file_that_fails_processing_is_a_file_failed_error() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "failFile"})).await;
    let client = client(fake());
    let file = client
        .files()
        .upload(&blob(&support::mp4(1000), ""), UploadOptions::default())
        .await
        .unwrap();
    let error = client
        .files()
        .wait_until_active(&file.name, WaitOptions::default())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "FILE_FAILED");
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_slow_chunk_answer_only_slows_the_upload() {
    upload_through(&[json!({"kind": "slow", "delayMs": 1200, "target": "chunk", "nth": 1})]).await;
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn waiting_past_the_timeout_is_a_timeout_error() {
    reset(fake()).await;
    support::configure(fake(), json!({"processingMs": 60000})).await;
    let client = client(fake());
    let file = client
        .files()
        .upload(&blob(&support::mp4(1000), ""), UploadOptions::default())
        .await;
    support::configure(fake(), json!({"processingMs": 300})).await;
    let error = client
        .files()
        .wait_until_active(
            &file.unwrap().name,
            WaitOptions {
                signal: None,
                timeout_ms: Some(1500),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "TIMEOUT");
}

#[wasm_bindgen_test]
async fn with_upload_headers_hidden_a_dropping_connection_still_ends_whole() {
    // --strict-cors hides X-Goog-Upload-Size-Received: after the failure the client
    // resumes from the last offset the server confirmed, and the server ignores the
    // granules it already kept.
    let strict = support::strict();
    reset(strict).await;
    arm(
        strict,
        json!({"kind": "drop", "afterBytes": 400_000, "nth": 2, "times": 2}),
    )
    .await;
    let bytes = support::pattern(3 * 1024 * 1024 + 5, 13);
    let file = client(strict)
        .files()
        .upload(&blob(&bytes, ""), support::text_upload(CHUNK))
        .await
        .unwrap();
    let report = report(strict).await;
    let hash = support::sha256_b64(&bytes);
    assert_whole(&report, &file, bytes.len() as u64, &hash, 2 * CHUNK);
    support::assert_faults_fired(fake()).await;
}
