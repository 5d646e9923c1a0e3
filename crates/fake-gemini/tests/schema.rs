//! Bodies are checked field by field as the API checks them: unknown names, wrong
//! kinds, bad enum values and oneofs set twice get the API's 400, in both casings, on
//! every endpoint that takes a body.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

const GENERATE: &str = "/v1beta/models/gemini-2.5-flash:generateContent";

#[tokio::test]
async fn tools_inside_generation_config_get_the_apis_unknown_name_error() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["generationConfig"] = json!({"temperature": 0.2, "tools": [{"codeExecution": {}}]});
    let answer = emu.post(GENERATE, &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let sentence = "Invalid JSON payload received. Unknown name \"tools\" at 'generation_config': Cannot find field.";
    assert_eq!(answer.body["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(answer.message(), sentence);
    assert_eq!(
        answer.body["error"]["details"],
        json!([{"@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [{"field": "generation_config", "description": sentence}]}])
    );
}

#[tokio::test]
async fn several_unknown_names_are_one_sentence_each_in_body_order() {
    let emu = emu().await;
    let answer = emu
        .post_raw(
            GENERATE,
            r#"{"contents":[{"role":"user","parts":[{"text":"hi","cacheControl":{}}]}],"config":{},"generation_config":{"toolConfig":{}}}"#,
        )
        .await;
    assert_eq!(
        answer.message(),
        "Invalid JSON payload received. Unknown name \"cacheControl\" at 'contents[0].parts[0]': Cannot find field.\n\
         Invalid JSON payload received. Unknown name \"config\": Cannot find field.\n\
         Invalid JSON payload received. Unknown name \"toolConfig\" at 'generation_config': Cannot find field."
    );
    let violations = answer.body["error"]["details"][0]["fieldViolations"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(violations.len(), 3);
    assert_eq!(violations[0]["field"], "contents[0].parts[0]");
    assert!(
        violations[1].get("field").is_none(),
        "root names have no field path"
    );
}

#[tokio::test]
async fn both_casings_of_every_field_are_accepted() {
    let emu = emu().await;
    let image = png(&drawing(64, 64, &[(8, 8, 40, 40, [220, 30, 30])]));
    let snake = json!({
        "contents": [{"role": "user", "parts": [
            {"inline_data": {"mime_type": "image/png", "data": b64(&image)}, "media_resolution": {"level": "MEDIA_RESOLUTION_LOW"}},
            {"text": "Detect the 2d bounding boxes"}]}],
        "system_instruction": {"parts": [{"text": "Be brief."}]},
        "safety_settings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
        "generation_config": {"max_output_tokens": 500, "response_mime_type": "application/json",
            "thinking_config": {"thinking_budget": 0, "include_thoughts": false}, "top_k": 40.0, "stop_sequences": ["END"]}
    });
    let camel = json!({
        "contents": [{"role": "user", "parts": [
            {"inlineData": {"mimeType": "image/png", "data": b64(&image)}, "mediaResolution": {"level": "MEDIA_RESOLUTION_LOW"}},
            {"text": "Detect the 2d bounding boxes"}]}],
        "systemInstruction": {"parts": [{"text": "Be brief."}]},
        "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
        "generationConfig": {"maxOutputTokens": 500, "responseMimeType": "application/json",
            "thinkingConfig": {"thinkingBudget": 0, "includeThoughts": false}, "topK": 40, "stopSequences": ["END"]}
    });
    let one = emu.post(GENERATE, &snake).await;
    let other = emu.post(GENERATE, &camel).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.text);
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);
    assert_eq!(one.model_text(), other.model_text());
    assert!(one.model_text().contains("red square"));
}

#[tokio::test]
async fn a_value_of_the_wrong_kind_is_quoted_with_its_type() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["generationConfig"] = json!({"temperature": "hot"});
    let answer = emu.post(GENERATE, &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.message(),
        "Invalid value at 'generation_config.temperature' (TYPE_FLOAT), \"hot\""
    );
    assert_eq!(
        answer.body["error"]["details"][0]["fieldViolations"][0]["field"],
        "generation_config.temperature"
    );
}

#[tokio::test]
async fn numbers_may_come_as_strings_as_protobuf_json_allows() {
    let emu = emu().await;
    let mut body = text_request("why is the sky blue?");
    body["generationConfig"] =
        json!({"temperature": "0.5", "maxOutputTokens": "5", "candidateCount": 1.0});
    let answer = emu.post(GENERATE, &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.body["candidates"][0]["finishReason"], "MAX_TOKENS");
}

#[tokio::test]
async fn an_unknown_enum_value_names_the_enum_type() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["toolConfig"] = json!({"functionCallingConfig": {"mode": "SOMETIMES"}});
    let answer = emu.post(GENERATE, &body).await;
    assert_eq!(
        answer.message(),
        "Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"SOMETIMES\""
    );
}

#[tokio::test]
async fn enum_names_are_read_in_any_case() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["safetySettings"] =
        json!([{"category": "harm_category_hate_speech", "threshold": "block_only_high"}]);
    assert_eq!(emu.post(GENERATE, &body).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_part_with_two_data_fields_sets_the_oneof_twice() {
    let emu = emu().await;
    let body = r#"{"contents": [{"parts": [{"text": "a", "fileData": {"fileUri": "files/x"}}]}]}"#;
    let answer = emu.post_raw(GENERATE, body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.message(),
        "Invalid value at 'contents[0].parts[0]' (oneof), oneof field 'data' is already set. Cannot set 'file_data'"
    );
}

#[tokio::test]
async fn a_list_where_one_value_belongs_cannot_start_a_list() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["generationConfig"] = json!({"responseMimeType": "application/json", "responseSchema": {"type": ["string", "null"]}});
    let answer = emu.post(GENERATE, &body).await;
    assert_eq!(
        answer.message(),
        "Invalid JSON payload received. Unknown name \"type\" at 'generation_config.response_schema': Proto field is not repeating, cannot start list."
    );
}

#[tokio::test]
async fn schema_keywords_the_api_lacks_are_unknown_names_in_map_entries() {
    let emu = emu().await;
    let body = r#"{"contents": [{"parts": [{"text": "weather?"}]}],
        "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string", "const": "C"}},
                "additionalProperties": false}}]}]}"#;
    let answer = emu.post_raw(GENERATE, body).await;
    assert_eq!(
        answer.message(),
        "Invalid JSON payload received. Unknown name \"const\" at 'tools[0].function_declarations[0].parameters.properties[1].value': Cannot find field.\n\
         Invalid JSON payload received. Unknown name \"additionalProperties\" at 'tools[0].function_declarations[0].parameters': Cannot find field."
    );
}

#[tokio::test]
async fn a_string_where_a_content_belongs_names_the_message_type() {
    let emu = emu().await;
    let answer = emu.post(GENERATE, &json!({"contents": ["hello"]})).await;
    assert_eq!(
        answer.message(),
        "Invalid value at 'contents[0]' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"hello\""
    );
}

#[tokio::test]
async fn streaming_refuses_the_same_way_under_event_stream() {
    let emu = emu().await;
    let mut body = text_request("hi");
    body["generationConfig"] = json!({"tools": []});
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            &body,
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.header("content-type"), Some("text/event-stream"));
    assert!(
        answer
            .message()
            .contains("Unknown name \"tools\" at 'generation_config'")
    );
}

#[tokio::test]
async fn count_tokens_bodies_are_checked_too() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:countTokens",
            &json!({"contents": [{"parts": [{"text": "hi"}]}], "config": {}}),
        )
        .await;
    assert_eq!(
        answer.message(),
        "Invalid JSON payload received. Unknown name \"config\": Cannot find field."
    );
    let nested = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:countTokens",
            &json!({"generateContentRequest": {"model": "models/gemini-2.5-flash", "contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"seed": "x"}}}),
        )
        .await;
    assert_eq!(
        nested.message(),
        "Invalid value at 'generate_content_request.generation_config.seed' (TYPE_INT32), \"x\""
    );
}

#[tokio::test]
async fn upload_metadata_is_checked_too() {
    let emu = emu().await;
    let answer = Answer::from(
        emu.client
            .post(emu.url("/upload/v1beta/files"))
            .header("x-goog-api-key", KEY)
            .header("X-Goog-Upload-Protocol", "resumable")
            .header("X-Goog-Upload-Command", "start")
            .header("X-Goog-Upload-Header-Content-Type", "image/png")
            .json(&json!({"file": {"displayName": "x", "labels": {"a": "b"}}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.message(),
        "Invalid JSON payload received. Unknown name \"labels\" at 'file': Cannot find field."
    );
}

#[tokio::test]
async fn accept_unknown_fields_makes_a_lenient_server() {
    let emu = emu_with(|config| config.settings.accept_unknown_fields = true).await;
    let mut body = text_request("hi");
    body["generationConfig"] = json!({"tools": [], "temperature": 0.3});
    body["someFutureField"] = json!({"x": 1});
    let answer = emu.post(GENERATE, &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    // Kinds are still checked.
    body["generationConfig"] = json!({"temperature": "hot"});
    assert_eq!(
        emu.post(GENERATE, &body).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_invalid_json() {
    let emu = emu().await;
    let answer = emu.post_raw(GENERATE, "{\"contents\": [").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer
            .message()
            .starts_with("Invalid JSON payload received.")
    );
}
