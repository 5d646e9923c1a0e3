//! `GoogleGenAI` against the emulator in headless Chromium: `models` (answers, streams,
//! counts, the model list, previews, automatic uploads, what goes on the wire, errors
//! and faults), `chats`, the File API's Rust face, hostile arguments, and the JS API.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod chats;
mod failures;
mod hostile;
mod js_api;
mod parity;
mod wire;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
