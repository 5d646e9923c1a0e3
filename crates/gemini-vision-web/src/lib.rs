//! # gemini-vision-web
//!
//! Gemini's vision features from a web page: requests over `fetch`, resumable File API
//! uploads straight from a `Blob` with progress, abort and resume, and canvas overlays of
//! boxes, masks and points. A thin shell over the `gemini-vision` core: this crate moves
//! bytes and pixels; every decision is the core's. See `docs/web-api.md`.

pub mod body;
pub mod client;
pub mod files;
pub mod render;
pub mod resume;
pub mod timer;
pub mod transport;

mod js;

pub use client::{
    Client, ClientOptions, ContentStream, GenerateConfig, GenerateRequest, GenerateResult, Input,
    RequestPreview,
};
pub use files::{Files, ProgressCallback, UploadOptions, UploadProgress, WaitOptions};
pub use gemini_vision::{Error, Result};
/// The JS API's classes (`GeminiClient`, `Files`, `ContentStream`), callable from Rust too.
pub use js::{JsContentStream, JsFiles, JsGeminiClient, error_classes};
