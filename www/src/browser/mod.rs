//! The demo's edge with the browser: storage, reading files, downloads, the page's
//! address and clock. Every JS failure becomes a `String` or an `Option` here, once;
//! nothing above this module sees a `JsValue` error.

pub mod blob_read;
pub mod csp;
pub mod download;
pub mod key_store;
pub mod page;
