//! Serde types for the Gemini REST JSON.
//!
//! Serialization is camelCase, as the API documents it. Deserialization also accepts
//! the snake_case that the official Python client sends inside parts (`mime_type`,
//! `file_uri`, `thinking_budget`). Enums that the API may grow deserialize unknown
//! values into an `Unknown` variant instead of failing, and int64 fields travel as
//! strings. These types carry data only; they never perform I/O.
//!
//! Every struct keeps the fields it does not know in a flattened `extra` map, and every
//! optional field or list remembers whether it was present, so deserializing and
//! serializing again gives back the same JSON value. The exceptions are deliberate and
//! carry no information: explicit `null`s are dropped, snake_case keys come back
//! camelCase, and an integral float (`1.0`) comes back as an integer (`1`).

mod block;
mod config;
mod content;
mod count_tokens;
mod error_body;
pub mod file;
mod float;
mod generate;
pub mod int64;
mod json_shape;
mod open_enum;
mod response;
mod safety;
mod usage;

pub use block::{BlockCause, Blocked};
pub use config::{GenerationConfig, MediaResolution, ThinkingConfig, ThinkingLevel};
pub use content::{Blob, Content, FileData, InlineData, Part, PartMediaResolution};
pub use count_tokens::{CountTokensRequest, CountTokensResponse};
pub use error_body::{ErrorDetail, ErrorResponse};
pub use file::{File, FileSource, FileState, ListFilesResponse, Status, UploadFileResponse};
pub use generate::GenerateContentRequest;
pub use json_shape::{JsonLimits, JsonShape, read_json, read_value, read_with};
pub use response::{BlockReason, Candidate, FinishReason, GenerateContentResponse, PromptFeedback};
pub use safety::{HarmBlockThreshold, HarmCategory, HarmProbability, SafetyRating, SafetySetting};
pub use usage::{Modality, ModalityTokenCount, UsageMetadata};
