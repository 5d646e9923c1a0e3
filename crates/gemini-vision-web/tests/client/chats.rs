//! Chats: the history sent with each message, what is recorded, curation, thought
//! signatures, the order of sends, streams, and media kept as file references.

use crate::sample_image;
use crate::support::{self, Capture, blob, fake, genai, genai_with, get, js, report, reset, set};
use gemini_vision_web::response;
use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn message(text: &str) -> JsValue {
    js(&json!({"message": text}))
}

fn roles(history: &JsValue) -> Vec<String> {
    support::json(history)
        .as_array()
        .unwrap()
        .iter()
        .map(|content| content["role"].as_str().unwrap_or("?").to_owned())
        .collect()
}

#[wasm_bindgen_test]
async fn a_chat_sends_its_history_and_records_each_exchange() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(
            &json!({"model": "gemini-2.5-flash", "config": {"temperature": 0.2}}),
        ))
        .unwrap();
    let capture = Capture::start();
    let first = chat.send_message(message("Hello")).await.unwrap();
    assert!(response::text(&first).is_some());
    chat.send_message(message("And again")).await.unwrap();
    let second = capture.body(":generateContent", 1);
    let sent_roles: Vec<_> = second["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].clone())
        .collect();
    assert_eq!(sent_roles, [json!("user"), json!("model"), json!("user")]);
    assert_eq!(
        second["contents"][2]["parts"],
        json!([{"text": "And again"}])
    );
    assert_eq!(second["generationConfig"], json!({"temperature": 0.2}));
    assert_eq!(
        roles(&chat.history(false).unwrap()),
        ["user", "model", "user", "model"]
    );
}

#[wasm_bindgen_test]
async fn a_message_config_replaces_the_chats() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(
            &json!({"model": "gemini-2.5-flash", "config": {"temperature": 0.2}}),
        ))
        .unwrap();
    let capture = Capture::start();
    chat.send_message(js(
        &json!({"message": "Hi", "config": {"maxOutputTokens": 5}}),
    ))
    .await
    .unwrap();
    assert_eq!(
        capture.body(":generateContent", 0)["generationConfig"],
        json!({"maxOutputTokens": 5})
    );
}

#[wasm_bindgen_test]
async fn the_history_given_is_copied() {
    let history = js(&json!([{"role": "user", "parts": [{"text": "Hi"}]},
                             {"role": "model", "parts": [{"text": "Hello!"}]}]));
    let params = js(&json!({"model": "gemini-2.5-flash"}));
    set(&params, "history", &history);
    let chat = genai(fake()).chats().create_chat(&params).unwrap();
    history
        .clone()
        .unchecked_into::<js_sys::Array>()
        .push(&js(&json!({"role": "user", "parts": [{"text": "later"}]})));
    assert_eq!(roles(&chat.history(false).unwrap()), ["user", "model"]);
    // And what getHistory hands out is a copy too.
    let copy = chat.history(false).unwrap();
    copy.unchecked_into::<js_sys::Array>().pop();
    assert_eq!(roles(&chat.history(false).unwrap()), ["user", "model"]);
}

#[wasm_bindgen_test]
async fn a_history_with_another_role_is_refused() {
    let params = js(&json!({"model": "gemini-2.5-flash",
        "history": [{"role": "system", "parts": [{"text": "x"}]}]}));
    let error = genai(fake()).chats().create_chat(&params).unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
    assert!(
        error
            .to_string()
            .contains("Role must be user or model, but got system."),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn an_empty_answer_and_its_question_are_left_out_of_what_is_sent() {
    let params = js(&json!({"model": "gemini-2.5-flash", "history": [
        {"role": "user", "parts": [{"text": "first"}]},
        {"role": "model", "parts": [{"text": "ok"}]},
        {"role": "user", "parts": [{"text": "blocked question"}]},
        {"role": "model", "parts": []}
    ]}));
    let chat = genai(fake()).chats().create_chat(&params).unwrap();
    let capture = Capture::start();
    chat.send_message(message("next")).await.unwrap();
    let texts: Vec<Value> = capture.body(":generateContent", 0)["contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["parts"][0]["text"].clone())
        .collect();
    assert_eq!(texts, [json!("first"), json!("ok"), json!("next")]);
    assert_eq!(
        roles(&chat.history(true).unwrap()),
        ["user", "model", "user", "model"]
    );
    assert_eq!(
        support::json(&chat.history(false).unwrap())
            .as_array()
            .unwrap()
            .len(),
        6
    );
}

#[wasm_bindgen_test]
async fn thought_signatures_go_back_as_the_model_gave_them() {
    let turn = json!({"role": "model", "parts": [
        {"text": "thinking...", "thought": true, "thoughtSignature": "AAEC"},
        {"functionCall": {"name": "lookup", "args": {"q": "x"}}, "thoughtSignature": "BAUG"}]});
    let params = js(&json!({"model": "gemini-3-pro-preview", "history": [
        {"role": "user", "parts": [{"text": "Look it up"}]}, turn.clone()]}));
    let chat = genai(fake()).chats().create_chat(&params).unwrap();
    let capture = Capture::start();
    let reply =
        js(&json!({"message": [{"functionResponse": {"name": "lookup", "response": {"r": 1}}}]}));
    let _ = chat.send_message(reply).await;
    let sent = capture.body(":generateContent", 0);
    assert_eq!(
        sent["contents"][1],
        json!({"parts": turn["parts"], "role": "model"})
    );
}

#[wasm_bindgen_test]
async fn sends_go_in_order_each_with_the_history_before_it() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(&json!({"model": "gemini-2.5-flash"})))
        .unwrap();
    let capture = Capture::start();
    let first = chat.send_message(message("one"));
    let second = chat.send_message(message("two"));
    let (a, b) = crate::support::futures_join(second, first).await;
    a.unwrap();
    b.unwrap();
    let contents = capture.body(":generateContent", 1)["contents"].clone();
    assert_eq!(contents.as_array().unwrap().len(), 3);
    assert_eq!(contents[0]["parts"][0]["text"], json!("one"));
    assert_eq!(contents[2]["parts"][0]["text"], json!("two"));
}

#[wasm_bindgen_test]
async fn a_streamed_exchange_is_recorded_when_the_stream_ends() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(&json!({"model": "gemini-2.5-flash"})))
        .unwrap();
    let stream = chat
        .send_message_stream(message("Tell me about cupcakes"))
        .await
        .unwrap();
    assert!(roles(&chat.history(false).unwrap()).is_empty());
    let chunks = support::drain(&stream).await.unwrap();
    assert!(chunks.len() > 1);
    let history = roles(&chat.history(false).unwrap());
    assert_eq!(history[0], "user");
    assert_eq!(
        history.len(),
        1 + chunks.len(),
        "one model turn per chunk, as the SDK records"
    );
    assert!(history[1..].iter().all(|r| r == "model"));
}

#[wasm_bindgen_test]
async fn a_blob_the_plan_uploaded_stays_in_the_history_as_its_file() {
    reset(fake()).await;
    let ai = genai_with(fake(), json!({"maxInlineBytes": 50_000}));
    let chat = ai
        .chats()
        .create_chat(&js(&json!({"model": "gemini-2.5-flash"})))
        .unwrap();
    let image = blob(sample_image!("cupcakes.png"), "image/png");
    let first = js(&json!({"message": ["Detect the cupcakes as 2D bounding boxes (box_2d)."]}));
    get(&first, "message")
        .unchecked_into::<js_sys::Array>()
        .unshift(&image);
    let answer = chat.send_message(first).await.unwrap();
    assert!(response::text(&answer).unwrap().contains("box_2d"));
    chat.send_message(message("How many are there?"))
        .await
        .unwrap();
    let report = report(fake()).await;
    assert_eq!(
        report["uploads"].as_object().unwrap().len(),
        1,
        "uploaded once: {report}"
    );
    let history = support::json(&chat.history(false).unwrap());
    assert!(
        history[0]["parts"][0]["fileData"]["fileUri"]
            .as_str()
            .unwrap()
            .contains("/files/")
    );
}

#[wasm_bindgen_test]
async fn an_inline_image_stays_a_blob_in_the_history() {
    let chat = genai(fake())
        .chats()
        .create_chat(&js(&json!({"model": "gemini-2.5-flash"})))
        .unwrap();
    let image = blob(sample_image!("cupcakes.png"), "image/png");
    let first = js(&json!({"message": ["Describe it."]}));
    get(&first, "message")
        .unchecked_into::<js_sys::Array>()
        .unshift(&image);
    chat.send_message(first).await.unwrap();
    let history = chat.history(false).unwrap();
    let part = get(&get(&get(&history, "0"), "parts"), "0");
    assert!(part.is_instance_of::<web_sys::Blob>());
    let capture = Capture::start();
    chat.send_message(message("Again?")).await.unwrap();
    let sent = capture.body(":generateContent", 0);
    assert_eq!(
        sent["contents"][0]["parts"][0]["inlineData"]["mimeType"],
        json!("image/png")
    );
}
