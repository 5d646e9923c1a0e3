//! `files.get`, `list` (a Pager), `delete`, `waitUntilActive` and `download` against the
//! emulator, with the SDK's argument objects and results.

use super::{ai, code, collect, get, obj, set, settle, text, upload_params};
use crate::support::{self, arm, blob, configure, fake, reset};
use js_sys::{Array, Uint8Array};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{AbortController, Blob};

async fn upload_text(name: &str, seed: u8) -> JsValue {
    let config = obj(&format!(
        r#"{{"mimeType":"text/plain","displayName":"{name}"}}"#
    ));
    let bytes = support::pattern(1000, seed);
    ai(fake())
        .files()
        .upload(upload_params(&blob(&bytes, "").into(), &config))
        .await
        .unwrap()
}

fn named(name: &JsValue) -> JsValue {
    let params = obj("{}");
    set(&params, "name", name);
    params
}

async fn bytes_of(blob: &Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    Uint8Array::new(&buffer).to_vec()
}

#[wasm_bindgen_test]
async fn get_takes_a_name_a_uri_or_the_file_object() {
    reset(fake()).await;
    let file = upload_text("a", 1).await;
    let files = ai(fake()).files();
    for reference in [get(&file, "name"), get(&file, "uri"), file.clone()] {
        let got = files.get(named(&reference)).await.unwrap();
        assert_eq!(text(&got, "name"), text(&file, "name"));
        assert_eq!(text(&got, "sha256Hash"), text(&file, "sha256Hash"));
    }
}

#[wasm_bindgen_test]
async fn list_is_a_pager_across_pages() {
    reset(fake()).await;
    let mut uploaded = Vec::new();
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        uploaded.push(text(&upload_text(name, i as u8).await, "name"));
    }
    let pager = ai(fake())
        .files()
        .list(obj(r#"{"config":{"pageSize":2}}"#))
        .await
        .unwrap();
    assert_eq!(get(&pager, "pageLength").as_f64(), Some(2.0));
    assert_eq!(get(&pager, "pageSize").as_f64(), Some(2.0));
    assert!(get(&pager, "sdkHttpResponse").is_object());
    let params = get(&pager, "params");
    let token = get(&get(&params, "config"), "pageToken");
    assert!(token.is_string(), "the next page's token is in params");
    // The token fetches the rest, as the SDK's listInternal does with it.
    let rest = obj("{}");
    set(&rest, "config", &obj(r#"{"pageSize":2}"#));
    set(&get(&rest, "config"), "pageToken", &token);
    let second = ai(fake()).files().list(rest).await.unwrap();
    assert_eq!(get(&second, "pageLength").as_f64(), Some(1.0));
    let items = Array::from(&settle(collect(&pager)).await.unwrap());
    let mut seen: Vec<String> = items.iter().map(|f| text(&f, "name")).collect();
    seen.sort();
    uploaded.sort();
    assert_eq!(seen, uploaded);
}

#[wasm_bindgen_test]
async fn list_without_arguments_gives_a_pager() {
    reset(fake()).await;
    upload_text("only", 9).await;
    let pager = settle(ai(fake()).files().list_js(JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(Array::from(&get(&pager, "page")).length(), 1);
}

#[wasm_bindgen_test]
async fn a_deleted_file_is_gone() {
    reset(fake()).await;
    let file = upload_text("doomed", 1).await;
    let files = ai(fake()).files();
    let deleted = files.delete(named(&get(&file, "name"))).await.unwrap();
    assert!(get(&deleted, "sdkHttpResponse").is_object());
    let error = settle(files.get_js(named(&get(&file, "name"))))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "API_ERROR");
    assert_eq!(get(&error, "status").as_f64(), Some(403.0));
}

#[wasm_bindgen_test]
async fn a_video_is_processing_then_active() {
    reset(fake()).await;
    let files = ai(fake()).files();
    let params = upload_params(&blob(&support::mp4(5000), "").into(), &obj("{}"));
    let file = files.upload(params).await.unwrap();
    assert_eq!(text(&file, "mimeType"), "video/mp4");
    assert_eq!(text(&file, "state"), "PROCESSING");
    let active = files.wait_until_active(named(&file)).await.unwrap();
    assert_eq!(text(&active, "state"), "ACTIVE");
    // An object that already says ACTIVE needs no request.
    let again = files.wait_until_active(named(&active)).await.unwrap();
    assert_eq!(text(&again, "name"), text(&file, "name"));
}

#[wasm_bindgen_test]
async fn a_file_that_fails_processing_is_a_file_failed_error() {
    reset(fake()).await;
    arm(fake(), json!({"kind": "failFile"})).await;
    let files = ai(fake()).files();
    let params = upload_params(&blob(&support::mp4(1000), "").into(), &obj("{}"));
    let file = files.upload(params).await.unwrap();
    let error = settle(files.wait_until_active_js(named(&get(&file, "name"))))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "FILE_FAILED");
    support::assert_faults_fired(fake()).await;
}

async fn processing_video() -> JsValue {
    reset(fake()).await;
    configure(fake(), json!({"processingMs": 60000})).await;
    let params = upload_params(&blob(&support::mp4(1000), "").into(), &obj("{}"));
    let file = ai(fake()).files().upload(params).await;
    configure(fake(), json!({"processingMs": 300})).await;
    file.unwrap()
}

#[wasm_bindgen_test]
async fn waiting_past_the_timeout_is_a_timeout_error() {
    let file = processing_video().await;
    let params = named(&get(&file, "name"));
    set(&params, "config", &obj(r#"{"timeoutMs":1500}"#));
    let error = settle(ai(fake()).files().wait_until_active_js(params))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "TIMEOUT");
}

#[wasm_bindgen_test]
async fn an_aborted_wait_rejects_with_an_abort_error() {
    let file = processing_video().await;
    let controller = AbortController::new().unwrap();
    let params = named(&get(&file, "name"));
    let config = obj("{}");
    set(&config, "abortSignal", &controller.signal().into());
    set(&params, "config", &config);
    let wait = ai(fake()).files().wait_until_active_js(params);
    gemini_vision_web::timer::sleep(300, None).await.unwrap();
    controller.abort();
    assert_eq!(code(&settle(wait).await.unwrap_err()), "AbortError");
}

#[wasm_bindgen_test]
async fn download_gives_the_uploaded_bytes_as_a_blob() {
    reset(fake()).await;
    configure(fake(), json!({"downloadUploadedFiles": true})).await;
    let bytes = support::pattern(700_000, 30);
    let params = upload_params(
        &blob(&bytes, "").into(),
        &obj(r#"{"mimeType":"text/plain"}"#),
    );
    let files = ai(fake()).files();
    let file = files.upload(params).await.unwrap();
    let download = obj("{}");
    set(&download, "file", &file);
    let got = settle(files.download_js(download.clone())).await;
    configure(fake(), json!({"downloadUploadedFiles": false})).await;
    let got: Blob = got.unwrap().dyn_into().unwrap();
    assert_eq!(got.type_(), "text/plain");
    assert_eq!(bytes_of(&got).await, bytes);
    set(&download, "config", &obj(r#"{"maxBytes":1000}"#));
    configure(fake(), json!({"downloadUploadedFiles": true})).await;
    let capped = settle(files.download_js(download)).await;
    configure(fake(), json!({"downloadUploadedFiles": false})).await;
    assert_eq!(code(&capped.unwrap_err()), "LIMIT_EXCEEDED");
}

#[wasm_bindgen_test]
async fn downloading_an_uploaded_file_is_refused_as_the_api_refuses_it() {
    reset(fake()).await;
    let file = upload_text("kept", 31).await;
    let download = obj("{}");
    set(&download, "file", &get(&file, "name"));
    let error = settle(ai(fake()).files().download_js(download))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "API_ERROR");
    assert_eq!(get(&error, "status").as_f64(), Some(400.0));
}

#[wasm_bindgen_test]
async fn malformed_names_are_refused_before_any_request() {
    let files = ai(fake()).files();
    for name in ["files/../models", "a/b", "", "files/x?alt=media"] {
        let error = files
            .get(named(&JsValue::from_str(name)))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "INVALID_INPUT", "{name}");
    }
}

/// The HTTP statuses of the emulator's requests, in order.
fn statuses(report: &serde_json::Value) -> Vec<u64> {
    report["requests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["status"].as_u64())
        .collect()
}

/// `files.get` of a file that does not exist (the API's 403), after a 503 on its first
/// attempt.
async fn get_missing_after_a_503(
    client: &gemini_vision_web::GoogleGenAI,
) -> (Option<u16>, Vec<u64>) {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "target": "files"}),
    )
    .await;
    let params = named(&JsValue::from_str("files/never-uploaded"));
    let error = client.files().get(params).await.unwrap_err();
    support::assert_faults_fired(fake()).await;
    (
        error.http_status(),
        statuses(&support::report(fake()).await),
    )
}

#[wasm_bindgen_test]
async fn file_methods_retry_a_503_by_default() {
    let (status, seen) = get_missing_after_a_503(&ai(fake())).await;
    assert_eq!((status, seen), (Some(403), vec![503, 403]));
}

#[wasm_bindgen_test]
async fn the_clients_retry_options_apply_to_file_methods() {
    let once = support::genai_with(
        fake(),
        json!({"httpOptions": {"retryOptions": {"attempts": 1}}}),
    );
    let (status, seen) = get_missing_after_a_503(&once).await;
    assert_eq!((status, seen), (Some(503), vec![503]));
}

#[wasm_bindgen_test]
async fn a_calls_retry_options_apply_to_cache_methods() {
    reset(fake()).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "target": "caches"}),
    )
    .await;
    let params = obj(
        r#"{"name":"cachedContents/none","config":{"httpOptions":{"retryOptions":{"attempts":1}}}}"#,
    );
    let error = ai(fake()).caches().get(params).await.unwrap_err();
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(statuses(&support::report(fake()).await), [503]);
    support::assert_faults_fired(fake()).await;
}
