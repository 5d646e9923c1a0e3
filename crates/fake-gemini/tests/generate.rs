//! generateContent, streamGenerateContent, countTokens and models over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_text_prompt_gets_a_model_turn_with_usage() {
    let emu = emu().await;
    let answer = emu
        .generate("gemini-2.5-flash", &text_request("why is the sky blue?"))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let candidate = &answer.body["candidates"][0];
    assert_eq!(candidate["content"]["role"], "model");
    assert_eq!(candidate["finishReason"], "STOP");
    assert_eq!(candidate["index"], 0);
    let usage = &answer.body["usageMetadata"];
    assert_eq!(usage["promptTokenCount"], 5);
    let total = usage["promptTokenCount"].as_u64().unwrap()
        + usage["candidatesTokenCount"].as_u64().unwrap()
        + usage["thoughtsTokenCount"].as_u64().unwrap();
    assert_eq!(usage["totalTokenCount"].as_u64(), Some(total));
    assert_eq!(answer.body["modelVersion"], "gemini-2.5-flash");
    assert!(
        answer.body["responseId"]
            .as_str()
            .is_some_and(|id| id.len() > 10)
    );
}

#[tokio::test]
async fn a_zero_thinking_budget_turns_thinking_off_on_flash() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["generationConfig"] = json!({"thinkingConfig": {"thinking_budget": 0}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert!(
        answer.body["usageMetadata"]
            .get("thoughtsTokenCount")
            .is_none()
    );
}

#[tokio::test]
async fn gemini_2_0_does_not_think() {
    let emu = emu().await;
    let answer = emu.generate("gemini-2.0-flash", &text_request("hi")).await;
    assert!(
        answer.body["usageMetadata"]
            .get("thoughtsTokenCount")
            .is_none()
    );
}

#[tokio::test]
async fn the_models_prefix_is_optional() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/gemini-2.5-flash:generateContent",
            &text_request("hi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let v1 = emu
        .post(
            "/v1/models/gemini-3-flash-preview:generateContent",
            &text_request("hi"),
        )
        .await;
    assert_eq!(v1.status, StatusCode::OK);
}

#[tokio::test]
async fn the_key_may_come_in_the_query() {
    let emu = emu_with(|config| config.settings.api_key = Some("right".into())).await;
    let url = emu.url("/v1beta/models/gemini-2.5-flash:generateContent?key=right");
    let response = emu
        .client
        .post(url)
        .json(&text_request("hi"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_key_gets_api_key_invalid() {
    let emu = emu_with(|config| config.settings.api_key = Some("right".into())).await;
    let answer = emu.generate("gemini-2.5-flash", &text_request("hi")).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.body["error"]["message"],
        "API key not valid. Please pass a valid API key."
    );
    assert_eq!(answer.body["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(
        answer.body["error"]["details"][0]["reason"],
        "API_KEY_INVALID"
    );
    assert_eq!(
        answer.body["error"]["details"][0]["domain"],
        "googleapis.com"
    );
    assert!(!answer.text.contains(KEY));
}

#[tokio::test]
async fn no_key_is_permission_denied() {
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/v1beta/models/gemini-2.5-flash:generateContent"))
        .json(&text_request("hi"))
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.body["error"]["status"], "PERMISSION_DENIED");
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Method doesn't allow unregistered callers")
    );
}

#[tokio::test]
async fn an_unknown_model_is_not_found_like_the_recording() {
    let emu = emu().await;
    let answer = emu
        .generate("custom-gemini-2.0-flash", &text_request("hi"))
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        answer.body["error"]["message"],
        "models/custom-gemini-2.0-flash is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods."
    );
    assert_eq!(
        answer.body["error"]["details"][0]["@type"],
        "type.googleapis.com/google.rpc.DebugInfo"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_googles_message() {
    let emu = emu_with(|config| config.settings.max_request_bytes = 1000).await;
    let answer = emu
        .generate("gemini-2.5-flash", &text_request(&"x".repeat(2000)))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.body["error"]["message"],
        "Request payload size exceeds the limit: 1000 bytes."
    );
}

#[tokio::test]
async fn the_default_limit_is_20_mib() {
    let emu = emu().await;
    let answer = emu
        .generate(
            "gemini-2.5-flash",
            &text_request(&"x".repeat(20 * 1024 * 1024)),
        )
        .await;
    assert_eq!(
        answer.body["error"]["message"],
        "Request payload size exceeds the limit: 20971520 bytes."
    );
}

#[tokio::test]
async fn bad_base64_names_the_field() {
    let emu = emu().await;
    let body = json!({"contents": [{"parts": [{"text": "x"}, {"inline_data": {"mime_type": "image/png", "data": "@@@"}}]}]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.body["error"]["message"],
        "Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed for \"@@@\""
    );
    assert_eq!(
        answer.body["error"]["details"][0]["fieldViolations"][0]["field"],
        "contents[0].parts[1].inline_data.data"
    );
}

#[tokio::test]
async fn url_safe_unpadded_base64_and_snake_case_are_accepted() {
    use base64::Engine;
    let emu = emu().await;
    let image = png(&drawing(64, 64, &[(10, 10, 30, 30, [255, 0, 0])]));
    let data = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&image);
    let body = json!({"contents": [{"parts": [{"inline_data": {"mime_type": "image/png", "data": data}}, {"text": "Detect the 2d bounding boxes"}]}],
        "system_instruction": {"parts": [{"text": "Be terse"}]}, "generation_config": {"thinking_config": {"thinking_budget": 0}}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(fenced_json(answer.model_text())[0]["label"], "red square");
}

#[tokio::test]
async fn gif_is_an_unsupported_mime_type() {
    let emu = emu().await;
    let answer = emu
        .generate(
            "gemini-2.5-flash",
            &image_request("image/gif", b"GIF89a", "hi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.body["error"]["message"],
        "Unsupported MIME type: image/gif"
    );
}

#[tokio::test]
async fn a_broken_png_is_refused() {
    let emu = emu().await;
    let answer = emu
        .generate(
            "gemini-2.5-flash",
            &image_request("image/png", b"not a png", "hi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["error"]["status"], "INVALID_ARGUMENT");
}

#[tokio::test]
async fn empty_contents_are_refused() {
    let emu = emu().await;
    let answer = emu
        .generate("gemini-2.5-flash", &json!({"contents": []}))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn invalid_json_is_refused() {
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/v1beta/models/gemini-2.5-flash:generateContent"))
        .header("x-goog-api-key", KEY)
        .body("{nope")
        .send()
        .await
        .unwrap();
    let answer = Answer::from(response).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Invalid JSON payload received.")
    );
}

#[tokio::test]
async fn max_output_tokens_cuts_with_max_tokens() {
    let emu = emu().await;
    let mut body = text_request("why is the sky blue?");
    body["generationConfig"] = json!({"maxOutputTokens": 5});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.body["candidates"][0]["finishReason"], "MAX_TOKENS");
    assert_eq!(answer.model_text().chars().count(), 20);
}

#[tokio::test]
async fn unknown_paths_are_googles_404() {
    let emu = emu().await;
    let answer = emu.get("/v1beta/nothing/here").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.body["error"]["status"], "NOT_FOUND");
}

#[tokio::test]
async fn chat_history_with_function_calls_is_accepted() {
    let emu = emu().await;
    let body = json!({"contents": [
        {"role": "user", "parts": [{"text": "What is the weather?"}]},
        {"role": "model", "parts": [{"functionCall": {"name": "weather", "args": {"city": "Oslo"}}}, {"text": "Detect the 2d bounding boxes"}]},
        {"role": "user", "parts": [{"functionResponse": {"name": "weather", "response": {"sky": "blue"}}}]}
    ]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    // The answer is about the last turn: the function's response, not the model's text.
    assert_eq!(
        answer.model_text(),
        "The function weather returned {\"sky\":\"blue\"}."
    );
}

#[tokio::test]
async fn an_empty_part_is_refused() {
    let emu = emu().await;
    let answer = emu
        .generate("gemini-2.5-flash", &json!({"contents": [{"parts": [{}]}]}))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("required oneof field 'data'")
    );
}

#[tokio::test]
async fn unknown_api_versions_are_not_found() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v2/models/gemini-2.5-flash:generateContent",
            &text_request("hi"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}
