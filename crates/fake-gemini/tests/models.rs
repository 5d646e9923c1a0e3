//! `models.list` and `models.get`, as the official clients read them.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn the_list_pages_through_every_model_with_the_fields_clients_read() {
    let emu = emu().await;
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let path = match &token {
            Some(token) => format!("/v1beta/models?pageSize=10&pageToken={token}"),
            None => "/v1beta/models?pageSize=10".to_string(),
        };
        let page = emu.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        let models = page.body["models"].as_array().unwrap();
        assert!(models.len() <= 10);
        for model in models {
            for field in [
                "name",
                "version",
                "displayName",
                "description",
                "inputTokenLimit",
                "outputTokenLimit",
                "supportedGenerationMethods",
                "temperature",
                "topP",
                "topK",
                "maxTemperature",
                "thinking",
            ] {
                assert!(model.get(field).is_some(), "{field} missing in {model}");
            }
            names.push(model["name"].as_str().unwrap().to_string());
        }
        match page.body["nextPageToken"].as_str() {
            Some(next) => token = Some(next.to_string()),
            None => break,
        }
    }
    for current in [
        "gemini-3-flash-preview",
        "gemini-3-pro-preview",
        "gemini-2.5-flash-image",
        "gemini-robotics-er-1.6-preview",
        "gemini-3.5-flash",
        "gemini-3.1-flash-image",
    ] {
        assert!(
            names.contains(&format!("models/{current}")),
            "{current} not listed"
        );
    }
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
}

#[tokio::test]
async fn get_describes_what_a_model_can_do() {
    let emu = emu().await;
    let flash = emu.get("/v1beta/models/gemini-2.5-flash").await;
    assert_eq!(flash.body["name"], "models/gemini-2.5-flash");
    let methods = flash.body["supportedGenerationMethods"].as_array().unwrap();
    assert!(methods.iter().any(|method| method == "createCachedContent"));
    assert_eq!(flash.body["thinking"], true);
    let image = emu.get("/v1beta/models/gemini-2.5-flash-image").await;
    assert_eq!(image.body["thinking"], false);
    let missing = emu.get("/v1beta/models/gemini-0-nano").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
