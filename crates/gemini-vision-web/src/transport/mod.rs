//! The edge with the browser's answers: the client's endpoint, key and `httpOptions`
//! ([`Transport`], which `rest` sends every request with), capped body reads, and every
//! JS failure turned into the core's [`Error`] exactly once.
//!
//! What this module never does: let the key reach an error's text (everything from
//! outside is scrubbed with [`ApiKey::redact`]), or read an answer's body past the cap
//! the caller names.

mod errors;
mod read;
mod settings;

pub use errors::{from_js, scrub};
pub use read::{BodyReader, UNARY_BODY_CAP, read_capped, response_headers};
pub use settings::Transport;
