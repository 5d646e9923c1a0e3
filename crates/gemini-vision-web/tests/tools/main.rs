//! Function calling, code execution, image output and Gemini 3 thought signatures,
//! against an emulator that answers them as the API does and refuses what it refuses (a
//! Gemini 3 function call sent back without its thought signature is a 400): the
//! emulator of the `emulator-api` work. In its own binary: the emulator before it
//! answers text only.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use gemini_vision_web::response;
use serde_json::{Value, json};
use support::{Capture, fake, genai, get, js};
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn weather_tool() -> Value {
    json!([{"functionDeclarations": [{"name": "getWeather", "description": "The weather of a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]}])
}

#[wasm_bindgen_test]
async fn a_function_call_goes_back_with_its_thought_signature_in_a_chat() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(
            &json!({"model": "gemini-3-flash-preview", "config": {"tools": weather_tool()}}),
        ))
        .unwrap();
    let first = chat
        .send_message(js(&json!({"message": "What is the weather in Paris?"})))
        .await
        .unwrap();
    let calls = support::json(&get(&first, "functionCalls"));
    assert_eq!(calls[0]["name"], json!("getWeather"), "{calls}");
    let content = support::json(&get(&get(&get(&first, "candidates"), "0"), "content"));
    assert!(
        content.to_string().contains("thoughtSignature"),
        "{content}"
    );
    let capture = Capture::start();
    let reply = json!({"message": [{"functionResponse": {"name": "getWeather", "id": calls[0]["id"],
        "response": {"celsius": 21}}}]});
    let second = chat.send_message(js(&reply)).await.unwrap();
    assert!(response::text(&second).is_some());
    let sent = capture.body(":generateContent", 0);
    assert_eq!(
        sent["contents"][1], content,
        "the model's turn goes back as it came"
    );
    assert_eq!(
        support::json(&chat.history(false).unwrap())
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[wasm_bindgen_test]
async fn a_streamed_function_call_goes_back_as_it_was_recorded() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(
            &json!({"model": "gemini-3-flash-preview", "config": {"tools": weather_tool()}}),
        ))
        .unwrap();
    let stream = chat
        .send_message_stream(js(&json!({"message": "What is the weather in Rome?"})))
        .await
        .unwrap();
    let chunks = support::drain(&stream).await.unwrap();
    let call = chunks.iter().find_map(|c| {
        let calls = get(c, "functionCalls");
        (!calls.is_undefined()).then(|| support::json(&calls)[0].clone())
    });
    let call = call.expect("a function call in the stream");
    let reply = json!({"message": [{"functionResponse": {"name": "getWeather", "id": call["id"],
        "response": {"celsius": 19}}}]});
    let answer = chat.send_message(js(&reply)).await.unwrap();
    assert!(response::text(&answer).is_some());
}

#[wasm_bindgen_test]
async fn code_execution_parts_are_read_through_the_getters() {
    let params = js(&json!({"model": "gemini-2.5-flash",
        "contents": "What is the sum of the first 10 prime numbers? Run code to compute it.",
        "config": {"tools": [{"codeExecution": {}}]}}));
    let answer = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    assert!(
        get(&answer, "executableCode")
            .as_string()
            .is_some_and(|c| !c.is_empty())
    );
    assert!(get(&answer, "codeExecutionResult").as_string().is_some());
}

#[wasm_bindgen_test]
async fn image_output_is_read_through_data() {
    let params = js(&json!({"model": "gemini-2.5-flash-image",
        "contents": "Draw a red square on white.", "config": {"responseModalities": ["TEXT", "IMAGE"]}}));
    let answer = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    let data = get(&answer, "data").as_string().expect("image data");
    use base64::Engine as _;
    let png = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[wasm_bindgen_test]
async fn a_signature_dropped_from_the_history_is_refused_by_the_api() {
    // What would happen without the chat's care: the same turn without its signature.
    let chat = genai(fake())
        .chats()
        .create_chat(&js(
            &json!({"model": "gemini-3-flash-preview", "config": {"tools": weather_tool()}}),
        ))
        .unwrap();
    let first = chat
        .send_message(js(&json!({"message": "What is the weather in Oslo?"})))
        .await
        .unwrap();
    let mut history = support::json(&chat.history(false).unwrap());
    for part in history[1]["parts"].as_array_mut().unwrap() {
        part.as_object_mut().unwrap().remove("thoughtSignature");
    }
    let call = support::json(&get(&first, "functionCalls"))[0].clone();
    history
        .as_array_mut()
        .unwrap()
        .push(json!({"role": "user", "parts": [{"functionResponse":
        {"name": "getWeather", "id": call["id"], "response": {"celsius": 3}}}]}));
    let params = js(
        &json!({"model": "gemini-3-flash-preview", "contents": history,
        "config": {"tools": weather_tool()}}),
    );
    let error = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400), "{error}");
}
