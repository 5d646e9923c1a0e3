//! The `#[wasm_bindgen]` exports that make up the npm package's JS API.

mod client;
mod detection;
mod errors;
mod request;
mod response;
mod types;

pub use client::{JsContentStream, JsGeminiClient};
pub use errors::error_classes;
pub use files::JsFiles;
mod files;
mod options;
mod parse;
mod render;
mod thrown;
