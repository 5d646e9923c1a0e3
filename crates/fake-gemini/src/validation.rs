//! Checks media parts the way the API does and resolves them: base64 in either
//! alphabet, padded or not; supported MIME types only; readable images; `fileData` only
//! for existing ACTIVE files of this project. `prompt` assembles the results.
//!
//! Error messages and field paths follow the API (snake_case paths, as Google reports
//! them). Image bytes kept for analysis are capped.

use std::io::Cursor;

use base64::Engine;
use base64::engine::general_purpose::GeneralPurpose;
use base64::engine::{DecodePaddingMode, GeneralPurposeConfig};
use sha2::{Digest, Sha256};

use crate::clock;
use crate::errors::{ApiError, Status};
use crate::files::handlers::file_id_of;
use crate::files::record::FileState;
use crate::media_probe::{self, Probe};
use crate::mime::{self, MediaKind};
use crate::state::AppState;

/// Uploaded images larger than this are counted but not analysed.
const MAX_ANALYSED_BYTES: u64 = 64 * 1024 * 1024;

/// One resolved media part.
#[derive(Debug, Clone)]
pub struct Media {
    /// MIME type essence.
    pub mime_type: String,
    /// Its kind.
    pub kind: MediaKind,
    /// Image bytes, when they are analysed.
    pub bytes: Option<Vec<u8>>,
    /// SHA-256 of the bytes.
    pub sha256: [u8; 32],
    /// What the probe found.
    pub probe: Probe,
}

/// Standard alphabet, padding optional; URL-safe input is mapped onto it first.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn standard_alphabet(byte: u8) -> u8 {
    match byte {
        b'-' => b'+',
        b'_' => b'/',
        other => other,
    }
}

/// Decodes standard or URL-safe base64, with or without padding.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let normalised: Vec<u8> = text.bytes().map(standard_alphabet).collect();
    BASE64.decode(normalised).ok()
}

/// Whether `text` is base64 that [`decode_base64`] takes, checked in slices so that a
/// 20 MB inline image is not decoded into memory just to be validated.
pub fn is_base64(text: &str) -> bool {
    const SLICE: usize = 4096;
    // Padding may only end the text; every slice but the last is whole quadruples.
    if text.trim_end_matches('=').contains('=') {
        return false;
    }
    let mut input = [0u8; SLICE];
    let mut output = [0u8; SLICE / 4 * 3];
    for slice in text.as_bytes().chunks(SLICE) {
        let input = &mut input[..slice.len()];
        for (to, from) in input.iter_mut().zip(slice) {
            *to = standard_alphabet(*from);
        }
        if BASE64.decode_slice(&*input, &mut output).is_err() {
            return false;
        }
    }
    true
}

fn shorten(text: &str) -> String {
    let head: String = text.chars().take(64).collect();
    if head.len() < text.len() {
        format!("{head}...")
    } else {
        head
    }
}

pub(crate) fn supported(
    mime_type: Option<&str>,
    field: &str,
) -> Result<(String, MediaKind), ApiError> {
    let mime_type = mime_type.filter(|mime| !mime.is_empty()).ok_or_else(|| {
        ApiError::bad_field(
            &format!("{field}.mime_type"),
            format!("* GenerateContentRequest.{field}.mime_type: MIME type is required.\n"),
        )
    })?;
    let kind = mime::classify(mime_type).ok_or_else(|| {
        ApiError::new(
            Status::InvalidArgument,
            format!("Unsupported MIME type: {}", mime::essence(mime_type)),
        )
    })?;
    Ok((mime::essence(mime_type), kind))
}

pub(crate) fn inline_media(
    mime_type: Option<&str>,
    data: Option<&str>,
    field: &str,
) -> Result<Media, ApiError> {
    let (mime_type, kind) = supported(mime_type, &format!("{field}.inline_data"))?;
    let data = data.unwrap_or("");
    let data_field = format!("{field}.inline_data.data");
    let bytes = decode_base64(data).ok_or_else(|| {
        ApiError::bad_field(
            &data_field,
            format!(
                "Invalid value at '{data_field}' (TYPE_BYTES), Base64 decoding failed for \"{}\"",
                shorten(data)
            ),
        )
    })?;
    let probe = media_probe::probe(kind, Cursor::new(&bytes));
    check_image(kind, &mime_type, &probe)?;
    let sha256 = Sha256::digest(&bytes).into();
    let keep = matches!(kind, MediaKind::Image | MediaKind::Text);
    Ok(Media {
        mime_type,
        kind,
        bytes: keep.then_some(bytes),
        sha256,
        probe,
    })
}

/// PNG, JPEG and WEBP must at least have a readable header, as the API rejects them
/// otherwise; HEIC/HEIF are taken on trust.
fn check_image(kind: MediaKind, mime_type: &str, probe: &Probe) -> Result<(), ApiError> {
    let decodable = ["image/png", "image/jpeg", "image/webp"].contains(&mime_type);
    if kind == MediaKind::Image && decodable && probe.size.is_none() {
        return Err(ApiError::new(
            Status::InvalidArgument,
            "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
        ));
    }
    Ok(())
}

pub(crate) fn file_media(
    state: &AppState,
    mime_type: Option<&str>,
    uri: Option<&str>,
    field: &str,
) -> Result<Media, ApiError> {
    let uri = uri.unwrap_or("");
    let id = file_id_of(uri).ok_or_else(|| {
        ApiError::bad_field(
            &format!("{field}.file_data.file_uri"),
            format!("Invalid file URI: {}", shorten(uri)),
        )
    })?;
    let now = clock::now();
    let file = state
        .files
        .get(id, now)
        .ok_or_else(|| ApiError::file_not_accessible(id))?;
    if file.state(now) != FileState::Active {
        return Err(ApiError::file_not_active(id));
    }
    let (mime_type, kind) = supported(
        mime_type.or(Some(&file.mime_type)),
        &format!("{field}.file_data"),
    )?;
    let analysed =
        matches!(kind, MediaKind::Image | MediaKind::Text) && file.size <= MAX_ANALYSED_BYTES;
    let bytes = if analysed {
        std::fs::read(&file.path).ok()
    } else {
        None
    };
    Ok(Media {
        mime_type,
        kind,
        bytes,
        sha256: file.sha256,
        probe: file.probe,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decodes_every_base64_variant() {
        for text in ["+/8=", "+/8", "-_8=", "-_8"] {
            assert_eq!(decode_base64(text), Some(vec![0xfb, 0xff]), "{text}");
        }
        assert_eq!(decode_base64("a$b="), None);
    }

    #[test]
    fn a_bad_base64_gets_the_api_message() {
        let error = inline_media(
            Some("image/png"),
            Some("not base64!"),
            "contents[0].parts[0]",
        )
        .unwrap_err();
        assert_eq!(
            error.message,
            "Invalid value at 'contents[0].parts[0].inline_data.data' (TYPE_BYTES), Base64 decoding failed for \"not base64!\""
        );
    }

    #[test]
    fn gif_is_refused() {
        let error =
            inline_media(Some("image/gif"), Some("R0lG"), "contents[0].parts[0]").unwrap_err();
        assert_eq!(error.message, "Unsupported MIME type: image/gif");
    }

    proptest! {
        #[test]
        fn both_alphabets_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
            prop_assert_eq!(decode_base64(&STANDARD.encode(&bytes)), Some(bytes.clone()));
            prop_assert_eq!(decode_base64(&URL_SAFE_NO_PAD.encode(&bytes)), Some(bytes));
        }

        #[test]
        fn the_slice_check_agrees_with_decoding(text in "[A-Za-z0-9+/=_-]{0,9000}") {
            prop_assert_eq!(is_base64(&text), decode_base64(&text).is_some());
        }
    }
}
