//! Request bodies: everything between "the user picked these images and typed this
//! prompt" and the bytes `fetch` sends.
//!
//! - [`RequestBuilder`] builds `generateContent` / `streamGenerateContent` /
//!   `countTokens` bodies as bytes, base64 encoded straight into one buffer of the
//!   exact size, and enforces the documented limits with typed errors.
//! - [`RequestBuilder::build_pieces`] lays the same body out as JSON pieces between
//!   media payloads, so a browser can assemble it as a `Blob` while encoding the media
//!   slice by slice ([`crate::base64::encode_slice`]), never holding it whole.
//! - [`RequestBuilder::plan`] decides, from sizes and MIME types alone, which media go
//!   inline and which must go through the File API.
//! - The URLs are [`crate::endpoint`]'s; reading answers, streamed or not, is
//!   [`crate::response`]'s.
//!
//! This module performs no I/O and never puts the API key anywhere: the key travels
//! in the `x-goog-api-key` header, which the shell sets.

mod body;
mod builder;
mod config_rules;
mod limits;
mod pieces;
mod plan;
mod settings;

pub use crate::sdk::settings::Settings;
pub use builder::RequestBuilder;
pub use limits::{DEFAULT_MAX_BODY_BYTES, MAX_IMAGES, RequestLimits};
pub use pieces::{BodyPiece, BodyPieces, MEDIA_SLICE_BYTES};
pub use plan::{
    FILE_URI_ALLOWANCE, InlinePlan, MediaCost, MediaItem, PlannedItem, Route, RouteReason,
    plan_media,
};
