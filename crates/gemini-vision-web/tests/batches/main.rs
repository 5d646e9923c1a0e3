//! `ai.batches` against the emulator in headless Chromium: batches of inline requests
//! and of generated images (through a JSONL file) to completion with their results
//! joined to keys, the SDK's requests on the wire, the emulator's batch faults (each
//! proved fired), cancel, delete, abort of a wait and of an upload, and list paging.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod faults;
mod file;
mod hostile;
mod inline;
mod jobs;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use gemini_vision_web::GoogleGenAI;
use js_sys::{Array, Function, Promise};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The model every test uses.
pub const MODEL: &str = "gemini-2.5-flash";
/// What makes the emulator run its colour-region detector.
pub const DETECT: &str = "Detect the 2d bounding boxes";

#[wasm_bindgen(inline_js = r##"
export async function makeImages(count, side) {
  const images = [];
  const cell = side / 4;
  for (let i = 0; i < count; i++) {
    const canvas = new OffscreenCanvas(side, side);
    const g = canvas.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, side, side);
    g.fillStyle = "#ff0000";
    g.fillRect((i % 4) * cell, (Math.floor(i / 4) % 4) * cell, cell, cell);
    images.push(await canvas.convertToBlob({ type: "image/png" }));
  }
  return images;
}
export async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}
"##)]
extern "C" {
    /// `count` PNGs of `side` pixels: white with a red square in cell `i % 16` of a
    /// 4x4 grid (row-major), so each answer's box tells which image it was.
    #[wasm_bindgen(js_name = makeImages)]
    pub fn make_images(count: u32, side: u32) -> Promise;
    /// Every item of an async iterable, through `for await`.
    pub fn collect(iterable: &JsValue) -> Promise;
}

/// A client of the emulator.
pub fn ai() -> GoogleGenAI {
    support::genai(support::fake())
}

/// Awaits a promise.
pub async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// A fast batch clock (batches of hundreds end within seconds).
pub async fn fast_clock() {
    clock(100, 100, 1).await;
}

/// The batch clock: PENDING for `pending` ms, RUNNING for `running` plus `per_request`
/// ms for each request.
pub async fn clock(pending: u64, running: u64, per_request: u64) {
    support::configure(
        support::fake(),
        json!({"batchPendingMs": pending, "batchRunningMs": running, "batchRequestMs": per_request}),
    )
    .await;
}

/// `value[key]` as a string ("" when it is not one).
pub fn text(value: &JsValue, key: &str) -> String {
    support::get(value, key).as_string().unwrap_or_default()
}

/// The `code` of a rejection (our classes), or its `name` (an `AbortError`).
pub fn code(error: &JsValue) -> String {
    match text(error, "code") {
        code if code.is_empty() => text(error, "name"),
        code => code,
    }
}

/// `n` text requests `{ key: "q-{i}", contents }` whose prompts grow by a word each,
/// so every answer's `promptTokenCount` differs.
pub fn questions(n: usize) -> Value {
    let requests: Vec<Value> = (0..n)
        .map(|i| json!({"key": format!("q-{i}"), "contents": question(i)}))
        .collect();
    Value::Array(requests)
}

/// The prompt of request `i` of [`questions`].
pub fn question(i: usize) -> String {
    format!("Tell me about {}", "the sky ".repeat(i + 1))
}

/// `options` for `wait`: a 50 ms poll and an `onState` that records every job.
pub fn watching() -> (JsValue, Rc<RefCell<Vec<Value>>>) {
    let seen: Rc<RefCell<Vec<Value>>> = Rc::default();
    let sink = seen.clone();
    let on_state = Closure::<dyn Fn(JsValue)>::new(move |job: JsValue| {
        sink.borrow_mut().push(support::json(&job));
    });
    let options = support::js(&json!({"pollMs": 50}));
    support::set(&options, "onState", &on_state.into_js_value());
    (options, seen)
}

/// Whether the emulator has seen a `batchGenerateContent` request since its last reset.
pub async fn job_created() -> bool {
    let report = support::report(support::fake()).await;
    report["requests"].as_array().unwrap().iter().any(|r| {
        r["path"]
            .as_str()
            .unwrap_or_default()
            .contains("batchGenerateContent")
    })
}

/// Creates a batch of `src` (JSON) with `config` (JSON).
pub async fn create(src: Value, config: Value) -> Result<JsValue, JsValue> {
    let params = support::js(&json!({"model": MODEL, "src": src, "config": config}));
    settle(ai().batches().create_js(params)).await
}

/// Waits for `job` with a 50 ms poll; the final job and every job `onState` saw.
pub async fn wait(job: &JsValue) -> (JsValue, Vec<Value>) {
    let (options, seen) = watching();
    let done = settle(ai().batches().wait_js(job.clone(), options))
        .await
        .unwrap();
    let seen = seen.borrow().clone();
    (done, seen)
}

/// The results of `job`, collected.
pub async fn results(job: &JsValue) -> Vec<JsValue> {
    let iterable = ai()
        .batches()
        .results_js(job.clone(), JsValue::UNDEFINED)
        .unwrap();
    Array::from(&settle(collect(&iterable)).await.unwrap())
        .iter()
        .collect()
}

/// `response.text` of a result (through the class's getter).
pub fn response_text(result: &JsValue) -> String {
    text(&support::get(result, "response"), "text")
}

/// `response.usageMetadata.promptTokenCount` of a result.
pub fn prompt_tokens(result: &JsValue) -> u64 {
    let usage = support::get(&support::get(result, "response"), "usageMetadata");
    support::get(&usage, "promptTokenCount")
        .as_f64()
        .unwrap_or(-1.0) as u64
}

/// A `function` for JS from a Rust closure.
pub fn function(f: impl Fn(JsValue) + 'static) -> Function {
    Closure::<dyn Fn(JsValue)>::new(f)
        .into_js_value()
        .unchecked_into()
}
