//! The project quota: 2 GiB by default (the real API's 20 GB would let a runaway page
//! fill a developer's disk), and bytes held against it before they are written, so that
//! uploads running side by side cannot pass it on disk.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::wire::channel_body;
use common::*;
use reqwest::StatusCode;

const TWO_GIB: u64 = 2 * 1024 * 1024 * 1024;

async fn start_declaring(emu: &Emu, size: u64) -> Answer {
    let size = size.to_string();
    emu.start_upload_with(
        "text/plain",
        &[("X-Goog-Upload-Header-Content-Length", &size)],
    )
    .await
}

fn project_full(limit: u64) -> String {
    format!("The project's file storage limit of {limit} bytes would be exceeded.")
}

#[tokio::test]
async fn the_default_quota_is_two_gib() {
    let emu = emu().await;
    assert_eq!(
        emu.upload(b"a few bytes", "text/plain", GRANULE)
            .await
            .status,
        StatusCode::OK
    );
    // A second file of the full per-file size (2 GiB) no longer fits beside it.
    let answer = start_declaring(&emu, TWO_GIB).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.message(), project_full(TWO_GIB));
}

/// Sends `sent` bytes of a body that is never finished, and waits for the answer.
async fn answer_to_an_unfinished_upload(request: reqwest::RequestBuilder, sent: usize) -> Answer {
    let (sender, body) = channel_body();
    let response = tokio::spawn(request.body(body).send());
    for _ in 0..sent / GRANULE {
        if sender.send(vec![b'q'; GRANULE].into()).await.is_err() {
            break;
        }
    }
    // The body stays open: only an answer given before its end arrives.
    let response = tokio::time::timeout(Duration::from_secs(10), response)
        .await
        .expect("the emulator answers before the body ends")
        .unwrap()
        .unwrap();
    drop(sender);
    Answer::from(response).await
}

fn part_files(emu: &Emu) -> usize {
    std::fs::read_dir(emu.server.data_dir())
        .unwrap()
        .filter(|entry| {
            let name = entry.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".part")
        })
        .count()
}

#[tokio::test]
async fn a_raw_upload_stops_where_the_quota_ends() {
    let limit = 4 * GRANULE as u64;
    let emu = emu_with(|config| config.settings.max_project_bytes = limit).await;
    let request = emu
        .client
        .post(emu.url("/upload/v1beta/files?uploadType=media"))
        .header("x-goog-api-key", KEY)
        .header("content-type", "text/plain");
    let answer = answer_to_an_unfinished_upload(request, 6 * GRANULE).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.message(), project_full(limit));
    assert_eq!(part_files(&emu), 0, "what was written is removed");
    // The bytes held for it are given back.
    let fits = emu
        .upload(&random_bytes(4 * GRANULE, 2), "text/plain", GRANULE)
        .await;
    assert_eq!(fits.status, StatusCode::OK, "{}", fits.text);
}

#[tokio::test]
async fn a_chunk_stops_where_the_quota_ends() {
    let limit = 4 * GRANULE as u64;
    let emu = emu_with(|config| config.settings.max_project_bytes = limit).await;
    let session = emu.start_upload(None, "text/plain").await;
    let request = emu
        .client
        .post(&session)
        .header("X-Goog-Upload-Command", "upload")
        .header("X-Goog-Upload-Offset", "0");
    let answer = answer_to_an_unfinished_upload(request, 6 * GRANULE).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.message(), project_full(limit));
    let query = emu.command(&session, "query").await;
    assert_eq!(query.header("x-goog-upload-size-received"), Some("0"));
    let file_len = std::fs::read_dir(emu.server.data_dir())
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum::<u64>();
    assert_eq!(
        file_len, 0,
        "nothing past the committed bytes stays on disk"
    );
}

#[tokio::test]
async fn the_quota_flag_raises_it() {
    let emu = emu_with(|config| config.settings.max_project_bytes = 30 * 1024 * 1024 * 1024).await;
    let answer = start_declaring(&emu, TWO_GIB).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
}
