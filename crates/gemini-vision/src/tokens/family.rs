//! Which token rules a model follows, and the tables per family.

use super::{
    TOKENS_PER_AUDIO_SECOND, TOKENS_PER_IMAGE_TILE, TOKENS_PER_PDF_PAGE, TOKENS_PER_VIDEO_FRAME,
    TOKENS_PER_VIDEO_FRAME_LOW, billed_seconds, image_tiles,
};
use crate::endpoint::model_id;
use crate::wire::{MediaResolution, PartMediaResolution};

/// Gemini 2.x at `MEDIA_RESOLUTION_LOW`: an image or a PDF page.
pub const GEMINI_2_LOW_TOKENS: u64 = 64;
/// Gemini 2.x at `MEDIA_RESOLUTION_MEDIUM`: an image or a PDF page (no pan and scan).
pub const GEMINI_2_MEDIUM_TOKENS: u64 = 256;
/// Gemini 3 images at LOW, MEDIUM, HIGH (the default) and ULTRA_HIGH (per part only).
pub const GEMINI_3_IMAGE_TOKENS: [u64; 4] = [280, 560, 1120, 2240];
/// Gemini 3 video frames at LOW, MEDIUM and by default; HIGH is [`GEMINI_3_FRAME_TOKENS_HIGH`].
pub const GEMINI_3_FRAME_TOKENS: u64 = 70;
/// Gemini 3 video frames at HIGH (for text in frames).
pub const GEMINI_3_FRAME_TOKENS_HIGH: u64 = 280;
/// Gemini 3 PDF pages at LOW, MEDIUM (the default) and HIGH, plus the page's own text.
pub const GEMINI_3_PDF_PAGE_TOKENS: [u64; 3] = [280, 560, 1120];
/// Gemini 3 audio, per second, at every resolution.
pub const GEMINI_3_AUDIO_TOKENS_PER_SECOND: u64 = 25;

/// Which token rules a model follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelFamily {
    /// `gemini-1.0-*`, `gemini-1.5-*`: a flat 258 per image.
    Gemini1,
    /// `gemini-2.0-*`, `gemini-2.5-*` and any model without a rule: 258 per 768 px tile
    /// by default, 64 or 256 per image at LOW or MEDIUM.
    Gemini2,
    /// `gemini-3*` and later: fixed counts per media resolution, per part if asked.
    Gemini3,
}

/// A resolution with "not set" folded into `None`.
fn level(resolution: Option<&MediaResolution>) -> Option<&MediaResolution> {
    resolution.filter(|r| !matches!(r, MediaResolution::Unspecified))
}

impl ModelFamily {
    /// The family of a model name, with or without `models/`.
    pub fn of(model: &str) -> Self {
        let id = model_id(model).unwrap_or_default().to_ascii_lowercase();
        if id.starts_with("gemini-1.0-") || id.starts_with("gemini-1.5-") {
            return Self::Gemini1;
        }
        let major: String = id
            .strip_prefix("gemini-")
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        match major.parse::<u32>() {
            Ok(major) if major >= 3 => Self::Gemini3,
            _ => Self::Gemini2,
        }
    }

    /// The resolution one part is tokenized at: its own `mediaResolution.level` where the
    /// family honours per-part settings (Gemini 3), else the request's. `None` is the
    /// model's default.
    pub fn part_resolution<'a>(
        self,
        request: Option<&'a MediaResolution>,
        part: Option<&'a PartMediaResolution>,
    ) -> Option<&'a MediaResolution> {
        let own = match self {
            Self::Gemini3 => level(part.and_then(|p| p.level.as_ref())),
            Self::Gemini1 | Self::Gemini2 => None,
        };
        own.or(level(request))
    }

    /// Tokens of one image of `width` x `height` pixels. Orientation does not matter.
    pub fn image_tokens(
        self,
        width: u32,
        height: u32,
        resolution: Option<&MediaResolution>,
    ) -> u64 {
        let [low, medium, high, ultra] = GEMINI_3_IMAGE_TOKENS;
        match (self, level(resolution)) {
            (Self::Gemini1, _) => TOKENS_PER_IMAGE_TILE,
            (Self::Gemini2, Some(MediaResolution::Low)) => GEMINI_2_LOW_TOKENS,
            (Self::Gemini2, Some(MediaResolution::Medium)) => GEMINI_2_MEDIUM_TOKENS,
            // Default and HIGH: pan and scan, which the tile rule approximates.
            (Self::Gemini2, _) => TOKENS_PER_IMAGE_TILE * image_tiles(width, height),
            (Self::Gemini3, Some(MediaResolution::Low)) => low,
            (Self::Gemini3, Some(MediaResolution::Medium)) => medium,
            (Self::Gemini3, Some(MediaResolution::UltraHigh)) => ultra,
            (Self::Gemini3, _) => high,
        }
    }

    /// Tokens of one video frame (one per second unless `videoMetadata.fps` says otherwise).
    pub fn video_frame_tokens(self, resolution: Option<&MediaResolution>) -> u64 {
        match (self, level(resolution)) {
            (Self::Gemini3, Some(MediaResolution::High | MediaResolution::UltraHigh)) => {
                // ULTRA_HIGH has no video row in the table; HIGH is the most a frame gets.
                GEMINI_3_FRAME_TOKENS_HIGH
            }
            (Self::Gemini3, _) => GEMINI_3_FRAME_TOKENS,
            (_, Some(MediaResolution::Low)) => TOKENS_PER_VIDEO_FRAME_LOW,
            _ => TOKENS_PER_VIDEO_FRAME,
        }
    }

    /// Tokens of one second of audio.
    pub fn audio_tokens_per_second(self) -> u64 {
        match self {
            Self::Gemini3 => GEMINI_3_AUDIO_TOKENS_PER_SECOND,
            Self::Gemini1 | Self::Gemini2 => TOKENS_PER_AUDIO_SECOND,
        }
    }

    /// Tokens of a video of `seconds` at one frame per second, plus its audio track
    /// when it has one. Any started second counts; impossible durations count as zero.
    pub fn video_tokens(
        self,
        seconds: f64,
        resolution: Option<&MediaResolution>,
        with_audio: bool,
    ) -> u64 {
        let audio = if with_audio {
            self.audio_tokens_per_second()
        } else {
            0
        };
        billed_seconds(seconds) * (self.video_frame_tokens(resolution) + audio)
    }

    /// Tokens of `seconds` of audio.
    pub fn audio_tokens(self, seconds: f64) -> u64 {
        billed_seconds(seconds) * self.audio_tokens_per_second()
    }

    /// Tokens of the page images of a PDF of `pages` pages (the text a page carries is
    /// counted on top by the API, and not here).
    pub fn pdf_tokens(self, pages: u64, resolution: Option<&MediaResolution>) -> u64 {
        let [low, medium, high] = GEMINI_3_PDF_PAGE_TOKENS;
        let per_page = match (self, level(resolution)) {
            (Self::Gemini3, Some(MediaResolution::Low)) => low,
            (Self::Gemini3, Some(MediaResolution::High | MediaResolution::UltraHigh)) => high,
            (Self::Gemini3, _) => medium,
            (Self::Gemini2, Some(MediaResolution::Low)) => GEMINI_2_LOW_TOKENS,
            (Self::Gemini2, Some(MediaResolution::Medium)) => GEMINI_2_MEDIUM_TOKENS,
            _ => TOKENS_PER_PDF_PAGE,
        };
        pages.saturating_mul(per_page)
    }
}
