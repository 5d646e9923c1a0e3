//! `fetch`, and nothing else: one request out, one answer back, with the API key in its
//! header, the caller's `AbortSignal`, capped body reads, and every JS failure turned
//! into the core's [`Error`] exactly once, here at the edge.
//!
//! What this module never does: put the API key anywhere but the `x-goog-api-key`
//! header of a request the caller allows it on, let the key reach an error's text
//! (everything from outside is scrubbed with [`ApiKey::redact`]), assume a `window`
//! (the global `fetch` works in windows and workers alike), or read an answer's body
//! past the cap the caller names.

mod errors;
mod fetch;
mod read;
mod unary;

pub use errors::{from_js, scrub};
pub use fetch::{Call, CallBody, HttpSettings, Transport};
pub use read::{BodyReader, read_capped, response_headers};
pub use unary::{UNARY_BODY_CAP, send_until_accepted};
