//! # gemini-vision-web
//!
//! Gemini's vision features from a web page, as a drop-in for `@google/genai`'s browser
//! surface: `GoogleGenAI` with `models`, `chats`, `files`, `caches` and `batches`, the
//! SDK's argument objects, response classes, pagers, errors, enums and helpers; plus
//! ours: `Blob`s anywhere a part may be (sent inline, or uploaded first when the core's
//! plan says so), resumable uploads with progress, abort and resume, and canvas overlays
//! of boxes, masks and points. A thin shell over the `gemini-vision` core: JSON stays in
//! the browser's engine, every rule is the core's. See `docs/web-api.md`.
//!
//! From Rust, the same classes with `JsValue` arguments and results:
//!
//! ```no_run
//! use gemini_vision_web::{GenerateParams, GoogleGenAI, response};
//! use gemini_vision::request::Settings;
//!
//! async fn detect(image: web_sys::Blob) -> gemini_vision_web::Result<()> {
//!     let ai = GoogleGenAI::with_key("AIza...", None)?; // or a proxy's base URL, no key
//!     let settings = Settings { temperature: Some(0.5), thinking_budget: Some(0), ..Settings::default() };
//!     // The image goes inline (base64 made slice by slice into a Blob body), or is
//!     // uploaded first when the request would be over the inline limit.
//!     let params = GenerateParams::new("gemini-2.5-flash")
//!         .blob(&image)
//!         .text("Detect the cupcakes as 2D bounding boxes.")
//!         .settings(&settings)
//!         .build()?;
//!     let answer = ai.models().generate_content(&params).await?;
//!     println!("{}", response::text(&answer).unwrap_or_default());
//!     Ok(())
//! }
//! ```
#![deny(missing_docs, missing_debug_implementations)]

pub mod batches;
pub mod caches;
pub mod chats;
mod errors;
pub mod files;
pub mod genai;
pub mod models;
mod pager;
mod params;
#[cfg(feature = "overlays")]
pub mod render;
mod request;
pub mod response;
mod rest;
mod shape;
// Public for the browser tests only (the `test-support` feature), private otherwise.
mod blob;
#[cfg(feature = "test-support")]
pub mod timer;
#[cfg(not(feature = "test-support"))]
mod timer;
#[cfg(feature = "test-support")]
pub mod transport;
#[cfg(not(feature = "test-support"))]
mod transport;
mod values;

#[cfg(feature = "overlays")]
mod js;

/// The Blob measuring functions under the path the files module imports them from (they
/// live in `blob` and `request::media`).
mod body {
    pub(crate) use crate::blob::blob_size;
    pub(crate) use crate::request::media::blob_mime;
}

pub use batches::Batches;
pub use caches::Caches;
pub use chats::{Chat, Chats};
pub use files::{FileOps, Files, ProgressCallback, UploadOptions, UploadProgress, WaitOptions};
pub use gemini_vision::{Error, Result};
pub use genai::GoogleGenAI;
/// `parseDetections`, `detectionSchema` and `OverlayRenderer` as JS sees them, callable
/// from Rust with the same `JsValue` arguments (for Rust apps holding JS objects).
#[cfg(feature = "overlays")]
pub use js::{JsOverlayRenderer, detection_schema_js, parse_detections_js};
pub use models::Models;
pub use params::GenerateParams;

#[cfg(feature = "test-support")]
pub use errors::{forget_panic_for_test, panic_for_test};
#[cfg(feature = "test-support")]
pub use request::base64::use_native_base64_for_test;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TYPE_IMPORTS: &'static str = r#"
import type {
  Content, ContentListUnion, CountTokensParameters, CountTokensResponse, CreateChatParameters,
  GenerateContentConfig, GenerateContentParameters, GenerateContentResponse, GetModelParameters,
  GoogleGenAIOptions, JobState,
  ListModelsParameters, Model, Pager, RequestPreview, SendMessageParameters,
  HttpOptions, UploadProgress, FileState, ListFilesResponse, DeleteFileResponse,
  ListCachedContentsResponse, DeleteCachedContentResponse,
} from "./types/index.js";
"#;
pub use rest::HttpOptions;
