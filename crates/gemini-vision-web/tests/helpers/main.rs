//! The helpers and enums as a page imports them (js/helpers.js, js/enums.js): the SDK's
//! parts and values. A binary of its own: with the client tests' snippets the page
//! fetched seven modules at once, more than wasm-bindgen's test server answers
//! (scripts/wasm-test-runner says why).

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A JS value as JSON (what `JSON.stringify` gives).
fn json(value: &JsValue) -> serde_json::Value {
    let text = js_sys::JSON::stringify(value).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `value[key]`.
fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen(module = "/tests/helpers/checks.js")]
extern "C" {
    #[wasm_bindgen(js_name = helpersAndEnums)]
    fn helpers_and_enums() -> JsValue;
}

#[wasm_bindgen_test]
fn the_helpers_make_the_sdks_parts_and_the_enums_its_values() {
    let out = json(&helpers_and_enums());
    assert_eq!(
        out["uri"],
        json!({"fileData": {"fileUri": "files/abc", "mimeType": "image/png"},
               "mediaResolution": {"level": "MEDIA_RESOLUTION_LOW"}})
    );
    assert_eq!(
        out["base64"],
        json!({"inlineData": {"data": "AAAA", "mimeType": "image/png"}})
    );
    assert_eq!(out["text"], json!({"text": "hi"}));
    assert_eq!(
        out["call"],
        json!({"functionCall": {"name": "f", "args": {"a": 1}}})
    );
    assert_eq!(
        out["response"],
        json!({"functionResponse": {"id": "id1", "name": "f", "response": {"r": 2}}})
    );
    assert_eq!(
        out["responseParts"]["functionResponse"]["parts"],
        json!([{"fileData": {"fileUri": "u", "mimeType": "image/png"}}])
    );
    assert_eq!(
        out["code"],
        json!({"executableCode": {"code": "print(1)", "language": "PYTHON"}})
    );
    assert_eq!(
        out["result"],
        json!({"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "1"}})
    );
    assert_eq!(
        out["user"],
        json!({"role": "user", "parts": [{"text": "a"}, {"text": "b"}]})
    );
    assert_eq!(
        out["model"],
        json!({"role": "model", "parts": [{"text": "c"}]})
    );
    assert_eq!(
        out["fr64"],
        json!({"inlineData": {"data": "AA", "mimeType": "image/png"}})
    );
    assert_eq!(out["empty"], json!("partOrString cannot be an empty array"));
    assert_eq!(
        out["bad"],
        json!("element in PartUnion must be a Part object or string")
    );
    assert_eq!(
        out["wrong"],
        json!("partOrString must be a Part object, string, or array")
    );
    assert_eq!(out["blobPart"], json!(true));
    let enums = &out["enums"];
    assert_eq!(enums["object"], json!("OBJECT"));
    assert_eq!(enums["high"], json!("MEDIA_RESOLUTION_HIGH"));
    assert_eq!(enums["block"], json!("BLOCK_NONE"));
    assert_eq!(enums["any"], json!("ANY"));
    assert_eq!(enums["stop"], json!("STOP"));
    assert_eq!(enums["active"], json!("ACTIVE"));
    assert_eq!(enums["flex"], json!("flex"));
    assert_eq!(enums["level"], json!("LOW"));
    assert!(enums["count"].as_u64().unwrap() >= 40);
    assert_eq!(enums["frozen"], json!(true));
    // The snippets the checks import are the package's own files.
    assert_eq!(
        get(&create_part_from_text("t"), "text")
            .as_string()
            .as_deref(),
        Some("t")
    );
    assert_eq!(
        TYPE_ENUM.with(|t| get(t, "STRING")).as_string().as_deref(),
        Some("STRING")
    );
}

// Imported so that the test build copies js/helpers.js and js/enums.js next to
// checks.js, which imports them.
#[wasm_bindgen(module = "/js/helpers.js")]
extern "C" {
    #[wasm_bindgen(js_name = createPartFromText)]
    fn create_part_from_text(text: &str) -> JsValue;
}

#[wasm_bindgen(module = "/js/enums.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = Type)]
    static TYPE_ENUM: JsValue;
}
