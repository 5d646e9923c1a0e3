//! Token counts from the rules in `docs/contract.md`: per model family, by media
//! resolution (the current tables: Gemini 3 images 280/560/1120/2240, video frames 70 or
//! 280 at HIGH, audio 25 a second, PDF pages 280/560/1120; Gemini 2.x images 64 at LOW,
//! 256 at MEDIUM, else 258 per 768 px tile, frames 66 at LOW else 258, audio 32 a
//! second, PDF pages 64/256/258).
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
            match media_resolution {
                Some("MEDIA_RESOLUTION_LOW") => return 64,
                Some("MEDIA_RESOLUTION_MEDIUM") => return 256,
                _ => {}
            }
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

/// Whether `level` asks for high resolution or more.
fn high_or_more(level: Option<&str>) -> bool {
    matches!(
        level,
        Some("MEDIA_RESOLUTION_HIGH" | "MEDIA_RESOLUTION_ULTRA_HIGH")
    )
}

/// Tokens of `seconds` of video sampled at `fps` frames per second (1 unless a part's
/// `videoMetadata.fps` says otherwise), plus its audio.
pub fn video(family: Family, seconds: f64, fps: f64, media_resolution: Option<&str>) -> u64 {
    let per_frame = match family {
        Family::Gemini3 if high_or_more(media_resolution) => 280,
        Family::Gemini3 => 70,
        _ if media_resolution == Some("MEDIA_RESOLUTION_LOW") => 66,
        _ => 258,
    };
    let fps = if fps.is_finite() && fps > 0.0 {
        fps.min(24.0)
    } else {
        1.0
    };
    let frames = (seconds.max(0.0) * fps).ceil() as u64;
    frames * per_frame + audio(family, seconds)
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
pub fn audio(family: Family, seconds: f64) -> u64 {
    let per_second = if family == Family::Gemini3 { 25 } else { 32 };
    seconds.max(0.0).ceil() as u64 * per_second
}

/// Tokens of a PDF of `pages`.
pub fn pdf(family: Family, pages: u64, media_resolution: Option<&str>) -> u64 {
    let per_page = match (family, media_resolution) {
        (Family::Gemini3, Some("MEDIA_RESOLUTION_LOW")) => 280,
        (Family::Gemini3, level) if high_or_more(level) => 1120,
        (Family::Gemini3, _) => 560,
        (Family::Gemini1, _) => 258,
        (_, Some("MEDIA_RESOLUTION_LOW")) => 64,
        (_, Some("MEDIA_RESOLUTION_MEDIUM")) => 256,
        _ => 258,
    };
    pages * per_page
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
        let flash = Family::Gemini25Flash;
        assert_eq!(video(flash, 10.0, 1.0, None), 2900);
        assert_eq!(video(flash, 10.0, 1.0, Some("MEDIA_RESOLUTION_LOW")), 980);
        assert_eq!(video(flash, 10.0, 2.0, None), 20 * 258 + 320);
    }

    #[test]
    fn gemini_3_video_is_70_a_frame_or_280_at_high_with_25_a_second_of_audio() {
        assert_eq!(video(Family::Gemini3, 10.0, 1.0, None), 10 * 70 + 250);
        let high = Some("MEDIA_RESOLUTION_HIGH");
        assert_eq!(video(Family::Gemini3, 10.0, 1.0, high), 10 * 280 + 250);
    }

    #[test]
    fn gemini_2_images_follow_low_and_medium() {
        let low = Some("MEDIA_RESOLUTION_LOW");
        let medium = Some("MEDIA_RESOLUTION_MEDIUM");
        assert_eq!(image(Family::Gemini25Flash, 1024, 1024, low), 64);
        assert_eq!(image(Family::Gemini20, 1024, 1024, medium), 256);
    }

    #[test]
    fn pdf_pages_follow_the_family_and_resolution() {
        assert_eq!(pdf(Family::Gemini3, 2, None), 1120);
        assert_eq!(pdf(Family::Gemini3, 1, Some("MEDIA_RESOLUTION_LOW")), 280);
        assert_eq!(pdf(Family::Gemini3, 1, Some("MEDIA_RESOLUTION_HIGH")), 1120);
        assert_eq!(pdf(Family::Gemini25Flash, 1, None), 258);
        assert_eq!(
            pdf(Family::Gemini25Flash, 1, Some("MEDIA_RESOLUTION_LOW")),
            64
        );
        assert_eq!(audio(Family::Gemini3, 10.0), 250);
        assert_eq!(audio(Family::Gemini25Pro, 10.0), 320);
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
