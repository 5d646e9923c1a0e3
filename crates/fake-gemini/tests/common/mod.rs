//! Shared helpers of the integration tests: a server on a free loopback port, a client,
//! and synthetic images drawn with `image`.

#![allow(dead_code, clippy::unwrap_used)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use fake_gemini::{Config, Running};
use image::{Rgb, RgbImage};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

pub const KEY: &str = "test-key";
pub const GRANULE: usize = 262_144;

pub struct Emu {
    pub server: Running,
    pub client: reqwest::Client,
}

pub async fn emu() -> Emu {
    emu_with(|_| {}).await
}

pub async fn emu_with(change: impl FnOnce(&mut Config)) -> Emu {
    let mut config = Config::ephemeral();
    change(&mut config);
    let server = fake_gemini::start(config).await.expect("emulator starts");
    Emu {
        server,
        client: reqwest::Client::new(),
    }
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    pub async fn from(response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            text,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The parts of the first candidate.
    pub fn parts(&self) -> Vec<Value> {
        self.body["candidates"][0]["content"]["parts"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// `error.message`.
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("")
    }

    /// The model text of a generateContent answer.
    pub fn model_text(&self) -> &str {
        self.body["candidates"][0]["content"]["parts"][0]["text"]
            .as_str()
            .unwrap_or("")
    }
}

impl Emu {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        let response = self
            .client
            .post(self.url(path))
            .header("x-goog-api-key", KEY)
            .json(body)
            .send()
            .await
            .unwrap();
        Answer::from(response).await
    }

    /// Any method, with a JSON body or none.
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

    /// A raw body, exactly these bytes.
    pub async fn post_raw(&self, path: &str, body: &'static str) -> Answer {
        let response = self
            .client
            .post(self.url(path))
            .header("x-goog-api-key", KEY)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        Answer::from(response).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        Answer::from(
            self.client
                .get(self.url(path))
                .header("x-goog-api-key", KEY)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn generate(&self, model: &str, body: &Value) -> Answer {
        self.post(&format!("/v1beta/models/{model}:generateContent"), body)
            .await
    }

    pub async fn admin(&self, path: &str, body: &Value) -> Answer {
        Answer::from(
            self.client
                .post(self.url(path))
                .json(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn report(&self) -> Value {
        Answer::from(
            self.client
                .get(self.url("/__fake/report"))
                .send()
                .await
                .unwrap(),
        )
        .await
        .body
    }

    /// Starts a resumable upload; returns the session URL.
    pub async fn start_upload(&self, size: Option<usize>, mime: &str) -> String {
        let mut request = self
            .client
            .post(self.url("/upload/v1beta/files"))
            .header("x-goog-api-key", KEY)
            .header("X-Goog-Upload-Protocol", "resumable")
            .header("X-Goog-Upload-Command", "start")
            .header("X-Goog-Upload-Header-Content-Type", mime);
        if let Some(size) = size {
            request = request.header("X-Goog-Upload-Header-Content-Length", size.to_string());
        }
        let answer = Answer::from(
            request
                .json(&json!({"file": {"displayName": "test"}}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        answer
            .header("x-goog-upload-url")
            .expect("session url")
            .to_string()
    }

    pub async fn chunk_result(
        &self,
        session: &str,
        offset: usize,
        command: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Result<reqwest::Response> {
        self.client
            .post(session)
            .header("X-Goog-Upload-Command", command)
            .header("X-Goog-Upload-Offset", offset.to_string())
            .body(bytes)
            .send()
            .await
    }

    pub async fn chunk(
        &self,
        session: &str,
        offset: usize,
        command: &str,
        bytes: Vec<u8>,
    ) -> Answer {
        Answer::from(
            self.chunk_result(session, offset, command, bytes)
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn command(&self, session: &str, command: &str) -> Answer {
        Answer::from(
            self.client
                .post(session)
                .header("X-Goog-Upload-Command", command)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Uploads `bytes` in chunks of `chunk` bytes; returns the final answer.
    pub async fn upload(&self, bytes: &[u8], mime: &str, chunk: usize) -> Answer {
        let session = self.start_upload(Some(bytes.len()), mime).await;
        let mut offset = 0;
        loop {
            let end = (offset + chunk).min(bytes.len());
            let last = end == bytes.len();
            let command = if last { "upload, finalize" } else { "upload" };
            let answer = self
                .chunk(&session, offset, command, bytes[offset..end].to_vec())
                .await;
            if last {
                return answer;
            }
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
            offset = end;
        }
    }
}

pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../../shared/samples/images/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

pub fn sample_response(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../../shared/samples/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A white image with filled rectangles `(x0, y0, x1, y1, colour)` (x1, y1 exclusive).
pub fn drawing(width: u32, height: u32, shapes: &[(u32, u32, u32, u32, [u8; 3])]) -> RgbImage {
    let mut image = RgbImage::from_pixel(width, height, Rgb([255, 255, 255]));
    for &(x0, y0, x1, y1, colour) in shapes {
        for y in y0..y1 {
            for x in x0..x1 {
                image.put_pixel(x, y, Rgb(colour));
            }
        }
    }
    image
}

pub fn encode(image: &RgbImage, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

pub fn png(image: &RgbImage) -> Vec<u8> {
    encode(image, image::ImageFormat::Png)
}

/// A request with one user text.
pub fn text_request(text: &str) -> Value {
    json!({"contents": [{"role": "user", "parts": [{"text": text}]}]})
}

/// A request with one inline image and a prompt.
pub fn image_request(mime: &str, bytes: &[u8], prompt: &str) -> Value {
    json!({"contents": [{"role": "user", "parts": [
        {"inlineData": {"mimeType": mime, "data": b64(bytes)}},
        {"text": prompt}
    ]}]})
}

/// The JSON inside a ```json fence, or the whole text.
pub fn fenced_json(text: &str) -> Value {
    let body = match text.split_once("```json") {
        Some((_, rest)) => rest.split("```").next().unwrap(),
        None => text,
    };
    serde_json::from_str(body.trim()).unwrap_or_else(|error| panic!("{error}: {text}"))
}

pub fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u8
        })
        .collect()
}
