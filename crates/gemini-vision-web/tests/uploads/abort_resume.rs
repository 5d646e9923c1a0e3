//! Aborting an upload cancels its session; an upload cut short resumes on a new
//! client (as after a page reload) from the record in `localStorage`, re-sending no
//! committed byte.

use super::assert_whole_once;
use crate::support::{self, arm, client, fake, report, reset};
use gemini_vision_web::resume::ResumeSlot;
use gemini_vision_web::{Error, UploadOptions, UploadProgress};
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

const CHUNK: u64 = 512 * 1024;

#[wasm_bindgen_test]
async fn aborting_mid_upload_cancels_the_session_and_rejects_with_aborted() {
    reset(fake()).await;
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let source = support::file(&support::pattern(4 * 1024 * 1024, 5), "aborted.bin");
    let options = UploadOptions {
        signal: Some(signal),
        on_progress: Some(Rc::new(move |p| {
            if p.sent >= 2 * CHUNK {
                controller.abort();
            }
        })),
        ..support::text_upload(CHUNK)
    };
    let client = client(fake());
    let error = client.files().upload(&source, options).await.unwrap_err();
    assert!(matches!(error, Error::Aborted), "{error:?}");
    let report = report(fake()).await;
    let uploads = report["uploads"].as_object().unwrap();
    assert_eq!(uploads.len(), 1);
    let upload = uploads.values().next().unwrap();
    assert_eq!(upload["status"], "cancelled", "{upload}");
    assert!(upload["bytesCommitted"].as_u64().unwrap() < 4 * 1024 * 1024);
    let slot = ResumeSlot::for_file(&source, &client.endpoint().upload_url()).unwrap();
    assert!(slot.load().is_none(), "the record is removed");
}

#[wasm_bindgen_test]
async fn an_interrupted_file_upload_resumes_on_a_new_client_without_resending() {
    reset(fake()).await;
    let bytes = support::pattern(3 * 1024 * 1024 + 11, 8);
    let source = support::file(&bytes, "resumable.bin");
    let options = || support::text_upload(CHUNK);
    // The page "dies" at the third chunk: a permanent error ends the first attempt.
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "chunk", "nth": 3}),
    )
    .await;
    let first = client(fake()).files().upload(&source, options()).await;
    assert_eq!(first.unwrap_err().http_status(), Some(400));
    let slot = ResumeSlot::for_file(&source, &client(fake()).endpoint().upload_url()).unwrap();
    let record = slot.load().expect("a resume record survives the failure");
    assert_eq!(record.confirmed, 2 * CHUNK);

    let seen: Rc<RefCell<Vec<UploadProgress>>> = Rc::default();
    let sink = seen.clone();
    let resumed_options = UploadOptions {
        on_progress: Some(Rc::new(move |p| sink.borrow_mut().push(p))),
        ..options()
    };
    let file = client(fake())
        .files()
        .upload(&source, resumed_options)
        .await
        .unwrap();
    let progress = seen.borrow().clone();
    assert!(progress.iter().all(|p| p.resumed));
    assert_eq!(progress.first().map(|p| p.sent), Some(2 * CHUNK));
    let report = report(fake()).await;
    let upload = assert_whole_once(
        &report,
        &file,
        bytes.len() as u64,
        &support::sha256_b64(&bytes),
    );
    let uploads = report["uploads"].as_object().unwrap();
    assert_eq!(uploads.len(), 1, "one session, continued");
    let resent = upload["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["offset"].as_u64() < Some(2 * CHUNK) && c["outcome"] == "committed")
        .count();
    assert_eq!(
        resent, 2,
        "only the first page's two chunks start below 1 MiB"
    );
    assert!(slot.load().is_none(), "the record is removed on success");
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn a_stale_record_for_an_expired_session_starts_afresh() {
    reset(fake()).await;
    let bytes = support::pattern(CHUNK as usize * 2 + 1, 10);
    let source = support::file(&bytes, "stale.bin");
    let options = || support::text_upload(CHUNK);
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "chunk", "nth": 2}),
    )
    .await;
    assert!(
        client(fake())
            .files()
            .upload(&source, options())
            .await
            .is_err()
    );
    support::expire_sessions(fake()).await;
    let file = client(fake())
        .files()
        .upload(&source, options())
        .await
        .unwrap();
    assert_eq!(file.size_bytes, Some(bytes.len() as u64));
    let served = file.sha256_hash.as_deref();
    assert_eq!(served, Some(support::sha256_b64(&bytes).as_str()));
    support::assert_faults_fired(fake()).await;
}
