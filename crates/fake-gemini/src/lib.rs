//! `fake-gemini`: a faithful local emulator of the Gemini API for offline tests and demos.
//!
//! It speaks the real wire protocol (generateContent, streaming, countTokens, the File
//! API with resumable and multipart uploads, Google's error shapes, CORS) so that the
//! official clients cannot tell it from the real service, and answers vision prompts
//! deterministically from the real image content: sample images replay recorded real
//! answers, other images go through a small colour-region detector. Faults are injected
//! on demand through `/__fake` (see the README).
//!
//! ```no_run
//! # async fn demo() -> Result<(), fake_gemini::Error> {
//! let server = fake_gemini::start(fake_gemini::Config::ephemeral()).await?;
//! println!("emulator at {}", server.base_url());
//! server.stop().await;
//! # Ok(()) }
//! ```
//!
//! It must never depend on the client core (`gemini-vision`): the two are written apart
//! so that a mistake on one side is caught by the other.

#![deny(missing_docs)]

pub mod admin;
pub mod answer;
pub mod auth;
pub mod body;
pub mod caches;
pub mod clock;
pub mod config;
pub mod conn;
pub mod cors;
pub mod count;
pub mod detector;
pub mod errors;
pub mod faults;
pub mod files;
pub mod generate;
pub mod host;
pub mod ids;
pub mod mask;
pub mod media_probe;
pub mod mime;
pub mod models;
pub mod pipeline;
pub mod prompt;
pub mod replay;
pub mod reply;
pub mod report;
pub mod response;
pub mod rules;
pub mod schema;
pub mod server;
pub mod state;
pub mod stream;
pub mod tokens;
pub mod upload;
pub mod validation;
pub mod wire;

pub use config::{Config, Settings, SettingsPatch, Style};
pub use faults::{ArmedFault, FaultKind, FaultSpec, Target};
pub use report::Report;
pub use server::{BlockingServer, Error, Running, start, start_blocking};
