//! # gemini-vision-web
//!
//! Gemini's vision features from a web page: requests over `fetch`, resumable File API
//! uploads straight from a `Blob` with progress, abort and resume, and canvas overlays of
//! boxes, masks and points. A thin shell over the `gemini-vision` core: this crate moves
//! bytes and pixels; every decision is the core's. See `docs/web-api.md`.
//!
//! ```no_run
//! use gemini_vision_web::{Client, ClientOptions, GenerateRequest, Input, UploadOptions};
//!
//! async fn detect(image: web_sys::Blob, video: web_sys::File) -> gemini_vision_web::Result<()> {
//!     let client = Client::new(ClientOptions {
//!         api_key: Some("AIza...".into()), // or None, with base_url = the app's proxy
//!         ..ClientOptions::default()
//!     })?;
//!     // The image goes inline (base64 made in wasm, slice by slice, into a Blob body);
//!     // media too large for the inline limit is uploaded first, as the core's plan says.
//!     let prompt = Input::Text("Detect the cupcakes as 2D bounding boxes.".into());
//!     let request = GenerateRequest::new("gemini-2.5-flash", vec![Input::Blob(image), prompt]);
//!     let answer = client.generate_content(request.clone()).await?;
//!     println!("{}", answer.response.text());
//!
//!     // The same request, streamed.
//!     let mut stream = client.generate_content_stream(request);
//!     while let Some(chunk) = stream.next().await {
//!         print!("{}", chunk?.text());
//!     }
//!
//!     // A resumable upload with progress; a reload resumes it from localStorage.
//!     let options = UploadOptions {
//!         on_progress: Some(std::rc::Rc::new(|p| println!("{} / {}", p.sent, p.total))),
//!         ..UploadOptions::default()
//!     };
//!     let file = client.files().upload(&video, options).await?;
//!     let file = client.files().wait_until_active(&file.name, Default::default()).await?;
//!     println!("{:?}", file.uri);
//!     Ok(())
//! }
//! ```

pub mod batches;
pub mod body;
pub mod caches;
pub mod chats;
pub mod client;
mod errors;
pub mod files;
pub mod genai;
pub mod models;
mod pager;
pub mod render;
mod response;
mod rest;
pub mod timer;
pub mod transport;
mod values;

mod js;

pub use batches::Batches;
pub use caches::Caches;
pub use chats::Chats;
pub use client::{
    Client, ClientOptions, ContentStream, GenerateConfig, GenerateRequest, GenerateResult, Input,
    RequestPreview,
};
pub use files::{FileOps, Files, ProgressCallback, UploadOptions, UploadProgress, WaitOptions};
pub use gemini_vision::{Error, Result};
pub use genai::GoogleGenAI;
pub use models::Models;
pub use rest::HttpOptions;
