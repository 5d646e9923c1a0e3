//! Batch Mode faults over real HTTP, each armed through `/__fake/faults` (or the Rust
//! handle) and proved to have fired by its effect and by the report.

#![allow(clippy::unwrap_used)]

mod common;

use common::batch::*;
use common::*;
use fake_gemini::{BatchEffect, FaultSpec};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn two_requests() -> Value {
    inline_batch(&[
        ("first", text_request("one")),
        ("second", text_request("two")),
    ])
}

async fn batch_faults(emu: &Emu, name: &str) -> Value {
    emu.report().await["batches"][name]["faults"].clone()
}

#[tokio::test]
async fn a_failed_job_ends_failed_with_an_error() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "batchFailed"}))
        .await;
    let name = emu.start_batch(&two_requests()).await;
    let done = emu.finish_batch(&name).await;
    assert_eq!(done["metadata"]["state"], "BATCH_STATE_FAILED");
    assert_eq!(done["error"]["code"], 13);
    assert!(
        done["error"]["message"]
            .as_str()
            .unwrap()
            .contains("failed")
    );
    assert!(done.get("response").is_none());
    assert_eq!(batch_faults(&emu, &name).await, json!(["batchFailed"]));
}

#[tokio::test]
async fn an_expired_job_ends_expired_without_running() {
    let emu = emu().await;
    emu.server
        .arm_fault(FaultSpec::new(BatchEffect::BatchExpired, 1));
    let name = emu.start_batch(&two_requests()).await;
    let seen = emu.poll_batch(&name).await;
    assert!(
        seen.iter()
            .all(|op| op["metadata"]["state"] != "BATCH_STATE_RUNNING")
    );
    let done = seen.last().unwrap();
    assert_eq!(done["metadata"]["state"], "BATCH_STATE_EXPIRED");
    assert_eq!(done["metadata"]["batchStats"]["pendingRequestCount"], "2");
    assert!(done["metadata"]["endTime"].is_string());
    assert_eq!(batch_faults(&emu, &name).await, json!(["batchExpired"]));
}

#[tokio::test]
async fn only_the_nth_creation_is_hit() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "batchFailed", "nth": 2}))
        .await;
    let first = emu.start_batch(&two_requests()).await;
    let second = emu.start_batch(&two_requests()).await;
    assert_eq!(
        emu.finish_batch(&first).await["metadata"]["state"],
        "BATCH_STATE_SUCCEEDED"
    );
    assert_eq!(
        emu.finish_batch(&second).await["metadata"]["state"],
        "BATCH_STATE_FAILED"
    );
}

#[tokio::test]
async fn a_503_on_get_says_when_to_retry() {
    let emu = emu().await;
    let name = emu.start_batch(&two_requests()).await;
    emu.admin(
        "/__fake/faults",
        &json!({"kind": "status", "status": 503, "retryAfter": 3, "target": "batch"}),
    )
    .await;
    let failed = emu.get(&format!("/v1beta/{name}")).await;
    assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(failed.body["error"]["status"], "UNAVAILABLE");
    assert_eq!(failed.header("retry-after"), Some("3"));
    assert_eq!(
        emu.get(&format!("/v1beta/{name}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        batch_faults(&emu, &name).await,
        json!(["status 503 on GET"])
    );
    let report = emu.report().await;
    let statuses: Vec<u64> = report["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|request| request["path"] == format!("/v1beta/{name}"))
        .map(|request| request["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [503, 200]);
}

#[tokio::test]
async fn results_appear_a_poll_after_succeeded() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "batchLateOutput"}))
        .await;
    let name = emu.start_batch(&two_requests()).await;
    let seen = emu.poll_batch(&name).await;
    let first_done = seen.last().unwrap();
    assert_eq!(first_done["metadata"]["state"], "BATCH_STATE_SUCCEEDED");
    assert!(first_done.get("response").is_none());
    assert!(first_done["metadata"].get("output").is_none());
    let next = emu.get(&format!("/v1beta/{name}")).await.body;
    assert_eq!(inline_results(&next).len(), 2);
    assert_eq!(batch_faults(&emu, &name).await, json!(["batchLateOutput"]));
}

#[tokio::test]
async fn inline_results_can_come_back_out_of_order() {
    let emu = emu().await;
    emu.admin("/__fake/faults", &json!({"kind": "batchOutOfOrder"}))
        .await;
    let name = emu.start_batch(&text_batch(&["a", "b", "c"])).await;
    let done = emu.finish_batch(&name).await;
    let results = inline_results(&done);
    let keys: Vec<&str> = results.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["c", "b", "a"]);
    for (key, result) in &results {
        let expected = emu.generate(MODEL, &question(key)).await;
        assert_eq!(text_of(&result["response"]), expected.model_text(), "{key}");
    }
    assert_eq!(batch_faults(&emu, &name).await, json!(["batchOutOfOrder"]));
}

#[tokio::test]
async fn batch_faults_are_listed_and_cleared_with_the_others() {
    let emu = emu().await;
    emu.admin(
        "/__fake/faults",
        &json!([{"kind": "batchLateOutput", "nth": 3}, {"kind": "status", "status": 500, "target": "batch"}]),
    )
    .await;
    let listed = Answer::from(
        emu.admin_request(reqwest::Method::GET, "/__fake/faults")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let kinds: Vec<&str> = listed.body["faults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|fault| fault["spec"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["batchLateOutput", "status"]);
    let misspelt = emu
        .admin("/__fake/faults", &json!({"kind": "batchLate"}))
        .await;
    assert_eq!(misspelt.status, StatusCode::BAD_REQUEST);
    emu.admin_request(reqwest::Method::DELETE, "/__fake/faults")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let name = emu.start_batch(&two_requests()).await;
    assert!(emu.finish_batch(&name).await["response"].is_object());
}
