//! CORS: preflights, exposed headers in normal and strict mode, origin pinning.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;

async fn start_from(emu: &Emu, origin: &str) -> Answer {
    emu.start_upload_with("text/plain", &[("Origin", origin)])
        .await
}

#[tokio::test]
async fn preflights_allow_what_the_clients_send() {
    let emu = emu().await;
    let headers = "x-goog-api-key, x-goog-api-client, content-type, x-goog-upload-protocol, x-goog-upload-command, x-goog-upload-offset";
    let response = emu
        .client
        .request(reqwest::Method::OPTIONS, emu.url("/upload/v1beta/files"))
        .header("Origin", "http://localhost:5173")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", headers)
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    assert_eq!(answer.header("access-control-allow-headers"), Some(headers));
    assert!(
        answer
            .header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );
    assert!(
        answer
            .header("access-control-allow-methods")
            .unwrap()
            .contains("DELETE")
    );
}

#[tokio::test]
async fn normal_mode_exposes_every_upload_header() {
    let emu = emu().await;
    let answer = start_from(&emu, "http://localhost:5173").await;
    let exposed = answer.header("access-control-expose-headers").unwrap();
    for name in [
        "X-Goog-Upload-URL",
        "X-Goog-Upload-Status",
        "X-Goog-Upload-Chunk-Granularity",
        "X-Goog-Upload-Size-Received",
        "X-Goog-Upload-Control-URL",
    ] {
        assert!(exposed.contains(name), "{name} in {exposed}");
    }
}

#[tokio::test]
async fn strict_mode_exposes_only_url_and_status() {
    let emu = emu_with(|config| config.settings.strict_cors = true).await;
    let answer = start_from(&emu, "http://localhost:5173").await;
    assert_eq!(
        answer.header("access-control-expose-headers"),
        Some("X-Goog-Upload-URL, X-Goog-Upload-Status")
    );
}

#[tokio::test]
async fn a_session_answers_with_the_origin_that_started_it() {
    let emu = emu().await;
    let start = start_from(&emu, "http://127.0.0.1:8080").await;
    let session = start.header("x-goog-upload-url").unwrap().to_string();
    let response = emu
        .client
        .post(&session)
        .header("Origin", "http://app.localhost:3000")
        .header("X-Goog-Upload-Command", "query")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://127.0.0.1:8080"
    );
    let preflight = emu
        .client
        .request(reqwest::Method::OPTIONS, &session)
        .header("Origin", "http://app.localhost:3000")
        .header("Access-Control-Request-Method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        "http://127.0.0.1:8080"
    );
}

#[tokio::test]
async fn api_answers_allow_the_calling_origin() {
    let emu = emu().await;
    let response = emu
        .client
        .get(emu.url("/v1beta/files"))
        .header("Origin", "http://localhost:5173")
        .header("x-goog-api-key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "http://localhost:5173"
    );
    assert_eq!(response.headers()["vary"], "Origin, X-Origin, Referer");
}

#[tokio::test]
async fn no_origin_means_no_cors_headers() {
    let emu = emu().await;
    let answer = emu.get("/v1beta/files").await;
    assert!(answer.header("access-control-allow-origin").is_none());
}
