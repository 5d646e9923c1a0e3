//! What the caller decides about one upload: where, what, and how hard to try.

use super::chunk_sizing::ChunkSizing;
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::retry::RetryPolicy;

/// The settings of one upload. Build it with [`UploadConfig::new`] and the chained
/// setters; everything but the endpoint, size and MIME type has a default.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadConfig {
    /// Where the File API lives.
    pub endpoint: Endpoint,
    /// The file's size in bytes (`Blob.size`).
    pub size: u64,
    /// The file's MIME type (`Blob.type`, or sniffed).
    pub mime_type: String,
    /// The name shown in `files.list` (`displayName`), if any.
    pub display_name: Option<String>,
    /// How big chunks are.
    pub chunking: ChunkSizing,
    /// Retries after failures, counted between two confirmed advances.
    pub retry: RetryPolicy,
    /// How many times an expired session (404) may be started over from byte 0.
    pub max_restarts: u32,
}

impl UploadConfig {
    /// The default number of fresh starts after an expired session.
    pub const DEFAULT_MAX_RESTARTS: u32 = 3;
    /// The longest display name the API accepts.
    pub const MAX_DISPLAY_NAME_CHARS: usize = 512;

    /// An upload of `size` bytes of `mime_type` to `endpoint`, with default settings.
    pub fn new(endpoint: Endpoint, size: u64, mime_type: impl Into<String>) -> Self {
        UploadConfig {
            endpoint,
            size,
            mime_type: mime_type.into(),
            display_name: None,
            chunking: ChunkSizing::default(),
            retry: RetryPolicy::default(),
            max_restarts: Self::DEFAULT_MAX_RESTARTS,
        }
    }

    /// Sets the display name.
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Sets the chunk sizing (`ChunkSizing::Fixed(n)` for the JS `chunkSize` option).
    pub fn chunking(mut self, chunking: ChunkSizing) -> Self {
        self.chunking = chunking;
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets how many fresh starts an expired session may cause.
    pub fn max_restarts(mut self, restarts: u32) -> Self {
        self.max_restarts = restarts;
        self
    }

    /// Checks what would otherwise reach a header or the server unchecked.
    pub(crate) fn validate(&self) -> Result<()> {
        // The MIME type becomes a header value: printable ASCII only, so no CR/LF.
        let mime_ok = !self.mime_type.trim().is_empty()
            && self.mime_type.len() <= 255
            && self.mime_type.bytes().all(|b| (0x20..0x7f).contains(&b));
        if !mime_ok {
            return Err(Error::invalid(
                "MIME type",
                "expected 1 to 255 printable ASCII characters, like \"video/mp4\"",
            ));
        }
        if let Some(name) = &self.display_name
            && name.chars().count() > Self::MAX_DISPLAY_NAME_CHARS
        {
            return Err(Error::invalid(
                "display name",
                format!("at most {} characters", Self::MAX_DISPLAY_NAME_CHARS),
            ));
        }
        self.chunking.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(mime: &str) -> UploadConfig {
        UploadConfig::new(Endpoint::default(), 10, mime)
    }

    #[test]
    fn defaults_are_adaptive_chunks_and_three_restarts() {
        let config = config("image/png");
        assert_eq!(config.chunking, ChunkSizing::default());
        assert_eq!(config.max_restarts, 3);
        assert!(config.validate().is_ok());
    }

    #[test]
    fn mime_types_that_could_split_a_header_are_refused() {
        for mime in ["", "  ", "image/png\r\nX-Evil: 1", "imäge/png"] {
            assert_eq!(config(mime).validate().unwrap_err().code(), "INVALID_INPUT");
        }
    }

    #[test]
    fn mime_parameters_are_allowed() {
        assert!(config("text/plain; charset=utf-8").validate().is_ok());
    }

    #[test]
    fn overlong_display_names_are_refused() {
        let long = "n".repeat(UploadConfig::MAX_DISPLAY_NAME_CHARS + 1);
        assert!(config("image/png").display_name(long).validate().is_err());
        let fits = "ñ".repeat(UploadConfig::MAX_DISPLAY_NAME_CHARS);
        assert!(config("image/png").display_name(fits).validate().is_ok());
    }
}
