//! Time, in a window or a worker: a sleep that the caller's `AbortSignal` cuts short, a
//! monotonic clock in milliseconds, and a seed for the core's retry jitter.
//!
//! What this module never does: assume a `window` (it uses `globalThis`'s
//! `setTimeout` and `performance`), or keep a timer running after an abort.

use gemini_vision::{Error, Result};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: f64, signal: Option<&AbortSignal>) -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Waits `millis` ms; [`Error::Aborted`] as soon as `signal` fires (or at once if it
/// already has).
pub async fn sleep(millis: u64, signal: Option<&AbortSignal>) -> Result<()> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    JsFuture::from(sleep_promise(millis as f64, signal))
        .await
        .map(|_| ())
        .map_err(|_| Error::Aborted)
}

/// Milliseconds from a monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    performance_now()
}

/// Milliseconds since `start` (a [`now_ms`] reading), never negative.
pub fn elapsed_ms(start: f64) -> u64 {
    let elapsed = now_ms() - start;
    if elapsed.is_finite() && elapsed > 0.0 {
        elapsed as u64
    } else {
        0
    }
}

/// A seed for the core's jitter: clients that failed together should not retry in step.
pub fn random_seed() -> u64 {
    let high = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    let low = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
    (high << 32) | low
}
