//! The File API through the Rust `FileOps` of a `GoogleGenAI`: pages, get, delete,
//! waiting for `ACTIVE`.

use crate::support::{self, blob, client, fake, reset};
use gemini_vision::wire::FileState;
use gemini_vision_web::{UploadOptions, WaitOptions};
use wasm_bindgen_test::wasm_bindgen_test;

async fn upload_text(name: &str, seed: u8) -> gemini_vision::wire::File {
    let options = UploadOptions {
        display_name: Some(name.into()),
        mime_type: Some("text/plain".into()),
        ..UploadOptions::default()
    };
    client(fake())
        .files()
        .upload(&blob(&support::pattern(1000, seed), ""), options)
        .await
        .unwrap()
}

#[wasm_bindgen_test]
async fn list_pages_through_every_file_with_the_page_token() {
    reset(fake()).await;
    let mut uploaded = Vec::new();
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        uploaded.push(upload_text(name, i as u8).await.name);
    }
    let files = client(fake()).files();
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..10 {
        let page = files.list(Some(2), token.as_deref()).await.unwrap();
        assert!(page.files.len() <= 2);
        seen.extend(page.files.into_iter().map(|f| f.name));
        token = page.next_page_token;
        if token.is_none() {
            break;
        }
    }
    seen.sort();
    uploaded.sort();
    assert_eq!(seen, uploaded);
}

#[wasm_bindgen_test]
async fn a_deleted_file_is_gone() {
    reset(fake()).await;
    let file = upload_text("doomed", 1).await;
    let files = client(fake()).files();
    assert_eq!(files.get(&file.name).await.unwrap().name, file.name);
    files.delete(&file.name).await.unwrap();
    let error = files.get(&file.name).await.unwrap_err();
    assert_eq!(error.code(), "API_ERROR");
    assert_eq!(error.http_status(), Some(403));
}

#[wasm_bindgen_test]
async fn a_video_is_processing_then_active() {
    reset(fake()).await;
    let client = client(fake());
    let file = client
        .files()
        .upload(&blob(&support::mp4(5000), ""), UploadOptions::default())
        .await
        .unwrap();
    assert_eq!(file.mime_type.as_deref(), Some("video/mp4"));
    assert_eq!(file.state, Some(FileState::Processing));
    let active = client
        .files()
        .wait_until_active(&file.name, WaitOptions::default())
        .await
        .unwrap();
    assert_eq!(active.state, Some(FileState::Active));
}

#[wasm_bindgen_test]
async fn a_malformed_file_name_is_refused_before_any_request() {
    let error = client(fake())
        .files()
        .get("files/../models")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
}

#[wasm_bindgen_test]
async fn an_aborted_wait_rejects_with_aborted() {
    reset(fake()).await;
    support::configure(fake(), serde_json::json!({"processingMs": 60000})).await;
    let client = client(fake());
    let file = client
        .files()
        .upload(&blob(&support::mp4(1000), ""), UploadOptions::default())
        .await;
    support::configure(fake(), serde_json::json!({"processingMs": 300})).await;
    let controller = web_sys::AbortController::new().unwrap();
    let options = WaitOptions {
        signal: Some(controller.signal()),
        timeout_ms: None,
    };
    let name = file.unwrap().name;
    let abort_later = async {
        gemini_vision_web::timer::sleep(300, None).await.unwrap();
        controller.abort();
    };
    let files = client.files();
    let wait = files.wait_until_active(&name, options);
    let (result, ()) = crate::support::futures_join(wait, abort_later).await;
    assert_eq!(result.unwrap_err().code(), "ABORTED");
}
