//! A body limit on every route but uploads: `--max-request-bytes` (the API's 20 MB) for
//! API calls, 1 MiB for `/__fake`, answered with the API's 400; uploads keep their own.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::wire::{chunked, exchange};
use common::*;
use reqwest::{Method, StatusCode};

const ADMIN_LIMIT: usize = 1024 * 1024;
const API_LIMIT: usize = 20 * 1024 * 1024;

fn assert_too_large(answer: &Answer, limit: usize) {
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.body["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(
        answer.message(),
        format!("Request payload size exceeds the limit: {limit} bytes.")
    );
}

#[tokio::test]
async fn an_admin_body_over_one_mib_is_refused_without_a_length() {
    let emu = emu().await;
    let response = emu
        .admin_request(Method::POST, "/__fake/faults")
        .header("content-type", "application/json")
        .body(chunked(ADMIN_LIMIT + 1, b' '))
        .send()
        .await
        .unwrap();
    assert_too_large(&Answer::from(response).await, ADMIN_LIMIT);
}

#[tokio::test]
async fn an_admin_body_over_one_mib_is_refused_by_its_length() {
    let emu = emu().await;
    let response = emu
        .admin_request(Method::PATCH, "/__fake/config")
        .header("content-type", "application/json")
        .body(vec![b' '; ADMIN_LIMIT + 1])
        .send()
        .await
        .unwrap();
    assert_too_large(&Answer::from(response).await, ADMIN_LIMIT);
    // One MiB of JSON is still read.
    let mut fits = vec![b' '; ADMIN_LIMIT - 2];
    fits.extend_from_slice(b"{}");
    let response = emu
        .admin_request(Method::PATCH, "/__fake/config")
        .header("content-type", "application/json")
        .body(fits)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn routes_that_take_no_body_refuse_a_large_one() {
    let emu = emu().await;
    for (method, path) in [
        (Method::GET, "/v1beta/models"),
        (Method::GET, "/v1beta/files"),
        (Method::DELETE, "/v1beta/files/abc"),
        (Method::DELETE, "/v1beta/batches/abc"),
        (Method::GET, "/__fake/health"),
    ] {
        let response = emu
            .client
            .request(method.clone(), emu.url(path))
            .header("x-goog-api-key", KEY)
            .body(vec![0u8; API_LIMIT + 1])
            .send()
            .await
            .unwrap();
        let limit = if path.starts_with("/__fake") {
            ADMIN_LIMIT
        } else {
            API_LIMIT
        };
        assert_too_large(&Answer::from(response).await, limit);
    }
}

#[tokio::test]
async fn an_api_body_over_the_limit_is_refused_without_a_length() {
    let emu = emu_with(|config| config.settings.max_request_bytes = 100_000).await;
    for path in [
        "/v1beta/models/gemini-2.5-flash:generateContent",
        "/v1beta/models/gemini-2.5-flash:countTokens",
        "/v1beta/cachedContents",
        "/v1beta/models/gemini-2.5-flash:batchGenerateContent",
    ] {
        let response = emu
            .client
            .post(emu.url(path))
            .header("x-goog-api-key", KEY)
            .header("content-type", "application/json")
            .body(chunked(100_001, b' '))
            .send()
            .await
            .unwrap();
        assert_too_large(&Answer::from(response).await, 100_000);
    }
}

#[tokio::test]
async fn a_streaming_call_over_the_limit_answers_in_its_stream_shape() {
    let emu = emu_with(|config| config.settings.max_request_bytes = 1000).await;
    let head = format!(
        "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse HTTP/1.1\r\nx-goog-api-key: {KEY}"
    );
    let answer = exchange(
        emu.server.addr(),
        &head,
        &[b' '; 1001],
        Duration::from_secs(10),
    )
    .await;
    assert!(answer.head.starts_with("HTTP/1.1 400"), "{}", answer.head);
    assert!(answer.head.contains("text/event-stream"), "{}", answer.head);
    let text = String::from_utf8_lossy(&answer.body);
    assert!(
        text.contains("Request payload size exceeds the limit: 1000 bytes."),
        "{text}"
    );
}

#[tokio::test]
async fn uploads_are_held_to_their_own_limits_only() {
    let emu = emu_with(|config| config.settings.max_request_bytes = 1000).await;
    let bytes = random_bytes(3 * GRANULE + 5, 1);
    let resumable = emu.upload(&bytes, "text/plain", GRANULE).await;
    assert_eq!(resumable.status, StatusCode::OK, "{}", resumable.text);
    let media = emu
        .client
        .post(emu.url("/upload/v1beta/files?uploadType=media"))
        .header("x-goog-api-key", KEY)
        .header("content-type", "text/plain")
        .body(chunked(2 * GRANULE, b'a'))
        .send()
        .await
        .unwrap();
    let media = Answer::from(media).await;
    assert_eq!(media.status, StatusCode::OK, "{}", media.text);
    assert_eq!(media.body["file"]["sizeBytes"], (2 * GRANULE).to_string());
}
