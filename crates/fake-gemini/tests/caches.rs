//! Context caches over real HTTP: the resource's life (create, get, list, patch, delete,
//! expiry) and its use by generateContent and countTokens, with the API's refusals.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// About 2,500 text tokens: over 2.5's minimum of 2,048.
fn long_text() -> String {
    "The quick brown fox jumps over the lazy dog. ".repeat(220)
}

fn cache_body(model: &str) -> Value {
    json!({"model": model, "displayName": "manual",
        "contents": [{"role": "user", "parts": [{"text": long_text()}]}],
        "systemInstruction": {"parts": [{"text": "Answer from the manual."}]},
        "ttl": "600s"})
}

async fn create(emu: &Emu, body: &Value) -> Answer {
    emu.post("/v1beta/cachedContents", body).await
}

#[tokio::test]
async fn a_cache_is_created_with_the_apis_fields() {
    let emu = emu().await;
    let answer = create(&emu, &cache_body("models/gemini-2.5-flash")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let cache = &answer.body;
    let name = cache["name"].as_str().unwrap();
    assert!(name.starts_with("cachedContents/") && name.len() == "cachedContents/".len() + 12);
    assert_eq!(cache["model"], "models/gemini-2.5-flash");
    assert_eq!(cache["displayName"], "manual");
    let tokens = cache["usageMetadata"]["totalTokenCount"].as_u64().unwrap();
    assert_eq!(tokens, long_text().len().div_ceil(4) as u64 + 6);
    let created = cache["createTime"].as_str().unwrap();
    let expires = cache["expireTime"].as_str().unwrap();
    assert_eq!(cache["updateTime"], created);
    assert!(expires > created);
    assert!(
        cache.get("contents").is_none(),
        "cached contents are never returned"
    );
}

#[tokio::test]
async fn a_cache_under_the_models_minimum_is_too_small() {
    let emu = emu().await;
    let body = json!({"model": "models/gemini-2.5-flash", "contents": [{"role": "user", "parts": [{"text": "short"}]}]});
    let answer = create(&emu, &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.message(),
        "Cached content is too small. total_token_count=2, min_total_token_count=2048"
    );
    let gemini_3 = create(&emu, &cache_body("models/gemini-3-flash-preview")).await;
    assert!(
        gemini_3.message().ends_with("min_total_token_count=4096"),
        "{}",
        gemini_3.text
    );
}

#[tokio::test]
async fn get_list_patch_and_delete_follow_the_resource() {
    let emu = emu().await;
    let mut names = Vec::new();
    for _ in 0..3 {
        let answer = create(&emu, &cache_body("gemini-2.5-flash")).await;
        names.push(answer.body["name"].as_str().unwrap().to_string());
    }
    let got = emu.get(&format!("/v1beta/{}", names[0])).await;
    assert_eq!(got.body["name"], names[0]);

    let first = emu.get("/v1beta/cachedContents?pageSize=2").await;
    assert_eq!(first.body["cachedContents"].as_array().unwrap().len(), 2);
    let token = first.body["nextPageToken"].as_str().unwrap().to_string();
    let second = emu
        .get(&format!(
            "/v1beta/cachedContents?pageSize=2&pageToken={token}"
        ))
        .await;
    let listed: Vec<&str> = first.body["cachedContents"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second.body["cachedContents"].as_array().unwrap())
        .map(|cache| cache["name"].as_str().unwrap())
        .collect();
    assert_eq!(listed, names);
    assert!(second.body.get("nextPageToken").is_none());

    let before = got.body["expireTime"].as_str().unwrap().to_string();
    let patched = emu
        .send(
            Method::PATCH,
            &format!("/v1beta/{}?updateMask=ttl", names[0]),
            Some(&json!({"ttl": "7200s"})),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text);
    assert!(patched.body["expireTime"].as_str().unwrap() > before.as_str());
    assert!(
        patched.body["updateTime"].as_str().unwrap() > got.body["createTime"].as_str().unwrap()
    );
    let by_time = emu
        .send(
            Method::PATCH,
            &format!("/v1beta/{}", names[1]),
            Some(&json!({"expireTime": "2099-01-01T00:00:00Z"})),
        )
        .await;
    assert_eq!(by_time.body["expireTime"], "2099-01-01T00:00:00.000000Z");

    let deleted = emu
        .send(Method::DELETE, &format!("/v1beta/{}", names[0]), None)
        .await;
    assert_eq!(
        (deleted.status, deleted.body.clone()),
        (StatusCode::OK, json!({}))
    );
    let gone = emu.get(&format!("/v1beta/{}", names[0])).await;
    assert_eq!(gone.status, StatusCode::FORBIDDEN);
    assert_eq!(gone.body["error"]["status"], "PERMISSION_DENIED");
    assert_eq!(
        gone.message(),
        "CachedContent not found (or permission denied)"
    );
}

#[tokio::test]
async fn only_the_expiry_can_be_patched() {
    let emu = emu().await;
    let name = create(&emu, &cache_body("gemini-2.5-flash")).await.body["name"]
        .as_str()
        .unwrap()
        .to_string();
    let answer = emu
        .send(
            Method::PATCH,
            &format!("/v1beta/{name}?updateMask=displayName"),
            Some(&json!({"displayName": "x"})),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn ttl_and_expire_time_together_set_the_oneof_twice() {
    let emu = emu().await;
    let mut body = cache_body("gemini-2.5-flash");
    body["expireTime"] = json!("2099-01-01T00:00:00Z");
    let answer = create(&emu, &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer
            .message()
            .contains("oneof field 'expiration' is already set"),
        "{}",
        answer.text
    );
}

#[tokio::test]
async fn a_cache_expires_on_the_clock() {
    let emu = emu().await;
    let mut body = cache_body("gemini-2.5-flash");
    body["ttl"] = json!("0.5s");
    let name = create(&emu, &body).await.body["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        emu.get(&format!("/v1beta/{name}")).await.status,
        StatusCode::OK
    );
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(
        emu.get(&format!("/v1beta/{name}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(emu.get("/v1beta/cachedContents").await.body, json!({}));
}

#[tokio::test]
async fn generate_content_answers_from_the_cache_and_counts_its_tokens() {
    let emu = emu().await;
    let cache = create(&emu, &cache_body("models/gemini-2.5-flash"))
        .await
        .body;
    let cached = cache["usageMetadata"]["totalTokenCount"].as_u64().unwrap();
    let body = json!({"contents": [{"role": "user", "parts": [{"text": "Summarise it"}]}], "cachedContent": cache["name"]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let usage = &answer.body["usageMetadata"];
    assert_eq!(usage["cachedContentTokenCount"], cached);
    assert_eq!(usage["promptTokenCount"], cached + 3);
    assert!(answer.model_text().contains("\"Summarise it\""));
    let counted = emu
        .post("/v1beta/models/gemini-2.5-flash:countTokens",
              &json!({"generateContentRequest": {"model": "models/gemini-2.5-flash", "contents": body["contents"], "cachedContent": cache["name"]}}))
        .await;
    assert_eq!(counted.body["totalTokens"], cached + 3);
    assert_eq!(counted.body["cachedContentTokenCount"], cached);
}

#[tokio::test]
async fn a_cache_cannot_be_combined_with_system_instruction_or_tools() {
    let emu = emu().await;
    let name = create(&emu, &cache_body("gemini-2.5-flash")).await.body["name"].clone();
    let body = json!({"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": name,
        "systemInstruction": {"parts": [{"text": "be brief"}]}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.message().starts_with("CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config."));
}

#[tokio::test]
async fn a_cache_is_for_its_own_model_and_must_exist() {
    let emu = emu().await;
    let name = create(&emu, &cache_body("gemini-2.5-flash")).await.body["name"].clone();
    let body = json!({"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": name});
    let other = emu.generate("gemini-2.5-pro", &body).await;
    assert_eq!(
        other.message(),
        "Model used by GenerateContent request (models/gemini-2.5-pro) and CachedContent (models/gemini-2.5-flash) has to be the same."
    );
    let missing = json!({"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": "cachedContents/nosuchcache1"});
    let answer = emu.generate("gemini-2.5-flash", &missing).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn function_calls_use_the_tools_kept_in_the_cache() {
    let emu = emu().await;
    let mut body = cache_body("gemini-2.5-flash");
    body["tools"] = json!([{"functionDeclarations": [{"name": "get_weather", "description": "Current weather in a city",
        "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}}}}]}]);
    let name = create(&emu, &body).await.body["name"].clone();
    let ask =
        json!({"contents": [{"parts": [{"text": "weather in Rome?"}]}], "cachedContent": name});
    let answer = emu.generate("gemini-2.5-flash", &ask).await;
    assert_eq!(
        answer.parts()[0]["functionCall"]["args"],
        json!({"city": "Rome"})
    );
}

#[tokio::test]
async fn cache_bodies_are_checked_and_unknown_models_are_not_found() {
    let emu = emu().await;
    let mut body = cache_body("gemini-2.5-flash");
    body["generationConfig"] = json!({});
    let answer = create(&emu, &body).await;
    assert_eq!(
        answer.message(),
        "Invalid JSON payload received. Unknown name \"generationConfig\": Cannot find field."
    );
    let unknown = create(&emu, &cache_body("models/gemini-0-nano")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_fault_can_target_cache_requests() {
    let emu = emu().await;
    let armed = emu
        .admin(
            "/__fake/faults",
            &json!({"kind": "status", "status": 503, "target": "caches"}),
        )
        .await;
    assert_eq!(armed.status, StatusCode::OK, "{}", armed.text);
    // A generate request is not counted; the first cache request is hit.
    assert_eq!(
        emu.generate("gemini-2.5-flash", &text_request("hi"))
            .await
            .status,
        StatusCode::OK
    );
    let failed = create(&emu, &cache_body("gemini-2.5-flash")).await;
    assert_eq!(failed.status, StatusCode::SERVICE_UNAVAILABLE);
    let report = emu.report().await;
    let hit = report["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|request| request["path"] == "/v1beta/cachedContents")
        .unwrap()
        .clone();
    assert_eq!(hit["faults"], json!(["status 503"]));
    assert_eq!(
        create(&emu, &cache_body("gemini-2.5-flash")).await.status,
        StatusCode::OK
    );
}
