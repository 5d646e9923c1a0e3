//! The estimate for a whole request: every part it can size, and a list of the
//! parts it cannot (File API references, video and audio of unknown duration).

use super::{ModelFamily, text_tokens};
use crate::error::Error;
use crate::media::{self, MediaKind, TYPICAL_HEADER_LEN};
use crate::wire::{Blob, GenerateContentRequest, MediaResolution, Part};

/// A request's estimated prompt tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestEstimate {
    /// All estimated tokens.
    pub total: u64,
    /// Of which text (parts, text files, the system instruction).
    pub text: u64,
    /// Of which images.
    pub images: u64,
    /// Of which PDF pages.
    pub documents: u64,
    /// Parts that could not be estimated; `total` leaves them out.
    pub unestimated: Vec<UnestimatedPart>,
}

/// A part the estimate leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnestimatedPart {
    /// Its position among all parts (system instruction first, then each turn).
    pub index: usize,
    /// Its MIME type, when it has one.
    pub mime: Option<String>,
    /// Why it could not be estimated.
    pub reason: String,
}

enum Counted {
    Text(u64),
    Image(u64),
    Document(u64),
    Unknown(String),
}

/// Estimates the prompt tokens of `request` for `model`. Inline images are sized from
/// their headers (only their first 256 KiB are decoded unless more is needed). Each
/// media part is counted at its own `mediaResolution` where the model honours it
/// (Gemini 3), else at `generationConfig.mediaResolution`; a part's
/// `mediaResolution.numTokens` is taken as its image's count.
pub fn estimate_request(model: &str, request: &GenerateContentRequest) -> RequestEstimate {
    let family = ModelFamily::of(model);
    let resolution = request
        .generation_config
        .as_ref()
        .and_then(|c| c.media_resolution.as_ref());
    let mut estimate = RequestEstimate::default();
    for (index, part) in request.all_parts().enumerate() {
        match count_part(family, resolution, part) {
            Counted::Text(n) => estimate.text += n,
            Counted::Image(n) => estimate.images += n,
            Counted::Document(n) => estimate.documents += n,
            Counted::Unknown(reason) => estimate.unestimated.push(UnestimatedPart {
                index,
                mime: part.media_mime_type().map(str::to_owned),
                reason,
            }),
        }
    }
    estimate.total = estimate.text + estimate.images + estimate.documents;
    estimate
}

fn count_part(family: ModelFamily, request: Option<&MediaResolution>, part: &Part) -> Counted {
    if let Some(blob) = &part.inline_data {
        let own = part.media_resolution.as_ref();
        let resolution = family.part_resolution(request, own);
        let asked = own.and_then(|r| r.num_tokens).filter(|n| *n > 0);
        return count_blob(family, resolution, asked, blob);
    }
    if let Some(file) = &part.file_data {
        let mime = file.mime_type.as_deref().unwrap_or("unknown type");
        return Counted::Unknown(format!(
            "a File API reference ({mime}): its content is not in the request"
        ));
    }
    match &part.text {
        Some(text) => Counted::Text(text_tokens(text)),
        None => Counted::Unknown("a part without text or media".to_owned()),
    }
}

fn count_blob(
    family: ModelFamily,
    resolution: Option<&MediaResolution>,
    asked: Option<u32>,
    blob: &Blob,
) -> Counted {
    match MediaKind::of(&blob.mime_type) {
        Some(MediaKind::Image) => match asked {
            Some(tokens) => Counted::Image(u64::from(tokens)),
            None => image_part(family, resolution, blob),
        },
        Some(MediaKind::Pdf) => match blob.decode() {
            Ok(bytes) => media::pdf_page_count(&bytes).map_or_else(
                || Counted::Unknown("a PDF whose pages could not be counted".to_owned()),
                |pages| Counted::Document(family.pdf_tokens(pages, resolution)),
            ),
            Err(err) => Counted::Unknown(err.to_string()),
        },
        Some(MediaKind::Text) => match blob.decode() {
            Ok(bytes) => Counted::Text(text_tokens(&String::from_utf8_lossy(&bytes))),
            Err(err) => Counted::Unknown(err.to_string()),
        },
        Some(kind @ (MediaKind::Video | MediaKind::Audio)) => Counted::Unknown(format!(
            "{kind} of unknown duration (see ModelFamily::{kind}_tokens)"
        )),
        None => Counted::Unknown(format!("unsupported MIME type {:?}", blob.mime_type)),
    }
}

fn image_part(family: ModelFamily, resolution: Option<&MediaResolution>, blob: &Blob) -> Counted {
    let info = blob
        .decode_prefix(TYPICAL_HEADER_LEN)
        .and_then(|prefix| media::image_info(&prefix))
        .or_else(|err| match err {
            Error::NeedMoreData { .. } => blob.decode().and_then(|all| media::image_info(&all)),
            other => Err(other),
        });
    match info {
        Ok(info) => {
            let (width, height) = info.displayed_size();
            Counted::Image(family.image_tokens(width, height, resolution))
        }
        Err(err) => Counted::Unknown(format!("an image whose size could not be read: {err}")),
    }
}
