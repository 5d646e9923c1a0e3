//! streamGenerateContent, countTokens and the models list over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_streaming_error_before_the_first_event_is_status_and_json() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/models/custom-gemini-2.0-flash:streamGenerateContent?alt=sse",
            &text_request("why is the sky blue?"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.header("content-type"), Some("text/event-stream"));
    assert_eq!(answer.body["error"]["code"], 404);
}

#[tokio::test]
async fn streaming_splits_the_text_over_sse_events() {
    let emu = emu_with(|config| config.settings.stream_chunk_chars = 20).await;
    let unary = emu
        .generate("gemini-2.5-flash", &text_request("why is the sky blue?"))
        .await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            &text_request("why is the sky blue?"),
        )
        .await;
    assert_eq!(answer.header("content-type"), Some("text/event-stream"));
    let events: Vec<Value> = answer
        .text
        .split("\r\n\r\n")
        .filter(|event| !event.is_empty())
        .map(|event| serde_json::from_str(event.strip_prefix("data: ").unwrap()).unwrap())
        .collect();
    assert!(events.len() > 3);
    let joined: String = events
        .iter()
        .map(|e| {
            e["candidates"][0]["content"]["parts"][0]["text"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(joined, unary.model_text());
    assert!(
        events[..events.len() - 1]
            .iter()
            .all(|e| e["candidates"][0].get("finishReason").is_none())
    );
    let last = events.last().unwrap();
    assert_eq!(last["candidates"][0]["finishReason"], "STOP");
    assert_eq!(
        last["usageMetadata"]["candidatesTokenCount"],
        unary.body["usageMetadata"]["candidatesTokenCount"]
    );
}

#[tokio::test]
async fn streaming_without_alt_sse_is_a_json_array() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
            &text_request("why is the sky blue?"),
        )
        .await;
    assert!(
        answer
            .body
            .as_array()
            .is_some_and(|events| events.len() > 1)
    );
}

#[tokio::test]
async fn count_tokens_follows_the_contract() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:countTokens",
            &text_request("The quick brown fox jumps over the lazy dog."),
        )
        .await;
    assert_eq!(answer.body["totalTokens"], 11);
    assert_eq!(
        answer.body["promptTokensDetails"][0],
        json!({"modality": "TEXT", "tokenCount": 11})
    );
}

#[tokio::test]
async fn count_tokens_tiles_large_images_and_matches_usage() {
    let emu = emu().await;
    let image = png(&drawing(1024, 1024, &[]));
    let body = image_request("image/png", &image, "hi");
    let count = emu
        .post("/v1beta/models/gemini-2.5-flash:countTokens", &body)
        .await;
    assert_eq!(count.body["totalTokens"], 4 * 258 + 1);
    let generated = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(
        generated.body["usageMetadata"]["promptTokenCount"],
        count.body["totalTokens"]
    );
    let gemini3 = emu.post("/v1beta/models/gemini-3-flash-preview:countTokens", &json!({"generateContentRequest": {"contents": body["contents"], "generationConfig": {"mediaResolution": "MEDIA_RESOLUTION_LOW"}}})).await;
    assert_eq!(gemini3.body["totalTokens"], 280 + 1);
}

#[tokio::test]
async fn models_are_listed_and_described() {
    let emu = emu().await;
    let list = emu.get("/v1beta/models?pageSize=5").await;
    assert_eq!(list.body["models"].as_array().unwrap().len(), 5);
    assert!(list.body["nextPageToken"].is_string());
    let model = emu.get("/v1beta/models/gemini-2.5-flash").await;
    assert_eq!(model.body["name"], "models/gemini-2.5-flash");
    assert_eq!(
        emu.get("/v1beta/models/gemini-0-nope").await.status,
        StatusCode::NOT_FOUND
    );
}
