//! What `files.upload` puts on the wire, seen by a `fetch` observer: the SDK's start
//! request (body and headers, derived from `ApiClient.uploadFile`/`fetchUploadUrl` of
//! @google/genai 3.6.1), no key and no API headers on session requests, no redirects
//! followed, hostile session URLs refused, and keyless uploads through `uploadUrl`.

use super::{
    Watching, ai, ai_with, assert_holds, code, obj, observe, only_session, progress, set, settle,
    start_session, text, text_config, upload_params, watch,
};
use crate::support::{self, arm, blob, fake, report, reset};
use serde_json::{Value, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const CHUNK: u64 = 256 * 1024;

fn is_session(request: &Value) -> bool {
    request["url"].as_str().unwrap().contains("upload_id=")
}

fn start_of(requests: &[Value]) -> Value {
    requests
        .iter()
        .find(|r| r["headers"]["x-goog-upload-command"] == "start")
        .cloned()
        .unwrap_or_else(|| panic!("no start request: {requests:?}"))
}

#[wasm_bindgen_test]
async fn the_start_request_is_the_sdks() {
    reset(fake()).await;
    let watching = watch();
    let config = obj(r#"{"mimeType":"text/plain","name":"my-file","displayName":"shown"}"#);
    let file = ai(fake())
        .files()
        .upload(upload_params(&blob(b"hello", "").into(), &config))
        .await;
    let requests = watching.requests();
    drop(watching);
    file.unwrap();
    let start = start_of(&requests);
    assert_eq!(start["method"], "POST");
    assert_eq!(start["url"], format!("{}/upload/v1/files", fake()));
    assert_eq!(
        start["body"],
        r#"{"file":{"mimeType":"text/plain","name":"files/my-file","displayName":"shown","sizeBytes":"5"}}"#
    );
    let headers = &start["headers"];
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["x-goog-upload-protocol"], "resumable");
    assert_eq!(headers["x-goog-upload-header-content-length"], "5");
    assert_eq!(headers["x-goog-upload-header-content-type"], "text/plain");
    assert_eq!(headers["x-goog-api-key"], support::KEY);
    // The browser SDK names no file for a Blob, so it sends no X-Goog-Upload-File-Name.
    assert!(
        headers.get("x-goog-upload-file-name").is_none(),
        "{headers}"
    );
}

#[wasm_bindgen_test]
async fn without_a_config_the_start_body_orders_its_keys_as_the_sdk() {
    reset(fake()).await;
    let watching = watch();
    let params = obj("{}");
    super::set(&params, "file", &blob(b"hello", "text/plain").into());
    ai(fake()).files().upload(params).await.unwrap();
    let start = start_of(&watching.requests());
    assert_eq!(
        start["body"],
        r#"{"file":{"sizeBytes":"5","mimeType":"text/plain"}}"#
    );
}

#[wasm_bindgen_test]
async fn session_requests_carry_no_key_and_no_api_headers_and_nothing_follows_redirects() {
    reset(fake()).await;
    let watching = watch();
    let config = text_config(CHUNK);
    set(
        &config,
        "httpOptions",
        &obj(r#"{"headers":{"x-app-tag":"demo"}}"#),
    );
    let bytes = support::pattern(3 * CHUNK as usize + 1, 20);
    let params = upload_params(&blob(&bytes, "").into(), &config);
    ai(fake()).files().upload(params).await.unwrap();
    let requests = watching.requests();
    let (session, api): (Vec<_>, Vec<_>) = requests.iter().partition(|r| is_session(r));
    assert!(session.len() >= 4, "{requests:?}");
    for request in &session {
        assert!(
            request["headers"].get("x-goog-api-key").is_none(),
            "{request}"
        );
        assert!(request["headers"].get("x-app-tag").is_none(), "{request}");
    }
    for request in &api {
        assert_eq!(request["headers"]["x-goog-api-key"], support::KEY);
        assert_eq!(request["headers"]["x-app-tag"], "demo");
    }
    assert!(
        requests.iter().all(|r| r["redirect"] == "error"),
        "{requests:?}"
    );
}

async fn upload_with_session_url(hostile: &str) -> (gemini_vision::Error, Vec<Value>) {
    reset(fake()).await;
    let watching = Watching(observe(Some(hostile.to_owned())));
    let params = upload_params(
        &blob(&support::pattern(1000, 21), "").into(),
        &text_config(CHUNK),
    );
    let error = ai(fake()).files().upload(params).await.unwrap_err();
    (error, watching.requests())
}

#[wasm_bindgen_test]
async fn a_session_url_that_string_checks_misjudge_is_refused_before_any_byte_goes() {
    for hostile in [
        "/.//evil.example/s?upload_id=1",
        "/a/..//evil.example/s?upload_id=1",
        "https://evil.example\\.localhost/s?upload_id=1",
    ] {
        let (error, requests) = upload_with_session_url(hostile).await;
        assert_eq!(error.code(), "UPLOAD_PROTOCOL", "{hostile}: {error:?}");
        assert!(!error.to_string().contains("evil"), "{error}");
        assert_eq!(
            requests.len(),
            1,
            "only the start request went out: {requests:?}"
        );
    }
}

/// Starts a session "on the app's server" (with the key) for `bytes`.
async fn server_session(bytes: &[u8]) -> JsValue {
    settle(start_session(
        fake(),
        support::KEY,
        bytes.len() as f64,
        "text/plain",
    ))
    .await
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_keyless_page_continues_a_session_its_server_started() {
    reset(fake()).await;
    let bytes = support::pattern(3 * CHUNK as usize + 7, 22);
    let url = server_session(&bytes).await;
    let watching = watch();
    let (on_progress, seen) = progress(|_| {});
    let config = text_config(CHUNK);
    set(&config, "uploadUrl", &url);
    set(&config, "onProgress", &on_progress);
    let params = upload_params(&blob(&bytes, "").into(), &config);
    let file = ai_with(fake(), None).files().upload(params).await.unwrap();
    let requests = watching.requests();
    assert!(
        requests.iter().all(is_session),
        "no start, no API request: {requests:?}"
    );
    assert!(
        requests
            .iter()
            .all(|r| r["headers"].get("x-goog-api-key").is_none())
    );
    assert_eq!(text(&file, "displayName"), "started by the server");
    let report = report(fake()).await;
    assert_holds(&report, &file, &bytes);
    let last = *seen.borrow().last().unwrap();
    assert_eq!(
        (last.0, last.1, last.3),
        (bytes.len() as u64, bytes.len() as u64, false)
    );
}

#[wasm_bindgen_test]
async fn a_keyless_upload_cut_short_continues_from_what_the_server_holds() {
    reset(fake()).await;
    let bytes = support::pattern(4 * CHUNK as usize + 3, 23);
    let url = server_session(&bytes).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 400, "target": "chunk", "nth": 3}),
    )
    .await;
    let config = || {
        let config = text_config(CHUNK);
        set(&config, "uploadUrl", &url);
        config
    };
    let client = ai_with(fake(), None);
    let params = upload_params(&blob(&bytes, "").into(), &config());
    assert_eq!(
        client
            .files()
            .upload(params)
            .await
            .unwrap_err()
            .http_status(),
        Some(400)
    );
    support::assert_faults_fired(fake()).await;
    let (on_progress, seen) = progress(|_| {});
    let second = config();
    set(&second, "onProgress", &on_progress);
    let file = client
        .files()
        .upload(upload_params(&blob(&bytes, "").into(), &second))
        .await
        .unwrap();
    assert!(
        seen.borrow().iter().any(|p| p.3 && p.0 == 2 * CHUNK),
        "{:?}",
        seen.borrow()
    );
    let report = report(fake()).await;
    assert_holds(&report, &file, &bytes);
}

#[wasm_bindgen_test]
async fn aborting_a_keyless_upload_cancels_the_servers_session() {
    reset(fake()).await;
    let bytes = support::pattern(4 * CHUNK as usize, 24);
    let url = server_session(&bytes).await;
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let (on_progress, _) = progress(move |(sent, ..)| {
        if sent >= CHUNK {
            controller.abort();
        }
    });
    let config = text_config(CHUNK);
    set(&config, "uploadUrl", &url);
    set(&config, "onProgress", &on_progress);
    set(&config, "abortSignal", &signal.into());
    let promise = ai_with(fake(), None)
        .files()
        .upload_js(upload_params(&blob(&bytes, "").into(), &config));
    assert_eq!(code(&settle(promise).await.unwrap_err()), "AbortError");
    let report = report(fake()).await;
    let upload = only_session(&report);
    assert_eq!(upload["status"], "cancelled", "{upload}");
}

#[wasm_bindgen_test]
async fn an_upload_url_on_another_scheme_or_with_tricks_is_refused() {
    let client = ai_with(fake(), None);
    for hostile in [
        "javascript:alert(1)",
        "//evil.example/s",
        "/\\evil.example/s",
    ] {
        let config = text_config(CHUNK);
        set(&config, "uploadUrl", &JsValue::from_str(hostile));
        let params = upload_params(&blob(b"x", "").into(), &config);
        let error = client.files().upload(params).await.unwrap_err();
        assert_eq!(error.code(), "UPLOAD_PROTOCOL", "{hostile}");
    }
}
