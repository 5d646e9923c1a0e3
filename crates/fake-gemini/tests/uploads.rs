//! The resumable upload protocol, single-shot uploads and the files API over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine;
use common::*;
use reqwest::StatusCode;
use serde_json::json;
use sha2::{Digest, Sha256};

fn sha_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

#[tokio::test]
async fn start_announces_the_session_and_granularity() {
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/upload/v1beta/files"))
        .header("x-goog-api-key", KEY)
        .header("X-Goog-Upload-Protocol", "resumable")
        .header("X-Goog-Upload-Command", "start")
        .header("X-Goog-Upload-Header-Content-Length", "10")
        .header("X-Goog-Upload-Header-Content-Type", "text/plain")
        .json(&json!({"file": {"display_name": "notes"}}))
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(answer.header("x-goog-upload-status"), Some("active"));
    assert_eq!(
        answer.header("x-goog-upload-chunk-granularity"),
        Some("262144")
    );
    let url = answer.header("x-goog-upload-url").unwrap();
    assert!(url.starts_with(&format!(
        "{}/upload/v1beta/files?upload_id=",
        emu.server.base_url()
    )));
    assert!(url.ends_with("&upload_protocol=resumable"));
    assert_eq!(answer.header("x-goog-upload-control-url"), Some(url));
}

#[tokio::test]
async fn an_upload_in_chunks_yields_the_file_with_its_hash() {
    let emu = emu().await;
    let bytes = random_bytes(3 * GRANULE + 123, 1);
    let answer = emu.upload(&bytes, "video/mp4", 2 * GRANULE).await;
    assert_eq!(answer.header("x-goog-upload-status"), Some("final"));
    let file = &answer.body["file"];
    assert_eq!(file["sizeBytes"], (3 * GRANULE + 123).to_string());
    assert_eq!(file["sha256Hash"], sha_b64(&bytes));
    assert_eq!(file["mimeType"], "video/mp4");
    assert_eq!(file["displayName"], "test");
    assert_eq!(file["source"], "UPLOADED");
    let name = file["name"].as_str().unwrap();
    let id = name.strip_prefix("files/").unwrap();
    assert!(
        id.len() == 12
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    );
    assert_eq!(
        file["uri"],
        format!("{}/v1beta/{name}", emu.server.base_url())
    );
    assert!(file["createTime"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn an_empty_file_can_be_uploaded() {
    let emu = emu().await;
    let answer = emu.upload(&[], "text/plain", GRANULE).await;
    assert_eq!(answer.body["file"]["sizeBytes"], "0");
    assert_eq!(answer.body["file"]["sha256Hash"], sha_b64(&[]));
}

#[tokio::test]
async fn one_granule_and_granule_plus_one_upload() {
    let emu = emu().await;
    for size in [GRANULE, GRANULE + 1] {
        let bytes = random_bytes(size, size as u64);
        let answer = emu.upload(&bytes, "text/plain", GRANULE).await;
        assert_eq!(
            answer.body["file"]["sha256Hash"],
            sha_b64(&bytes),
            "size {size}"
        );
    }
}

#[tokio::test]
async fn a_misaligned_middle_chunk_is_refused_and_nothing_is_kept() {
    let emu = emu().await;
    let session = emu.start_upload(Some(2 * GRANULE), "text/plain").await;
    let answer = emu.chunk(&session, 0, "upload", vec![1; GRANULE + 1]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.header("x-goog-upload-status"), Some("active"));
    let query = emu.command(&session, "query").await;
    assert_eq!(query.header("x-goog-upload-size-received"), Some("0"));
}

#[tokio::test]
async fn an_offset_ahead_of_the_server_is_refused() {
    let emu = emu().await;
    let session = emu.start_upload(Some(2 * GRANULE), "text/plain").await;
    let answer = emu
        .chunk(&session, GRANULE, "upload", vec![1; GRANULE])
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_overlapping_chunk_is_accepted_and_its_overlap_ignored() {
    let emu = emu().await;
    let bytes = random_bytes(3 * GRANULE, 7);
    let session = emu.start_upload(Some(bytes.len()), "text/plain").await;
    emu.chunk(&session, 0, "upload", bytes[..2 * GRANULE].to_vec())
        .await;
    let answer = emu
        .chunk(
            &session,
            GRANULE,
            "upload, finalize",
            bytes[GRANULE..].to_vec(),
        )
        .await;
    assert_eq!(answer.body["file"]["sha256Hash"], sha_b64(&bytes));
    let report = emu.report().await;
    let session_report = report["uploads"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(session_report["overlapBytes"], GRANULE);
    assert_eq!(session_report["bytesReceived"], 4 * GRANULE);
    assert_eq!(session_report["bytesCommitted"], 3 * GRANULE);
}

#[tokio::test]
async fn finalize_with_the_wrong_length_is_refused() {
    let emu = emu().await;
    let session = emu.start_upload(Some(100), "text/plain").await;
    let answer = emu
        .chunk(&session, 0, "upload, finalize", vec![0; 99])
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let answer = emu
        .chunk(&session, 0, "upload, finalize", vec![0; 100])
        .await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn cancel_ends_the_session() {
    let emu = emu().await;
    let session = emu.start_upload(Some(10), "text/plain").await;
    let answer = emu.command(&session, "cancel").await;
    assert_eq!(answer.header("x-goog-upload-status"), Some("cancelled"));
    assert_eq!(
        emu.command(&session, "query").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_expired_session_answers_404() {
    let emu = emu_with(|config| config.settings.session_ttl_secs = 0).await;
    let session = emu.start_upload(Some(10), "text/plain").await;
    let answer = emu
        .chunk(&session, 0, "upload, finalize", vec![0; 10])
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.body["error"]["status"], "NOT_FOUND");
}

#[tokio::test]
async fn a_finalized_session_answers_final_to_a_query() {
    let emu = emu().await;
    let session = emu.start_upload(Some(3), "text/plain").await;
    emu.chunk(&session, 0, "upload, finalize", b"abc".to_vec())
        .await;
    let answer = emu.command(&session, "query").await;
    assert_eq!(answer.header("x-goog-upload-status"), Some("final"));
    assert_eq!(answer.body["file"]["sizeBytes"], "3");
}

#[tokio::test]
async fn a_file_larger_than_the_per_file_limit_is_refused() {
    let emu = emu_with(|config| config.settings.max_file_bytes = GRANULE as u64).await;
    let response = emu
        .client
        .post(emu.url("/upload/v1beta/files"))
        .header("x-goog-api-key", KEY)
        .header("X-Goog-Upload-Protocol", "resumable")
        .header("X-Goog-Upload-Command", "start")
        .header(
            "X-Goog-Upload-Header-Content-Length",
            (GRANULE + 1).to_string(),
        )
        .header("X-Goog-Upload-Header-Content-Type", "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let session = emu.start_upload(None, "text/plain").await;
    let answer = emu.chunk(&session, 0, "upload", vec![0; 2 * GRANULE]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_project_limit_counts_every_stored_byte() {
    let emu = emu_with(|config| config.settings.max_project_bytes = 2 * GRANULE as u64).await;
    let first = emu
        .upload(&vec![0; GRANULE + 10], "text/plain", GRANULE)
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let session = emu.start_upload(None, "text/plain").await;
    let second = emu
        .chunk(&session, 0, "upload, finalize", vec![0; GRANULE])
        .await;
    assert_eq!(second.status, StatusCode::BAD_REQUEST);
    let name = first.body["file"]["name"].as_str().unwrap();
    emu.client
        .delete(emu.url(&format!("/v1beta/{name}")))
        .header("x-goog-api-key", KEY)
        .send()
        .await
        .unwrap();
    let third = emu
        .chunk(&session, 0, "upload, finalize", vec![0; GRANULE])
        .await;
    assert_eq!(third.status, StatusCode::OK);
}

#[tokio::test]
async fn an_unsupported_upload_type_is_refused_at_start() {
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/upload/v1beta/files"))
        .header("x-goog-api-key", KEY)
        .header("X-Goog-Upload-Protocol", "resumable")
        .header("X-Goog-Upload-Command", "start")
        .header("X-Goog-Upload-Header-Content-Type", "image/gif")
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(
        answer.body["error"]["message"],
        "Unsupported MIME type: image/gif"
    );
}

#[tokio::test]
async fn a_multipart_upload_stores_the_file_part() {
    let emu = emu().await;
    let bytes = random_bytes(300_000, 3);
    let mut body = b"--BOUNDARY\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{\"file\":{\"mimeType\":\"image/png\",\"displayName\":\"shot\"}}\r\n--BOUNDARY\r\nContent-Type: image/png\r\n\r\n".to_vec();
    body.extend(&bytes);
    body.extend(b"\r\n--BOUNDARY--");
    let response = emu
        .client
        .post(emu.url("/upload/v1beta/files"))
        .header("x-goog-api-key", KEY)
        .header("X-Goog-Upload-Protocol", "multipart")
        .header("Content-Type", "multipart/related; boundary=BOUNDARY")
        .body(body)
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.body["file"]["displayName"], "shot");
    assert_eq!(answer.body["file"]["sha256Hash"], sha_b64(&bytes));
    assert_eq!(answer.body["file"]["sizeBytes"], "300000");
}

#[tokio::test]
async fn a_media_upload_takes_the_raw_body() {
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/upload/v1beta/files?uploadType=media"))
        .header("x-goog-api-key", KEY)
        .header("Content-Type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(answer.body["file"]["sha256Hash"], sha_b64(b"hello"));
}

#[tokio::test]
async fn the_hash_can_follow_the_real_apis_base64_of_hex() {
    let emu = emu_with(|config| config.settings.sha256_hash_of_hex = true).await;
    let answer = emu.upload(b"abc", "text/plain", GRANULE).await;
    let hex: String = Sha256::digest(b"abc")
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(
        answer.body["file"]["sha256Hash"],
        base64::engine::general_purpose::STANDARD.encode(hex)
    );
}

#[tokio::test]
async fn a_query_after_the_client_dropped_mid_chunk_reports_whole_granules() {
    use tokio::io::AsyncWriteExt;
    let emu = emu().await;
    let session = emu.start_upload(Some(4 * GRANULE), "text/plain").await;
    let path = session.strip_prefix(&emu.server.base_url()).unwrap();
    let mut socket = tokio::net::TcpStream::connect(emu.server.addr())
        .await
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nX-Goog-Upload-Command: upload\r\nX-Goog-Upload-Offset: 0\r\nContent-Length: {}\r\n\r\n",
        emu.server.addr(),
        4 * GRANULE
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    socket
        .write_all(&vec![7u8; GRANULE + GRANULE / 2])
        .await
        .unwrap();
    socket.flush().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    drop(socket);
    let mut received = String::new();
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        received = emu
            .command(&session, "query")
            .await
            .header("x-goog-upload-size-received")
            .unwrap_or("")
            .to_string();
        if received != "0" {
            break;
        }
    }
    assert_eq!(received, GRANULE.to_string());
}
