//! What goes on the wire, read from the requests `fetch` really sends (captured and
//! passed on to the emulator): the SDK's body shape and key order, config routing,
//! media parts, headers, URLs and the fetch options.

use crate::sample_image;
use crate::support::{self, Capture, blob, fake, genai, genai_with, js, set, strict};
use gemini_vision_web::GenerateParams;
use serde_json::{Value, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Sends `params`; the capture, the body sent and the answer.
async fn send(params: Value) -> (Capture, Value, Value) {
    let capture = Capture::start();
    let answer = genai(fake())
        .models()
        .generate_content(&js(&params))
        .await
        .unwrap();
    let body = capture.body(":generateContent", 0);
    (capture, body, support::json(&answer))
}

#[wasm_bindgen_test]
async fn tools_and_tool_config_go_to_the_top_level_in_the_sdks_order() {
    let (capture, body, _) = send(json!({
        "model": "gemini-2.5-flash",
        "contents": "What is the weather in Paris?",
        "config": {
            "temperature": 0.1,
            "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}},
            "tools": [{"functionDeclarations": [{"name": "weather", "parameters": {
                "type": "object", "properties": {"city": {"type": "string"}}}}]}],
            "systemInstruction": "Be brief",
            "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
            "maxOutputTokens": 50
        }
    }))
    .await;
    assert_eq!(
        capture.keys(":generateContent", 0, &[]),
        [
            "contents",
            "systemInstruction",
            "safetySettings",
            "tools",
            "toolConfig",
            "generationConfig"
        ]
    );
    assert_eq!(
        capture.keys(":generateContent", 0, &["generationConfig"]),
        ["temperature", "maxOutputTokens"]
    );
    assert_eq!(
        body["systemInstruction"],
        json!({"parts": [{"text": "Be brief"}], "role": "user"})
    );
    // The schema rules: types upper-cased, as the SDK writes them.
    let parameters = &body["tools"][0]["functionDeclarations"][0]["parameters"];
    assert_eq!(
        parameters,
        &json!({"type": "OBJECT", "properties": {"city": {"type": "STRING"}}})
    );
    assert_eq!(
        body["contents"],
        json!([{"parts": [{"text": "What is the weather in Paris?"}], "role": "user"}])
    );
}

#[wasm_bindgen_test]
async fn a_json_schema_goes_to_response_json_schema_as_it_is() {
    let schema = json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                        "additionalProperties": false});
    let (_, body, _) = send(
        json!({"model": "gemini-2.5-flash", "contents": "List colours",
        "config": {"responseMimeType": "application/json", "responseSchema": schema}}),
    )
    .await;
    assert_eq!(body["generationConfig"]["responseJsonSchema"], schema);
    assert!(body["generationConfig"].get("responseSchema").is_none());
}

#[wasm_bindgen_test]
async fn a_zod_like_schema_is_rewritten_for_the_api() {
    let (_, body, _) = send(
        json!({"model": "gemini-2.5-flash", "contents": "List colours",
        "config": {"responseMimeType": "application/json", "responseSchema": {
            "type": "array", "items": {"type": "object", "additionalProperties": false,
              "properties": {"name": {"type": ["string", "null"]},
                             "hex": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}}}}),
    )
    .await;
    assert_eq!(
        body["generationConfig"]["responseSchema"],
        json!({"type": "ARRAY", "items": {"type": "OBJECT", "properties": {
            "name": {"nullable": true, "type": "STRING"},
            "hex": {"nullable": true, "type": "STRING"}}}})
    );
}

#[wasm_bindgen_test]
async fn model_turns_are_sent_as_the_model_said_them() {
    let contents = json!([
        {"role": "user", "parts": [{"text": "Name a colour."}]},
        {"role": "model", "parts": [{"text": "Blue.", "thoughtSignature": "c2lnbmF0dXJl"}]},
        {"role": "user", "parts": [{"text": "Another one?"}]}
    ]);
    let (_, body, answer) = send(json!({"model": "gemini-2.5-flash", "contents": contents})).await;
    assert_eq!(
        body["contents"][1],
        json!({"parts": [{"text": "Blue.", "thoughtSignature": "c2lnbmF0dXJl"}], "role": "model"})
    );
    assert!(answer["candidates"][0]["content"]["parts"].is_array());
}

#[wasm_bindgen_test]
async fn unknown_fields_pass_through_where_they_were_given() {
    // The real API refuses names it does not know ("Invalid JSON payload received. Unknown
    // name"), as the strict emulator does: what we check is that they are sent, as given.
    let params = js(&json!({"model": "gemini-2.5-flash",
        "contents": [{"role": "user", "parts": [{"text": "hi", "futurePartField": 1}], "futureContentField": true}],
        "config": {"futureSetting": {"x": 1}, "temperature": 0.3}}));
    let preview = genai(fake()).models().preview(&params).await.unwrap();
    let text = support::get(&preview, "body").as_string().unwrap();
    assert_eq!(
        text,
        r#"{"contents":[{"parts":[{"text":"hi","futurePartField":1}],"role":"user","futureContentField":true}],"generationConfig":{"temperature":0.3,"futureSetting":{"x":1}}}"#
    );
}

#[wasm_bindgen_test]
async fn client_only_config_keys_are_never_sent() {
    let controller = web_sys::AbortController::new().unwrap();
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": "hi",
        "config": {"httpOptions": {"headers": {"x-extra": "1"}}, "automaticFunctionCalling": {"disable": true}}}));
    let config = support::get(&params, "config");
    set(&config, "abortSignal", &controller.signal());
    let capture = Capture::start();
    genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    let body = capture.body(":generateContent", 0);
    assert_eq!(body["generationConfig"], json!({}));
    assert_eq!(capture.requests()[0]["headers"]["x-extra"], json!("1"));
}

#[wasm_bindgen_test]
async fn a_vertex_only_field_is_refused_before_any_request() {
    let capture = Capture::start();
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": "hi",
        "config": {"safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "method": "SEVERITY", "threshold": "BLOCK_NONE"}]}}));
    let error = genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
    assert!(
        error.to_string().contains(
            "method parameter is only supported in Gemini Enterprise Agent Platform mode"
        ),
        "{error}"
    );
    assert!(capture.requests().is_empty());
}

#[wasm_bindgen_test]
async fn a_blob_part_keeps_its_part_level_fields_inline() {
    let part = js(
        &json!({"mediaResolution": {"level": "MEDIA_RESOLUTION_LOW"}, "videoMetadata": {"fps": 1}}),
    );
    set(
        &part,
        "inlineData",
        &blob(sample_image!("cupcakes.png"), "image/png"),
    );
    let capture = Capture::start();
    let params = GenerateParams::new("gemini-2.5-flash")
        .part(&part)
        .text("Describe")
        .build()
        .unwrap();
    genai(fake())
        .models()
        .generate_content(&params)
        .await
        .unwrap();
    let sent = capture.body(":generateContent", 0);
    let first = &sent["contents"][0]["parts"][0];
    let order = capture.keys(":generateContent", 0, &["contents", "0", "parts", "0"]);
    assert_eq!(order, ["mediaResolution", "inlineData", "videoMetadata"]);
    assert_eq!(first["inlineData"]["mimeType"], json!("image/png"));
    let expected = base64_of(sample_image!("cupcakes.png"));
    assert_eq!(
        first["inlineData"]["data"].as_str(),
        Some(expected.as_str())
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[wasm_bindgen_test]
async fn a_blob_part_keeps_its_part_level_fields_when_uploaded() {
    let inline = js(&json!({"mimeType": "image/png"}));
    set(&inline, "data", &blob(sample_image!("cupcakes.png"), ""));
    let part = js(&json!({"mediaResolution": {"level": "MEDIA_RESOLUTION_HIGH"}}));
    set(&part, "inlineData", &inline);
    let capture = Capture::start();
    let params = GenerateParams::new("gemini-2.5-flash")
        .part(&part)
        .text("Describe")
        .build()
        .unwrap();
    let small = genai_with(fake(), json!({"maxInlineBytes": 10_000}));
    small.models().generate_content(&params).await.unwrap();
    let sent = capture.body(":generateContent", 0);
    let first = &sent["contents"][0]["parts"][0];
    let order = capture.keys(":generateContent", 0, &["contents", "0", "parts", "0"]);
    assert_eq!(order, ["mediaResolution", "fileData"]);
    assert_eq!(
        first["mediaResolution"],
        json!({"level": "MEDIA_RESOLUTION_HIGH"})
    );
    assert_eq!(first["fileData"]["mimeType"], json!("image/png"));
    assert!(
        first["fileData"]["fileUri"]
            .as_str()
            .unwrap()
            .contains("/files/")
    );
}

#[wasm_bindgen_test]
async fn both_base64_encoders_send_the_same_bytes() {
    // Our SIMD128 encoder by default; the browser's toBase64 when the test asks for it
    // (Chromium has it; a counting wrapper proves it ran), and our encoder again when
    // toBase64 is missing.
    let bytes = support::pattern(3 * 1024 * 1024 + 7, 21);
    let image = blob(
        &[sample_image!("cupcakes.png").as_slice(), &bytes].concat(),
        "image/png",
    );
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&image)
        .text("x")
        .build()
        .unwrap();
    let models = genai(fake()).models();
    let capture = Capture::start();
    let original = js_sys::Function::new_no_args(
        "const f = Uint8Array.prototype.toBase64; globalThis.__toBase64Calls = 0; \
         Uint8Array.prototype.toBase64 = function (...a) { globalThis.__toBase64Calls++; \
         return f.apply(this, a); }; return f;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    let calls = || {
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__toBase64Calls"))
            .unwrap()
            .as_f64()
            .unwrap()
    };
    let simd = models.count_tokens(&params).await;
    let after_simd = calls();
    gemini_vision_web::use_native_base64_for_test(true);
    let native = models.count_tokens(&params).await;
    let after_native = calls();
    js_sys::Function::new_no_args("delete Uint8Array.prototype.toBase64;")
        .call0(&JsValue::NULL)
        .unwrap();
    let missing = models.count_tokens(&params).await;
    js_sys::Function::new_with_args("f", "Uint8Array.prototype.toBase64 = f;")
        .call1(&JsValue::NULL, &original)
        .unwrap();
    gemini_vision_web::use_native_base64_for_test(false);
    simd.unwrap();
    native.unwrap();
    missing.unwrap();
    assert_eq!(after_simd, 0.0, "the SIMD128 build encodes in wasm");
    assert!(after_native > 0.0, "toBase64 was asked for and not used");
    let (simd, native, ours) = (
        capture.body(":countTokens", 0),
        capture.body(":countTokens", 1),
        capture.body(":countTokens", 2),
    );
    assert_eq!(simd, native);
    assert_eq!(native, ours);
    let sent = native["contents"][0]["parts"][0]["inlineData"]["data"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        sent,
        base64_of(&[sample_image!("cupcakes.png").as_slice(), &bytes].concat())
    );
}

#[wasm_bindgen_test]
async fn every_request_refuses_redirects_and_sends_the_key_in_its_header() {
    let capture = Capture::start();
    genai(fake())
        .models()
        .generate_content(&js(&json!({"model": "gemini-2.5-flash", "contents": "hi"})))
        .await
        .unwrap();
    let request = &capture.requests()[0];
    assert_eq!(request["redirect"], json!("error"));
    assert_eq!(request["headers"]["x-goog-api-key"], json!(support::KEY));
    assert!(!request["url"].as_str().unwrap().contains("key="));
}

#[wasm_bindgen_test]
async fn headers_cannot_replace_the_key_and_a_timeout_is_announced() {
    let ai = genai_with(
        fake(),
        json!({"httpOptions": {
        "headers": {"x-goog-api-key": "other", "x-app": "demo"}, "timeout": 30_000}}),
    );
    let capture = Capture::start();
    ai.models()
        .generate_content(&js(&json!({"model": "gemini-2.5-flash", "contents": "hi"})))
        .await
        .unwrap();
    let headers = &capture.requests()[0]["headers"];
    assert_eq!(headers["x-goog-api-key"], json!(support::KEY));
    assert_eq!(headers["x-app"], json!("demo"));
    assert_eq!(headers["x-server-timeout"], json!("30"));
}

#[wasm_bindgen_test]
async fn the_api_version_is_v1_unless_told_otherwise() {
    let capture = Capture::start();
    let hi = || js(&json!({"model": "gemini-2.5-flash", "contents": "hi"}));
    genai(fake())
        .models()
        .generate_content(&hi())
        .await
        .unwrap();
    let beta = genai_with(fake(), json!({"httpOptions": {"apiVersion": "v1beta"}}));
    beta.models().generate_content(&hi()).await.unwrap();
    let per_call = js(
        &json!({"model": "models/gemini-2.5-flash", "contents": "hi",
        "config": {"httpOptions": {"apiVersion": "v1alpha", "baseUrl": strict()}}}),
    );
    genai(fake())
        .models()
        .generate_content(&per_call)
        .await
        .unwrap();
    let urls: Vec<String> = capture
        .requests()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        urls[0],
        format!("{}/v1/models/gemini-2.5-flash:generateContent", fake())
    );
    assert_eq!(
        urls[1],
        format!("{}/v1beta/models/gemini-2.5-flash:generateContent", fake())
    );
    assert_eq!(
        urls[2],
        format!(
            "{}/v1alpha/models/gemini-2.5-flash:generateContent",
            strict()
        )
    );
    // The key went to the call's own endpoint, which the caller named.
    assert_eq!(
        capture.requests()[2]["headers"]["x-goog-api-key"],
        json!(support::KEY)
    );
}

#[wasm_bindgen_test]
async fn extra_body_is_merged_into_the_body() {
    let ai = genai_with(
        fake(),
        json!({"httpOptions": {"extraBody": {"generationConfig": {"seed": 7}}}}),
    );
    let capture = Capture::start();
    let params =
        js(&json!({"model": "gemini-2.5-flash", "contents": "hi", "config": {"temperature": 0.5}}));
    ai.models().generate_content(&params).await.unwrap();
    let body = capture.body(":generateContent", 0);
    assert_eq!(
        body["generationConfig"],
        json!({"temperature": 0.5, "seed": 7})
    );
}

#[wasm_bindgen_test]
async fn count_tokens_sends_contents_only_and_refuses_what_it_cannot_count() {
    let capture = Capture::start();
    let params = js(&json!({"model": "gemini-2.5-flash", "contents": ["a", "b"]}));
    genai(fake()).models().count_tokens(&params).await.unwrap();
    assert_eq!(
        capture.body(":countTokens", 0),
        json!({"contents": [{"parts": [{"text": "a"}, {"text": "b"}], "role": "user"}]})
    );
    let refused = js(
        &json!({"model": "gemini-2.5-flash", "contents": "a", "config": {"systemInstruction": "x"}}),
    );
    let error = genai(fake())
        .models()
        .count_tokens(&refused)
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("systemInstruction parameter is only supported"),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn a_cached_content_name_gets_its_collection() {
    let preview = genai(fake())
        .models()
        .preview(&js(&json!({"model": "gemini-2.5-flash", "contents": "hi", "config": {"cachedContent": "abc"}})))
        .await
        .unwrap();
    let body: Value =
        serde_json::from_str(support::get(&preview, "body").as_string().unwrap().as_str()).unwrap();
    assert_eq!(body["cachedContent"], json!("cachedContents/abc"));
}

/// Media the plan uploads goes with the client's `httpOptions` (a proxy's header, the
/// timeout's `X-Server-Timeout`) on its API requests, as `files.upload` does; the session
/// requests carry neither them nor the key.
#[wasm_bindgen_test]
async fn media_the_plan_uploads_goes_with_the_clients_http_options() {
    let image = blob(sample_image!("cupcakes.png"), "image/png");
    let params = GenerateParams::new("gemini-2.5-flash")
        .blob(&image)
        .text("Describe")
        .build()
        .unwrap();
    let client = genai_with(
        fake(),
        json!({"maxInlineBytes": 10_000,
               "httpOptions": {"headers": {"x-app-tag": "proxy"}, "timeout": 60_000}}),
    );
    let capture = Capture::start();
    client.models().generate_content(&params).await.unwrap();
    let requests = capture.requests();
    let (session, api): (Vec<_>, Vec<_>) = requests
        .iter()
        .partition(|r| r["url"].as_str().unwrap().contains("upload_id="));
    assert!(
        !session.is_empty(),
        "the plan uploaded nothing: {requests:?}"
    );
    assert!(
        api.iter()
            .any(|r| r["headers"]["x-goog-upload-command"] == "start"),
        "{requests:?}"
    );
    for request in &api {
        assert_eq!(request["headers"]["x-app-tag"], "proxy", "{request}");
        assert_eq!(request["headers"]["x-server-timeout"], "60", "{request}");
    }
    for request in &session {
        assert!(request["headers"].get("x-app-tag").is_none(), "{request}");
        assert!(
            request["headers"].get("x-goog-api-key").is_none(),
            "{request}"
        );
    }
}
