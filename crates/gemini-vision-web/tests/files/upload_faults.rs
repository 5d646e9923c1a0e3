//! Every fault the emulator injects into uploads: the upload still ends whole, each
//! byte committed once (proved from the report and `sha256Hash`), and each fault proved
//! to have fired.

use super::{
    ai, assert_holds, assert_whole, progress, session_requests, set, text_config, upload_params,
};
use crate::support::{self, arm, blob, expire_sessions, fake, report, reset};
use serde_json::{Value, json};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

const CHUNK: u64 = 1024 * 1024;

/// Uploads 3 MiB + 5 in 1 MiB chunks to `base` after arming `faults`; returns the
/// report and the upload record, checked whole with at most `max_overlap` sent twice.
async fn upload_through(base: &str, faults: &[Value], max_overlap: u64) -> (Value, Value) {
    reset(base).await;
    for fault in faults {
        arm(base, fault.clone()).await;
    }
    let bytes = support::pattern(3 * 1024 * 1024 + 5, 4);
    let params = upload_params(&blob(&bytes, "").into(), &text_config(CHUNK));
    let file = ai(base).files().upload(params).await.unwrap();
    let hash = support::sha256_b64(&bytes);
    let report = report(base).await;
    let upload = assert_whole(&report, &file, bytes.len() as u64, &hash, max_overlap);
    support::assert_faults_fired(base).await;
    (report, upload)
}

#[wasm_bindgen_test]
async fn a_503_with_retry_after_on_a_chunk_is_retried() {
    let fault =
        json!({"kind": "status", "status": 503, "retryAfter": 1, "target": "chunk", "nth": 2});
    let (report, upload) = upload_through(fake(), &[fault], 0).await;
    let requests = session_requests(&report, &upload);
    assert!(
        requests.iter().any(|r| r.starts_with("POST 503")),
        "{requests:?}"
    );
}

#[wasm_bindgen_test]
async fn a_429_on_the_start_request_is_retried() {
    let fault =
        json!({"kind": "status", "status": 429, "retryAfter": 1, "target": "upload", "nth": 1});
    upload_through(fake(), &[fault], 0).await;
}

#[wasm_bindgen_test]
async fn a_connection_dropped_mid_chunk_still_ends_whole() {
    // Chromium itself re-sends a request whose reused keep-alive connection closed
    // before any answer, so the first drop never reaches the client: the emulator
    // ignores the re-sent granule it kept (at most one granule arrives twice).
    let drop = json!({"kind": "drop", "afterBytes": 400_000, "nth": 2});
    upload_through(fake(), &[drop], 262_144).await;
}

#[wasm_bindgen_test]
async fn a_connection_that_keeps_dropping_is_recovered_through_query() {
    // Dropped twice: Chromium's own re-send fails too, fetch rejects, and the client
    // asks the server where it is before sending on.
    let drop = json!({"kind": "drop", "afterBytes": 400_000, "nth": 2, "times": 2});
    let (report, upload) = upload_through(fake(), &[drop], 2 * 262_144).await;
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
}

#[wasm_bindgen_test]
async fn an_answer_without_an_upload_status_is_recovered() {
    upload_through(
        fake(),
        &[json!({"kind": "missingUploadStatus", "nth": 2})],
        0,
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_status_fault_without_an_upload_status_is_recovered() {
    let faults = [
        json!({"kind": "status", "status": 500, "target": "chunk", "nth": 3}),
        json!({"kind": "missingUploadStatus", "nth": 3}),
    ];
    upload_through(fake(), &faults, 0).await;
}

#[wasm_bindgen_test]
async fn a_slow_chunk_answer_only_slows_the_upload() {
    let slow = json!({"kind": "slow", "delayMs": 1200, "target": "chunk", "nth": 1});
    upload_through(fake(), &[slow], 0).await;
}

#[wasm_bindgen_test]
async fn with_upload_headers_hidden_a_dropping_connection_still_ends_whole() {
    // --strict-cors hides X-Goog-Upload-Size-Received: after the failure the client
    // resumes from the last offset the server confirmed, and the server ignores the
    // granules it already kept.
    let drop = json!({"kind": "drop", "afterBytes": 400_000, "nth": 2, "times": 2});
    upload_through(support::strict(), &[drop], 2 * CHUNK).await;
}

#[wasm_bindgen_test]
async fn an_expired_session_starts_over_and_says_so() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "expireSession", "nth": 2})).await;
    let bytes = support::pattern(3 * 1024 * 1024 + 5, 4);
    let (on_progress, seen) = progress(|_| {});
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    let params = upload_params(&blob(&bytes, "").into(), &config);
    let file = ai(fake()).files().upload(params).await.unwrap();
    assert_eq!(seen.borrow().last().unwrap().2, 1, "one restart reported");
    let report = report(fake()).await;
    // The second session holds the file whole; the first was abandoned.
    assert_holds(&report, &file, &bytes);
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn sessions_expired_by_the_admin_api_mid_upload_start_over() {
    reset(fake()).await;
    let bytes = support::pattern(2 * 1024 * 1024, 6);
    let expired = Rc::new(Cell::new(false));
    let flag = expired.clone();
    let (on_progress, _) = progress(move |(sent, ..)| {
        if sent == CHUNK && !flag.get() {
            flag.set(true);
            wasm_bindgen_futures::spawn_local(expire_sessions(fake()));
        }
    });
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    let params = upload_params(&blob(&bytes, "").into(), &config);
    let file = ai(fake()).files().upload(params).await.unwrap();
    assert_eq!(super::text(&file, "sizeBytes"), bytes.len().to_string());
    assert_eq!(
        super::text(&file, "sha256Hash"),
        support::sha256_b64(&bytes)
    );
    assert!(expired.get());
}

#[wasm_bindgen_test]
async fn an_upload_url_session_that_expires_fails_with_the_api_error() {
    // Without a key the session cannot be started again: the 404 is the answer.
    reset(fake()).await;
    let bytes = support::pattern(2 * CHUNK as usize, 9);
    let url = super::settle(super::start_session(
        fake(),
        support::KEY,
        bytes.len() as f64,
        "text/plain",
    ))
    .await
    .unwrap();
    arm(fake(), json!({"kind": "expireSession", "nth": 1})).await;
    let config = text_config(CHUNK);
    set(&config, "uploadUrl", &url);
    let params = upload_params(&blob(&bytes, "").into(), &config);
    let error = super::ai_with(fake(), None)
        .files()
        .upload(params)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(404), "{error:?}");
    support::assert_faults_fired(fake()).await;
}
