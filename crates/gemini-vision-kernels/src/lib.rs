//! The byte and pixel loops of `gemini-vision`, on plain slices.
//!
//! Cargo optimises per crate: the browser package is built for size (`opt-level = "z"`),
//! which makes these loops two to three times slower (no unrolling, SIMD helpers left as
//! calls). The workspace's release profile builds this crate with `opt-level = 3`, so
//! they keep their speed while the rest stays small. Callers (`gemini-vision`) check sizes
//! and caps and turn mistakes into errors; the functions here never panic and never read
//! or write outside the slices they are given.

#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

pub mod base64;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod base64_simd;
pub mod blend;
pub mod classify;
pub mod resample;
