//! The files API (get, list, delete, processing) and `fileData` references over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn videos_stay_processing_then_become_active() {
    let emu = emu_with(|config| config.settings.processing_ms = 300).await;
    let answer = emu
        .upload(b"not really a video", "video/mp4", GRANULE)
        .await;
    let name = answer.body["file"]["name"].as_str().unwrap().to_string();
    assert_eq!(answer.body["file"]["state"], "PROCESSING");
    let request = json!({"contents": [{"parts": [{"fileData": {"fileUri": name, "mimeType": "video/mp4"}}, {"text": "Summarize"}]}]});
    let early = emu.generate("gemini-2.5-flash", &request).await;
    assert_eq!(early.body["error"]["status"], "FAILED_PRECONDITION");
    let id = name.strip_prefix("files/").unwrap();
    assert_eq!(
        early.body["error"]["message"],
        format!("The File {id} is not in an ACTIVE state and usage is not allowed.")
    );
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(
        emu.get(&format!("/v1beta/{name}")).await.body["state"],
        "ACTIVE"
    );
    assert_eq!(
        emu.generate("gemini-2.5-flash", &request).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn file_data_may_use_the_full_uri() {
    let emu = emu().await;
    let image = png(&drawing(100, 100, &[(20, 20, 60, 60, [0, 0, 255])]));
    let file = emu.upload(&image, "image/png", GRANULE).await.body["file"].clone();
    let request = json!({"contents": [{"parts": [{"file_data": {"file_uri": file["uri"], "mime_type": "image/png"}}, {"text": "Detect the 2d bounding boxes"}]}]});
    let answer = emu.generate("gemini-2.5-flash", &request).await;
    assert_eq!(fenced_json(answer.model_text())[0]["label"], "blue square");
}

#[tokio::test]
async fn a_missing_file_is_permission_denied() {
    let emu = emu().await;
    let request = json!({"contents": [{"parts": [{"fileData": {"fileUri": "files/nosuchfile00", "mimeType": "image/png"}}]}]});
    let answer = emu.generate("gemini-2.5-flash", &request).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        answer.body["error"]["message"],
        "You do not have permission to access the File nosuchfile00 or it may not exist."
    );
    assert_eq!(
        emu.get("/v1beta/files/nosuchfile00").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn files_are_listed_newest_first_in_pages() {
    let emu = emu().await;
    let mut names = Vec::new();
    for index in 0..5u8 {
        let answer = emu.upload(&[index], "text/plain", GRANULE).await;
        names.push(answer.body["file"]["name"].as_str().unwrap().to_string());
    }
    let mut seen = Vec::new();
    let mut path = "/v1beta/files?pageSize=2".to_string();
    loop {
        let page = emu.get(&path).await;
        for file in page.body["files"].as_array().unwrap() {
            seen.push(file["name"].as_str().unwrap().to_string());
        }
        match page.body["nextPageToken"].as_str() {
            Some(token) => path = format!("/v1beta/files?pageSize=2&pageToken={token}"),
            None => break,
        }
    }
    names.reverse();
    assert_eq!(seen, names);
}

#[tokio::test]
async fn delete_removes_the_file() {
    let emu = emu().await;
    let answer = emu.upload(b"x", "text/plain", GRANULE).await;
    let path = format!("/v1beta/{}", answer.body["file"]["name"].as_str().unwrap());
    let deleted = emu
        .client
        .delete(emu.url(&path))
        .header("x-goog-api-key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::OK);
    assert_eq!(emu.get(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(emu.get("/v1beta/files").await.body, json!({}));
}

#[tokio::test]
async fn other_mime_types_can_be_made_to_start_processing() {
    let emu =
        emu_with(|config| config.settings.processing_mime_prefixes = vec!["image/".into()]).await;
    let image = emu.upload(b"png?", "image/png", GRANULE).await;
    assert_eq!(image.body["file"]["state"], "PROCESSING");
    let video = emu.upload(b"mp4?", "video/mp4", GRANULE).await;
    assert_eq!(video.body["file"]["state"], "ACTIVE");
}

#[tokio::test]
async fn an_uploaded_file_is_not_downloadable_as_the_api_says() {
    let emu = emu().await;
    let answer = emu.upload(b"hello", "text/plain", GRANULE).await;
    let name = answer.body["file"]["name"].as_str().unwrap().to_string();
    let refused = emu.get(&format!("/v1beta/{name}:download?alt=media")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body["error"]["status"], "INVALID_ARGUMENT");
}

#[tokio::test]
async fn downloads_of_uploaded_files_can_be_switched_on_and_give_the_bytes() {
    let emu = emu_with(|config| config.settings.download_uploaded_files = true).await;
    let bytes: Vec<u8> = (0..600_000u32).map(|i| (i % 251) as u8).collect();
    let answer = emu.upload(&bytes, "text/plain", GRANULE).await;
    let name = answer.body["file"]["name"].as_str().unwrap().to_string();
    let got = emu
        .client
        .get(emu.url(&format!("/v1beta/{name}:download?alt=media")))
        .header("x-goog-api-key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.headers()["content-type"], "text/plain");
    assert_eq!(got.bytes().await.unwrap().to_vec(), bytes);
    let bare = emu.get(&format!("/v1beta/{name}:download")).await;
    assert_eq!(bare.status, StatusCode::BAD_REQUEST);
    let missing = emu.get("/v1beta/files/nothere:download?alt=media").await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
}
