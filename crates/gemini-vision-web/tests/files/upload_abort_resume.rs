//! Aborting an upload cancels its session (promptly, even when the `cancel` gets no
//! answer); an upload cut short resumes on a new client (as after a page reload) from
//! its record in `localStorage`, re-sending no committed byte; records of another key
//! or endpoint, stale ones and tampered ones are not used.

use super::{
    ai, ai_with, assert_holds, code, only_session, progress, set, settle, text_config,
    upload_params, watch,
};
use crate::support::{self, arm, fake, report, reset};
use gemini_vision::upload::resume_key;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{AbortController, File};

const CHUNK: u64 = 512 * 1024;

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn upload_url(version: &str) -> String {
    format!("{}/upload/{version}/files", fake())
}

/// The storage key of `file`'s record towards the emulator's `version` endpoint.
fn record_key(file: &File, version: &str) -> String {
    resume_key(
        &file.name(),
        file.size() as u64,
        file.last_modified() as i64,
        &upload_url(version),
    )
}

fn stored(file: &File, version: &str) -> Option<Value> {
    let json = storage().get_item(&record_key(file, version)).unwrap()?;
    Some(serde_json::from_str(&json).unwrap())
}

fn store(file: &File, version: &str, record: &Value) {
    storage()
        .set_item(&record_key(file, version), &record.to_string())
        .unwrap();
}

/// The owner fingerprint a client with `key` writes for the `version` endpoint.
fn owner(version: &str, key: &str) -> String {
    let digest = Sha256::digest(format!(
        "gemini-vision.upload-owner\n{}\n{key}",
        upload_url(version)
    ));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Uploads `file` in `CHUNK`s with the emulators' key.
async fn upload(file: &File, config: JsValue) -> gemini_vision::Result<JsValue> {
    ai(fake())
        .files()
        .upload(upload_params(&file.into(), &config))
        .await
}

/// An upload of `bytes` as `name` that the server stops at its third chunk (a
/// permanent error: the page "dies"), leaving a record of two confirmed chunks.
async fn interrupted(bytes: &[u8], name: &str) -> File {
    reset(fake()).await;
    let file = support::file(bytes, name);
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "chunk", "nth": 3}),
    )
    .await;
    let first = upload(&file, text_config(CHUNK)).await;
    assert_eq!(first.unwrap_err().http_status(), Some(400));
    support::assert_faults_fired(fake()).await;
    file
}

fn sessions(report: &Value) -> usize {
    report["uploads"]
        .as_object()
        .map_or(0, |uploads| uploads.len())
}

#[wasm_bindgen_test]
async fn aborting_mid_upload_cancels_the_session_and_rejects_with_an_abort_error() {
    reset(fake()).await;
    let controller = AbortController::new().unwrap();
    let signal = controller.signal();
    let source = support::file(&support::pattern(4 * 1024 * 1024, 5), "aborted.bin");
    let (on_progress, _) = progress(move |(sent, ..)| {
        if sent >= 2 * CHUNK {
            controller.abort();
        }
    });
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    set(&config, "abortSignal", &signal.into());
    let promise = ai(fake())
        .files()
        .upload_js(upload_params(&source.clone().into(), &config));
    let error = settle(promise).await.unwrap_err();
    assert!(error.is_instance_of::<web_sys::DomException>());
    assert_eq!(code(&error), "AbortError");
    let report = report(fake()).await;
    assert_eq!(sessions(&report), 1);
    let upload = only_session(&report);
    assert_eq!(upload["status"], "cancelled", "{upload}");
    assert!(upload["bytesCommitted"].as_u64().unwrap() < 4 * 1024 * 1024);
    assert!(stored(&source, "v1").is_none(), "the record is removed");
}

#[wasm_bindgen_test]
async fn an_abort_whose_cancel_gets_no_answer_rejects_within_a_second() {
    reset(fake()).await;
    // Upload requests: 1 is the start, 2 the cancel, which the server sits on for 5 s.
    arm(
        fake(),
        json!({"kind": "slow", "delayMs": 5000, "target": "upload", "nth": 2}),
    )
    .await;
    let controller = AbortController::new().unwrap();
    let signal = controller.signal();
    let aborted_at = std::rc::Rc::new(std::cell::Cell::new(0.0));
    let mark = aborted_at.clone();
    let (on_progress, _) = progress(move |_| {
        if mark.get() == 0.0 {
            mark.set(gemini_vision_web::timer::now_ms());
            controller.abort();
        }
    });
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    set(&config, "abortSignal", &signal.into());
    let bytes = support::pattern(2 * CHUNK as usize, 12);
    let promise = ai(fake())
        .files()
        .upload_js(upload_params(&support::blob(&bytes, "").into(), &config));
    let error = settle(promise).await.unwrap_err();
    let waited = gemini_vision_web::timer::now_ms() - aborted_at.get();
    assert_eq!(code(&error), "AbortError");
    assert!(waited < 1000.0, "rejected {waited} ms after the abort");
    support::assert_faults_fired(fake()).await;
}

#[wasm_bindgen_test]
async fn an_interrupted_file_upload_resumes_on_a_new_client_without_resending() {
    let bytes = support::pattern(3 * 1024 * 1024 + 11, 8);
    let file = interrupted(&bytes, "resumable.bin").await;
    let record = stored(&file, "v1").expect("a resume record survives the failure");
    assert_eq!(record["version"], 2);
    assert_eq!(record["owner"], owner("v1", support::KEY));
    assert_eq!(record["session"]["confirmed"], 2 * CHUNK);
    assert!(
        !record.to_string().contains(support::KEY),
        "no key in storage"
    );

    let (on_progress, seen) = progress(|_| {});
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    let done = upload(&file, config).await.unwrap();
    let progress = seen.borrow().clone();
    assert!(progress.iter().all(|p| p.3), "every report says resumed");
    assert_eq!(progress.first().map(|p| p.0), Some(2 * CHUNK));
    let report = report(fake()).await;
    let upload = assert_holds(&report, &done, &bytes);
    assert_eq!(sessions(&report), 1, "one session, continued");
    let below = upload["chunks"].as_array().unwrap().iter();
    let resent = below
        .filter(|c| c["offset"].as_u64() < Some(2 * CHUNK) && c["outcome"] == "committed")
        .count();
    assert_eq!(
        resent, 2,
        "only the first page's two chunks start below 1 MiB"
    );
    assert!(
        stored(&file, "v1").is_none(),
        "the record is removed on success"
    );
}

#[wasm_bindgen_test]
async fn a_record_older_than_a_session_lives_is_dropped() {
    let bytes = support::pattern(3 * CHUNK as usize + 1, 14);
    let file = interrupted(&bytes, "old.bin").await;
    let mut record = stored(&file, "v1").unwrap();
    record["savedAt"] = json!(js_sys::Date::now() - 8.0 * 24.0 * 3600.0 * 1000.0);
    store(&file, "v1", &record);
    let (on_progress, seen) = progress(|_| {});
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    upload(&file, config).await.unwrap();
    assert!(seen.borrow().iter().all(|p| !p.3), "a fresh upload");
    assert_eq!(sessions(&report(fake()).await), 2, "a new session");
}

#[wasm_bindgen_test]
async fn a_record_written_with_another_key_is_not_used() {
    let bytes = support::pattern(3 * CHUNK as usize + 2, 15);
    let file = interrupted(&bytes, "theirs.bin").await;
    let before = stored(&file, "v1").unwrap();
    // Another key on the same page: its start request is refused by the emulator, but
    // it never touches the first key's session.
    let watching = watch();
    let params = upload_params(&file.clone().into(), &text_config(CHUNK));
    let error = ai_with(fake(), Some("another-key"))
        .files()
        .upload(params)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400), "{error:?}");
    let requests = watching.requests();
    assert!(
        requests
            .iter()
            .all(|r| !r["url"].as_str().unwrap().contains("upload_id")),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|r| r["headers"]["x-goog-upload-command"] == "start")
    );
    assert_eq!(stored(&file, "v1"), Some(before), "left alone");
}

#[wasm_bindgen_test]
async fn a_record_of_another_endpoint_is_not_used() {
    let bytes = support::pattern(3 * CHUNK as usize + 3, 16);
    let file = interrupted(&bytes, "elsewhere.bin").await;
    let other = super::obj(&format!(
        r#"{{"apiKey":"{}","httpOptions":{{"baseUrl":"{}","apiVersion":"v1beta"}}}}"#,
        support::KEY,
        fake()
    ));
    let client = gemini_vision_web::GoogleGenAI::new(other).unwrap();
    let (on_progress, seen) = progress(|_| {});
    let config = text_config(CHUNK);
    set(&config, "onProgress", &on_progress);
    client
        .files()
        .upload(upload_params(&file.clone().into(), &config))
        .await
        .unwrap();
    assert!(seen.borrow().iter().all(|p| !p.3), "a fresh upload");
    assert_eq!(sessions(&report(fake()).await), 2);
    assert!(stored(&file, "v1").is_some(), "the v1 record stays for v1");
}

#[wasm_bindgen_test]
async fn a_tampered_record_pointing_elsewhere_is_dropped_and_nothing_goes_there() {
    reset(fake()).await;
    let bytes = support::pattern(CHUNK as usize + 5, 17);
    let file = support::file(&bytes, "tampered.bin");
    let hostile = json!({
        "version": 2,
        "owner": owner("v1", support::KEY),
        "savedAt": js_sys::Date::now(),
        "session": {
            "version": 1, "sessionUrl": "/.//evil.example/s?upload_id=x", "size": bytes.len(),
            "mimeType": "text/plain", "granularity": 262144, "confirmed": 0
        }
    });
    store(&file, "v1", &hostile);
    let watching = watch();
    let done = upload(&file, text_config(CHUNK)).await.unwrap();
    let requests = watching.requests();
    assert!(
        requests
            .iter()
            .all(|r| !r["url"].as_str().unwrap().contains("evil")),
        "{requests:?}"
    );
    assert_eq!(
        super::text(&done, "sha256Hash"),
        support::sha256_b64(&bytes)
    );
    assert!(stored(&file, "v1").is_none());
}

#[wasm_bindgen_test]
async fn a_record_of_an_expired_session_starts_afresh() {
    let bytes = support::pattern(CHUNK as usize * 3 + 1, 10);
    let file = interrupted(&bytes, "stale.bin").await;
    support::expire_sessions(fake()).await;
    let done = upload(&file, text_config(CHUNK)).await.unwrap();
    assert_eq!(super::text(&done, "sizeBytes"), bytes.len().to_string());
    assert_eq!(
        super::text(&done, "sha256Hash"),
        support::sha256_b64(&bytes)
    );
}

#[wasm_bindgen_test]
async fn resume_false_keeps_no_record() {
    reset(fake()).await;
    let bytes = support::pattern(3 * CHUNK as usize, 18);
    let file = support::file(&bytes, "unrecorded.bin");
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "chunk", "nth": 2}),
    )
    .await;
    let config = text_config(CHUNK);
    set(&config, "resume", &JsValue::FALSE);
    assert!(upload(&file, config).await.is_err());
    assert!(stored(&file, "v1").is_none());
    support::assert_faults_fired(fake()).await;
}
