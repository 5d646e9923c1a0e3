//! The URLs the emulator hands out are built from the `Host` a request came to, never
//! from `X-Forwarded-Host` or `Forwarded` unless told (`--trust-forwarded-host`); a
//! request addressed to a DNS name other than localhost is refused (DNS rebinding).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;

/// Starts a resumable upload with extra headers; returns the answer.
async fn start_with(emu: &Emu, headers: &[(&str, &str)]) -> Answer {
    emu.start_upload_with("text/plain", headers).await
}

const FORWARDED: &[(&str, &str)] = &[
    ("X-Forwarded-Host", "evil.example"),
    ("X-Forwarded-Proto", "https"),
    ("Forwarded", "host=evil.example;proto=https"),
];

#[tokio::test]
async fn forwarding_headers_do_not_move_the_session_url() {
    let emu = emu().await;
    let answer = start_with(&emu, FORWARDED).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let session = answer.header("x-goog-upload-url").unwrap();
    let expected = format!("{}/upload/v1beta/files?upload_id=", emu.server.base_url());
    assert!(session.starts_with(&expected), "{session}");
    let control = answer.header("x-goog-upload-control-url").unwrap();
    assert!(control.starts_with(&expected), "{control}");
}

#[tokio::test]
async fn forwarding_headers_do_not_move_file_uris() {
    let emu = emu().await;
    let uploaded = emu.upload(b"hello", "text/plain", GRANULE).await;
    let name = uploaded.body["file"]["name"].as_str().unwrap().to_owned();
    let mut request = emu
        .client
        .get(emu.url(&format!("/v1beta/{name}")))
        .header("x-goog-api-key", KEY);
    for (header, value) in FORWARDED {
        request = request.header(*header, *value);
    }
    let file = Answer::from(request.send().await.unwrap()).await;
    let uri = file.body["uri"].as_str().unwrap();
    assert!(uri.starts_with(&emu.server.base_url()), "{uri}");
}

#[tokio::test]
async fn a_reverse_proxy_setup_can_trust_them() {
    let emu = emu_with(|config| config.access.trust_forwarded_host = true).await;
    let answer = start_with(&emu, &[("Forwarded", "host=api.example:8443;proto=https")]).await;
    let session = answer.header("x-goog-upload-url").unwrap();
    assert!(
        session.starts_with("https://api.example:8443/upload/v1beta/files?upload_id="),
        "{session}"
    );
    let legacy = start_with(&emu, &[("X-Forwarded-Host", "api.example")]).await;
    let session = legacy.header("x-goog-upload-url").unwrap();
    assert!(
        session.starts_with("http://api.example/upload/"),
        "{session}"
    );
}

#[tokio::test]
async fn a_request_addressed_to_another_name_is_refused() {
    // A page at rebind.evil.example whose DNS now answers 127.0.0.1 would be
    // same-origin with the emulator; its requests carry its own name in Host.
    let emu = emu().await;
    let answer = start_with(&emu, &[("Host", "rebind.evil.example:8787")]).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.text);
    assert_eq!(answer.body["error"]["status"], "PERMISSION_DENIED");
    let health = emu
        .client
        .get(emu.url("/__fake/health"))
        .header("Host", "rebind.evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::FORBIDDEN);
    assert!(
        emu.report().await["requests"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn loopback_names_and_named_hosts_are_answered_and_used() {
    let emu =
        emu_with(|config| config.access.allowed_hosts = vec!["emulator.internal".into()]).await;
    let port = emu.server.addr().port();
    for host in [
        format!("localhost:{port}"),
        format!("emulator.internal:{port}"),
    ] {
        let answer = start_with(&emu, &[("Host", &host)]).await;
        assert_eq!(answer.status, StatusCode::OK, "{host}: {}", answer.text);
        let session = answer.header("x-goog-upload-url").unwrap();
        assert!(
            session.starts_with(&format!("http://{host}/upload/")),
            "{session}"
        );
    }
}

#[tokio::test]
async fn a_malformed_host_is_refused() {
    let emu = emu().await;
    for host in ["evil.example/x", "a@b", "127.0.0.1:99999"] {
        let answer = start_with(&emu, &[("Host", host)]).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{host}: {}",
            answer.text
        );
    }
}
