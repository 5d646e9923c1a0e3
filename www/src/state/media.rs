//! A file the person added.

use crate::domain::media_facts::MediaFacts;
use gemini_vision::wire::File as UploadedFile;

/// Where a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaOrigin {
    /// The example gallery.
    Example,
    /// Dropped, picked or pasted.
    Local,
}

/// One added file.
#[derive(Debug, Clone)]
pub struct MediaEntry {
    /// Unique on the page.
    pub id: u64,
    /// The file's name.
    pub name: String,
    /// The bytes (a `File` for picked files: not read into memory).
    pub blob: web_sys::Blob,
    /// What it is.
    pub facts: MediaFacts,
    /// An object URL for previews.
    pub url: Option<String>,
    /// A small preview image for the thumbnail, when one exists (examples).
    pub thumb: Option<String>,
    /// Duration of a video or audio, when the browser could read it.
    pub seconds: Option<f64>,
    /// The File API upload made for it, reused by later runs.
    pub uploaded: Option<UploadedFile>,
    /// Where it came from.
    pub origin: MediaOrigin,
}
