//! The client against the emulator in headless Chromium: generateContent, streaming,
//! countTokens, previews, automatic uploads, typed errors and faults, and the JS API.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod answers;
mod failures;
mod js_api;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
