//! Token counts from the rules in `docs/contract.md`.
//!
//! The same numbers feed `countTokens` and `usageMetadata`, so the two always agree.
//! These are estimates (the real tokenizer is not public); the client core uses the
//! same rules, so a disagreement between the two is a bug on one side.

use crate::models::Family;

/// Tokens of one image of `width` x `height` pixels.
pub fn image(family: Family, width: u32, height: u32, media_resolution: Option<&str>) -> u64 {
    match family {
        Family::Gemini1 => 258,
        Family::Gemini3 => match media_resolution {
            Some("MEDIA_RESOLUTION_LOW") => 280,
            Some("MEDIA_RESOLUTION_MEDIUM") => 560,
            // Only a part may ask for this level (`mediaResolution: {level}`).
            Some("MEDIA_RESOLUTION_ULTRA_HIGH") => 2240,
            _ => 1120,
        },
        Family::Gemini20 | Family::Gemini25Flash | Family::Gemini25Pro => {
            if width <= 384 && height <= 384 {
                return 258;
            }
            let unit = (f64::from(width.min(height)) / 1.5)
                .floor()
                .clamp(256.0, 768.0) as u64;
            let tiles = u64::from(width).div_ceil(unit) * u64::from(height).div_ceil(unit);
            258 * tiles
        }
    }
}

/// Tokens of a text part: a quarter of its characters, rounded up.
pub fn text(text: &str) -> u64 {
    (text.chars().count() as u64).div_ceil(4)
}

/// Tokens of `seconds` of video sampled at `fps` frames per second (1 unless a part's
/// `videoMetadata.fps` says otherwise), plus its audio.
pub fn video(seconds: f64, fps: f64, media_resolution: Option<&str>) -> u64 {
    let per_frame = if media_resolution == Some("MEDIA_RESOLUTION_LOW") {
        66
    } else {
        258
    };
    let fps = if fps.is_finite() && fps > 0.0 {
        fps.min(24.0)
    } else {
        1.0
    };
    let frames = (seconds.max(0.0) * fps).ceil() as u64;
    frames * per_frame + seconds.max(0.0).ceil() as u64 * 32
}

/// The seconds of a `duration`-second video kept by `videoMetadata`'s start and end
/// offsets (`"10s"`), clamped to the video.
pub fn clip_seconds(duration: f64, start: Option<&str>, end: Option<&str>) -> f64 {
    let offset = |text: Option<&str>| text.and_then(crate::clock::parse_duration);
    let start = offset(start).unwrap_or(0.0).clamp(0.0, duration);
    let end = offset(end).unwrap_or(duration).clamp(start, duration);
    end - start
}

/// Tokens of audio of `seconds`.
pub fn audio(seconds: f64) -> u64 {
    seconds.max(0.0).ceil() as u64 * 32
}

/// Tokens of a PDF of `pages`.
pub fn pdf(pages: u64) -> u64 {
    pages * 258
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_images_cost_258() {
        assert_eq!(image(Family::Gemini25Flash, 384, 384, None), 258);
    }

    #[test]
    fn large_images_are_tiled() {
        // 1024x1024: unit = floor(1024/1.5) = 682, tiles = 2*2.
        assert_eq!(image(Family::Gemini25Flash, 1024, 1024, None), 4 * 258);
        // 640x482: unit = 321, tiles = 2*2.
        assert_eq!(image(Family::Gemini20, 640, 482, None), 4 * 258);
    }

    #[test]
    fn gemini_1_ignores_size() {
        assert_eq!(image(Family::Gemini1, 4000, 3000, None), 258);
    }

    #[test]
    fn gemini_3_follows_media_resolution() {
        assert_eq!(
            image(Family::Gemini3, 10, 10, Some("MEDIA_RESOLUTION_LOW")),
            280
        );
        assert_eq!(
            image(Family::Gemini3, 10, 10, Some("MEDIA_RESOLUTION_MEDIUM")),
            560
        );
        assert_eq!(image(Family::Gemini3, 10, 10, None), 1120);
    }

    #[test]
    fn text_is_a_quarter_of_the_characters() {
        assert_eq!(text("The quick brown fox jumps over the lazy dog."), 11);
        assert_eq!(text(""), 0);
    }

    #[test]
    fn video_counts_frames_and_audio() {
        assert_eq!(video(10.0, 1.0, None), 2900);
        assert_eq!(video(10.0, 1.0, Some("MEDIA_RESOLUTION_LOW")), 980);
        assert_eq!(video(10.0, 2.0, None), 20 * 258 + 320);
    }

    #[test]
    fn clips_keep_the_offsets_inside_the_video() {
        assert_eq!(clip_seconds(60.0, Some("10s"), Some("20s")), 10.0);
        assert_eq!(clip_seconds(60.0, None, Some("90s")), 60.0);
        assert_eq!(clip_seconds(60.0, Some("50s"), Some("40s")), 0.0);
    }

    #[test]
    fn a_part_may_ask_gemini_3_for_ultra_high() {
        assert_eq!(
            image(Family::Gemini3, 10, 10, Some("MEDIA_RESOLUTION_ULTRA_HIGH")),
            2240
        );
    }

    proptest! {
        #[test]
        fn image_tokens_are_whole_tiles(w in 1u32..10_000, h in 1u32..10_000) {
            let tokens = image(Family::Gemini25Flash, w, h, None);
            prop_assert!(tokens >= 258);
            prop_assert_eq!(tokens % 258, 0);
        }

        #[test]
        fn text_tokens_never_exceed_characters(s in ".{0,300}") {
            prop_assert!(text(&s) <= s.chars().count() as u64);
        }
    }
}
