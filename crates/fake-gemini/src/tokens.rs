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

/// Tokens of a video of `seconds`: one frame per second plus its audio.
pub fn video(seconds: f64, media_resolution: Option<&str>) -> u64 {
    let seconds = seconds.max(0.0).ceil() as u64;
    let per_frame = if media_resolution == Some("MEDIA_RESOLUTION_LOW") {
        66
    } else {
        258
    };
    seconds * (per_frame + 32)
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
        assert_eq!(video(10.0, None), 2900);
        assert_eq!(video(10.0, Some("MEDIA_RESOLUTION_LOW")), 980);
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
