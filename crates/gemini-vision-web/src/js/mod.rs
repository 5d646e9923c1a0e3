//! The `#[wasm_bindgen]` exports of detections and overlays (`parseDetections`,
//! `OverlayRenderer`, `labelColor`), and the benchmark hook with the `bench` feature.

#[cfg(feature = "bench")]
mod bench;
mod detection;
mod parse;
mod render;

pub use detection::detection_schema_js;
pub use parse::parse_detections_js;
pub use render::JsOverlayRenderer;
