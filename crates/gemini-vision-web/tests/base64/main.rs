//! The base64 of inline bodies as built in the browser: with SIMD128 (on in every wasm
//! build, `.cargo/config.toml`), the core's encoder must still write exactly the
//! standard, padded base64, at every length and for every byte value.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use gemini_vision::base64::encode_slice;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_wasm_encoder_is_standard_base64_at_every_length_and_byte() {
    // Every byte value in every position of a 12-byte step, and every tail length.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096 + 7).collect();
    let mut out = Vec::new();
    for len in (0..300).chain([4095, 4096, 4097, 4103]) {
        let input = &bytes[..len];
        encode_slice(input, &mut out);
        assert_eq!(out, STANDARD.encode(input).into_bytes(), "{len} bytes");
    }
    // Shifted starts, so that every byte value meets every lane.
    for start in 0..12 {
        encode_slice(&bytes[start..], &mut out);
        assert_eq!(
            out,
            STANDARD.encode(&bytes[start..]).into_bytes(),
            "from {start}"
        );
    }
}

#[wasm_bindgen_test]
fn the_wasm_encoder_matches_on_a_megabyte_of_noise() {
    // A fixed xorshift stream: the same bytes on every run.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..(1 << 20) + 2)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let mut out = Vec::new();
    encode_slice(&noise, &mut out);
    assert_eq!(out, STANDARD.encode(&noise).into_bytes());
}
