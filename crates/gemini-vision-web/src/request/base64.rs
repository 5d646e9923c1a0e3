//! The base64 of a `Blob`, slice by slice, as parts of the body `Blob`: our encoder
//! (wasm SIMD128: each slice copied into wasm once, encoded into one reused buffer, and
//! the body `Blob` made from a view of it), or the browser's own
//! `Uint8Array.prototype.toBase64` where it has one and this build has no SIMD128.
//!
//! Why ours first: with SIMD128 it encodes as fast as Chromium's `toBase64` (1.4-1.9 GB/s
//! against 0.3-1.3 GB/s), and its output is bytes, while `toBase64` makes a JS string per
//! slice that the `Blob` must convert to UTF-8 again. Measured by `scripts/bench` (a
//! 14.8 MB JPEG sent inline to a loopback sink): 208 ms with `toBase64`, 172 ms with ours,
//! and peak memory 0.40 -> 0.23 of the SDK's. Without SIMD128 (a build with other
//! `RUSTFLAGS`) the scalar encoder is several times slower than the native one.
//!
//! Slices are a multiple of 3 bytes, so they encode without padding and their base64
//! put end to end is the base64 of the whole. The read of the next slice is started
//! before the current one is encoded, so reading and encoding overlap.
//!
//! What this module never does: hold more than one slice of the media (and its base64)
//! in wasm memory, copy our base64 into a JS array (the `Blob` reads a view of wasm
//! memory), or build one JS string of the whole media.

use crate::transport::from_js;
use gemini_vision::base64::encode_slice;
use gemini_vision::request::MEDIA_SLICE_BYTES;
use gemini_vision::{Error, Result};
use js_sys::{Array, Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob};

/// Media is read and encoded in slices of this many bytes (a multiple of 3). Measured in
/// headless Chromium on a 15 MB Blob, reading dominates and costs per slice: 3 MiB slices
/// read in 61 ms, 12 MiB in 26 ms, while encoding all of it takes 12 ms. Four of the
/// core's slices (12 MiB) keep wasm memory at about 28 MiB with our encoder.
pub(crate) const SLICE_BYTES: u64 = 4 * MEDIA_SLICE_BYTES;

/// `Uint8Array.prototype.toBase64`, where the browser has it and this build's own encoder
/// is the scalar one (see the module docs).
fn native_encoder() -> Option<Function> {
    if cfg!(all(target_arch = "wasm32", target_feature = "simd128")) && !native_forced() {
        return None;
    }
    let prototype = Reflect::get(
        &Uint8Array::new_with_length(0),
        &JsValue::from_str("toBase64"),
    )
    .ok()?;
    prototype.dyn_into::<Function>().ok()
}

#[cfg(feature = "test-support")]
thread_local! {
    static FORCE_NATIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For the browser tests: inline bodies use the browser's `toBase64` (where it exists)
/// even in a SIMD128 build, so that both encoders can be compared.
#[cfg(feature = "test-support")]
pub fn use_native_base64_for_test(on: bool) {
    FORCE_NATIVE.with(|f| f.set(on));
}

fn native_forced() -> bool {
    #[cfg(feature = "test-support")]
    {
        FORCE_NATIVE.with(std::cell::Cell::get)
    }
    #[cfg(not(feature = "test-support"))]
    {
        false
    }
}

/// Which encoder a body is made with.
#[derive(Debug)]
pub(crate) struct Encoder {
    native: Option<Function>,
    raw: Vec<u8>,
    encoded: Vec<u8>,
}

impl Encoder {
    /// Ours with SIMD128; else the browser's where there is one, ours elsewhere.
    pub(crate) fn new() -> Self {
        Encoder {
            native: native_encoder(),
            raw: Vec::new(),
            encoded: Vec::new(),
        }
    }

    /// Appends the base64 of `blob` (`len` bytes, checked) to `parts`, slice by slice.
    pub(crate) async fn append(
        &mut self,
        blob: &Blob,
        len: u64,
        parts: &Array,
        signal: Option<&AbortSignal>,
    ) -> Result<()> {
        let slice_end = |start: u64| (start + SLICE_BYTES).min(len);
        let mut next = (len > 0).then(|| start_read(blob, 0, slice_end(0)));
        let mut start = 0;
        while let Some(read) = next.take() {
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(Error::Aborted);
            }
            let end = slice_end(start);
            let buffer = JsFuture::from(read?)
                .await
                .map_err(|e| from_js(&e, signal, None))?;
            if end < len {
                next = Some(start_read(blob, end, slice_end(end)));
            }
            let view = Uint8Array::new(&buffer);
            if u64::from(view.length()) != end - start {
                return Err(Error::invalid("Blob", "a slice was shorter than its size"));
            }
            match &self.native {
                Some(to_base64) => {
                    let text = to_base64
                        .call0(&view)
                        .map_err(|e| from_js(&e, signal, None))?;
                    // A Blob per slice: the slice's bytes and text can go at once.
                    let blob = Blob::new_with_str_sequence(&Array::of1(&text))
                        .map_err(|e| from_js(&e, signal, None))?;
                    parts.push(&blob);
                }
                None => {
                    // `copy_to` overwrites every byte: slices of one size reuse the buffer.
                    self.raw.resize(view.length() as usize, 0);
                    view.copy_to(&mut self.raw);
                    encode_slice(&self.raw, &mut self.encoded);
                    let blob = blob_of(&self.encoded)?;
                    parts.push(&blob);
                }
            }
            start = end;
        }
        Ok(())
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Array.of(bytes)`, where `bytes` arrives as a view of wasm memory (wasm-bindgen
    /// passes a borrowed slice to JS without copying it). The view is valid only until
    /// wasm memory next grows: use the array at once.
    #[wasm_bindgen(js_namespace = Array, js_name = of)]
    fn array_of_view(bytes: &[u8]) -> Array;
}

/// A `Blob` of `bytes`, copied by the `Blob` straight out of a view of wasm memory: no
/// JS copy first, and the buffer is free again once this returns.
pub(crate) fn blob_of(bytes: &[u8]) -> Result<Blob> {
    Blob::new_with_u8_array_sequence(&array_of_view(bytes)).map_err(|e| from_js(&e, None, None))
}

/// Starts reading `start..end` of `blob` (the promise of an `ArrayBuffer`).
fn start_read(blob: &Blob, start: u64, end: u64) -> Result<js_sys::Promise> {
    crate::blob::blob_slice(blob, start, end).map(|slice| slice.array_buffer())
}
