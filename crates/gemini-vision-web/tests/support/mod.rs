//! What the client's browser tests share: the emulators' URLs (given at compile time by
//! `scripts/suites/web-wasm.sh`), its admin API, and Blobs of known bytes.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use base64::Engine as _;
use gemini_vision::endpoint::Endpoint;
use gemini_vision_web::{FileOps, GoogleGenAI};
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use serde_json::Value;
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

/// The key the emulators were started with (`--api-key`).
pub const KEY: &str = "gv-test-key-5f3a9c";

/// The emulator with Google's CORS (every upload header exposed).
pub fn fake() -> &'static str {
    match option_env!("GV_FAKE_URL") {
        Some(url) => url,
        None => panic!("run through scripts/suites/web-wasm.sh (GV_FAKE_URL is not set)"),
    }
}

/// The emulator started with `--strict-cors`.
pub fn strict() -> &'static str {
    match option_env!("GV_FAKE_STRICT_URL") {
        Some(url) => url,
        None => panic!("run through scripts/suites/web-wasm.sh (GV_FAKE_STRICT_URL is not set)"),
    }
}

/// A `GoogleGenAI` of `base` with the right key. Every test makes one first: a failed
/// assertion of an earlier test (a panic, which marks the module failed) must not fail it.
pub fn genai(base: &str) -> GoogleGenAI {
    gemini_vision_web::forget_panic_for_test();
    GoogleGenAI::with_key(KEY, Some(base)).unwrap()
}

/// A `GoogleGenAI` of `base` with the right key and `options` (JSON of
/// `new GoogleGenAI(options)`) on top: `{"maxInlineBytes": 1000}`...
pub fn genai_with(base: &str, options: Value) -> GoogleGenAI {
    let mut all = serde_json::json!({"apiKey": KEY, "httpOptions": {"baseUrl": base}});
    for (key, value) in options.as_object().cloned().unwrap_or_default() {
        if key == "httpOptions" {
            for (inner, value) in value.as_object().cloned().unwrap_or_default() {
                all["httpOptions"][inner] = value;
            }
        } else {
            all[key] = value;
        }
    }
    gemini_vision_web::forget_panic_for_test();
    GoogleGenAI::from_options(&js(&all)).unwrap()
}

/// What the upload tests use of a client: its File API (the Rust `FileOps`) and where
/// it uploads.
#[derive(Debug, Clone)]
pub struct UploadClient(GoogleGenAI);

impl UploadClient {
    /// The File API.
    pub fn files(&self) -> FileOps {
        self.0.file_ops()
    }

    /// Where requests go.
    pub fn endpoint(&self) -> Endpoint {
        self.0.endpoint().clone()
    }
}

/// A client of `base` with the right key, for the File API's Rust tests.
pub fn client(base: &str) -> UploadClient {
    UploadClient(genai(base))
}

/// A JS value from JSON.
pub fn js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

/// A JS value as JSON (what `JSON.stringify` gives).
pub fn json(value: &JsValue) -> Value {
    let text = js_sys::JSON::stringify(value).unwrap().as_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// `object[key] = value`.
pub fn set(object: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(object, &JsValue::from_str(key), value).unwrap();
}

/// Awaits a promise.
pub async fn resolve(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

#[wasm_bindgen(inline_js = r#"
export function captureFetch() {
  const seen = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const copy = request.clone();
    const body = request.method === "GET" ? "" : await copy.text();
    seen.push({ url: request.url, method: request.method, redirect: request.redirect,
      headers: Object.fromEntries(request.headers), body });
    return original(request);
  };
  return { seen, restore() { globalThis.fetch = original; } };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = captureFetch)]
    fn capture_fetch() -> JsValue;
}

/// Every request `fetch` sends while it lives: `{ url, method, redirect, headers, body }`
/// (bodies read as text: keep them small). The real `fetch` sends each one on.
pub struct Capture {
    inner: JsValue,
}

impl Capture {
    /// Starts capturing.
    pub fn start() -> Capture {
        Capture {
            inner: capture_fetch(),
        }
    }

    /// What was sent so far, as JSON.
    pub fn requests(&self) -> Vec<Value> {
        json(&get(&self.inner, "seen"))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The JSON body of request `n` (0-based) to a URL containing `needle`.
    pub fn body(&self, needle: &str, n: usize) -> Value {
        serde_json::from_str(&self.body_text(needle, n)).unwrap()
    }

    /// The body of request `n` (0-based) to a URL containing `needle`, as sent.
    pub fn body_text(&self, needle: &str, n: usize) -> String {
        let request = self
            .requests()
            .into_iter()
            .filter(|r| r["url"].as_str().unwrap_or_default().contains(needle))
            .nth(n)
            .unwrap_or_else(|| panic!("no request {n} to {needle}: {:?}", self.requests()));
        request["body"].as_str().unwrap().to_owned()
    }

    /// The keys, in the order sent, of the object at `path` in the body of request `n`
    /// to a URL containing `needle` (`serde_json` sorts keys; the browser's parser does not).
    pub fn keys(&self, needle: &str, n: usize, path: &[&str]) -> Vec<String> {
        let mut value = js_sys::JSON::parse(&self.body_text(needle, n)).unwrap();
        for key in path {
            value = get(&value, key);
        }
        js_sys::Object::keys(&value.into())
            .iter()
            .map(|k| k.as_string().unwrap())
            .collect()
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        let restore: Function = get(&self.inner, "restore").dyn_into().unwrap();
        restore.call0(&JsValue::NULL).unwrap();
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Promise;
}

/// The emulator's admin API (`/__fake/{path}`), with the browser's `fetch` (the tests'
/// own requests, not the library's).
async fn admin(base: &str, method: &'static str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{base}/__fake/{path}");
    let headers = web_sys::Headers::new().unwrap();
    let token = option_env!("GV_FAKE_ADMIN_TOKEN").unwrap_or_default();
    headers.set("x-fake-admin-token", token).unwrap();
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body.or((method != "GET").then(Value::default)) {
        headers.set("Content-Type", "application/json").unwrap();
        init.set_body(&JsValue::from_str(&body.to_string()));
    }
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(&url, &init).unwrap();
    let answer: web_sys::Response = JsFuture::from(global_fetch(&request))
        .await
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(answer.ok(), "{method} {path}: {}", answer.status());
    let text = JsFuture::from(answer.text().unwrap()).await.unwrap();
    serde_json::from_str(&text.as_string().unwrap_or_default()).unwrap_or(Value::Null)
}

/// Forgets faults, files, sessions and the report.
pub async fn reset(base: &str) {
    admin(base, "POST", "reset", None).await;
}

/// Arms one fault (`POST /__fake/faults`).
pub async fn arm(base: &str, fault: Value) {
    admin(base, "POST", "faults", Some(fault)).await;
}

/// What the emulator received.
pub async fn report(base: &str) -> Value {
    admin(base, "GET", "report", None).await
}

/// Panics unless every fault armed since the last reset fired as often as it was armed
/// for (a sticky one at least once): a fault test must prove that its fault happened.
pub async fn assert_faults_fired(base: &str) {
    let report = report(base).await;
    let faults = report["faults"].as_array().cloned().unwrap_or_default();
    assert!(!faults.is_empty(), "no fault was armed: {report}");
    for fault in faults {
        let sticky = fault["spec"]["sticky"].as_bool().unwrap_or(false);
        let wanted = if sticky {
            1
        } else {
            fault["spec"]["times"].as_u64().unwrap_or(1)
        };
        let fired = fault["fired"].as_u64().unwrap_or(0);
        assert!(
            fired >= wanted,
            "fault fired {fired} of {wanted} times: {fault}"
        );
    }
}

/// Changes run-time settings (`PATCH /__fake/config`).
pub async fn configure(base: &str, settings: Value) {
    admin(base, "PATCH", "config", Some(settings)).await;
}

/// Expires every open upload session.
pub async fn expire_sessions(base: &str) {
    admin(base, "POST", "sessions/expire", None).await;
}

/// The report's record of the upload that made `file` (`files/abc`).
pub fn upload_of<'a>(report: &'a Value, file: &str) -> &'a Value {
    report["uploads"]
        .as_object()
        .and_then(|uploads| uploads.values().find(|u| u["file"] == file))
        .unwrap_or_else(|| panic!("no upload made {file}: {report}"))
}

/// Deterministic bytes that sniff as nothing in particular.
pub fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| {
            (i as u32)
                .wrapping_mul(2_654_435_761)
                .rotate_left(u32::from(seed % 31)) as u8
        })
        .map(|b| b ^ seed)
        .collect()
}

/// A Blob of `bytes` with `mime` as its type.
pub fn blob(bytes: &[u8], mime: &str) -> Blob {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

/// A File named `name` (no type: the client sniffs or is told).
pub fn file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = Array::of1(&Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

/// A Blob of `len` bytes made of one 1 MiB block repeated (so a 200 MB Blob costs the
/// page 1 MiB of script memory), and the base64 SHA-256 of its contents.
pub fn repeated_blob(len: usize, mime: &str) -> (Blob, String) {
    const BLOCK: usize = 1 << 20;
    let block = pattern(BLOCK, 7);
    let array = Uint8Array::from(block.as_slice());
    let parts = Array::new();
    let mut hasher = Sha256::new();
    let mut left = len;
    while left >= BLOCK {
        parts.push(&array);
        hasher.update(&block);
        left -= BLOCK;
    }
    if left > 0 {
        parts.push(&array.subarray(0, left as u32));
        hasher.update(&block[..left]);
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(hasher.finalize());
    (blob, hash)
}

/// The base64 SHA-256 of `bytes`, as the File API's `sha256Hash`.
pub fn sha256_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// A real image from `../shared/samples/images`.
#[macro_export]
macro_rules! sample_image {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/images/",
            $name
        ))
    };
}

/// A minimal MP4 header (`ftyp` box) followed by `len` pattern bytes: sniffs as
/// video/mp4, which the emulator keeps `PROCESSING` for a while.
pub fn mp4(len: usize) -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2".to_vec();
    bytes.extend(pattern(len, 3));
    bytes
}

/// Upload options for pattern bytes: typed `text/plain`, in fixed `chunk`-byte chunks.
pub fn text_upload(chunk: u64) -> gemini_vision_web::UploadOptions {
    gemini_vision_web::UploadOptions {
        mime_type: Some("text/plain".into()),
        chunk_size: Some(chunk),
        ..gemini_vision_web::UploadOptions::default()
    }
}

/// Every item of an async iterable (`for await`), or the error it rejected with.
pub async fn drain(iterable: &JsValue) -> Result<Vec<JsValue>, JsValue> {
    let method: Function = Reflect::get(iterable, &js_sys::Symbol::async_iterator())?.dyn_into()?;
    let iterator = method.call0(iterable)?;
    let next: Function = get(&iterator, "next").dyn_into()?;
    let mut items = Vec::new();
    loop {
        let step = resolve(next.call0(&iterator)?.dyn_into()?).await?;
        if get(&step, "done").as_bool() == Some(true) {
            return Ok(items);
        }
        items.push(get(&step, "value"));
    }
}

/// The `code` of a rejected call's error (our classes), or its `name` (an `AbortError`).
pub fn code_of(error: &JsValue) -> String {
    get(error, "code")
        .as_string()
        .or_else(|| get(error, "name").as_string())
        .unwrap_or_default()
}

/// Runs two futures to completion together (no executor dependency in the tests).
pub async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    std::future::poll_fn(|cx| {
        if out_a.is_none()
            && let Poll::Ready(v) = a.as_mut().poll(cx)
        {
            out_a = Some(v);
        }
        if out_b.is_none()
            && let Poll::Ready(v) = b.as_mut().poll(cx)
        {
            out_b = Some(v);
        }
        if out_a.is_some() && out_b.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (out_a.unwrap(), out_b.unwrap())
}
