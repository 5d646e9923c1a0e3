//! The emulator's batch faults, each proved to have fired: a job that FAILED (its
//! `error` kept), one that EXPIRED, 503s on `get` retried by `wait`, results that appear
//! a poll after SUCCEEDED, and inline results out of order joined by key.

use super::*;
use crate::support::{self, arm, assert_faults_fired, fake, reset};
use wasm_bindgen_test::wasm_bindgen_test;

/// Creates a batch of `n` questions.
async fn start(n: usize) -> JsValue {
    create(questions(n), json!({})).await.unwrap()
}

#[wasm_bindgen_test]
async fn a_failed_job_resolves_the_wait_with_its_error() {
    reset(fake()).await;
    fast_clock().await;
    arm(fake(), json!({"kind": "batchFailed"})).await;
    let job = start(3).await;
    let (done, seen) = wait(&job).await;
    assert_faults_fired(fake()).await;
    assert_eq!(text(&done, "state"), "JOB_STATE_FAILED");
    let error = support::json(&support::get(&done, "error"));
    assert!(
        !error["message"].as_str().unwrap_or_default().is_empty(),
        "{error}"
    );
    assert_eq!(seen.last().unwrap()["state"], "JOB_STATE_FAILED");
    // Its results cannot be read: it has none.
    let iterable = ai().batches().results_js(done, JsValue::UNDEFINED).unwrap();
    let error = settle(collect(&iterable)).await.unwrap_err();
    assert!(
        text(&error, "message").contains("no results"),
        "{}",
        text(&error, "message")
    );
}

#[wasm_bindgen_test]
async fn an_expired_job_resolves_the_wait_as_expired() {
    reset(fake()).await;
    fast_clock().await;
    arm(fake(), json!({"kind": "batchExpired"})).await;
    let job = start(2).await;
    let (done, _) = wait(&job).await;
    assert_faults_fired(fake()).await;
    assert_eq!(text(&done, "state"), "JOB_STATE_EXPIRED");
}

#[wasm_bindgen_test]
async fn server_errors_on_get_are_retried_by_the_wait() {
    reset(fake()).await;
    fast_clock().await;
    let job = start(2).await;
    arm(
        fake(),
        json!({"kind": "status", "status": 503, "target": "batch", "times": 2}),
    )
    .await;
    let (done, _) = wait(&job).await;
    assert_faults_fired(fake()).await;
    assert_eq!(text(&done, "state"), "JOB_STATE_SUCCEEDED");
    assert_eq!(results(&done).await.len(), 2);
}

#[wasm_bindgen_test]
async fn results_that_appear_a_poll_after_success_are_waited_for() {
    reset(fake()).await;
    fast_clock().await;
    arm(fake(), json!({"kind": "batchLateOutput"})).await;
    let job = start(3).await;
    let (done, seen) = wait(&job).await;
    assert_faults_fired(fake()).await;
    let early = seen.iter().any(|j| {
        j["state"] == "JOB_STATE_SUCCEEDED" && j["dest"].get("inlinedResponses").is_none()
    });
    assert!(early, "a poll saw SUCCEEDED without output: {seen:?}");
    assert!(support::get(&support::get(&done, "dest"), "inlinedResponses").is_object());
    assert_eq!(results(&done).await.len(), 3);
}

#[wasm_bindgen_test]
async fn inline_results_out_of_order_are_joined_by_key() {
    reset(fake()).await;
    fast_clock().await;
    arm(fake(), json!({"kind": "batchOutOfOrder"})).await;
    let job = start(5).await;
    let (done, _) = wait(&job).await;
    assert_faults_fired(fake()).await;
    let results = results(&done).await;
    let keys: Vec<String> = results.iter().map(|r| text(r, "key")).collect();
    assert_eq!(keys, ["q-4", "q-3", "q-2", "q-1", "q-0"]);
    // Joined by key, the prompts' token counts grow with the index, as sent.
    let mut joined: Vec<(usize, u64)> = results
        .iter()
        .map(|r| {
            let index = text(r, "key").strip_prefix("q-").unwrap().parse().unwrap();
            (index, prompt_tokens(r))
        })
        .collect();
    joined.sort_unstable();
    assert!(joined.windows(2).all(|w| w[0].1 < w[1].1), "{joined:?}");
}
