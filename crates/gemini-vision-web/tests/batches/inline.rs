//! Inline batches: 50 requests to completion with every result joined to its key and
//! equal to what `generateContent` answers for the same request; the SDK's create body
//! on the wire; the SDK's own `InlinedRequest` list.

use super::*;
use crate::support::{self, Capture, fake, reset};
use std::collections::{HashMap, HashSet};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn fifty_inline_requests_run_to_completion_joined_to_their_keys() {
    reset(fake()).await;
    fast_clock().await;
    let capture = Capture::start();
    let job = create(questions(50), json!({"displayName": "fifty"}))
        .await
        .unwrap();
    assert_eq!(text(&job, "displayName"), "fifty");
    assert_eq!(text(&job, "state"), "JOB_STATE_PENDING");
    assert_eq!(text(&job, "model"), format!("models/{MODEL}"));
    assert!(text(&job, "name").starts_with("batches/"));
    let stats = support::json(&support::get(&job, "batchStats"));
    assert_eq!(stats["requestCount"], "50", "batchStats are kept: {stats}");
    // The SDK's wire shape: inputConfig, then displayName; each entry request + metadata.
    assert_eq!(
        capture.keys(":batchGenerateContent", 0, &["batch"]),
        ["inputConfig", "displayName"]
    );
    let body = capture.body(":batchGenerateContent", 0);
    let entries = body["batch"]["inputConfig"]["requests"]["requests"]
        .as_array()
        .unwrap();
    assert_eq!(entries.len(), 50);
    assert_eq!(entries[7]["metadata"], json!({"key": "q-7"}));
    assert_eq!(
        entries[7]["request"]["contents"][0]["parts"][0]["text"],
        question(7)
    );
    drop(capture);

    let (done, seen) = wait(&job).await;
    assert_eq!(text(&done, "state"), "JOB_STATE_SUCCEEDED");
    assert_eq!(
        support::json(&done)["batchStats"]["successfulRequestCount"],
        "50"
    );
    let states: Vec<&str> = seen.iter().map(|j| j["state"].as_str().unwrap()).collect();
    assert_eq!(states.last(), Some(&"JOB_STATE_SUCCEEDED"), "{states:?}");
    assert!(seen.iter().all(|j| j["batchStats"].is_object()), "{seen:?}");

    let results = results(&done).await;
    assert_eq!(results.len(), 50);
    let mut by_key = HashMap::new();
    for result in &results {
        assert!(support::get(result, "error").is_undefined());
        by_key.insert(text(result, "key"), result.clone());
    }
    let tokens: HashSet<u64> = results.iter().map(prompt_tokens).collect();
    assert_eq!(tokens.len(), 50, "every prompt has its own token count");
    let models = ai().models();
    for i in 0..50 {
        let result = &by_key[&format!("q-{i}")];
        let direct = models
            .generate_content(&support::js(
                &json!({"model": MODEL, "contents": question(i)}),
            ))
            .await
            .unwrap();
        assert_eq!(response_text(result), text(&direct, "text"), "q-{i}");
        let usage = support::get(&direct, "usageMetadata");
        let direct_tokens = support::get(&usage, "promptTokenCount").as_f64().unwrap() as u64;
        assert_eq!(prompt_tokens(result), direct_tokens, "q-{i}");
    }
}

#[wasm_bindgen_test]
async fn the_sdks_inlined_requests_are_sent_as_the_sdk_sends_them() {
    reset(fake()).await;
    fast_clock().await;
    let capture = Capture::start();
    let src = json!({"inlinedRequests": [
        {"contents": "first", "metadata": {"key": "a", "note": 1},
         "config": {"systemInstruction": "Be brief.", "temperature": 0}},
        {"model": MODEL, "contents": [{"role": "user", "parts": [{"text": "second"}]}]},
    ]});
    let job = create(src, json!({})).await.unwrap();
    let body = capture.body(":batchGenerateContent", 0);
    let entries = &body["batch"]["inputConfig"]["requests"]["requests"];
    assert_eq!(entries[0]["metadata"], json!({"key": "a", "note": 1}));
    assert_eq!(
        capture.keys(
            ":batchGenerateContent",
            0,
            &[
                "batch",
                "inputConfig",
                "requests",
                "requests",
                "0",
                "request"
            ]
        ),
        ["contents", "systemInstruction", "generationConfig"]
    );
    assert_eq!(entries[0]["request"]["generationConfig"]["temperature"], 0);
    assert_eq!(entries[1]["request"]["model"], format!("models/{MODEL}"));
    // Without metadata, a request gets its key so its result can be joined.
    assert_eq!(entries[1]["metadata"], json!({"key": "req-2"}));
    drop(capture);
    let (done, _) = wait(&job).await;
    let keys: HashSet<String> = results(&done)
        .await
        .iter()
        .map(|r| text(r, "key"))
        .collect();
    assert_eq!(keys, HashSet::from(["a".to_owned(), "req-2".to_owned()]));
}

#[wasm_bindgen_test]
async fn bad_sources_are_refused_before_anything_is_sent() {
    reset(fake()).await;
    for (src, needle) in [
        (json!("gs://bucket/x.jsonl"), "Unsupported string source"),
        (json!({"gcsUri": ["gs://b/x"]}), "Gemini Enterprise"),
        (json!({}), "Exactly one of"),
        (json!([]), "at least one request"),
        (
            json!([{"key": "a", "contents": "x"}, {"key": "a", "contents": "y"}]),
            "same key",
        ),
        (json!([{"config": {}}]), "contents is required"),
        (json!([5]), "expected an object"),
    ] {
        let error = create(src.clone(), json!({})).await.unwrap_err();
        assert_eq!(code(&error), "INVALID_INPUT", "{src}");
        assert!(
            text(&error, "message").contains(needle),
            "{src}: {}",
            text(&error, "message")
        );
    }
    let created = job_created().await;
    assert!(!created, "nothing reached the server");
}
