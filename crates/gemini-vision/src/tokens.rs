//! Token estimates, as `docs/contract.md` states the rules: images per model family
//! and media resolution, video and audio per second, PDF per page, text per
//! character. Pure functions of sizes and names; the emulator's `countTokens` and
//! `usageMetadata` follow the same rules.
//!
//! These are estimates for budgeting and UI, not the server's count: the real
//! tokenizer counts text differently, and newer models change their media rules.
//! Nothing here decodes pixels or guesses a duration it was not given: what cannot be
//! sized is listed in [`RequestEstimate::unestimated`], never silently counted as 0.
//!
//! ```
//! use gemini_vision::tokens::image_tokens;
//! use gemini_vision::wire::MediaResolution;
//!
//! assert_eq!(image_tokens("gemini-2.5-flash", 384, 384, None), 258);
//! assert_eq!(image_tokens("gemini-2.5-flash", 1024, 1024, None), 258 * 4);
//! assert_eq!(image_tokens("gemini-3-pro-preview", 1024, 1024, Some(&MediaResolution::Low)), 280);
//! ```

mod estimate;

pub use estimate::{RequestEstimate, UnestimatedPart, estimate_request};

use crate::request::model_id;
use crate::wire::MediaResolution;

/// Tokens of a small image, and of each tile of a large one (Gemini 1.x and 2.x).
pub const TOKENS_PER_IMAGE_TILE: u64 = 258;
/// Images up to this many pixels per side are one tile (Gemini 2.x).
pub const SMALL_IMAGE_MAX_SIDE: u32 = 384;
/// The smallest and largest tile side (Gemini 2.x).
pub const TILE_SIDE_RANGE: (u32, u32) = (256, 768);
/// Tokens per video frame, sampled at one frame per second.
pub const TOKENS_PER_VIDEO_FRAME: u64 = 258;
/// Tokens per video frame at `MEDIA_RESOLUTION_LOW`.
pub const TOKENS_PER_VIDEO_FRAME_LOW: u64 = 66;
/// Tokens per second of audio.
pub const TOKENS_PER_AUDIO_SECOND: u64 = 32;
/// Tokens per PDF page.
pub const TOKENS_PER_PDF_PAGE: u64 = 258;
/// Characters per text token, for the estimate.
pub const CHARS_PER_TOKEN: u64 = 4;

/// Which image rule a model follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelFamily {
    /// `gemini-1.0-*`, `gemini-1.5-*`: a flat 258 per image.
    Gemini1,
    /// `gemini-2.0-*`, `gemini-2.5-*` and any model without a rule: 258 per 768 px tile.
    Gemini2,
    /// `gemini-3*`: by media resolution.
    Gemini3,
}

impl ModelFamily {
    /// The family of a model name, with or without `models/`.
    pub fn of(model: &str) -> Self {
        let id = model_id(model).unwrap_or_default().to_ascii_lowercase();
        if id.starts_with("gemini-1.0-") || id.starts_with("gemini-1.5-") {
            Self::Gemini1
        } else if id.starts_with("gemini-3") {
            Self::Gemini3
        } else {
            Self::Gemini2
        }
    }
}

/// Tokens of one image of `width` x `height` pixels for `model`. Orientation does not
/// matter: the rules are symmetric in width and height.
pub fn image_tokens(
    model: &str,
    width: u32,
    height: u32,
    resolution: Option<&MediaResolution>,
) -> u64 {
    family_image_tokens(ModelFamily::of(model), width, height, resolution)
}

/// [`image_tokens`] for a known family.
pub fn family_image_tokens(
    family: ModelFamily,
    width: u32,
    height: u32,
    resolution: Option<&MediaResolution>,
) -> u64 {
    match family {
        ModelFamily::Gemini1 => TOKENS_PER_IMAGE_TILE,
        ModelFamily::Gemini2 => TOKENS_PER_IMAGE_TILE * image_tiles(width, height),
        ModelFamily::Gemini3 => match resolution {
            Some(MediaResolution::Low) => 280,
            Some(MediaResolution::Medium) => 560,
            _ => 1120,
        },
    }
}

/// How many tiles Gemini 2.x cuts an image into: one up to 384 px per side, else
/// tiles of `clamp(floor(min(w, h) / 1.5), 256, 768)` px.
pub fn image_tiles(width: u32, height: u32) -> u64 {
    if width <= SMALL_IMAGE_MAX_SIDE && height <= SMALL_IMAGE_MAX_SIDE {
        return 1;
    }
    let (low, high) = TILE_SIDE_RANGE;
    // floor(m / 1.5) == floor(2m / 3), in integers.
    let unit = (u64::from(width.min(height)) * 2 / 3).clamp(u64::from(low), u64::from(high));
    u64::from(width).div_ceil(unit) * u64::from(height).div_ceil(unit)
}

/// Whole seconds billed for a duration: any started second counts. Negative,
/// non-finite or absurd durations count as zero.
fn billed_seconds(seconds: f64) -> u64 {
    const MAX_SECONDS: f64 = 1.0e9;
    if seconds.is_finite() && seconds > 0.0 {
        // Bounded above, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = seconds.min(MAX_SECONDS).ceil() as u64;
        whole
    } else {
        0
    }
}

/// Tokens of a video of `seconds`: one frame per second (258 tokens, 66 at
/// `MEDIA_RESOLUTION_LOW`), plus 32 per second of its audio track when it has one.
pub fn video_tokens(seconds: f64, resolution: Option<&MediaResolution>, with_audio: bool) -> u64 {
    let frame = match resolution {
        Some(MediaResolution::Low) => TOKENS_PER_VIDEO_FRAME_LOW,
        _ => TOKENS_PER_VIDEO_FRAME,
    };
    let per_second = frame
        + if with_audio {
            TOKENS_PER_AUDIO_SECOND
        } else {
            0
        };
    billed_seconds(seconds) * per_second
}

/// Tokens of `seconds` of audio.
pub fn audio_tokens(seconds: f64) -> u64 {
    billed_seconds(seconds) * TOKENS_PER_AUDIO_SECOND
}

/// Tokens of a PDF of `pages` pages.
pub fn pdf_tokens(pages: u64) -> u64 {
    pages.saturating_mul(TOKENS_PER_PDF_PAGE)
}

/// The estimate for one text part: `ceil(chars / 4)`, counting Unicode scalar values.
pub fn text_tokens(text: &str) -> u64 {
    (text.chars().count() as u64).div_ceil(CHARS_PER_TOKEN)
}
