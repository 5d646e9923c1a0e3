//! `ai.files` and `ai.caches` of the new surface against the emulator in headless
//! Chromium: uploads of every size and through every fault the emulator injects (each
//! proved from its report: bytes arrived once, `sha256Hash` equals ours), abort and
//! resume, the SDK's requests on the wire (seen by a `fetch` observer), keyless uploads,
//! the other file methods, context caches, and hostile arguments.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod caches;
mod file_methods;
mod hostile;
mod upload_abort_resume;
mod upload_faults;
mod upload_sizes;
mod upload_wire;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use gemini_vision_web::GoogleGenAI;
use js_sys::{Array, Promise, Reflect};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
export function observe(uploadUrl) {
  const original = globalThis.fetch;
  const seen = [];
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const headers = {};
    request.headers.forEach((value, name) => { headers[name] = value; });
    const entry = { method: request.method, url: request.url, headers, redirect: request.redirect };
    seen.push(entry);
    if ((headers["content-type"] || "").includes("json")) entry.body = await request.clone().text();
    const response = await original(request);
    if (uploadUrl !== undefined && response.headers.has("x-goog-upload-url")) {
      const changed = new Headers(response.headers);
      changed.set("x-goog-upload-url", uploadUrl);
      return new Response(response.body, { status: response.status, headers: changed });
    }
    return response;
  };
  return { seen, stop() { globalThis.fetch = original; } };
}
export async function startSession(base, key, size, mime) {
  const answer = await fetch(`${base}/upload/v1beta/files`, {
    method: "POST",
    headers: {
      "x-goog-api-key": key, "Content-Type": "application/json",
      "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
      "X-Goog-Upload-Header-Content-Length": String(size),
      "X-Goog-Upload-Header-Content-Type": mime,
    },
    body: JSON.stringify({ file: { displayName: "started by the server" } }),
  });
  return answer.headers.get("x-goog-upload-url");
}
export function hostileValues() {
  const trap = () => { throw new Error("trap"); };
  const throwing = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const getters = {};
  for (const key of ["file", "name", "config", "model"]) {
    Object.defineProperty(getters, key, { get: trap, enumerable: true });
  }
  const cyclic = { parts: [] };
  cyclic.parts.push({ text: "x", self: cyclic });
  const blob = new Blob(["x"]);
  return [
    undefined, null, 3, NaN, "text", true, Symbol("s"), 10n, [], {}, () => 1, throwing, revoked,
    getters, { file: { size: 3 } }, { file: "path.txt" }, { file: throwing }, { file: blob, config: 5 },
    { file: blob, config: { abortSignal: {} } }, { file: blob, config: { chunkSize: -1 } },
    { file: blob, config: { chunkSize: 1.5 } }, { file: blob, config: { onProgress: 5 } },
    { file: blob, config: { httpOptions: { headers: throwing } } },
    { file: blob, config: { httpOptions: { timeout: -1 } } },
    { file: blob, config: { mimeType: "x\r\ny" } }, { file: blob, config: { uploadUrl: 5 } },
    { name: 5 }, { name: {} }, { name: throwing }, { name: "files/../x" }, { name: "x", config: { timeoutMs: NaN } },
    { model: 5 }, { model: "m", config: { contents: cyclic } }, { model: "m", config: throwing },
    { model: "m", config: { contents: throwing } }, { model: "m", config: { contents: [throwing] } },
    { model: "m", config: { contents: [new Blob(["x"])] } },
    { model: "m", config: { contents: { role: "user", parts: [{ inlineData: new Blob(["x"]) }] } } },
    { config: { pageSize: -1 } }, { config: { pageSize: "2" } }, { config: { pageToken: 5 } },
    { file: 5, config: { maxBytes: -1 } },
  ];
}
export function within(promise, ms) {
  return Promise.race([
    promise.then((value) => ({ settled: "resolved", value }), (value) => ({ settled: "rejected", value })),
    new Promise((resolve) => setTimeout(() => resolve({ settled: "hung" }), ms)),
  ]);
}
export async function collect(pager) {
  const items = [];
  for await (const item of pager) items.push(item);
  return items;
}
"#)]
extern "C" {
    /// Records every request handed to `fetch` (method, url, headers, redirect mode, JSON
    /// body); with `upload_url`, answers carrying `X-Goog-Upload-URL` get that value
    /// instead (a hostile server).
    #[derive(Debug, Clone)]
    pub type Observer;
    /// Wraps `globalThis.fetch` (wasm-bindgen's glue looks it up at every call).
    pub fn observe(upload_url: Option<String>) -> Observer;
    /// The requests seen so far.
    #[wasm_bindgen(method, getter)]
    pub fn seen(this: &Observer) -> Array;
    /// Puts the original `fetch` back.
    #[wasm_bindgen(method)]
    pub fn stop(this: &Observer);
    /// What an app's server does: starts a session with the key (from this page, so the
    /// session is bound to its Origin) and returns the session URL.
    #[wasm_bindgen(js_name = startSession)]
    pub fn start_session(base: &str, key: &str, size: f64, mime: &str) -> Promise;
    /// Every item of a Pager, through `for await`.
    pub fn collect(pager: &JsValue) -> Promise;
    /// Arguments no method may trap, hang or throw a bare `TypeError` on.
    #[wasm_bindgen(js_name = hostileValues)]
    pub fn hostile_values() -> Array;
    /// `{ settled: "resolved" | "rejected" | "hung", value }` within `ms`.
    pub fn within(promise: &Promise, ms: f64) -> Promise;
}

/// Stops observing when dropped (a failed assertion must not leave `fetch` wrapped).
#[derive(Debug)]
pub struct Watching(pub Observer);

impl Drop for Watching {
    fn drop(&mut self) {
        self.0.stop();
    }
}

impl Watching {
    /// The requests seen so far, as JSON.
    pub fn requests(&self) -> Vec<Value> {
        let json = js_sys::JSON::stringify(&self.0.seen()).unwrap();
        serde_json::from_str(&json.as_string().unwrap()).unwrap()
    }
}

/// Starts watching `fetch`.
pub fn watch() -> Watching {
    Watching(observe(None))
}

/// A JS value from JSON.
pub fn obj(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// `value[key] = field`.
pub fn set(value: &JsValue, key: &str, field: &JsValue) {
    Reflect::set(value, &JsValue::from_str(key), field).unwrap();
}

/// `value[key]` as a string ("" when it is not one).
pub fn text(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

/// A client of `base` with the emulators' key.
pub fn ai(base: &str) -> GoogleGenAI {
    ai_with(base, Some(support::KEY))
}

/// A client of `base` with `key` (or none).
pub fn ai_with(base: &str, key: Option<&str>) -> GoogleGenAI {
    let options = obj(&format!(r#"{{"httpOptions":{{"baseUrl":"{base}"}}}}"#));
    if let Some(key) = key {
        set(&options, "apiKey", &JsValue::from_str(key));
    }
    GoogleGenAI::new(options).unwrap()
}

/// What a promise settled with.
pub async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// `{ file, config }`.
pub fn upload_params(file: &JsValue, config: &JsValue) -> JsValue {
    let params = obj("{}");
    set(&params, "file", file);
    set(&params, "config", config);
    params
}

/// `{ mimeType: "text/plain", chunkSize }` (pattern bytes sniff as nothing).
pub fn text_config(chunk: u64) -> JsValue {
    obj(&format!(
        r#"{{"mimeType":"text/plain","chunkSize":{chunk}}}"#
    ))
}

/// One `onProgress` report: sent, total, restarts, resumed.
pub type Report = (u64, u64, u64, bool);

/// An `onProgress` function that records every report, and the reports; `then` runs
/// after each.
pub fn progress(then: impl Fn(Report) + 'static) -> (JsValue, Rc<RefCell<Vec<Report>>>) {
    let seen: Rc<RefCell<Vec<Report>>> = Rc::default();
    let sink = seen.clone();
    let callback = Closure::<dyn Fn(JsValue)>::new(move |p: JsValue| {
        let number = |key| get(&p, key).as_f64().unwrap() as u64;
        let report = (
            number("sent"),
            number("total"),
            number("restarts"),
            get(&p, "resumed").as_bool().unwrap(),
        );
        sink.borrow_mut().push(report);
        then(report);
    });
    (callback.into_js_value(), seen)
}

/// Checks that `file` holds exactly `hash` and `len` bytes, of which at most
/// `max_overlap` arrived twice; returns the emulator's record of the upload.
pub fn assert_whole(
    report: &Value,
    file: &JsValue,
    len: u64,
    hash: &str,
    max_overlap: u64,
) -> Value {
    assert_eq!(text(file, "sizeBytes"), len.to_string(), "sizeBytes");
    assert_eq!(text(file, "sha256Hash"), hash, "sha256Hash");
    let upload = support::upload_of(report, &text(file, "name")).clone();
    let session = session_requests(report, &upload);
    assert_eq!(upload["bytesCommitted"].as_u64(), Some(len), "{upload}");
    let overlap = upload["overlapBytes"].as_u64().unwrap_or(u64::MAX);
    assert!(
        overlap <= max_overlap,
        "{overlap} bytes arrived twice: {upload} {session:?}"
    );
    assert_eq!(upload["status"], "final");
    upload
}

/// [`assert_whole`] with no byte sent twice.
pub fn assert_whole_once(report: &Value, file: &JsValue, len: u64, hash: &str) -> Value {
    assert_whole(report, file, len, hash, 0)
}

/// [`assert_whole_once`] for a file that should hold `bytes`.
pub fn assert_holds(report: &Value, file: &JsValue, bytes: &[u8]) -> Value {
    assert_whole_once(
        report,
        file,
        bytes.len() as u64,
        &support::sha256_b64(bytes),
    )
}

/// The one upload session the emulator saw.
pub fn only_session(report: &Value) -> Value {
    let uploads = report["uploads"].as_object().unwrap();
    assert_eq!(uploads.len(), 1, "{report}");
    uploads.values().next().unwrap().clone()
}

/// The requests of the upload session `upload` as "METHOD STATUS BYTES".
pub fn session_requests(report: &Value, upload: &Value) -> Vec<String> {
    let id = upload["uploadId"].as_str().unwrap_or_default();
    report["requests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.contains(id)))
        .map(|r| {
            format!(
                "{} {} {}",
                r["method"].as_str().unwrap_or(""),
                r["status"],
                r["bytes"]
            )
        })
        .collect()
}

/// The `code` of a rejection (our classes), or its `name` (an `AbortError`).
pub fn code(error: &JsValue) -> String {
    let code = text(error, "code");
    if code.is_empty() {
        text(error, "name")
    } else {
        code
    }
}
