//! The MIME types the API accepts, from `docs/contract.md`.
//!
//! Inline data and `fileData` take the same list; uploads take it too. Comparison is on
//! the essence only (`image/png; charset=x` is `image/png`).

/// Images the model reads.
pub const IMAGES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/heic",
    "image/heif",
];

/// Videos the model reads.
pub const VIDEOS: &[&str] = &[
    "video/mp4",
    "video/mpeg",
    "video/mov",
    "video/quicktime",
    "video/avi",
    "video/x-flv",
    "video/mpg",
    "video/webm",
    "video/wmv",
    "video/3gpp",
];

/// Audio the model reads.
pub const AUDIO: &[&str] = &[
    "audio/wav",
    "audio/mp3",
    "audio/mpeg",
    "audio/aiff",
    "audio/aac",
    "audio/ogg",
    "audio/flac",
];

/// Non-`text/*` types read as text.
pub const TEXT_LIKE: &[&str] = &[
    "application/json",
    "application/x-javascript",
    "application/x-python",
];

/// Batch input files: the API takes JSONL uploads as `application/jsonl`, and as the
/// bare `jsonl` its own Python sample sends. They are never media in a prompt.
pub const BATCH_INPUT: &[&str] = &["application/jsonl", "jsonl"];

/// Whether a MIME type names a batch input file.
pub fn is_batch_input(mime: &str) -> bool {
    BATCH_INPUT.contains(&essence(mime).as_str())
}

/// The kind of media a MIME type names, which decides its token rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    /// A picture.
    Image,
    /// A video.
    Video,
    /// Sound.
    Audio,
    /// A PDF.
    Document,
    /// Text of some kind.
    Text,
}

impl MediaKind {
    /// The `modality` name used in token details.
    pub fn modality(self) -> &'static str {
        match self {
            MediaKind::Image => "IMAGE",
            MediaKind::Video => "VIDEO",
            MediaKind::Audio => "AUDIO",
            MediaKind::Document => "DOCUMENT",
            MediaKind::Text => "TEXT",
        }
    }
}

/// The essence of a MIME type: lowercase, without parameters.
pub fn essence(mime: &str) -> String {
    mime.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The kind of a supported MIME type, or `None` when the API refuses it.
pub fn classify(mime: &str) -> Option<MediaKind> {
    let mime = essence(mime);
    let mime = mime.as_str();
    if IMAGES.contains(&mime) {
        Some(MediaKind::Image)
    } else if VIDEOS.contains(&mime) {
        Some(MediaKind::Video)
    } else if AUDIO.contains(&mime) {
        Some(MediaKind::Audio)
    } else if mime == "application/pdf" {
        Some(MediaKind::Document)
    } else if (mime.starts_with("text/") && mime.len() > 5) || TEXT_LIKE.contains(&mime) {
        Some(MediaKind::Text)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_contract_lists() {
        for mime in IMAGES.iter().chain(VIDEOS).chain(AUDIO).chain(TEXT_LIKE) {
            assert!(classify(mime).is_some(), "{mime}");
        }
        assert_eq!(classify("application/pdf"), Some(MediaKind::Document));
        assert_eq!(classify("text/markdown"), Some(MediaKind::Text));
    }

    #[test]
    fn refuses_gif() {
        assert_eq!(classify("image/gif"), None);
    }

    #[test]
    fn ignores_parameters_and_case() {
        assert_eq!(classify("Image/PNG; foo=bar"), Some(MediaKind::Image));
    }

    proptest! {
        #[test]
        fn unknown_application_types_are_refused(sub in "[a-z]{3,12}") {
            prop_assume!(!["json", "pdf"].contains(&sub.as_str()));
            prop_assert_eq!(classify(&format!("application/{sub}")), None);
        }
    }
}
