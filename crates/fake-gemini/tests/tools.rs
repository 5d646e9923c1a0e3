//! Tools over real HTTP: function calls and their round trip, calling modes, code
//! execution and image output.

#![allow(clippy::unwrap_used)]

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn weather_tools() -> Value {
    json!([{"functionDeclarations": [
        {"name": "set_light", "description": "Turns the lights on or off",
         "parameters": {"type": "OBJECT", "properties": {"on": {"type": "BOOLEAN"}}}},
        {"name": "get_weather", "description": "Current weather in a city",
         "parameters": {"type": "OBJECT", "properties": {
             "city": {"type": "STRING"},
             "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]}},
             "required": ["city"]}}
    ]}])
}

fn ask(text: &str) -> Value {
    json!({"contents": [{"role": "user", "parts": [{"text": text}]}], "tools": weather_tools()})
}

#[tokio::test]
async fn a_matching_prompt_gets_a_function_call_with_an_id_and_arguments() {
    let emu = emu().await;
    let answer = emu
        .generate(
            "gemini-2.5-flash",
            &ask("What is the weather in Lisbon today?"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let parts = answer.parts();
    assert_eq!(parts.len(), 1);
    let call = &parts[0]["functionCall"];
    assert_eq!(call["name"], "get_weather");
    assert_eq!(call["args"], json!({"city": "Lisbon", "unit": "celsius"}));
    assert_eq!(call["id"].as_str().unwrap().len(), 8);
    assert_eq!(answer.body["candidates"][0]["finishReason"], "STOP");
}

#[tokio::test]
async fn the_function_response_is_answered_in_text() {
    let emu = emu().await;
    let first = emu
        .generate(
            "gemini-2.5-flash",
            &ask("What is the weather in Lisbon today?"),
        )
        .await;
    let call = first.parts()[0].clone();
    let id = call["functionCall"]["id"].clone();
    let body = json!({"contents": [
        {"role": "user", "parts": [{"text": "What is the weather in Lisbon today?"}]},
        {"role": "model", "parts": [call]},
        {"role": "user", "parts": [{"functionResponse": {"id": id, "name": "get_weather", "response": {"temperature": 21, "sky": "clear"}}}]}
    ], "tools": weather_tools()});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.model_text(),
        "The function get_weather returned {\"sky\":\"clear\",\"temperature\":21}."
    );
}

#[tokio::test]
async fn auto_answers_in_text_when_no_function_fits() {
    let emu = emu().await;
    let answer = emu
        .generate("gemini-2.5-flash", &ask("Tell me a joke"))
        .await;
    assert!(answer.parts()[0].get("text").is_some());
}

#[tokio::test]
async fn any_mode_always_calls_and_honours_allowed_names() {
    let emu = emu().await;
    let mut body = ask("Tell me a joke");
    body["toolConfig"] =
        json!({"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["set_light"]}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    let call = &answer.parts()[0]["functionCall"];
    assert_eq!(call["name"], "set_light");
    assert_eq!(call["args"], json!({"on": true}));
}

#[tokio::test]
async fn none_mode_never_calls() {
    let emu = emu().await;
    let mut body = ask("What is the weather in Lisbon today?");
    body["toolConfig"] = json!({"functionCallingConfig": {"mode": "NONE"}});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert!(answer.parts()[0].get("functionCall").is_none());
}

#[tokio::test]
async fn gemini_3_signs_its_function_call() {
    let emu = emu().await;
    let answer = emu
        .generate("gemini-3-flash-preview", &ask("weather in Lisbon?"))
        .await;
    let part = &answer.parts()[0];
    assert!(part.get("functionCall").is_some());
    assert!(!part["thoughtSignature"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn json_schema_parameters_are_filled_too() {
    let emu = emu().await;
    let body = json!({"contents": [{"parts": [{"text": "Book a table for 4 at \"Chez Nous\""}]}],
        "tools": [{"functionDeclarations": [{"name": "book_table", "description": "Books a restaurant table",
            "parametersJsonSchema": {"type": "object", "properties": {"guests": {"type": "integer"}, "restaurant": {"type": "string"}}, "additionalProperties": false}}]}]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.parts()[0]["functionCall"]["args"],
        json!({"guests": 4, "restaurant": "Chez Nous"})
    );
}

#[tokio::test]
async fn invalid_function_names_are_refused() {
    let emu = emu().await;
    let body = json!({"contents": [{"parts": [{"text": "hi"}]}],
        "tools": [{"functionDeclarations": [{"name": "1bad name", "description": "x"}]}]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.message().starts_with(
        "* GenerateContentRequest.tools[0].function_declarations[0].name: Invalid function name."
    ));
}

#[tokio::test]
async fn json_output_and_function_calling_do_not_mix_before_gemini_3() {
    let emu = emu().await;
    let mut body = ask("weather in Lisbon?");
    body["generationConfig"] = json!({"responseMimeType": "application/json"});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(
        answer.message(),
        "Function calling with a response mime type: 'application/json' is unsupported"
    );
    assert_eq!(
        emu.generate("gemini-3-flash-preview", &body).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_streamed_function_call_comes_whole() {
    let emu = emu().await;
    let answer = emu
        .post(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
            &ask("weather in Lisbon?"),
        )
        .await;
    let events = answer.body.as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0]["candidates"][0]["content"]["parts"][0]["functionCall"]["name"],
        "get_weather"
    );
    assert_eq!(events[0]["candidates"][0]["finishReason"], "STOP");
}

#[tokio::test]
async fn code_execution_writes_runs_and_reports() {
    let emu = emu().await;
    let body = json!({"contents": [{"parts": [{"text": "What is 17 plus 25? Run code."}]}], "tools": [{"codeExecution": {}}]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    let parts = answer.parts();
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert_eq!(
        parts[0]["executableCode"],
        json!({"language": "PYTHON", "code": "numbers = [17, 25]\nprint(sum(numbers))\n"})
    );
    assert_eq!(
        parts[1]["codeExecutionResult"],
        json!({"outcome": "OUTCOME_OK", "output": "42\n"})
    );
    assert_eq!(
        parts[2]["text"],
        "The sum of the numbers in your prompt is 42."
    );
    assert_eq!(answer.body["usageMetadata"]["toolUsePromptTokenCount"], 1);
}

#[tokio::test]
async fn image_models_answer_with_a_png() {
    let emu = emu().await;
    let answer = emu
        .generate("gemini-2.5-flash-image", &text_request("a red balloon"))
        .await;
    let parts = answer.parts();
    assert_eq!(parts.len(), 2);
    assert!(parts[0]["text"].as_str().unwrap().contains("512x512"));
    assert_eq!(parts[1]["inlineData"]["mimeType"], "image/png");
    let png = STANDARD
        .decode(parts[1]["inlineData"]["data"].as_str().unwrap())
        .unwrap();
    let picture = image::load_from_memory(&png).unwrap();
    assert_eq!((picture.width(), picture.height()), (512, 512));
    assert!(
        answer.body["usageMetadata"]["candidatesTokenCount"]
            .as_u64()
            .unwrap()
            >= 1290
    );
}

#[tokio::test]
async fn image_only_output_has_no_text_and_follows_the_aspect_ratio() {
    let emu = emu().await;
    let mut body = text_request("a red balloon");
    body["generationConfig"] =
        json!({"responseModalities": ["IMAGE"], "imageConfig": {"aspectRatio": "16:9"}});
    let answer = emu.generate("gemini-3-pro-image-preview", &body).await;
    let parts = answer.parts();
    assert_eq!(parts.len(), 1);
    let png = STANDARD
        .decode(parts[0]["inlineData"]["data"].as_str().unwrap())
        .unwrap();
    let picture = image::load_from_memory(&png).unwrap();
    assert_eq!((picture.width(), picture.height()), (512, 288));
}

#[tokio::test]
async fn text_models_refuse_image_output() {
    let emu = emu().await;
    let mut body = text_request("a red balloon");
    body["generationConfig"] = json!({"responseModalities": ["TEXT", "IMAGE"]});
    let answer = emu.generate("gemini-2.5-flash", &body).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.message(),
        "Model does not support the requested response modalities: image"
    );
}
