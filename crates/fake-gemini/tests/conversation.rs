//! Multi-turn contents, the API's rules about turns, thinking, thought parts and Gemini 3
//! thought signatures, over real HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn user(text: &str) -> Value {
    json!({"role": "user", "parts": [{"text": text}]})
}

fn model(text: &str) -> Value {
    json!({"role": "model", "parts": [{"text": text}]})
}

#[tokio::test]
async fn the_answer_is_about_the_last_user_turn() {
    let emu = emu().await;
    let body = json!({"contents": [user("first question about cats"), model("Cats are fine."), user("and dogs?")]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let text = answer.model_text();
    assert!(text.contains("\"and dogs?\""), "{text}");
    assert!(!text.contains("cats"), "{text}");
    // Every turn is billed.
    let all =
        "first question about cats".len().div_ceil(4) + "Cats are fine.".len().div_ceil(4) + 3;
    assert_eq!(answer.body["usageMetadata"]["promptTokenCount"], all);
}

#[tokio::test]
async fn a_follow_up_question_is_about_the_image_earlier_in_the_chat() {
    let emu = emu().await;
    let image = png(&drawing(200, 200, &[(20, 20, 80, 80, [30, 60, 220])]));
    let first = json!({"role": "user", "parts": [{"inlineData": {"mimeType": "image/png", "data": b64(&image)}}, {"text": "What is in this picture?"}]});
    let body =
        json!({"contents": [first, model("A blue square."), user("Detect the 2d bounding boxes")]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    let boxes = fenced_json(answer.model_text());
    assert_eq!(boxes[0]["label"], "blue square", "{}", answer.model_text());
}

#[tokio::test]
async fn roles_other_than_user_and_model_are_refused() {
    let emu = emu().await;
    let body =
        json!({"contents": [{"role": "system", "parts": [{"text": "be nice"}]}, user("hi")]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.message(), "Please use a valid role: user, model.");
}

#[tokio::test]
async fn empty_contents_parts_and_texts_are_named() {
    let emu = emu().await;
    let none = emu
        .generate("gemini-2.5-flash", &json!({"contents": []}))
        .await;
    assert_eq!(
        none.message(),
        "* GenerateContentRequest.contents: contents is not specified\n"
    );
    let body = json!({"contents": [{"role": "user", "parts": []}, {"role": "model", "parts": [{"text": ""}]}]});
    let empty = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(
        empty.message(),
        "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n\
         * GenerateContentRequest.contents[1].parts[0].data: required oneof field 'data' must have one initialized field\n"
    );
}

#[tokio::test]
async fn include_thoughts_puts_a_thought_part_first() {
    let emu = emu().await;
    let mut body = json!({"contents": [user("why is the sky blue?")]});
    body["generationConfig"] = json!({"thinkingConfig": {"includeThoughts": true}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    let parts = answer.parts();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["thought"], true);
    assert!(
        parts[0]["text"]
            .as_str()
            .unwrap()
            .contains("why is the sky blue?")
    );
    assert!(parts[1].get("thought").is_none());
    assert!(
        answer.body["usageMetadata"]["thoughtsTokenCount"]
            .as_u64()
            .unwrap()
            > 0
    );
}

#[tokio::test]
async fn thinking_off_gives_no_thought_part() {
    let emu = emu().await;
    let mut body = json!({"contents": [user("hi")]});
    body["generationConfig"] =
        json!({"thinkingConfig": {"includeThoughts": true, "thinkingBudget": 0}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.parts().len(), 1);
    assert!(
        answer.body["usageMetadata"]
            .get("thoughtsTokenCount")
            .is_none()
    );
}

#[tokio::test]
async fn thinking_level_is_for_gemini_3_and_each_model_takes_its_own_levels() {
    let emu = emu().await;
    let with_level = |level: &str| json!({"contents": [user("hi")], "generationConfig": {"thinkingConfig": {"thinkingLevel": level}}});
    let flash = emu
        .generate("gemini-3-flash-preview", &with_level("minimal"))
        .await;
    assert_eq!(flash.status, StatusCode::OK, "{}", flash.text);
    let older = emu.generate("gemini-2.5-flash", &with_level("LOW")).await;
    assert_eq!(older.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        older.message(),
        "Thinking level is not supported for this model."
    );
    let pro = emu
        .generate("gemini-3-pro-preview", &with_level("MINIMAL"))
        .await;
    assert_eq!(
        pro.message(),
        "Thinking level MINIMAL is not supported for this model."
    );
    let both = json!({"contents": [user("hi")], "generationConfig": {"thinkingConfig": {"thinkingLevel": "LOW", "thinkingBudget": 100}}});
    assert_eq!(
        emu.generate("gemini-3-flash-preview", &both).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn older_models_refuse_thinking_settings_and_pro_cannot_stop_thinking() {
    let emu = emu().await;
    let budget = json!({"contents": [user("hi")], "generationConfig": {"thinkingConfig": {"thinkingBudget": 0}}});
    let old = emu.generate("gemini-2.0-flash", &budget).await;
    assert_eq!(old.message(), "thinking_config is not supported.");
    let pro = emu.generate("gemini-2.5-pro", &budget).await;
    assert_eq!(
        pro.message(),
        "Budget 0 is invalid. This model only works in thinking mode."
    );
}

#[tokio::test]
async fn gemini_3_signs_the_last_part_of_a_text_answer() {
    let emu = emu().await;
    let mut body = json!({"contents": [user("hi")]});
    body["generationConfig"] = json!({"thinkingConfig": {"includeThoughts": true}});
    let answer = emu.generate("gemini-3-flash-preview", &body).await;
    let parts = answer.parts();
    assert_eq!(parts.len(), 2);
    assert!(parts[0].get("thoughtSignature").is_none());
    let signature = parts[1]["thoughtSignature"].as_str().unwrap();
    assert!(base64_decodes(signature), "{signature}");
    let older = emu.generate("gemini-2.5-flash", &body).await;
    assert!(
        older
            .parts()
            .iter()
            .all(|part| part.get("thoughtSignature").is_none())
    );
}

fn base64_decodes(text: &str) -> bool {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .is_ok()
}

#[tokio::test]
async fn a_gemini_3_function_call_sent_back_without_its_signature_is_refused() {
    let emu = emu().await;
    let call = |signature: Option<&str>| {
        let mut part = json!({"functionCall": {"name": "get_weather", "args": {"city": "Oslo"}}});
        if let Some(signature) = signature {
            part["thoughtSignature"] = json!(signature);
        }
        json!({"role": "model", "parts": [part]})
    };
    let response = json!({"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"sky": "grey"}}}]});
    let missing = json!({"contents": [user("weather in Oslo?"), call(None), response]});
    let refused = emu.generate("gemini-3-flash-preview", &missing).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(
        refused.message(),
        "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:get_weather` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."
    );
    // Gemini 2.5 does not check, and a signed call passes.
    assert_eq!(
        emu.generate("gemini-2.5-flash", &missing).await.status,
        StatusCode::OK
    );
    let signed = json!({"contents": [user("weather in Oslo?"), call(Some("skip_thought_signature_validator")), response]});
    let answer = emu.generate("gemini-3-flash-preview", &signed).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    // Only the current turn is checked.
    let earlier = json!({"contents": [user("weather in Oslo?"), call(None), response, model("Grey."), user("thanks")]});
    assert_eq!(
        emu.generate("gemini-3-flash-preview", &earlier)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_signature_rides_on_the_last_streamed_piece() {
    let emu = emu().await;
    let response = emu
        .client
        .post(emu.url("/v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse"))
        .header("x-goog-api-key", KEY)
        .json(
            &json!({"contents": [user("tell me something long enough to be streamed in pieces")]}),
        )
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    let events: Vec<Value> = text
        .split("\r\n\r\n")
        .filter_map(|event| event.strip_prefix("data: "))
        .map(|data| serde_json::from_str(data).unwrap())
        .collect();
    assert!(events.len() > 2);
    let signed: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, event)| {
            event["candidates"][0]["content"]["parts"][0]
                .get("thoughtSignature")
                .is_some()
        })
        .map(|(index, _)| index)
        .collect();
    assert_eq!(signed, vec![events.len() - 1]);
}
