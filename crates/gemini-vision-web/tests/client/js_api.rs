//! The JS exports (`GeminiClient`, `files`, the stream iterator, the error classes),
//! called as JS would: plain objects in, promises out.

use crate::sample_image;
use crate::support::{self, blob, fake};
use gemini_vision_web::JsGeminiClient;
use js_sys::{Array, Function, JSON, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

fn object(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn set(value: &JsValue, key: &str, field: &JsValue) {
    Reflect::set(value, &JsValue::from_str(key), field).unwrap();
}

fn js_client(key: &str) -> JsGeminiClient {
    let options = object(&format!(r#"{{"apiKey":"{key}","baseUrl":"{}"}}"#, fake()));
    JsGeminiClient::new(options).unwrap()
}

/// `{ model, contents: [cupcakes.png, prompt] }`.
fn detect_request() -> JsValue {
    let request = object(r#"{"model":"gemini-2.5-flash","contents":[]}"#);
    let contents = Array::new();
    contents.push(&blob(sample_image!("cupcakes.png"), "image/png"));
    contents.push(&JsValue::from_str(
        "Detect the cupcakes as 2D bounding boxes.",
    ));
    set(&request, "contents", &contents);
    request
}

async fn resolve(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

#[wasm_bindgen_test]
async fn generate_content_resolves_to_a_plain_object_with_text() {
    let result = resolve(js_client(support::KEY).generate_content(detect_request()))
        .await
        .unwrap();
    let text = get(&result, "text").as_string().unwrap();
    assert!(text.contains("box_2d"), "{text}");
    assert!(Array::is_array(&get(&result, "candidates")));
    assert!(get(&result, "usageMetadata").is_object());
    assert_eq!(Array::from(&get(&result, "uploaded")).length(), 0);
    let plain_prototype = Object::get_prototype_of(&Object::new());
    assert_eq!(Object::get_prototype_of(&result), plain_prototype);
}

#[wasm_bindgen_test]
async fn camel_case_config_and_every_kind_of_content_are_accepted() {
    let client = js_client(support::KEY);
    let files = client.files();
    let uploaded = resolve(files.upload(
        blob(sample_image!("cupcakes.png"), "image/png"),
        JsValue::UNDEFINED,
    ))
    .await
    .unwrap();
    let uri = get(&uploaded, "uri");
    let request = object(
        r#"{"model":"gemini-2.5-flash","contents":[],
            "config":{"responseMimeType":"application/json","temperature":0.1,
                      "thinkingConfig":{"thinkingBudget":0},
                      "systemInstruction":{"parts":[{"text":"Answer with JSON."}]},
                      "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],
                      "mediaResolution":"MEDIA_RESOLUTION_LOW","maxOutputTokens":5}}"#,
    );
    let reference = Object::new();
    set(&reference, "fileUri", &uri);
    set(&reference, "mimeType", &JsValue::from_str("image/png"));
    let contents = Array::new();
    contents.push(&uploaded);
    contents.push(&reference);
    contents.push(&object(r#"{"text":"Detect the cupcakes"}"#));
    contents.push(&object(
        r#"{"role":"user","parts":[{"text":"as box_2d."}]}"#,
    ));
    set(&request, "contents", &contents);
    let result = resolve(client.generate_content(request)).await.unwrap();
    // Both media parts reached the model ("Image 1:", "Image 2:"), and the config
    // did too: maxOutputTokens cut the answer.
    let text = get(&result, "text").as_string().unwrap();
    assert!(text.starts_with("Image 1"), "{text}");
    let candidate = Array::from(&get(&result, "candidates")).get(0);
    assert_eq!(
        get(&candidate, "finishReason").as_string().as_deref(),
        Some("MAX_TOKENS")
    );
}

#[wasm_bindgen_test]
async fn the_stream_is_an_async_iterable_of_chunks_with_text() {
    let iterable = js_client(support::KEY).generate_content_stream(detect_request());
    let symbol = js_sys::Symbol::async_iterator();
    let method: Function = Reflect::get(&iterable, &symbol)
        .unwrap()
        .dyn_into()
        .unwrap();
    let iterator = method.call0(&iterable).unwrap();
    let next: Function = get(&iterator, "next").dyn_into().unwrap();
    let mut text = String::new();
    let mut chunks = 0;
    loop {
        let step = resolve(next.call0(&iterator).unwrap().dyn_into().unwrap())
            .await
            .unwrap();
        if get(&step, "done").as_bool() == Some(true) {
            break;
        }
        text.push_str(&get(&get(&step, "value"), "text").as_string().unwrap());
        chunks += 1;
    }
    assert!(chunks > 1);
    assert!(text.contains("box_2d"));
}

#[wasm_bindgen_test]
async fn count_tokens_resolves_to_total_tokens() {
    let request = object(r#"{"model":"gemini-2.5-flash","contents":"abcdefgh"}"#);
    let counted = resolve(js_client(support::KEY).count_tokens(request))
        .await
        .unwrap();
    assert_eq!(get(&counted, "totalTokens").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
async fn an_api_error_rejects_with_an_api_error_instance() {
    let request = object(r#"{"model":"gemini-2.5-flash","contents":["hi"]}"#);
    let error = resolve(js_client("wrong-key-xyz").generate_content(request))
        .await
        .unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&error, "name").as_string().as_deref(), Some("ApiError"));
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("API_ERROR")
    );
    assert_eq!(get(&error, "status").as_f64(), Some(400.0));
    assert_eq!(
        get(&error, "apiStatus").as_string().as_deref(),
        Some("INVALID_ARGUMENT")
    );
    assert!(
        get(&error, "rawBody")
            .as_string()
            .unwrap()
            .contains("API key")
    );
    assert!(Array::is_array(&get(&error, "details")));
    let classes = gemini_vision_web::error_classes();
    let api_error: Function = get(&classes, "ApiError").dyn_into().unwrap();
    assert!(instance_of(&error, &api_error));
}

fn instance_of(value: &JsValue, class: &Function) -> bool {
    let check = Function::new_with_args("v, c", "return v instanceof c");
    check
        .call2(&JsValue::NULL, value, class)
        .unwrap()
        .as_bool()
        .unwrap()
}

#[wasm_bindgen_test]
async fn bad_input_rejects_with_a_gemini_error_not_a_panic() {
    let client = js_client(support::KEY);
    for request in [
        JsValue::from_str("not an object"),
        object(r#"{"contents":["no model"]}"#),
        object(r#"{"model":"m"}"#),
        object(r#"{"model":"m","contents":[42]}"#),
        object(r#"{"model":"m","contents":["x"],"config":{"temperature":"hot"}}"#),
        object(r#"{"model":"m","contents":["x"],"signal":"nope"}"#),
    ] {
        let error = resolve(client.generate_content(request)).await.unwrap_err();
        assert_eq!(
            get(&error, "name").as_string().as_deref(),
            Some("GeminiError")
        );
        assert_eq!(
            get(&error, "code").as_string().as_deref(),
            Some("INVALID_INPUT")
        );
    }
    let bad_base = object(r#"{"baseUrl":"ftp://example.com"}"#);
    let thrown = JsGeminiClient::new(bad_base).unwrap_err();
    assert_eq!(
        get(&thrown, "code").as_string().as_deref(),
        Some("INVALID_INPUT")
    );
}

#[wasm_bindgen_test]
async fn an_abort_rejects_with_a_dom_exception_named_abort_error() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let request = object(r#"{"model":"gemini-2.5-flash","contents":["hi"]}"#);
    set(&request, "signal", &controller.signal());
    let error = resolve(js_client(support::KEY).generate_content(request))
        .await
        .unwrap_err();
    let exception: web_sys::DomException = error.dyn_into().unwrap();
    assert_eq!(exception.name(), "AbortError");
}

#[wasm_bindgen_test]
async fn files_upload_get_list_wait_and_delete() {
    support::reset(fake()).await;
    let files = js_client(support::KEY).files();
    let options = object(r#"{"displayName":"clip","mimeType":"video/mp4","chunkSize":262144}"#);
    let events = Array::new();
    let record = Function::new_with_args("p", "this.push(p.sent)").bind0(&events);
    set(&options, "onProgress", &record);
    let bytes = support::mp4(700_000);
    let file = resolve(files.upload(blob(&bytes, ""), options))
        .await
        .unwrap();
    let name = get(&file, "name");
    assert_eq!(
        get(&file, "displayName").as_string().as_deref(),
        Some("clip")
    );
    assert_eq!(
        get(&file, "sizeBytes").as_string(),
        Some(bytes.len().to_string())
    );
    assert!(events.length() >= 3, "progress after every chunk");
    assert_eq!(
        events.get(events.length() - 1).as_f64(),
        Some(bytes.len() as f64)
    );

    let active = resolve(files.wait_until_active(name.clone(), object(r#"{"timeoutMs":30000}"#)))
        .await
        .unwrap();
    assert_eq!(get(&active, "state").as_string().as_deref(), Some("ACTIVE"));
    let got = resolve(files.get(name.clone())).await.unwrap();
    assert_eq!(get(&got, "name"), name);
    let page = resolve(files.list(object(r#"{"pageSize":5}"#)))
        .await
        .unwrap();
    let listed = Array::from(&get(&page, "files"));
    assert!(listed.iter().any(|f| get(&f, "name") == name));
    resolve(files.delete(name.clone())).await.unwrap();
    let gone = resolve(files.get(name)).await.unwrap_err();
    assert_eq!(get(&gone, "name").as_string().as_deref(), Some("ApiError"));
}
