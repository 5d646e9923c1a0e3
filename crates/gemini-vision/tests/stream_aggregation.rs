//! Merging streamed chunks into one answer.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use gemini_vision::response::{StreamAggregator, aggregate};
use gemini_vision::wire::{FinishReason, GenerateContentResponse};
use serde_json::json;

fn chunk(value: serde_json::Value) -> GenerateContentResponse {
    serde_json::from_value(value).unwrap()
}

#[test]
fn candidates_are_merged_by_index() {
    let answer = aggregate([
        chunk(json!({"candidates": [
            {"index": 0, "content": {"parts": [{"text": "a"}]}},
            {"index": 1, "content": {"parts": [{"text": "x"}]}}
        ]})),
        chunk(json!({"candidates": [
            {"index": 1, "content": {"parts": [{"text": "y"}]}, "finishReason": "STOP"}
        ]})),
        chunk(json!({"candidates": [
            {"index": 0, "content": {"parts": [{"text": "b"}]}, "finishReason": "MAX_TOKENS"}
        ]})),
    ]);
    let candidates = answer.candidates();
    assert_eq!(candidates.len(), 2);
    assert_eq!(candidates[0].content.as_ref().unwrap().text(), "ab");
    assert_eq!(candidates[1].content.as_ref().unwrap().text(), "xy");
    assert_eq!(candidates[0].finish_reason, Some(FinishReason::MaxTokens));
    assert_eq!(candidates[1].finish_reason, Some(FinishReason::Stop));
}

#[test]
fn thoughts_and_answer_text_stay_apart() {
    let answer = aggregate([
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "hmm ", "thought": true}]}}]})),
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "ok", "thought": true}]}}]})),
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "[1, 2"}]}}]})),
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "]"}]}}]})),
    ]);
    let parts = answer
        .first_candidate()
        .unwrap()
        .content
        .as_ref()
        .unwrap()
        .parts();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].text.as_deref(), Some("hmm ok"));
    assert_eq!(answer.text(), "[1, 2]");
}

#[test]
fn a_thought_signature_stays_with_the_text_it_closes() {
    let answer = aggregate([
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "a"}]}}]})),
        chunk(
            json!({"candidates": [{"content": {"parts": [{"text": "", "thoughtSignature": "c2ln"}]}}]}),
        ),
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "b"}]}}]})),
    ]);
    let parts = answer
        .first_candidate()
        .unwrap()
        .content
        .as_ref()
        .unwrap()
        .parts();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].thought_signature.as_deref(), Some("c2ln"));
    assert_eq!(answer.text(), "ab");
}

#[test]
fn function_calls_are_kept_as_their_own_parts() {
    let answer = aggregate([
        chunk(json!({"candidates": [{"content": {"parts": [{"text": "calling"}]}}]})),
        chunk(json!({"candidates": [{"content": {"parts": [{"functionCall": {"name": "f"}}]}}]})),
    ]);
    assert_eq!(
        answer
            .first_candidate()
            .unwrap()
            .content
            .as_ref()
            .unwrap()
            .parts()
            .len(),
        2
    );
}

#[test]
fn the_last_usage_and_a_late_prompt_block_win() {
    let mut aggregator = StreamAggregator::new();
    aggregator.push(chunk(
        json!({"usageMetadata": {"totalTokenCount": 5}, "modelVersion": "v1"}),
    ));
    aggregator.push(chunk(json!({"usageMetadata": {"totalTokenCount": 9},
                                 "promptFeedback": {"blockReason": "OTHER"}})));
    assert_eq!(aggregator.chunk_count(), 2);
    assert_eq!(aggregator.response().model_version.as_deref(), Some("v1"));
    let answer = aggregator.finish();
    assert_eq!(answer.usage_metadata.unwrap().total_token_count, Some(9));
    assert!(answer.prompt_feedback.unwrap().block_reason.is_some());
}
