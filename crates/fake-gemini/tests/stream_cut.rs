//! The `cutStream` fault: a streamed answer whose connection closes after some events,
//! without the final one; what a client sees on the wire and through an HTTP library.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::wire::exchange;
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

const STREAM: &str = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

/// A prompt long enough for many events at 10 characters each.
fn long_request() -> Value {
    text_request("Explain in detail why the sky is blue and sunsets are red.")
}

async fn sse_exchange(emu: &Emu) -> common::wire::Exchange {
    let body = serde_json::to_vec(&long_request()).unwrap();
    let head = format!(
        "POST {STREAM}?alt=sse HTTP/1.1\r\nx-goog-api-key: {KEY}\r\nContent-Type: application/json"
    );
    exchange(emu.server.addr(), &head, &body, Duration::from_secs(10)).await
}

fn events(text: &str) -> Vec<Value> {
    text.split("\r\n\r\n")
        .filter_map(|event| event.strip_prefix("data: "))
        .map(|json| serde_json::from_str(json).unwrap())
        .collect()
}

fn is_final(event: &Value) -> bool {
    event["candidates"][0]["finishReason"].is_string()
}

async fn fired(emu: &Emu) -> u64 {
    let report = emu.report().await;
    report["faults"][0]["fired"].as_u64().unwrap_or(0)
}

#[tokio::test]
async fn without_the_fault_the_stream_ends_with_its_final_event() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 10).await;
    let whole = sse_exchange(&emu).await;
    assert!(whole.head.starts_with("HTTP/1.1 200"), "{}", whole.head);
    assert!(whole.chunked_body_ended());
    let events = events(&String::from_utf8(whole.unchunked()).unwrap());
    assert!(events.len() > 4, "{}", events.len());
    assert!(is_final(events.last().unwrap()));
}

#[tokio::test]
async fn a_cut_stream_stops_after_n_events_without_ending_the_body() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 10).await;
    let armed = emu
        .admin(
            "/__fake/faults",
            &json!({"kind": "cutStream", "afterEvents": 2}),
        )
        .await;
    assert_eq!(armed.status, StatusCode::OK, "{}", armed.text);
    let cut = sse_exchange(&emu).await;
    assert!(cut.head.starts_with("HTTP/1.1 200"), "{}", cut.head);
    assert!(
        cut.head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{}",
        cut.head
    );
    assert!(!cut.chunked_body_ended(), "the last chunk was sent");
    let text = String::from_utf8(cut.unchunked()).unwrap();
    let received = events(&text);
    assert_eq!(received.len(), 2, "{text}");
    assert!(received.iter().all(|event| !is_final(event)));
    assert!(text.ends_with("\r\n\r\n"), "whole events only: {text:?}");
    assert_eq!(fired(&emu).await, 1);
    let report = emu.report().await;
    assert_eq!(report["requests"][0]["faults"][0], "cut after 2 events");
}

#[tokio::test]
async fn an_http_client_reads_the_events_then_fails() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 10).await;
    emu.server.arm_fault(fake_gemini::FaultSpec::new(
        fake_gemini::FaultKind::CutStream { after_events: 3 },
        1,
    ));
    let mut response = emu
        .client
        .post(emu.url(&format!("{STREAM}?alt=sse")))
        .header("x-goog-api-key", KEY)
        .json(&long_request())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut text = String::new();
    let failure = loop {
        match response.chunk().await {
            Ok(Some(bytes)) => text.push_str(std::str::from_utf8(&bytes).unwrap()),
            Ok(None) => break None,
            Err(error) => break Some(error),
        }
    };
    let error = failure.expect("reading the body fails at the cut");
    assert!(error.is_body() || error.is_decode(), "{error:?}");
    assert_eq!(events(&text).len(), 3);
    assert_eq!(emu.server.fault_history()[0].fired, 1);
}

#[tokio::test]
async fn a_cut_never_lets_the_final_event_through() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 10).await;
    let whole = events(&String::from_utf8(sse_exchange(&emu).await.unchunked()).unwrap());
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "cutStream", "afterEvents": 10_000}),
    )
    .await;
    let cut = sse_exchange(&emu).await;
    assert!(!cut.chunked_body_ended());
    let received = events(&String::from_utf8(cut.unchunked()).unwrap());
    assert_eq!(received.len(), whole.len() - 1);
    // The same pieces of text (each answer has a response id of its own).
    let content = |events: &[Value]| -> Vec<Value> {
        events
            .iter()
            .map(|event| event["candidates"][0]["content"].clone())
            .collect()
    };
    assert_eq!(content(&received), content(&whole[..whole.len() - 1]));
}

#[tokio::test]
async fn the_fault_counts_streaming_calls_only() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 10).await;
    emu.admin("/__fake/faults", &json!({"kind": "cutStream"}))
        .await;
    let unary = emu.generate("gemini-2.5-flash", &long_request()).await;
    assert_eq!(unary.status, StatusCode::OK, "{}", unary.text);
    assert_eq!(fired(&emu).await, 0);
    let cut = sse_exchange(&emu).await;
    assert_eq!(
        events(&String::from_utf8(cut.unchunked()).unwrap()).len(),
        1
    );
    assert_eq!(fired(&emu).await, 1);
}

#[tokio::test]
async fn without_alt_sse_the_json_array_is_cut_open() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 10).await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "cutStream", "afterEvents": 2}),
    )
    .await;
    let body = serde_json::to_vec(&long_request()).unwrap();
    let head = format!("POST {STREAM} HTTP/1.1\r\nx-goog-api-key: {KEY}");
    let cut = exchange(emu.server.addr(), &head, &body, Duration::from_secs(10)).await;
    assert!(!cut.chunked_body_ended());
    let text = String::from_utf8(cut.unchunked()).unwrap();
    assert!(text.starts_with('[') && !text.ends_with(']'), "{text}");
    let closed: Vec<Value> = serde_json::from_str(&format!("{text}]")).unwrap();
    assert_eq!(closed.len(), 2);
}

#[tokio::test]
async fn aimed_at_generate_content_the_answer_stops_halfway() {
    let emu = emu().await;
    let whole = emu.generate("gemini-2.5-flash", &long_request()).await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "cutStream", "target": "generate"}),
    )
    .await;
    let body = serde_json::to_vec(&long_request()).unwrap();
    let head = format!(
        "POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nx-goog-api-key: {KEY}"
    );
    let cut = exchange(emu.server.addr(), &head, &body, Duration::from_secs(10)).await;
    assert!(!cut.chunked_body_ended());
    let received = cut.unchunked();
    // Half of an answer of the same shape (its response id differs, not its length).
    assert!(
        received.len().abs_diff(whole.text.len() / 2) <= 32,
        "{} of {}",
        received.len(),
        whole.text.len()
    );
    assert!(received.starts_with(b"{"));
    assert!(serde_json::from_slice::<Value>(&received).is_err());
    assert_eq!(fired(&emu).await, 1);
}
