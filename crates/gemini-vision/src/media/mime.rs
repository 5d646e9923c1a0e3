//! Which MIME types the API accepts, inline and through the File API
//! (`docs/contract.md`), and what kind of media each one is.

use crate::error::{Error, Result};
use std::fmt;

/// What a MIME type holds, as far as requests and token counts care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// A still image.
    Image,
    /// A video.
    Video,
    /// Audio.
    Audio,
    /// A PDF document.
    Pdf,
    /// Plain text, code, markup or JSON.
    Text,
}

impl MediaKind {
    /// The kind of an accepted MIME type, or `None` when the API does not accept it.
    pub fn of(mime: &str) -> Option<Self> {
        let mime = normalize_mime(mime);
        if IMAGE_MIME_TYPES.contains(&mime.as_str()) {
            Some(Self::Image)
        } else if VIDEO_MIME_TYPES.contains(&mime.as_str()) {
            Some(Self::Video)
        } else if AUDIO_MIME_TYPES.contains(&mime.as_str()) {
            Some(Self::Audio)
        } else if mime == "application/pdf" {
            Some(Self::Pdf)
        } else if is_text(&mime) {
            Some(Self::Text)
        } else {
            None
        }
    }

    /// Lower-case name (`"image"`, `"pdf"`...).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Pdf => "pdf",
            Self::Text => "text",
        }
    }
}

impl fmt::Display for MediaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Images the API accepts (inline and as `fileData`). GIF is not among them.
pub const IMAGE_MIME_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/heic",
    "image/heif",
];

/// Video types the API accepts.
pub(crate) const VIDEO_MIME_TYPES: &[&str] = &[
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

/// Audio types the API accepts.
pub(crate) const AUDIO_MIME_TYPES: &[&str] = &[
    "audio/wav",
    "audio/mp3",
    "audio/mpeg",
    "audio/aiff",
    "audio/aac",
    "audio/ogg",
    "audio/flac",
];

/// Non-`text/*` types the API reads as text.
pub(crate) const TEXT_LIKE_MIME_TYPES: &[&str] = &[
    "application/json",
    "application/x-javascript",
    "application/x-python",
];

fn is_text(mime: &str) -> bool {
    mime.strip_prefix("text/")
        .is_some_and(|sub| !sub.is_empty() && sub.bytes().all(is_token_byte))
        || TEXT_LIKE_MIME_TYPES.contains(&mime)
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b)
}

/// Lower-cases a MIME type and drops its parameters (`Text/Plain; charset=UTF-8` ->
/// `text/plain`), the form every check here compares.
pub fn normalize_mime(mime: &str) -> String {
    let essence = mime.split(';').next().unwrap_or_default();
    essence.trim().to_ascii_lowercase()
}

/// Checks that `mime` may be sent inline; returns its kind, or
/// [`Error::UnsupportedMime`] saying what is accepted instead.
pub fn check_inline(mime: &str) -> Result<MediaKind> {
    MediaKind::of(mime).ok_or_else(|| unsupported(mime))
}

/// Checks that `mime` may be referenced through the File API.
pub(crate) fn check_file_api(mime: &str) -> Result<MediaKind> {
    MediaKind::of(mime).ok_or_else(|| unsupported(mime))
}

fn unsupported(mime: &str) -> Error {
    let normalized = normalize_mime(mime);
    let reason = match normalized.as_str() {
        "" => "the type is unknown; sniff the first bytes with media::sniff_mime or give it"
            .to_owned(),
        "image/gif" => "GIF is not accepted; convert it to PNG or WEBP".to_owned(),
        "image/jpg" => "the type is named image/jpeg".to_owned(),
        other if other.starts_with("image/") => {
            format!("images must be one of {}", IMAGE_MIME_TYPES.join(", "))
        }
        other if other.starts_with("video/") => {
            format!("videos must be one of {}", VIDEO_MIME_TYPES.join(", "))
        }
        other if other.starts_with("audio/") => {
            format!("audio must be one of {}", AUDIO_MIME_TYPES.join(", "))
        }
        _ => "accepted are images, video, audio, PDF and text (see media::IMAGE_MIME_TYPES...)"
            .to_owned(),
    };
    Error::UnsupportedMime {
        mime: mime.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gif_is_refused_with_a_hint() {
        let err = check_inline("image/gif").unwrap_err();
        assert_eq!(err.code(), "UNSUPPORTED_MIME");
        assert!(err.to_string().contains("PNG"));
    }

    #[test]
    fn parameters_and_case_are_ignored() {
        assert_eq!(
            MediaKind::of("Text/Plain; charset=UTF-8"),
            Some(MediaKind::Text)
        );
        assert_eq!(MediaKind::of(" IMAGE/PNG "), Some(MediaKind::Image));
    }

    #[test]
    fn every_documented_type_has_its_kind() {
        for mime in IMAGE_MIME_TYPES {
            assert_eq!(MediaKind::of(mime), Some(MediaKind::Image), "{mime}");
        }
        for mime in VIDEO_MIME_TYPES {
            assert_eq!(MediaKind::of(mime), Some(MediaKind::Video), "{mime}");
        }
        for mime in AUDIO_MIME_TYPES {
            assert_eq!(MediaKind::of(mime), Some(MediaKind::Audio), "{mime}");
        }
        assert_eq!(MediaKind::of("application/pdf"), Some(MediaKind::Pdf));
        for mime in ["text/csv", "text/markdown", "application/json"] {
            assert_eq!(MediaKind::of(mime), Some(MediaKind::Text), "{mime}");
        }
    }

    #[test]
    fn unlisted_types_are_refused() {
        for mime in [
            "image/bmp",
            "video/x-matroska",
            "application/zip",
            "",
            "text/",
        ] {
            assert!(check_inline(mime).is_err(), "{mime}");
            assert!(check_file_api(mime).is_err(), "{mime}");
        }
    }
}
