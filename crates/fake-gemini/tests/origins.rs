//! Which pages may call the emulator: loopback origins on any port, the ones given with
//! `--allow-origin`, and no other (no CORS headers, preflights refused, requests refused).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;

async fn preflight(emu: &Emu, origin: &str) -> Answer {
    let response = emu
        .client
        .request(
            reqwest::Method::OPTIONS,
            emu.url("/v1beta/models/gemini-2.5-flash:generateContent"),
        )
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "x-goog-api-key, content-type",
        )
        .send()
        .await
        .unwrap();
    Answer::from(response).await
}

async fn list_files_from(emu: &Emu, origin: &str) -> Answer {
    let response = emu
        .client
        .get(emu.url("/v1beta/files"))
        .header("Origin", origin)
        .header("x-goog-api-key", KEY)
        .send()
        .await
        .unwrap();
    Answer::from(response).await
}

#[tokio::test]
async fn loopback_pages_on_any_port_are_allowed() {
    let emu = emu().await;
    for origin in [
        "http://127.0.0.1:8080",
        "http://127.0.0.2",
        "https://localhost:4443",
        "http://demo.localhost:8080",
        "http://[::1]:5173",
    ] {
        let answer = preflight(&emu, origin).await;
        assert_eq!(answer.status, StatusCode::OK, "{origin}");
        assert_eq!(answer.header("access-control-allow-origin"), Some(origin));
        let listed = list_files_from(&emu, origin).await;
        assert_eq!(listed.status, StatusCode::OK, "{origin}");
        assert_eq!(listed.header("access-control-allow-origin"), Some(origin));
    }
}

#[tokio::test]
async fn other_pages_get_no_cors_headers_and_are_refused() {
    let emu = emu().await;
    for origin in [
        "https://evil.example",
        "http://127.0.0.1.evil.example",
        "http://127.0.0.1.evil.example:8080",
        "http://localhost.evil.example",
        "http://evil.example\\.localhost",
        "null",
    ] {
        let answer = preflight(&emu, origin).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{origin}");
        assert_eq!(
            answer.header("access-control-allow-origin"),
            None,
            "{origin}"
        );
        assert_eq!(
            answer.header("access-control-allow-headers"),
            None,
            "{origin}"
        );
        let listed = list_files_from(&emu, origin).await;
        assert_eq!(listed.status, StatusCode::FORBIDDEN, "{origin}");
        assert_eq!(
            listed.header("access-control-allow-origin"),
            None,
            "{origin}"
        );
        assert_eq!(listed.body["error"]["status"], "PERMISSION_DENIED");
    }
}

#[tokio::test]
async fn a_no_cors_request_from_another_page_changes_nothing() {
    // What `fetch(url, {mode: "no-cors", method: "POST"})` from a page elsewhere sends:
    // a simple request that needs no preflight, the key in the query.
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/upload/v1beta/files?uploadType=media&key=any"))
        .header("Origin", "https://evil.example")
        .header("Content-Type", "text/plain")
        .body(vec![b'x'; 4096])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        emu.report().await["requests"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let files = emu.get("/v1beta/files").await.body;
    assert!(
        files["files"].as_array().is_none_or(Vec::is_empty),
        "{files}"
    );
}

#[tokio::test]
async fn named_origins_are_allowed_exactly() {
    let emu = emu_with(|config| {
        config.access.allowed_origins = vec!["https://app.example".into(), "null".into()];
    })
    .await;
    for origin in ["https://app.example", "null", "http://localhost:3000"] {
        let answer = list_files_from(&emu, origin).await;
        assert_eq!(answer.status, StatusCode::OK, "{origin}");
        assert_eq!(answer.header("access-control-allow-origin"), Some(origin));
    }
    for origin in [
        "http://app.example",
        "https://app.example:8443",
        "https://x.app.example",
    ] {
        assert_eq!(
            list_files_from(&emu, origin).await.status,
            StatusCode::FORBIDDEN,
            "{origin}"
        );
    }
}

#[tokio::test]
async fn an_allowed_page_keeps_googles_cors() {
    let emu =
        emu_with(|config| config.access.allowed_origins = vec!["https://app.example".into()]).await;
    let answer = emu
        .start_upload_with("text/plain", &[("Origin", "https://app.example")])
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://app.example")
    );
    let exposed = answer.header("access-control-expose-headers").unwrap();
    assert!(exposed.contains("X-Goog-Upload-Size-Received"), "{exposed}");
}

#[tokio::test]
async fn a_bad_allow_origin_stops_the_start() {
    let mut config = fake_gemini::Config::ephemeral();
    config.access.allowed_origins = vec!["app.example".into()];
    let error = fake_gemini::start(config).await.unwrap_err();
    assert!(error.to_string().contains("app.example"), "{error}");
}
