//! The same requests on the wire as `@google/genai` 3.6.1: for every scenario of
//! `parity/scenarios.json`, the body we send is byte for byte the one the SDK sent
//! (`parity/sdk.json`, recorded from the SDK by `parity/sdk_bodies.mjs`), and where the
//! SDK refuses the arguments we refuse them with its words.

use crate::support::{Capture, fake, genai, get};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const SCENARIOS: &str = include_str!("parity/scenarios.json");
const SDK: &str = include_str!("parity/sdk.json");

/// Our outcome: the URL path and body sent, or the error's text. The scenario is read by
/// the browser's JSON parser (`serde_json` would sort its keys).
async fn ours(scenario: &JsValue) -> Result<(String, String), String> {
    let params = get(scenario, "params");
    let models = genai(fake()).models();
    if get(scenario, "method").as_string().as_deref() == Some("count") {
        let capture = Capture::start();
        models
            .count_tokens(&params)
            .await
            .map_err(|e| e.to_string())?;
        let request = capture.requests()[0].clone();
        let url = request["url"].as_str().unwrap().replacen(fake(), "", 1);
        return Ok((url, request["body"].as_str().unwrap().to_owned()));
    }
    let preview = models.preview(&params).await.map_err(|e| e.to_string())?;
    let url = get(&preview, "url")
        .as_string()
        .unwrap()
        .replacen(fake(), "", 1);
    Ok((url, get(&preview, "body").as_string().unwrap()))
}

#[wasm_bindgen_test]
async fn every_scenario_sends_what_the_sdk_sends_or_is_refused_as_it_refuses() {
    let scenarios: Vec<JsValue> = js_sys::Array::from(&js_sys::JSON::parse(SCENARIOS).unwrap())
        .iter()
        .collect();
    let sdk: Vec<Value> = serde_json::from_str(SDK).unwrap();
    assert_eq!(scenarios.len(), sdk.len(), "regenerate parity/sdk.json");
    let mut differences = Vec::new();
    for (scenario, theirs) in scenarios.iter().zip(&sdk) {
        let name = get(scenario, "name").as_string().unwrap();
        assert_eq!(
            theirs["name"].as_str(),
            Some(name.as_str()),
            "regenerate parity/sdk.json"
        );
        match (
            ours(scenario).await,
            theirs.get("error").and_then(Value::as_str),
        ) {
            (Ok((url, body)), None) => {
                if url != theirs["url"] || body != theirs["body"] {
                    differences.push(format!(
                        "{name}:\n  ours {url} {body}\n  sdk  {} {}",
                        theirs["url"], theirs["body"]
                    ));
                }
            }
            (Err(ours), Some(sdk_error)) => {
                // The SDK's words, where they are its own (not a TypeError of its code).
                if !ours.contains(sdk_error) && !sdk_error.contains("is not a function") {
                    differences.push(format!("{name}: ours {ours:?}, sdk {sdk_error:?}"));
                }
            }
            (Ok((_, body)), Some(sdk_error)) => differences.push(format!(
                "{name}: we sent {body}, the SDK refused: {sdk_error}"
            )),
            (Err(ours), None) => {
                differences.push(format!("{name}: we refused ({ours}), the SDK sent"))
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
