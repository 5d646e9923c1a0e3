//! Token estimates: images, video and audio, PDF pages and text, per model family and
//! media resolution, as the Gemini API docs state them.
//!
//! Sources (read 2026): the media resolution page
//! (<https://ai.google.dev/gemini-api/docs/media-resolution>, "Token counts"), the token
//! guide (<https://ai.google.dev/gemini-api/docs/tokens>) and the video guide
//! (<https://ai.google.dev/gemini-api/docs/video-understanding>):
//!
//! | family | image | video frame | audio / s | PDF page |
//! |---|---|---|---|---|
//! | Gemini 3, default | 1120 | 70 | 25 | 560 |
//! | Gemini 3, LOW | 280 | 70 | 25 | 280 |
//! | Gemini 3, MEDIUM | 560 | 70 | 25 | 560 |
//! | Gemini 3, HIGH | 1120 | 280 | 25 | 1120 |
//! | Gemini 3, ULTRA_HIGH (per part only) | 2240 | (as HIGH) | 25 | (as HIGH) |
//! | Gemini 2.x, default and HIGH | 258 up to 384 px a side, else 258 per tile | 258 | 32 | 258 |
//! | Gemini 2.x, LOW | 64 | 66 | 32 | 64 |
//! | Gemini 2.x, MEDIUM | 256 | 258 | 32 | 256 |
//! | Gemini 1.x | 258 | 258 (66 at LOW) | 32 | 258 |
//!
//! Gemini 2.x tiles: `unit = clamp(floor(min(w, h) / 1.5), 256, 768)`, `ceil(w / unit) *
//! ceil(h / unit)` tiles; the docs call the default "256 + Pan & Scan (~2048)" and HIGH
//! "256 + Pan & Scan", which the tile rule stands for. Video is one frame per second, so
//! a Gemini 2.x second with audio is 290 tokens ("about 300" in the video guide, which
//! adds metadata) and a Gemini 3 second 95 at the default ("about 100"). A PDF page's
//! own text is counted on top by the API and not here. Gemini 3 honours a part's own
//! `mediaResolution` (`{"level": "MEDIA_RESOLUTION_HIGH"}`), which overrides the
//! request's `generationConfig.mediaResolution` for that part; earlier families take
//! the request's only ([`ModelFamily::part_resolution`]).
//!
//! These are estimates for budgeting and UI, not the server's count: the real tokenizer
//! counts text differently. Nothing here decodes pixels or guesses a duration it was not
//! given: what cannot be sized is listed in [`RequestEstimate::unestimated`], never
//! silently counted as 0.
//!
//! ```
//! use gemini_vision::tokens::{ModelFamily, image_tokens};
//! use gemini_vision::wire::MediaResolution;
//!
//! assert_eq!(image_tokens("gemini-2.5-flash", 384, 384, None), 258);
//! assert_eq!(image_tokens("gemini-2.5-flash", 1024, 1024, None), 258 * 4);
//! assert_eq!(image_tokens("gemini-3-pro-preview", 1024, 1024, Some(&MediaResolution::Low)), 280);
//! let gemini3 = ModelFamily::of("gemini-3-flash-preview");
//! assert_eq!(gemini3.video_tokens(10.0, None, true), 10 * (70 + 25));
//! ```

mod estimate;
mod family;

pub use estimate::{RequestEstimate, UnestimatedPart, estimate_request};
pub use family::{
    GEMINI_2_LOW_TOKENS, GEMINI_2_MEDIUM_TOKENS, GEMINI_3_AUDIO_TOKENS_PER_SECOND,
    GEMINI_3_FRAME_TOKENS, GEMINI_3_FRAME_TOKENS_HIGH, GEMINI_3_IMAGE_TOKENS,
    GEMINI_3_PDF_PAGE_TOKENS, ModelFamily,
};

use crate::wire::MediaResolution;

/// Tokens of a small image, and of each tile of a large one (Gemini 1.x and 2.x).
pub(crate) const TOKENS_PER_IMAGE_TILE: u64 = 258;
/// Images up to this many pixels per side are one tile (Gemini 2.x).
pub(crate) const SMALL_IMAGE_MAX_SIDE: u32 = 384;
/// The smallest and largest tile side (Gemini 2.x).
pub(crate) const TILE_SIDE_RANGE: (u32, u32) = (256, 768);
/// Tokens per video frame, sampled at one frame per second (Gemini 1.x and 2.x).
pub(crate) const TOKENS_PER_VIDEO_FRAME: u64 = 258;
/// Tokens per video frame at `MEDIA_RESOLUTION_LOW` (Gemini 1.x and 2.x).
pub(crate) const TOKENS_PER_VIDEO_FRAME_LOW: u64 = 66;
/// Tokens per second of audio (Gemini 1.x and 2.x).
pub(crate) const TOKENS_PER_AUDIO_SECOND: u64 = 32;
/// Tokens per PDF page (Gemini 1.x and 2.x, default resolution).
pub(crate) const TOKENS_PER_PDF_PAGE: u64 = 258;
/// Characters per text token, for the estimate.
pub(crate) const CHARS_PER_TOKEN: u64 = 4;

/// Tokens of one image of `width` x `height` pixels for `model`. Orientation does not
/// matter: the rules are symmetric in width and height.
pub fn image_tokens(
    model: &str,
    width: u32,
    height: u32,
    resolution: Option<&MediaResolution>,
) -> u64 {
    ModelFamily::of(model).image_tokens(width, height, resolution)
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

/// Tokens of a video of `seconds` by the Gemini 1.x and 2.x rule: one frame per second
/// (258 tokens, 66 at `MEDIA_RESOLUTION_LOW`), plus 32 per second of its audio track
/// when it has one. [`ModelFamily::video_tokens`] has every family's rule.
pub fn video_tokens(seconds: f64, resolution: Option<&MediaResolution>, with_audio: bool) -> u64 {
    ModelFamily::Gemini2.video_tokens(seconds, resolution, with_audio)
}

/// Tokens of `seconds` of audio by the Gemini 1.x and 2.x rule (32 per second);
/// [`ModelFamily::audio_tokens`] has every family's rule.
pub fn audio_tokens(seconds: f64) -> u64 {
    ModelFamily::Gemini2.audio_tokens(seconds)
}

/// Tokens of a PDF of `pages` pages by the Gemini 1.x and 2.x rule at the default
/// resolution (258 per page); [`ModelFamily::pdf_tokens`] has every family's rule.
pub fn pdf_tokens(pages: u64) -> u64 {
    ModelFamily::Gemini2.pdf_tokens(pages, None)
}

/// The estimate for one text part: `ceil(chars / 4)`, counting Unicode scalar values.
pub fn text_tokens(text: &str) -> u64 {
    (text.chars().count() as u64).div_ceil(CHARS_PER_TOKEN)
}
