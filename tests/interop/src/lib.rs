//! The client core against the emulator, over real HTTP on loopback.
//!
//! `gemini-vision` and `fake-gemini` are written apart so that a mistake on one side is
//! caught by the other. These tests run the core's sans-I/O state machines with
//! `reqwest` against an in-process emulator, send the core's request bodies to it, and
//! parse its answers with the core's parsers. This crate only holds the shared pieces:
//! starting an emulator and driving a state machine.

use gemini_vision::upload::{Action, StateMachine};

use gemini_vision::http::{
    Credential, HttpRequest, RequestBody, Response, ResponseHeaders, header,
};
use gemini_vision::wire::File;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// The API key the emulators in these tests accept.
pub const KEY: &str = "interop-test-key";

/// An emulator on `127.0.0.1:0` and an HTTP client for it.
#[derive(Debug)]
pub struct Emulator {
    /// The running server.
    pub server: fake_gemini::Running,
    /// A client with short timeouts.
    pub http: reqwest::Client,
}

impl Emulator {
    /// Starts an emulator that accepts only [`KEY`], with short processing times.
    pub async fn start() -> Emulator {
        Self::start_with(|_| {}).await
    }

    /// Starts an emulator after `change` adjusted its configuration.
    pub async fn start_with(change: impl FnOnce(&mut fake_gemini::Config)) -> Emulator {
        let mut config = fake_gemini::Config::ephemeral();
        config.settings.api_key = Some(KEY.to_owned());
        config.settings.processing_ms = 200;
        change(&mut config);
        let server = fake_gemini::start(config)
            .await
            .expect("the emulator starts on loopback");
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("a reqwest client");
        Emulator { server, http }
    }

    /// Panics unless every fault armed on this emulator fired as often as it was armed
    /// for (a sticky fault at least once): a fault test must prove its fault happened.
    pub fn assert_faults_fired(&self) {
        let history = self.server.fault_history();
        assert!(!history.is_empty(), "no fault was armed");
        for fault in history {
            let wanted = if fault.spec.sticky {
                1
            } else {
                fault.spec.times
            };
            assert!(
                fault.fired >= wanted,
                "fault {:?} fired {} of {wanted} times",
                fault.spec,
                fault.fired
            );
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    /// POSTs a JSON body to `{base}/v1beta/{path}` with the key header; returns status and body.
    pub async fn post(&self, path: &str, body: Vec<u8>) -> (u16, Vec<u8>) {
        let response = self
            .http
            .post(format!("{}/v1beta/{path}", self.base_url()))
            .header("x-goog-api-key", KEY)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the emulator answers");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("a body").to_vec();
        (status, bytes)
    }
}

/// Which answer headers the driver lets the machine read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderView {
    /// Every header, as a native client or a same-origin page sees them.
    All,
    /// What a cross-origin page sees when the server exposes only `X-Goog-Upload-URL`
    /// and `X-Goog-Upload-Status` (no `Size-Received`, no `Retry-After`, no `Date`).
    StrictCors,
}

/// How a driven run ended.
#[derive(Debug)]
pub enum Outcome {
    /// The machine finished with this file.
    Finished(Box<File>),
    /// The machine failed.
    Failed(gemini_vision::Error),
    /// The driver stopped on purpose after the given progress (a simulated page close).
    Stopped,
}

impl Outcome {
    /// The file, or a panic that says how the run ended instead.
    pub fn file(self) -> File {
        match self {
            Outcome::Finished(file) => *file,
            other => panic!("the upload did not finish: {other:?}"),
        }
    }
}

/// Drives `machine` to its end, sending the bytes of `source` for chunk requests.
/// `stop_after` ends the run (like a closed tab) once that many bytes are confirmed.
pub async fn drive(
    emulator: &Emulator,
    machine: &mut impl StateMachine,
    source: &[u8],
    view: HeaderView,
    stop_after: Option<u64>,
) -> Outcome {
    let deadline = Instant::now() + Duration::from_secs(120);
    for _ in 0..10_000 {
        assert!(
            Instant::now() < deadline,
            "the machine did not finish in time"
        );
        match machine.next_action() {
            Action::Send(request) => match send(emulator, &request, source, view).await {
                Ok(response) => machine.on_response(response),
                Err(message) => machine.on_transport_error(&message),
            },
            Action::Wait { millis } => tokio::time::sleep(Duration::from_millis(millis)).await,
            Action::Progress(progress) => {
                if stop_after.is_some_and(|limit| progress.confirmed >= limit) {
                    return Outcome::Stopped;
                }
            }
            Action::Finished(file) => return Outcome::Finished(file),
            Action::Failed(error) => return Outcome::Failed(error),
        }
    }
    panic!("the machine did not end within 10,000 actions")
}

async fn send(
    emulator: &Emulator,
    request: &HttpRequest,
    source: &[u8],
    view: HeaderView,
) -> Result<Response, String> {
    let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
        .map_err(|e| e.to_string())?;
    let mut builder = emulator.http.request(method, &request.url);
    for (name, value) in &request.headers {
        builder = builder.header(*name, value);
    }
    if request.credential == Credential::ApiKey {
        builder = builder.header("x-goog-api-key", KEY);
    }
    builder = match &request.body {
        RequestBody::Empty => builder,
        RequestBody::Json(json) => builder.body(json.clone()),
        RequestBody::SourceRange { start, end } => {
            let range = usize::try_from(*start).map_err(|e| e.to_string())?
                ..usize::try_from(*end).map_err(|e| e.to_string())?;
            let slice = source.get(range).ok_or("range outside the source")?;
            builder.body(slice.to_vec())
        }
    };
    let started = Instant::now();
    let answer = builder.send().await.map_err(|e| e.to_string())?;
    let status = answer.status().as_u16();
    let mut headers = ResponseHeaders::new();
    for (name, value) in answer.headers() {
        let visible = match view {
            HeaderView::All => true,
            HeaderView::StrictCors => {
                name.as_str().eq_ignore_ascii_case(header::UPLOAD_URL)
                    || name.as_str().eq_ignore_ascii_case(header::UPLOAD_STATUS)
            }
        };
        if visible {
            headers.insert(name.as_str(), value.to_str().unwrap_or_default());
        }
    }
    let body = answer.bytes().await.map_err(|e| e.to_string())?;
    let mut response = Response::new(status).body(body.to_vec());
    response.headers = headers;
    let elapsed = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(response.elapsed_ms(elapsed))
}

/// Base64 (standard alphabet) of the SHA-256 of `bytes`, as the File API reports it.
pub fn sha256_base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// Deterministic, incompressible-looking bytes.
pub fn pseudo_random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// An MP4 header followed by filler, so MIME sniffing on both sides says `video/mp4`.
pub fn fake_mp4(len: usize) -> Vec<u8> {
    let mut bytes = pseudo_random_bytes(len, 7);
    let header = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom";
    let n = header.len().min(len);
    bytes[..n].copy_from_slice(&header[..n]);
    bytes
}

/// A PNG of `width` x `height` filled with white, with an opaque RGB rectangle drawn at
/// pixels `x0..x1`, `y0..y1` in `color`.
pub fn png_with_rect(
    width: u32,
    height: u32,
    (x0, y0, x1, y1): (u32, u32, u32, u32),
    color: [u8; 3],
) -> Vec<u8> {
    let mut image = image::RgbImage::from_pixel(width, height, image::Rgb([255, 255, 255]));
    for y in y0..y1.min(height) {
        for x in x0..x1.min(width) {
            image.put_pixel(x, y, image::Rgb(color));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("PNG encoding of an in-memory image");
    out.into_inner()
}
