//! Serde types for the Gemini REST JSON.
//!
//! Serialization is camelCase, as the API documents it. Deserialization also accepts
//! the snake_case that the official Python client sends inside parts (`mime_type`,
//! `file_uri`, `thinking_budget`). Enums that the API may grow deserialize unknown
//! values into an `Unknown` variant instead of failing, and int64 fields travel as
//! strings. These types carry data only; they never perform I/O.

pub mod file;
pub mod int64;

pub use file::{File, FileSource, FileState, ListFilesResponse, Status, UploadFileResponse};
