//! The rules of `@google/genai` 3.6.1 for the Gemini Developer API, as functions over keys
//! and small descriptions, so that a shell (the browser crate) applies them to the JS
//! objects it holds and gets the same requests on the wire and the same response objects
//! as the SDK, without modelling the JSON here.
//!
//! - [`config`]: where each key of a `config` goes (the request body, `generationConfig`,
//!   the client, or refused), and the body's key order.
//! - [`shape`]: the fields the SDK knows in parts, tools and answers, in its order, with
//!   its renames (`citationSources` -> `citations`) and refusals.
//! - [`contents`]: how `contents`, a chat message and a system instruction become
//!   Contents (`tContents`, `tContent`, `tParts`), and where a part's media comes from.
//! - [`schema`]: how a response schema or a function's parameters are rewritten.
//! - [`history`]: a chat's history: role checks, curation, what is recorded.
//! - [`names`]: model and resource names and their URL paths.
//! - [`settings`]: the one settings type of a request, for Rust callers.
//!
//! Where we differ from the SDK, on purpose and additively: unknown fields are kept
//! (the SDK drops them), an unknown config key goes into `generationConfig`, and media
//! can be a `Blob`. Nothing here performs I/O or sees the API key.

pub mod config;
pub mod contents;
pub mod history;
pub mod names;
pub mod schema;
pub mod settings;
pub mod shape;
