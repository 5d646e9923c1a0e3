//! The `#[wasm_bindgen]` exports of detections and overlays (`parseDetections`,
//! `OverlayRenderer`, `labelColor`) and the benchmark hook.

mod bench;
mod detection;
mod parse;
mod render;
