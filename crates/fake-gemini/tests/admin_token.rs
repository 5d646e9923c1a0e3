//! `/__fake` takes the run's admin token (but `GET /__fake/health`), and JSON on every
//! call that changes something; the binary prints a generated token once, after the
//! `listening on` line.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

const ADMIN_ROUTES: &[(&str, &str)] = &[
    ("GET", "/__fake/report"),
    ("GET", "/__fake/faults"),
    ("POST", "/__fake/faults"),
    ("DELETE", "/__fake/faults"),
    ("GET", "/__fake/config"),
    ("PATCH", "/__fake/config"),
    ("POST", "/__fake/config"),
    ("POST", "/__fake/reset"),
    ("POST", "/__fake/sessions/expire"),
];

async fn without_token(emu: &Emu, method: &str, path: &str, token: Option<&str>) -> Answer {
    let mut request = emu
        .client
        .request(
            Method::from_bytes(method.as_bytes()).unwrap(),
            emu.url(path),
        )
        .json(&json!({}));
    if let Some(token) = token {
        request = request.header("x-fake-admin-token", token);
    }
    Answer::from(request.send().await.unwrap()).await
}

#[tokio::test]
async fn every_admin_route_but_health_needs_the_token() {
    let emu = emu().await;
    let wrong = format!("{}x", emu.server.admin_token());
    for (method, path) in ADMIN_ROUTES {
        for token in [None, Some(""), Some("guess"), Some(wrong.as_str())] {
            let answer = without_token(&emu, method, path, token).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{method} {path} {token:?}"
            );
            assert_eq!(answer.body["error"]["status"], "PERMISSION_DENIED");
            assert!(
                answer.message().contains("x-fake-admin-token"),
                "{}",
                answer.text
            );
        }
    }
    let health = emu
        .client
        .get(emu.url("/__fake/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn with_the_token_every_admin_route_answers() {
    let emu = emu().await;
    for (method, path) in ADMIN_ROUTES {
        let body = if *path == "/__fake/faults" {
            json!([])
        } else {
            json!({})
        };
        let answer = Answer::from(
            emu.admin_request(Method::from_bytes(method.as_bytes()).unwrap(), path)
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{method} {path}: {}",
            answer.text
        );
    }
}

#[tokio::test]
async fn without_the_token_nothing_is_reset_or_armed() {
    let emu = emu().await;
    let uploaded = emu.upload(b"keep me", "text/plain", GRANULE).await;
    assert_eq!(uploaded.status, StatusCode::OK);
    without_token(&emu, "POST", "/__fake/reset", None).await;
    without_token(&emu, "POST", "/__fake/faults", None).await;
    let listed = emu.get("/v1beta/files").await;
    assert_eq!(listed.body["files"].as_array().unwrap().len(), 1);
    assert!(emu.server.fault_history().is_empty());
}

#[tokio::test]
async fn changes_need_a_json_content_type() {
    // What a cross-site form or a `no-cors` fetch can send without a preflight.
    let emu = emu().await;
    emu.upload(b"keep me", "text/plain", GRANULE).await;
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
    ] {
        for path in ["/__fake/reset", "/__fake/faults"] {
            let mut request = emu
                .admin_request(Method::POST, path)
                .body(r#"{"kind":"status","status":503}"#);
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            let answer = Answer::from(request.send().await.unwrap()).await;
            assert_eq!(
                answer.status,
                StatusCode::BAD_REQUEST,
                "{path} {content_type:?}"
            );
            assert!(
                answer.message().contains("application/json"),
                "{}",
                answer.text
            );
        }
    }
    assert_eq!(
        emu.get("/v1beta/files").await.body["files"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(emu.server.fault_history().is_empty());
    // Reading needs no body, hence no content type.
    let report = emu
        .admin_request(Method::GET, "/__fake/report")
        .send()
        .await
        .unwrap();
    assert_eq!(report.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_given_token_is_the_one_required() {
    let emu = emu_with(|config| config.access.admin_token = Some("given-Token.42".into())).await;
    assert_eq!(emu.server.admin_token(), "given-Token.42");
    let answer = without_token(&emu, "GET", "/__fake/report", Some("given-Token.42")).await;
    assert_eq!(answer.status, StatusCode::OK);
}

#[tokio::test]
async fn each_run_makes_its_own_token() {
    let first = emu().await;
    let second = emu().await;
    assert_ne!(first.server.admin_token(), second.server.admin_token());
    assert!(first.server.admin_token().len() >= 32);
    let answer = without_token(
        &first,
        "GET",
        "/__fake/report",
        Some(second.server.admin_token()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

fn spawn(extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_fake-gemini"))
        .args(["--addr", "127.0.0.1:0", "--quiet"])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `GET /__fake/report` with `token`, from a synchronous test.
fn report_status(url: &str, token: &str) -> u16 {
    let request = reqwest::Client::new()
        .get(format!("{url}/__fake/report"))
        .header("x-fake-admin-token", token);
    on_own_runtime(async move { request.send().await.unwrap().status().as_u16() })
}

#[test]
fn the_binary_prints_a_generated_token_after_the_listening_line() {
    let mut child = spawn(&[]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (mut first, mut second) = (String::new(), String::new());
    stdout.read_line(&mut first).unwrap();
    stdout.read_line(&mut second).unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    let token = second
        .trim()
        .strip_prefix("admin token: ")
        .unwrap()
        .to_owned();
    assert!(token.len() >= 32, "{token}");
    let with = report_status(&url, &token);
    let without = report_status(&url, "not-it");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!((with, without), (200, 403));
}

#[test]
fn a_given_token_is_not_printed() {
    let mut child = spawn(&["--admin-token", "from-the-script-7f3a"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_owned();
    let status = report_status(&url, "from-the-script-7f3a");
    child.kill().unwrap();
    child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(status, 200);
    assert_eq!(rest, "", "nothing after the listening line");
}
