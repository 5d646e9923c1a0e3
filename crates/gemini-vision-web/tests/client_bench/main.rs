//! A benchmark of the client's byte paths in headless Chromium; it prints numbers and
//! asserts no timing. Not built by `cargo test` (`test = false` in Cargo.toml, so the test
//! suite neither runs nor skips it); run it (release build) with
//! `bash scripts/suites/web-wasm.sh --release --test client_bench -- --nocapture`.
//!
//! 1. Assembling an inline body (`body::assemble`: read in slices, base64 in wasm,
//!    `new Blob(parts)`) for 1 to 32 MB of media, median of 5, and its parts measured
//!    apart (reading slices of two sizes, encoding, copying out, building the Blob).
//! 2. A 15 MB inline `countTokens` to the emulator, median of 5.
//! 3. Uploads of 128 and 200 MiB Blobs to the emulator (adaptive chunks).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

#[path = "../support/mod.rs"]
mod support;

use gemini_vision::request::RequestBuilder;

use gemini_vision::base64::encode_slice;
use gemini_vision_web::body::{assemble, read_range};
use gemini_vision_web::timer::now_ms;
use gemini_vision_web::{GenerateRequest, Input, UploadOptions};
use support::{client, client_with, fake};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[wasm_bindgen_test]
async fn inline_bodies() {
    for mb in [1usize, 8, 15, 32] {
        let len = mb * 1_000_000;
        let (blob, _) = support::repeated_blob(len, "image/jpeg");
        let mut builder = RequestBuilder::new();
        builder
            .max_body_bytes(200_000_000)
            .inline_slot("image/jpeg", len as u64)
            .text("Describe");
        let pieces = builder.build_pieces().unwrap();
        let mut times = Vec::new();
        for _ in 0..5 {
            let started = now_ms();
            let body = assemble(&pieces, std::slice::from_ref(&blob), None, None)
                .await
                .unwrap();
            times.push(now_ms() - started);
            assert_eq!(body.size() as u64, pieces.len());
        }
        let ms = median(times);
        console_log!(
            "assemble {mb} MB: median {ms:.1} ms ({:.0} MB/s)",
            mb as f64 / ms * 1e3
        );
    }
}

#[wasm_bindgen_test]
async fn inline_body_parts() {
    let len = 15_000_000u64;
    let (blob, _) = support::repeated_blob(len as usize, "image/jpeg");
    for slice in [3u64 << 20, 12 << 20] {
        let started = now_ms();
        let mut start = 0;
        while start < len {
            let end = (start + slice).min(len);
            read_range(&blob, start, end).await.unwrap();
            start = end;
        }
        console_log!(
            "read 15 MB in {} MiB slices: {:.1} ms",
            slice >> 20,
            now_ms() - started
        );
    }
    let raw = support::pattern(3 << 20, 1);
    let mut out = Vec::new();
    let started = now_ms();
    for _ in 0..5 {
        encode_slice(&raw, &mut out);
    }
    console_log!("encode 15 MiB: {:.1} ms", now_ms() - started);
    let parts = js_sys::Array::new();
    let started = now_ms();
    for _ in 0..5 {
        parts.push(&js_sys::Uint8Array::from(out.as_slice()));
    }
    console_log!(
        "copy 20 MiB of base64 out of wasm: {:.1} ms",
        now_ms() - started
    );
    let started = now_ms();
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    console_log!(
        "new Blob of 5 parts ({} B): {:.1} ms",
        blob.size(),
        now_ms() - started
    );
}

#[wasm_bindgen_test]
async fn inline_count_tokens_round_trip() {
    let client = client_with(fake(), |o| o.max_inline_bytes = Some(100_000_000));
    let (blob, _) = support::repeated_blob(15_000_000, "image/jpeg");
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = now_ms();
        let contents = vec![Input::Blob(blob.clone()), Input::Text("x".into())];
        // The emulator refuses the pattern as an image after reading the whole body.
        let _ = client
            .count_tokens(GenerateRequest::new("gemini-2.5-flash", contents))
            .await;
        times.push(now_ms() - started);
    }
    console_log!(
        "countTokens, 15 MB inline, to the emulator: median {:.1} ms",
        median(times)
    );
}

#[wasm_bindgen_test]
async fn uploads() {
    for mib in [128usize, 200] {
        let len = mib << 20;
        let (blob, _) = support::repeated_blob(len, "video/mp4");
        let started = now_ms();
        client(fake())
            .files()
            .upload(&blob, UploadOptions::default())
            .await
            .unwrap();
        let ms = now_ms() - started;
        console_log!(
            "upload {mib} MiB: {ms:.0} ms, {:.0} MB/s",
            len as f64 / 1e6 / ms * 1e3
        );
    }
}
