//! Paths and loaders for the real data in `../shared` used by the wire, request,
//! media and tokens tests.
#![allow(dead_code, clippy::unwrap_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// `../shared/<rel>` beside the repository checkout.
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel)
}

/// Every file in `../shared/<dir>` whose name ends with `suffix`, sorted.
pub fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(shared(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no {suffix} files in {dir}");
    found
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn json(path: &Path) -> Value {
    serde_json::from_slice(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn image(name: &str) -> Vec<u8> {
    read(&shared(&format!("samples/images/{name}")))
}

/// One recorded interaction of `fixtures/api-recordings`.
pub struct Recording {
    pub name: String,
    pub url: String,
    pub status: u16,
    pub requests: Vec<Value>,
    pub responses: Vec<Value>,
}

pub fn recordings() -> Vec<Recording> {
    let mut all = Vec::new();
    for path in files("fixtures/api-recordings", ".json") {
        let doc = json(&path);
        for interaction in doc["interactions"].as_array().unwrap() {
            let request = &interaction["request"];
            let response = &interaction["response"];
            all.push(Recording {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                url: request["url"].as_str().unwrap().to_owned(),
                status: response["statusCode"].as_u64().unwrap() as u16,
                requests: request["bodySegments"].as_array().unwrap().clone(),
                responses: response["bodySegments"].as_array().unwrap().clone(),
            });
        }
    }
    all
}

/// A recording's response segments as the SSE body the server sent.
pub fn as_sse(segments: &[Value]) -> Vec<u8> {
    let mut body = Vec::new();
    for segment in segments {
        body.extend_from_slice(b"data: ");
        body.extend_from_slice(serde_json::to_string(segment).unwrap().as_bytes());
        body.extend_from_slice(b"\r\n\r\n");
    }
    body
}

/// The bodies the official clients send (`wire/official-clients.json`), with the
/// request path each was sent to; only bodies that are JSON objects.
pub fn official_bodies() -> Vec<(String, Value)> {
    let doc = json(&shared("wire/official-clients.json"));
    let mut bodies = Vec::new();
    for requests in doc.as_object().unwrap().values() {
        for request in requests.as_array().unwrap() {
            if request["body"].is_object() {
                let path = request["path"].as_str().unwrap().to_owned();
                bodies.push((path, request["body"].clone()));
            }
        }
    }
    assert!(!bodies.is_empty());
    bodies
}
