//! Checks a request the way the API does and resolves its parts: base64 in either
//! alphabet, padded or not; supported MIME types only; `fileData` only for existing
//! ACTIVE files of this project; at most 3,600 images. The result is a [`Prompt`] with
//! the texts, the media and the token counts.
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
use crate::models::Family;
use crate::state::AppState;
use crate::tokens;
use crate::wire::{Content, GenerateRequest};

/// Most images in one request.
pub const MAX_IMAGES: usize = 3600;
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

/// Tokens of the prompt by modality.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally(pub Vec<(&'static str, u64)>);

impl Tally {
    fn add(&mut self, modality: &'static str, count: u64) {
        match self.0.iter_mut().find(|(name, _)| *name == modality) {
            Some(entry) => entry.1 += count,
            None => self.0.push((modality, count)),
        }
    }

    /// All tokens.
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, count)| count).sum()
    }

    /// `promptTokensDetails`.
    pub fn details(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.0.iter().map(|(modality, count)| serde_json::json!({ "modality": modality, "tokenCount": count })).collect(),
        )
    }
}

/// A checked request.
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    /// The user's text parts, joined.
    pub user_text: String,
    /// The system instruction's text.
    pub system_text: String,
    /// Media parts in order.
    pub media: Vec<Media>,
    /// Prompt tokens.
    pub tokens: Tally,
}

/// Decodes standard or URL-safe base64, with or without padding.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let normalised: Vec<u8> = text
        .bytes()
        .map(|byte| match byte {
            b'-' => b'+',
            b'_' => b'/',
            other => other,
        })
        .collect();
    ENGINE.decode(normalised).ok()
}

fn shorten(text: &str) -> String {
    let head: String = text.chars().take(64).collect();
    if head.len() < text.len() {
        format!("{head}...")
    } else {
        head
    }
}

/// Checks and resolves a request for `family`.
pub fn resolve(
    state: &AppState,
    request: &GenerateRequest,
    family: Family,
) -> Result<Prompt, ApiError> {
    if request.contents.is_empty() {
        return Err(ApiError::new(
            Status::InvalidArgument,
            "* GenerateContentRequest.contents: contents is not specified\n",
        ));
    }
    let resolution = request
        .generation_config
        .as_ref()
        .and_then(|config| config.media_resolution.clone());
    let mut prompt = Prompt::default();
    if let Some(system) = &request.system_instruction {
        resolve_content(
            state,
            system,
            "system_instruction",
            family,
            resolution.as_deref(),
            &mut prompt,
            true,
        )?;
    }
    for (index, content) in request.contents.iter().enumerate() {
        let path = format!("contents[{index}]");
        resolve_content(
            state,
            content,
            &path,
            family,
            resolution.as_deref(),
            &mut prompt,
            false,
        )?;
    }
    let images = prompt
        .media
        .iter()
        .filter(|media| media.kind == MediaKind::Image)
        .count();
    if images > MAX_IMAGES {
        return Err(ApiError::new(
            Status::InvalidArgument,
            format!(
                "The request has {images} images; at most {MAX_IMAGES} images are allowed per request."
            ),
        ));
    }
    Ok(prompt)
}

fn resolve_content(
    state: &AppState,
    content: &Content,
    path: &str,
    family: Family,
    resolution: Option<&str>,
    prompt: &mut Prompt,
    system: bool,
) -> Result<(), ApiError> {
    for (index, part) in content.parts.iter().enumerate() {
        let field = format!("{path}.parts[{index}]");
        if let Some(text) = &part.text {
            prompt.tokens.add("TEXT", tokens::text(text));
            // Earlier model turns are context, not instructions: they never pick the task.
            if content.role.as_deref() == Some("model") {
                continue;
            }
            let target = if system {
                &mut prompt.system_text
            } else {
                &mut prompt.user_text
            };
            if !target.is_empty() {
                target.push('\n');
            }
            target.push_str(text);
            continue;
        }
        if part.inline_data.is_none() && part.file_data.is_none() && !part.other.is_empty() {
            let json = serde_json::Value::Object(part.other.clone()).to_string();
            prompt.tokens.add("TEXT", tokens::text(&json));
            continue;
        }
        let media = if let Some(inline) = &part.inline_data {
            inline_media(inline.mime_type.as_deref(), inline.data.as_deref(), &field)?
        } else if let Some(file) = &part.file_data {
            file_media(
                state,
                file.mime_type.as_deref(),
                file.file_uri.as_deref(),
                &field,
            )?
        } else {
            return Err(ApiError::bad_field(
                &format!("{field}.data"),
                format!(
                    "* GenerateContentRequest.{field}.data: required oneof field 'data' must have one initialized field\n"
                ),
            ));
        };
        let count = match media.kind {
            MediaKind::Image => {
                let (width, height) = media.probe.size.unwrap_or((1, 1));
                tokens::image(family, width, height, resolution)
            }
            MediaKind::Video => tokens::video(media.probe.seconds.unwrap_or(1.0), resolution),
            MediaKind::Audio => tokens::audio(media.probe.seconds.unwrap_or(1.0)),
            MediaKind::Document => tokens::pdf(media.probe.pages.unwrap_or(1)),
            MediaKind::Text => media
                .bytes
                .as_ref()
                .map_or(0, |bytes| tokens::text(&String::from_utf8_lossy(bytes))),
        };
        prompt.tokens.add(media.kind.modality(), count);
        prompt.media.push(media);
    }
    Ok(())
}

fn supported(mime_type: Option<&str>, field: &str) -> Result<(String, MediaKind), ApiError> {
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

fn inline_media(
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

fn file_media(
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
    }
}
