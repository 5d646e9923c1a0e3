//! The `#[wasm_bindgen]` exports that make up the npm package's JS API.

mod bench;
mod client;
mod detection;
mod errors;
mod files;
mod options;
mod parse;
mod render;
mod request;
mod response;
mod types;

pub use client::{JsContentStream, JsGeminiClient};
pub use detection::detection_schema_js;
pub use errors::error_classes;
pub use files::JsFiles;
pub use parse::parse_detections_js;
pub use render::JsOverlayRenderer;
