//! Batch Mode from uploaded JSONL files over real HTTP: counting, per-line errors, the
//! generated result file, and its download on both paths.

#![allow(clippy::unwrap_used)]

mod common;

use common::batch::*;
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Uploads JSONL lines and returns the file's name.
async fn upload_jsonl(emu: &Emu, lines: &[String], mime: &str) -> String {
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    let answer = emu.upload(text.as_bytes(), mime, GRANULE).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.body["file"]["name"].as_str().unwrap().to_string()
}

fn file_batch(file: &str) -> Value {
    json!({"batch": {"display_name": "from-file", "input_config": {"file_name": file}}})
}

#[tokio::test]
async fn a_file_batch_writes_a_downloadable_result_file() {
    let emu = emu().await;
    let good = image_request("image/png", &shapes(), DETECT);
    let lines = [
        json!({"key": "shapes", "request": good}).to_string(),
        "{not json".to_string(),
        String::new(),
        json!({"key": "extra", "request": text_request("hi"), "metadata": {}}).to_string(),
        json!({"key": "prose", "request": text_request("hello")}).to_string(),
    ];
    let input = upload_jsonl(&emu, &lines, "application/jsonl").await;
    let created = emu.create_batch(&file_batch(&input)).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    assert_eq!(created.body["metadata"]["batchStats"]["requestCount"], "4");
    let done = emu
        .finish_batch(created.body["name"].as_str().unwrap())
        .await;
    let stats = &done["metadata"]["batchStats"];
    assert_eq!(stats["successfulRequestCount"], "2");
    assert_eq!(stats["failedRequestCount"], "2");
    let file = done["response"]["responsesFile"].as_str().unwrap();
    assert_eq!(done["metadata"]["output"]["responsesFile"], file);
    assert!(file.starts_with("files/batch-"), "{file}");

    let meta = emu.get(&format!("/v1beta/{file}")).await;
    assert_eq!(meta.body["source"], "GENERATED");
    assert_eq!(meta.body["state"], "ACTIVE");
    assert_eq!(meta.body["mimeType"], "application/jsonl");
    let id = file.strip_prefix("files/").unwrap();
    let documented = format!("/download/v1beta/files/{id}:download?alt=media");
    assert_eq!(
        meta.body["downloadUri"],
        format!("{}{documented}", emu.server.base_url())
    );
    let (status, bytes) = emu
        .download(&format!("/v1beta/files/{id}:download?alt=media"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(meta.body["sizeBytes"], bytes.len().to_string());
    assert_eq!(
        emu.download(&documented).await,
        (StatusCode::OK, bytes.clone())
    );

    let results: Vec<Value> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["key"], "shapes");
    assert_eq!(
        text_of(&results[0]["response"]),
        direct_text(&emu, &good).await
    );
    assert_eq!(results[1]["error"]["code"], 3, "the bad line is an error");
    assert!(results[1].get("key").is_none());
    assert_eq!(results[2]["key"], "extra");
    assert!(
        results[2]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Unknown name \"metadata\"")
    );
    assert_eq!(results[3]["key"], "prose");
    assert!(results[3]["response"]["candidates"].is_array());
}

#[tokio::test]
async fn input_files_typed_jsonl_are_taken_and_others_refused() {
    let emu = emu().await;
    let line = json!({"key": "a", "request": text_request("hi")}).to_string();
    let typed_bare = upload_jsonl(&emu, std::slice::from_ref(&line), "jsonl").await;
    let done = emu
        .finish_batch(&emu.start_batch(&file_batch(&typed_bare)).await)
        .await;
    assert_eq!(done["metadata"]["state"], "BATCH_STATE_SUCCEEDED");
    let text = upload_jsonl(&emu, &[line], "text/plain").await;
    let refused = emu.create_batch(&file_batch(&text)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let missing = emu.create_batch(&file_batch("files/nosuchfile00")).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn uploaded_files_cannot_be_downloaded() {
    let emu = emu().await;
    let name = upload_jsonl(&emu, &["{}".to_string()], "application/jsonl").await;
    let (status, _) = emu
        .download(&format!("/v1beta/{name}:download?alt=media"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
