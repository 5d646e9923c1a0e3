//! What an answer says: its text, whether and why it was blocked, unknown enums.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::response::{ResponseStream, aggregate};
use gemini_vision::wire::{
    BlockCause, BlockReason, FinishReason, GenerateContentResponse, HarmCategory, HarmProbability,
    Part,
};
use io_support::{json, read, shared};

fn unary(name: &str) -> GenerateContentResponse {
    let path = shared(&format!("fixtures/sdk-mock-responses/{name}.json"));
    serde_json::from_value(json(&path)).unwrap()
}

fn streamed(name: &str) -> GenerateContentResponse {
    let path = shared(&format!("fixtures/sdk-mock-responses/{name}.txt"));
    let chunks = ResponseStream::decode_all(&read(&path), None);
    aggregate(chunks.into_iter().map(Result::unwrap))
}

#[test]
fn text_is_the_first_candidates_text() {
    let answer = unary("unary-success-basic-reply-short");
    assert_eq!(answer.text(), "Helena");
    assert!(!answer.is_blocked());
}

#[test]
fn a_blocked_prompt_says_why() {
    let answer = unary("unary-failure-prompt-blocked-safety");
    let blocked = answer.blocked().unwrap();
    assert_eq!(blocked.cause, BlockCause::Prompt(BlockReason::Safety));
    assert_eq!(blocked.flagged.len(), 1);
    assert_eq!(blocked.flagged[0].category, Some(HarmCategory::HateSpeech));
    assert_eq!(blocked.flagged[0].probability, Some(HarmProbability::High));
    assert_eq!(answer.text(), "");
    assert!(
        blocked
            .to_string()
            .contains("HARM_CATEGORY_HATE_SPEECH: HIGH")
    );
}

#[test]
fn a_candidate_stopped_for_safety_is_blocked() {
    let answer = unary("unary-failure-finish-reason-safety");
    let blocked = answer.blocked().unwrap();
    assert_eq!(blocked.cause, BlockCause::Candidate(FinishReason::Safety));
    assert_eq!(answer.text(), "No");
}

#[test]
fn a_recitation_stop_is_blocked() {
    let blocked = unary("unary-failure-citations").blocked().unwrap();
    assert_eq!(
        blocked.cause,
        BlockCause::Candidate(FinishReason::Recitation)
    );
}

#[test]
fn empty_content_is_not_a_block() {
    let answer = unary("unary-failure-empty-content");
    assert!(answer.blocked().is_none());
    assert_eq!(answer.text(), "");
}

#[test]
fn a_token_limit_is_not_a_block() {
    let mut answer = unary("unary-success-basic-reply-short");
    answer.candidates.as_mut().unwrap()[0].finish_reason = Some(FinishReason::MaxTokens);
    assert!(!answer.is_blocked());
}

#[test]
fn unknown_enum_values_are_kept_verbatim() {
    let answer = unary("unary-unknown-enum");
    let rating = &answer.first_candidate().unwrap().safety_ratings()[0];
    assert_eq!(
        rating.category,
        Some(HarmCategory::Unknown(
            "HARM_CATEGORY_SEXUALLY_EXPLICIT_ENUM_NEW".into()
        ))
    );
    assert!(!answer.text().is_empty());
}

#[test]
fn an_unknown_finish_reason_in_a_stream_is_kept() {
    let reasons: Vec<_> = ResponseStream::decode_all(
        &read(&shared(
            "fixtures/sdk-mock-responses/streaming-unknown-enum.txt",
        )),
        None,
    )
    .into_iter()
    .filter_map(|chunk| chunk.unwrap().finish_reason().cloned())
    .collect();
    assert!(reasons.contains(&FinishReason::Unknown("FAKE_ENUM".into())));
}

#[test]
fn thought_parts_are_not_answer_text() {
    let mut thought = Part::text("Let me look at the image.");
    thought.thought = Some(true);
    let body = serde_json::json!({
        "candidates": [{"content": {"role": "model", "parts": [
            serde_json::to_value(&thought).unwrap(),
            {"text": "[{\"box_2d\": [1, 2, 3, 4]"},
            {"text": "}]"}
        ]}}]
    });
    let answer: GenerateContentResponse = serde_json::from_value(body).unwrap();
    assert_eq!(answer.text(), r#"[{"box_2d": [1, 2, 3, 4]}]"#);
}

#[test]
fn a_function_call_answer_has_no_text() {
    let answer = streamed("streaming-success-function-call-short");
    assert_eq!(answer.text(), "");
    let part = &answer
        .first_candidate()
        .unwrap()
        .content
        .as_ref()
        .unwrap()
        .parts()[0];
    assert_eq!(
        part.function_call.as_ref().unwrap()["name"],
        "getTemperature"
    );
}

#[test]
fn search_grounding_is_kept_as_a_value() {
    let answer = unary("unary-success-search-grounding");
    let grounding = answer
        .first_candidate()
        .unwrap()
        .grounding_metadata
        .as_ref();
    assert_eq!(
        grounding.unwrap()["groundingChunks"][0]["web"]["uri"],
        "test_uri_1"
    );
}
