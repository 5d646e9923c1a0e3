//! Batch Mode helpers of the integration tests: creating jobs, polling them to their
//! end, downloading result files.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Answer, Emu, KEY, drawing, emu_with, png, text_request};

/// The model every batch test uses.
pub const MODEL: &str = "gemini-2.5-flash";
/// A prompt asking for boxes.
pub const DETECT: &str = "Detect the 2d bounding boxes";

/// A red square and a blue rectangle on white, as a PNG.
pub fn shapes() -> Vec<u8> {
    png(&drawing(
        240,
        200,
        &[
            (20, 30, 90, 100, [230, 20, 20]),
            (140, 60, 220, 180, [20, 40, 230]),
        ],
    ))
}

/// What `generateContent` answers for `request`.
pub async fn direct_text(emu: &Emu, request: &Value) -> String {
    let answer = emu.generate(MODEL, request).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.model_text().to_string()
}

/// `{"batch": {"displayName", "inputConfig": {"requests": {"requests": [...]}}}}` of
/// `(key, request)` pairs.
pub fn inline_batch(requests: &[(&str, Value)]) -> Value {
    let requests: Vec<Value> = requests
        .iter()
        .map(|(key, request)| json!({"request": request, "metadata": {"key": key}}))
        .collect();
    json!({"batch": {"displayName": "test-batch", "inputConfig": {"requests": {"requests": requests}}}})
}

/// The prompt of key `key` in [`text_batch`].
pub fn question(key: &str) -> Value {
    text_request(&format!("question {key}"))
}

/// An inline batch of one text request per key.
pub fn text_batch(keys: &[&str]) -> Value {
    let requests: Vec<(&str, Value)> = keys.iter().map(|key| (*key, question(key))).collect();
    inline_batch(&requests)
}

/// An emulator whose batches stay `pending_ms` PENDING and take `request_ms` per request.
pub async fn paced_emu(pending_ms: u64, request_ms: u64) -> Emu {
    emu_with(|config| {
        config.settings.batch_pending_ms = pending_ms;
        config.settings.batch_running_ms = 0;
        config.settings.batch_request_ms = request_ms;
    })
    .await
}

impl Emu {
    pub async fn create_batch(&self, body: &Value) -> Answer {
        self.post(
            &format!("/v1beta/models/{MODEL}:batchGenerateContent"),
            body,
        )
        .await
    }

    /// Creates a job that must be accepted; returns its name.
    pub async fn start_batch(&self, body: &Value) -> String {
        let answer = self.create_batch(body).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        answer.body["name"].as_str().unwrap().to_string()
    }

    /// Every operation seen while polling `name` every 20 ms until it is done.
    pub async fn poll_batch(&self, name: &str) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        loop {
            let answer = self.get(&format!("/v1beta/{name}")).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
            let done = answer.body["done"] == true;
            seen.push(answer.body);
            if done {
                return seen;
            }
            assert!(Instant::now() < deadline, "{name} did not finish: {seen:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The final operation of `name`.
    pub async fn finish_batch(&self, name: &str) -> Value {
        self.poll_batch(name).await.pop().unwrap()
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Answer {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("x-goog-api-key", KEY);
        if let Some(body) = body {
            request = request.json(body);
        }
        Answer::from(request.send().await.unwrap()).await
    }

    /// The bytes of `GET path`.
    pub async fn download(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let response = self
            .client
            .get(self.url(path))
            .header("x-goog-api-key", KEY)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.bytes().await.unwrap().to_vec())
    }
}

/// The inline results of a finished operation, by key.
pub fn inline_results(operation: &Value) -> Vec<(String, Value)> {
    operation["response"]["inlinedResponses"]["inlinedResponses"]
        .as_array()
        .unwrap_or_else(|| panic!("no inline results: {operation}"))
        .iter()
        .map(|result| {
            let key = result["metadata"]["key"].as_str().unwrap_or("").to_string();
            (key, result.clone())
        })
        .collect()
}

/// The model text of a response.
pub fn text_of(response: &Value) -> &str {
    response["candidates"][0]["content"]["parts"][0]["text"]
        .as_str()
        .unwrap_or("")
}

/// `batchStats.successfulRequestCount` as a number.
pub fn succeeded(operation: &Value) -> u64 {
    operation["metadata"]["batchStats"]["successfulRequestCount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}
