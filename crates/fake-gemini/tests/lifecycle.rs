//! Starting and stopping: in-process, on a runtime of its own, and the binary's one line.

#![allow(clippy::unwrap_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use fake_gemini::{Config, FaultKind, FaultSpec};

#[tokio::test]
async fn start_binds_a_free_port_and_stop_releases_it() {
    let server = fake_gemini::start(Config::ephemeral()).await.unwrap();
    let addr = server.addr();
    assert_ne!(addr.port(), 0);
    assert!(
        reqwest::get(format!("{}/__fake/health", server.base_url()))
            .await
            .unwrap()
            .status()
            .is_success()
    );
    server.stop().await;
    assert!(
        reqwest::get(format!("http://{addr}/__fake/health"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn the_handle_arms_faults_and_reads_the_report() {
    let server = fake_gemini::start(Config::ephemeral()).await.unwrap();
    server.arm_fault(FaultSpec::new(
        FaultKind::Status {
            status: 503,
            retry_after: None,
        },
        1,
    ));
    let response = reqwest::Client::new()
        .get(format!("{}/v1beta/files", server.base_url()))
        .header("x-goog-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(server.report().requests[0].status, 503);
}

#[test]
fn start_blocking_serves_synchronous_callers() {
    let server = fake_gemini::start_blocking(Config::ephemeral()).unwrap();
    let url = format!("{}/__fake/health", server.base_url());
    let body =
        common::on_own_runtime(async { reqwest::get(url).await.unwrap().text().await.unwrap() });
    assert_eq!(body, r#"{"ok":true}"#);
}

#[tokio::test]
async fn a_temporary_data_folder_is_removed_on_stop() {
    let server = fake_gemini::start(Config::ephemeral()).await.unwrap();
    let emu = common::Emu {
        server,
        client: reqwest::Client::new(),
    };
    emu.upload(b"bytes", "text/plain", common::GRANULE).await;
    let dir = emu.server.data_dir().to_path_buf();
    assert!(std::fs::read_dir(&dir).unwrap().count() >= 1);
    drop(emu);
    assert!(!dir.exists());
}

#[test]
fn the_binary_prints_one_listening_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-gemini"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--quiet",
            "--style",
            "gemini-3",
            "--fail-nth",
            "1",
            "--fail-status",
            "429",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();
    let status = common::on_own_runtime(async move {
        reqwest::Client::new()
            .get(format!("{url}/v1beta/files"))
            .header("x-goog-api-key", "k")
            .send()
            .await
            .unwrap()
            .status()
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 429);
}
