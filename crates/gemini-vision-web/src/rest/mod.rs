//! Every request the client sends (models, files, caches, batches, uploads): per-call
//! options as the SDK takes them, requests sent with `redirect: "error"` and the key
//! only to the API's origin as the browser's `URL` sees it, a deadline per attempt,
//! retries by the core's policy, JSON answers parsed by the browser, and resource names
//! as the SDK normalises them.
//!
//! What this module never does: send the API key to an upload session URL or to any
//! origin but the API's, follow a redirect, let a caller's name leave its path segment,
//! or parse an answer into Rust types.

mod call;
pub(crate) mod names;
mod options;
pub(crate) mod origin;
mod send;

pub use crate::request::options::HttpOptions;
pub(crate) use call::{
    json_call, json_call_with, pager_params, send_until_accepted, with_http_response,
};
pub(crate) use options::{Context, abort_signal, argument_object, config_and_context};
pub(crate) use send::{Answer, Body, Credential, Outgoing, send};
