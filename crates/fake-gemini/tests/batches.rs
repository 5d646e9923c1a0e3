//! Batch Mode over real HTTP: create inline, get, list, cancel, delete and the clock,
//! with results checked against what `generateContent` answers for the same request.
//! File input and the result file are in `batch_files.rs`, faults in `batch_faults.rs`.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::batch::*;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

const SOCKS_PROMPT: &str = "Show me the positions of the socks with the face";

#[tokio::test]
async fn an_inline_batch_answers_like_generate_content() {
    let emu = emu().await;
    let requests = [
        ("shapes", image_request("image/png", &shapes(), DETECT)),
        (
            "socks",
            image_request("image/jpeg", &sample("socks.jpg"), SOCKS_PROMPT),
        ),
        ("prose", text_request("Why is the sky blue?")),
    ];
    let created = emu.create_batch(&inline_batch(&requests)).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.text);
    let metadata = &created.body["metadata"];
    assert_eq!(metadata["state"], "BATCH_STATE_PENDING");
    assert_eq!(metadata["displayName"], "test-batch");
    assert_eq!(metadata["model"], format!("models/{MODEL}"));
    assert_eq!(
        metadata["@type"],
        "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch"
    );
    assert_eq!(metadata["batchStats"]["requestCount"], "3");
    assert_eq!(created.body["done"], false);
    let name = created.body["name"].as_str().unwrap();
    assert!(name.starts_with("batches/"));

    let done = emu.finish_batch(name).await;
    assert_eq!(done["metadata"]["state"], "BATCH_STATE_SUCCEEDED");
    assert_eq!(
        done["metadata"]["batchStats"]["successfulRequestCount"],
        "3"
    );
    assert_eq!(done["metadata"]["batchStats"]["pendingRequestCount"], "0");
    assert!(done["metadata"]["endTime"].is_string());
    assert_eq!(
        done["response"]["@type"],
        "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput"
    );
    assert_eq!(
        done["metadata"]["output"]["inlinedResponses"],
        done["response"]["inlinedResponses"]
    );
    let results = inline_results(&done);
    let keys: Vec<&str> = results.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["shapes", "socks", "prose"]);
    for ((key, result), (_, request)) in results.iter().zip(&requests) {
        let text = text_of(&result["response"]);
        assert_eq!(text, direct_text(&emu, request).await, "{key}");
    }
    let boxes = fenced_json(text_of(&results[0].1["response"]));
    let mut labels: Vec<&str> = boxes
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    assert_eq!(labels, ["blue rectangle", "red square"]);
    let recorded = sample_response(
        "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt",
    );
    assert_eq!(text_of(&results[1].1["response"]), recorded);
}

#[tokio::test]
async fn states_and_counts_move_while_the_job_runs() {
    let emu = paced_emu(150, 150).await;
    let name = emu.start_batch(&text_batch(&["a", "b", "c", "d"])).await;
    let seen = emu.poll_batch(&name).await;
    let states: Vec<&str> = seen
        .iter()
        .map(|operation| operation["metadata"]["state"].as_str().unwrap())
        .collect();
    assert_eq!(states.first(), Some(&"BATCH_STATE_PENDING"));
    assert!(states.contains(&"BATCH_STATE_RUNNING"), "{states:?}");
    assert_eq!(states.last(), Some(&"BATCH_STATE_SUCCEEDED"));
    let counts: Vec<u64> = seen.iter().map(succeeded).collect();
    assert!(
        counts.windows(2).all(|pair| pair[0] <= pair[1]),
        "{counts:?}"
    );
    assert!(
        counts.iter().any(|&count| count > 0 && count < 4),
        "{counts:?}"
    );
    assert!(
        seen.iter()
            .all(|operation| operation.get("response").is_none()
                || operation["metadata"]["state"] == "BATCH_STATE_SUCCEEDED")
    );
}

#[tokio::test]
async fn a_request_generate_content_refuses_is_an_error_for_its_key_only() {
    let emu = emu().await;
    let gif = json!({"contents": [{"parts": [{"inlineData": {"mimeType": "image/gif", "data": "R0lGODlhAQABAAAAACw="}}]}]});
    let refused = emu.generate(MODEL, &gif).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let name = emu
        .start_batch(&inline_batch(&[
            ("bad", gif),
            ("good", text_request("hello")),
        ]))
        .await;
    let done = emu.finish_batch(&name).await;
    assert_eq!(done["metadata"]["state"], "BATCH_STATE_SUCCEEDED");
    let stats = &done["metadata"]["batchStats"];
    assert_eq!(
        (
            stats["successfulRequestCount"].as_str(),
            stats["failedRequestCount"].as_str()
        ),
        (Some("1"), Some("1"))
    );
    let results = inline_results(&done);
    assert_eq!(results[0].0, "bad");
    assert_eq!(results[0].1["error"]["code"], 3);
    assert_eq!(
        results[0].1["error"]["message"],
        refused.body["error"]["message"]
    );
    assert!(results[0].1.get("response").is_none());
    assert!(results[1].1["response"]["candidates"].is_array());
}

#[tokio::test]
async fn what_the_official_clients_put_in_a_request_is_answered() {
    let emu = emu().await;
    // The Python client: snake_case, URL-safe base64; both clients: `model` inside.
    let image = shapes();
    let request = json!({"model": format!("models/{MODEL}"), "contents": [{"role": "user", "parts": [
        {"inline_data": {"mime_type": "image/png", "data": URL_SAFE_NO_PAD.encode(&image)}},
        {"text": DETECT}]}], "generationConfig": {"temperature": 0.5}});
    let name = emu.start_batch(&inline_batch(&[("py", request)])).await;
    let done = emu.finish_batch(&name).await;
    let results = inline_results(&done);
    let expected = direct_text(&emu, &image_request("image/png", &image, DETECT)).await;
    assert_eq!(text_of(&results[0].1["response"]), expected);
}

#[tokio::test]
async fn fields_beside_request_refuse_the_whole_batch() {
    let emu = emu().await;
    let body = json!({"batch": {"inputConfig": {"requests": {"requests": [
        {"request": text_request("hi"), "metadata": {"key": "a"}, "systemInstruction": {"parts": [{"text": "x"}]}}]}}}});
    let answer = emu.create_batch(&body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(
        answer.body["error"]["message"],
        "Invalid JSON payload received. Unknown name \"systemInstruction\" at \
         'batch.input_config.requests.requests[0]': Cannot find field."
    );
    let list = emu.get("/v1beta/batches").await;
    assert_eq!(list.body, json!({}), "no job was made");
}

#[tokio::test]
async fn an_inline_batch_over_twenty_megabytes_is_refused() {
    let emu = emu().await;
    let big = "x".repeat(21 * 1024 * 1024);
    let answer = emu
        .create_batch(&inline_batch(&[("big", text_request(&big))]))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.body["error"]["message"],
        "Request payload size exceeds the limit: 20971520 bytes."
    );
}

#[tokio::test]
async fn an_unknown_model_is_not_found() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-0-nothing:batchGenerateContent",
            &inline_batch(&[("a", text_request("hi"))]),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("models/gemini-0-nothing is not found")
    );
}

#[tokio::test]
async fn jobs_are_listed_newest_first_in_pages() {
    let emu = emu().await;
    let mut names = Vec::new();
    for index in 0..5 {
        let body = inline_batch(&[("a", text_request(&format!("q{index}")))]);
        names.push(emu.start_batch(&body).await);
    }
    let mut seen = Vec::new();
    let mut path = "/v1beta/batches?pageSize=2".to_string();
    loop {
        let page = emu.get(&path).await;
        let operations = page.body["operations"].as_array().unwrap();
        assert!(operations.len() <= 2);
        seen.extend(
            operations
                .iter()
                .map(|op| op["name"].as_str().unwrap().to_string()),
        );
        match page.body["nextPageToken"].as_str() {
            Some(token) => path = format!("/v1beta/batches?pageSize=2&pageToken={token}"),
            None => break,
        }
    }
    names.reverse();
    assert_eq!(seen, names);
}

#[tokio::test]
async fn cancel_is_terminal_at_once_and_pending_requests_never_run() {
    let emu = paced_emu(0, 150).await;
    let name = emu
        .start_batch(&text_batch(&["a", "b", "c", "d", "e", "f"]))
        .await;
    loop {
        let operation = emu.get(&format!("/v1beta/{name}")).await.body;
        if succeeded(&operation) >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let cancelled = emu
        .send(Method::POST, &format!("/v1beta/{name}:cancel"), None)
        .await;
    assert_eq!(
        (cancelled.status, cancelled.body.clone()),
        (StatusCode::OK, json!({}))
    );
    let now = emu.get(&format!("/v1beta/{name}")).await.body;
    assert_eq!(now["metadata"]["state"], "BATCH_STATE_CANCELLED");
    assert_eq!(now["done"], true);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let later = emu.get(&format!("/v1beta/{name}")).await.body;
    assert_eq!(
        later["metadata"]["batchStats"],
        now["metadata"]["batchStats"]
    );
    assert!(succeeded(&later) < 6);
    assert!(later.get("response").is_none());
}

#[tokio::test]
async fn delete_forgets_the_job_and_takes_the_js_clients_body() {
    let emu = emu().await;
    let name = emu
        .start_batch(&inline_batch(&[("a", text_request("hi"))]))
        .await;
    let path = format!("/v1beta/{name}");
    let deleted = emu.send(Method::DELETE, &path, Some(&json!({}))).await;
    assert_eq!((deleted.status, deleted.body), (StatusCode::OK, json!({})));
    let gone = emu.get(&path).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.body["error"]["status"], "NOT_FOUND");
    assert_eq!(
        emu.send(Method::DELETE, &path, None).await.status,
        StatusCode::NOT_FOUND
    );
    let cancel = emu
        .send(Method::POST, &format!("{path}:cancel"), None)
        .await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_clock_is_set_at_run_time() {
    let emu = emu().await;
    emu.admin_request(reqwest::Method::PATCH, "/__fake/config")
        .json(&json!({"batchPendingMs": 60000}))
        .send()
        .await
        .unwrap();
    let name = emu
        .start_batch(&inline_batch(&[("a", text_request("hi"))]))
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let operation = emu.get(&format!("/v1beta/{name}")).await.body;
    assert_eq!(operation["metadata"]["state"], "BATCH_STATE_PENDING");
    emu.admin("/__fake/reset", &json!({})).await;
    assert_eq!(
        emu.get(&format!("/v1beta/{name}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_absurd_clock_keeps_the_job_running_and_cancellable() {
    let emu = paced_emu(0, u64::MAX).await;
    let name = emu.start_batch(&text_batch(&["a", "b"])).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let running = emu.get(&format!("/v1beta/{name}")).await.body;
    assert_eq!(running["metadata"]["state"], "BATCH_STATE_RUNNING");
    emu.send(Method::POST, &format!("/v1beta/{name}:cancel"), None)
        .await;
    let cancelled = emu.get(&format!("/v1beta/{name}")).await.body;
    assert_eq!(cancelled["metadata"]["state"], "BATCH_STATE_CANCELLED");
}
