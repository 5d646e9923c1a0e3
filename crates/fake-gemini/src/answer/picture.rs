//! Image output (`responseModalities: ["IMAGE"]` or an image model): a PNG drawn from
//! the prompt, the same prompt always giving the same picture: a background and a
//! centred disc in two colours taken from the prompt's hash, at the asked aspect ratio.
//!
//! The disc is saturated on a pale background, so the emulator's own detector finds it
//! when the picture is sent back (multi-turn image editing tests can check that).

use std::io::Cursor;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use image::{ImageFormat, Rgb, RgbImage};
use sha2::{Digest, Sha256};

/// The long side of generated pictures, in pixels.
const LONG_SIDE: u32 = 512;

/// Saturated colours the detector names.
const DISCS: [(&str, [u8; 3]); 5] = [
    ("red", [220, 30, 30]),
    ("green", [30, 170, 60]),
    ("blue", [30, 60, 220]),
    ("orange", [240, 140, 20]),
    ("purple", [140, 40, 200]),
];

/// A generated picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Base64 of the PNG.
    pub png_base64: String,
    /// Width and height.
    pub size: (u32, u32),
    /// The disc's colour name.
    pub colour: &'static str,
}

/// `(width, height)` for an aspect ratio like `"16:9"` (square when absent or unreadable).
fn size_for(aspect_ratio: Option<&str>) -> (u32, u32) {
    let ratio = aspect_ratio
        .and_then(|text| text.split_once(':'))
        .and_then(|(w, h)| Some((w.trim().parse::<f64>().ok()?, h.trim().parse::<f64>().ok()?)))
        .filter(|(w, h)| *w > 0.0 && *h > 0.0 && (w / h) < 16.0 && (h / w) < 16.0);
    match ratio {
        Some((w, h)) if w >= h => (LONG_SIDE, ((LONG_SIDE as f64) * h / w).round() as u32),
        Some((w, h)) => (((LONG_SIDE as f64) * w / h).round() as u32, LONG_SIDE),
        None => (LONG_SIDE, LONG_SIDE),
    }
}

/// Draws the picture for `prompt`.
pub fn draw(prompt: &str, aspect_ratio: Option<&str>) -> Picture {
    let digest = Sha256::digest(prompt.as_bytes());
    let (colour, disc) = DISCS[usize::from(digest[0]) % DISCS.len()];
    let background = [
        230 + digest[1] % 20,
        230 + digest[2] % 20,
        230 + digest[3] % 20,
    ];
    let (width, height) = size_for(aspect_ratio);
    let radius = f64::from(width.min(height)) / 4.0;
    let (cx, cy) = (f64::from(width) / 2.0, f64::from(height) / 2.0);
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (f64::from(x) + 0.5 - cx, f64::from(y) + 0.5 - cy);
        Rgb(if dx * dx + dy * dy <= radius * radius {
            disc
        } else {
            background
        })
    });
    let mut png = Cursor::new(Vec::new());
    // Encoding an in-memory RGB image cannot fail short of running out of memory.
    let _ = image.write_to(&mut png, ImageFormat::Png);
    Picture {
        png_base64: STANDARD.encode(png.into_inner()),
        size: (width, height),
        colour,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn aspect_ratios_shape_the_picture() {
        assert_eq!(size_for(None), (512, 512));
        assert_eq!(size_for(Some("16:9")), (512, 288));
        assert_eq!(size_for(Some("9:16")), (288, 512));
        assert_eq!(size_for(Some("nonsense")), (512, 512));
    }

    #[test]
    fn the_detector_finds_the_disc() {
        let picture = draw("a cat", None);
        let bytes = STANDARD.decode(&picture.png_base64).unwrap();
        let regions = crate::answer::detect(&bytes);
        assert_eq!(regions.len(), 1);
        assert!(regions[0].label().starts_with(picture.colour));
    }

    proptest! {
        #[test]
        fn the_same_prompt_draws_the_same_picture(prompt in ".{0,40}") {
            prop_assert_eq!(draw(&prompt, None), draw(&prompt, None));
        }
    }
}
