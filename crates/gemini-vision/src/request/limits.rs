//! The documented request limits (`docs/contract.md`).

/// The default inline request limit: 20 MiB of request body, the figure the seed docs
/// give as "20 MB" and the real API enforces ("Request payload size exceeds the
/// limit: 20971520 bytes"). Newer models allow more; see [`RequestLimits`].
pub const DEFAULT_MAX_BODY_BYTES: u64 = 20_971_520;

/// The most images one request may carry, inline and by reference together.
pub const MAX_IMAGES: usize = 3_600;

/// What a request may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLimits {
    /// The largest request body, in bytes (the JSON, base64 included).
    pub max_body_bytes: u64,
    /// The most images in one request.
    pub max_images: usize,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_images: MAX_IMAGES,
        }
    }
}
