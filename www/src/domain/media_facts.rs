//! What a dropped file is, from its first bytes: MIME type, kind, pixel size, pages,
//! and the token estimate shown on its thumbnail. Every rule is the core's
//! (`gemini_vision::media`, `gemini_vision::tokens`); this module only decides what to
//! tell the person when a file does not fit them.
//!
//! It works on a prefix of the file (the browser reads `Blob.slice(0, n)`) and never
//! decodes pixels.

use gemini_vision::Error;
use gemini_vision::media::{self, MediaKind};
use gemini_vision::tokens;
use gemini_vision::wire::MediaResolution;

/// How many bytes to read first: enough for the MIME type and nearly every image header.
pub const FIRST_READ: usize = media::TYPICAL_HEADER_LEN;

/// The most a header may make us read (JPEGs with huge metadata blocks).
pub const MAX_HEADER_READ: u64 = 8 * 1024 * 1024;

/// A PDF small enough to count its pages by reading it whole.
pub const MAX_PDF_SCAN: u64 = 32 * 1024 * 1024;

/// What a file is.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaFacts {
    /// The MIME type sent to the API (sniffed from the bytes when they tell it).
    pub mime: String,
    /// Image, video, audio, PDF or text.
    pub kind: MediaKind,
    /// Size in bytes.
    pub size: u64,
    /// Displayed `(width, height)` of an image (after EXIF orientation).
    pub pixel_size: Option<(u32, u32)>,
    /// Pages of a PDF, when they could be counted.
    pub pages: Option<u64>,
}

/// Why a file cannot be used, or what more is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaVerdict {
    /// Read this many bytes from the start of the file and ask again.
    NeedMoreData(u64),
    /// The API does not take this type.
    Unsupported(String),
    /// The file claims a type but its bytes cannot be read as one.
    Unreadable(String),
}

/// Describes a file from `prefix` (its first bytes; `whole` when that is all of it).
pub fn describe(
    name: &str,
    declared_type: &str,
    size: u64,
    prefix: &[u8],
    whole: bool,
) -> Result<MediaFacts, MediaVerdict> {
    if size == 0 {
        return Err(MediaVerdict::Unreadable(format!(
            "{name} is empty (0 bytes)."
        )));
    }
    let declared = media::normalize_mime(declared_type);
    let mime = match media::sniff_mime(prefix) {
        Some(sniffed) => sniffed.to_owned(),
        None if !declared.is_empty() => declared,
        None => {
            return Err(MediaVerdict::Unsupported(format!(
                "{name}: its type could not be recognised. {ACCEPTED}"
            )));
        }
    };
    let Some(kind) = MediaKind::of(&mime) else {
        return Err(MediaVerdict::Unsupported(unsupported_message(name, &mime)));
    };
    let mut facts = MediaFacts {
        mime,
        kind,
        size,
        pixel_size: None,
        pages: None,
    };
    match kind {
        MediaKind::Image => {
            facts.pixel_size = Some(image_size(name, prefix, whole)?);
        }
        MediaKind::Pdf if whole => facts.pages = media::pdf_page_count(prefix),
        _ => {}
    }
    Ok(facts)
}

const ACCEPTED: &str = "Gemini reads images (PNG, JPEG, WEBP, HEIC, HEIF), video (MP4, MOV, \
                        WEBM, ...), audio, PDF and text files.";

fn unsupported_message(name: &str, mime: &str) -> String {
    let what = match mime {
        "image/gif" => "GIF images are".to_owned(),
        "" => "this file type is".to_owned(),
        other => format!("{other} files are"),
    };
    format!("{name}: {what} not supported by the Gemini API. {ACCEPTED}")
}

fn image_size(name: &str, prefix: &[u8], whole: bool) -> Result<(u32, u32), MediaVerdict> {
    match media::image_info(prefix) {
        Ok(info) => Ok(info.displayed_size()),
        Err(Error::NeedMoreData { needed, .. }) if !whole && needed <= MAX_HEADER_READ => {
            Err(MediaVerdict::NeedMoreData(needed))
        }
        Err(Error::NeedMoreData { .. }) if whole => Err(MediaVerdict::Unreadable(format!(
            "{name} is truncated: its image header ends early."
        ))),
        Err(Error::NeedMoreData { needed, .. }) => Err(MediaVerdict::Unreadable(format!(
            "{name}: its image header is {needed} bytes long, more than the demo reads."
        ))),
        Err(err) => Err(MediaVerdict::Unreadable(format!(
            "{name} cannot be read as an image ({err})."
        ))),
    }
}

/// A token estimate as a thumbnail shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenEstimate {
    /// About this many tokens.
    Total(u64),
    /// This many per second of media (the duration is not known yet).
    PerSecond(u64),
    /// No estimate (pages not countable, text of unknown length...).
    Unknown,
}

impl TokenEstimate {
    /// `"1,032 tokens"`, `"~290 tokens/s"` or `"tokens: ?"`.
    pub fn label(self) -> String {
        match self {
            TokenEstimate::Total(n) => format!("{} tokens", thousands(n)),
            TokenEstimate::PerSecond(n) => format!("~{} tokens/s", thousands(n)),
            TokenEstimate::Unknown => "tokens: ?".to_owned(),
        }
    }
}

/// The estimate for `facts` sent to `model`; `seconds` is a video's or audio's duration
/// when the browser could read it.
pub fn token_estimate(
    facts: &MediaFacts,
    model: &str,
    resolution: Option<&MediaResolution>,
    seconds: Option<f64>,
) -> TokenEstimate {
    match (facts.kind, facts.pixel_size, facts.pages, seconds) {
        (MediaKind::Image, Some((w, h)), _, _) => {
            TokenEstimate::Total(tokens::image_tokens(model, w, h, resolution))
        }
        (MediaKind::Video, _, _, Some(s)) => {
            TokenEstimate::Total(tokens::video_tokens(s, resolution, true))
        }
        (MediaKind::Video, _, _, None) => {
            TokenEstimate::PerSecond(tokens::video_tokens(1.0, resolution, true))
        }
        (MediaKind::Audio, _, _, Some(s)) => TokenEstimate::Total(tokens::audio_tokens(s)),
        (MediaKind::Audio, _, _, None) => TokenEstimate::PerSecond(tokens::audio_tokens(1.0)),
        (MediaKind::Pdf, _, Some(pages), _) => TokenEstimate::Total(tokens::pdf_tokens(pages)),
        _ => TokenEstimate::Unknown,
    }
}

/// `1234567` -> `"1,234,567"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/samples/images");

    fn sample(name: &str) -> Vec<u8> {
        std::fs::read(format!("{SAMPLES}/{name}")).unwrap()
    }

    fn facts_of(name: &str) -> MediaFacts {
        let bytes = sample(name);
        let size = bytes.len() as u64;
        let prefix = &bytes[..bytes.len().min(FIRST_READ)];
        describe(name, "", size, prefix, bytes.len() <= FIRST_READ).unwrap()
    }

    #[test]
    fn a_sample_png_is_sized_from_its_header() {
        let facts = facts_of("cupcakes.png");
        assert_eq!(facts.mime, "image/png");
        assert_eq!(facts.kind, MediaKind::Image);
        assert!(facts.pixel_size.is_some());
    }

    #[test]
    fn every_sample_image_is_described() {
        for name in [
            "baklava.jpg",
            "breakfast.jpg",
            "cat.jpg",
            "cupcakes.png",
            "fruit.jpg",
            "socks.jpg",
            "spill.jpg",
        ] {
            let facts = facts_of(name);
            let (w, h) = facts.pixel_size.unwrap();
            assert!(w > 0 && h > 0, "{name}");
        }
    }

    #[test]
    fn sniffed_bytes_win_over_a_wrong_declared_type() {
        let bytes = sample("socks.jpg");
        let facts = describe("socks.png", "image/png", bytes.len() as u64, &bytes, true).unwrap();
        assert_eq!(facts.mime, "image/jpeg");
    }

    #[test]
    fn a_gif_is_unsupported_with_a_clear_message() {
        let gif = b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04";
        let verdict = describe("anim.gif", "image/gif", gif.len() as u64, gif, true).unwrap_err();
        let MediaVerdict::Unsupported(message) = verdict else {
            panic!("{verdict:?}")
        };
        assert!(
            message.contains("GIF images are not supported"),
            "{message}"
        );
    }

    #[test]
    fn an_unknown_binary_is_unsupported() {
        let zip = b"PK\x03\x04\x14\x00\x00\x00";
        let verdict = describe("a.zip", "application/zip", 8, zip, true).unwrap_err();
        assert!(matches!(verdict, MediaVerdict::Unsupported(m) if m.contains("application/zip")));
    }

    #[test]
    fn bytes_with_no_type_at_all_are_unsupported() {
        let verdict = describe("blob", "", 4, b"\x00\x01\x02\x03", true).unwrap_err();
        assert!(
            matches!(verdict, MediaVerdict::Unsupported(m) if m.contains("could not be recognised"))
        );
    }

    #[test]
    fn an_empty_file_is_unreadable() {
        let verdict = describe("e.png", "image/png", 0, b"", true).unwrap_err();
        assert!(matches!(verdict, MediaVerdict::Unreadable(_)));
    }

    #[test]
    fn a_truncated_png_is_unreadable() {
        let bytes = sample("cupcakes.png");
        let verdict = describe("c.png", "image/png", 20, &bytes[..20], true).unwrap_err();
        assert!(matches!(verdict, MediaVerdict::Unreadable(m) if m.contains("truncated")));
    }

    #[test]
    fn a_short_prefix_of_a_large_file_asks_for_more() {
        let bytes = sample("cupcakes.png");
        let verdict = describe("c.png", "", bytes.len() as u64, &bytes[..20], false).unwrap_err();
        assert!(matches!(verdict, MediaVerdict::NeedMoreData(n) if n > 20));
    }

    #[test]
    fn a_video_is_sniffed_from_its_mp4_header() {
        let mut mp4 = Vec::new();
        mp4.extend_from_slice(&24u32.to_be_bytes());
        mp4.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
        let facts = describe("clip", "", 300_000_000, &mp4, false).unwrap();
        assert_eq!(facts.kind, MediaKind::Video);
        assert_eq!(
            token_estimate(&facts, "gemini-2.5-flash", None, None),
            TokenEstimate::PerSecond(258 + 32)
        );
        assert_eq!(
            token_estimate(&facts, "gemini-2.5-flash", None, Some(10.0)),
            TokenEstimate::Total(2_900)
        );
    }

    #[test]
    fn image_tokens_follow_the_model_family() {
        let facts = MediaFacts {
            mime: "image/png".into(),
            kind: MediaKind::Image,
            size: 1,
            pixel_size: Some((1024, 1024)),
            pages: None,
        };
        assert_eq!(
            token_estimate(&facts, "gemini-2.5-flash", None, None),
            TokenEstimate::Total(1032)
        );
        assert_eq!(
            token_estimate(
                &facts,
                "gemini-3-flash-preview",
                Some(&MediaResolution::Low),
                None
            ),
            TokenEstimate::Total(280)
        );
    }

    #[test]
    fn a_small_pdf_counts_its_pages() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type /Pages >> endobj";
        let facts = describe("doc.pdf", "", pdf.len() as u64, pdf, true).unwrap();
        assert_eq!(facts.pages, Some(2));
        assert_eq!(
            token_estimate(&facts, "gemini-2.5-flash", None, None),
            TokenEstimate::Total(516)
        );
    }

    #[test]
    fn estimates_have_readable_labels() {
        assert_eq!(TokenEstimate::Total(1032).label(), "1,032 tokens");
        assert_eq!(TokenEstimate::PerSecond(290).label(), "~290 tokens/s");
        assert_eq!(TokenEstimate::Unknown.label(), "tokens: ?");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_give_facts_or_a_verdict(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300), declared in "(|image/png|image/gif|video/mp4|text/plain|application/x-thing)", whole: bool) {
            let size = bytes.len() as u64 + u64::from(!whole) * 1000;
            match describe("f", &declared, size, &bytes, whole) {
                Ok(facts) => proptest::prop_assert!(MediaKind::of(&facts.mime).is_some()),
                Err(MediaVerdict::NeedMoreData(n)) => proptest::prop_assert!(!whole && n <= MAX_HEADER_READ),
                Err(MediaVerdict::Unsupported(m) | MediaVerdict::Unreadable(m)) => proptest::prop_assert!(!m.is_empty()),
            }
        }

        #[test]
        fn thousands_keeps_every_digit(n: u64) {
            proptest::prop_assert_eq!(thousands(n).replace(',', ""), n.to_string());
        }
    }
}
