//! # gemini-vision
//!
//! Everything a Gemini vision client has to *decide*, with no I/O: it builds request
//! bodies (base64 written straight into the output bytes), sniffs media, estimates
//! tokens, drives the File API's resumable upload protocol as a state machine, parses
//! whatever shape a model used for boxes, masks and points, and turns them into pixels
//! and overlay layers.
//!
//! The browser shell (`gemini-vision-web`) and the CLI only move bytes; every rule lives
//! here, so it is tested natively, fuzzed, and behaves the same everywhere.
//!
//! This crate never performs network or file I/O, never touches `web-sys`, and never
//! panics on untrusted input.
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]

pub mod api_key;
pub mod base64;
pub mod batch;
mod calendar;
pub mod endpoint;
pub mod error;
pub mod geometry;
pub mod http;
pub mod json;
pub mod mask;
pub mod media;
pub mod overlay;
pub mod request;
pub mod response;
pub mod retry;
pub mod sdk;
pub mod spatial;
pub mod tokens;
pub mod upload;
pub mod wire;

pub use api_key::ApiKey;
pub use error::{ApiError, Error, Result};
