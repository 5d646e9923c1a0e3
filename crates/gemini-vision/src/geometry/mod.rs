//! Coordinates: the model's normalized 0-1000 space, image pixels, and 3D boxes.
//!
//! Gemini answers in a 0-1000 space over the image it was shown: `box_2d` is
//! `[ymin, xmin, ymax, xmax]`, `point` is `[y, x]`. Turning those into pixels is done
//! exactly as the Gemini cookbook does it, `int(v / 1000 * size)` (float division, then
//! truncation), so that boxes and masks land on the same pixels as in the cookbook's
//! renders. 3D boxes are projected with the pinhole camera of Google's spatial
//! understanding applet.
//!
//! This module only computes: it never allocates per pixel and never panics. Image sizes
//! are capped ([`ImageSize::MAX_SIDE`], [`ImageSize::MAX_PIXELS`]) because everything
//! downstream allocates image-sized buffers.

mod box3d;
mod normalized;
mod pixel;

pub use box3d::{Box3d, ProjectedBox3d};
pub(crate) use normalized::NORMALIZED_MAX;
pub use normalized::{BoxDefect, BoxRepairs, NormalizedBox, NormalizedPoint};
pub use pixel::{PixelBox, PixelPoint};

use crate::error::{Error, Result};
use serde::Serialize;

/// The pixel size of an image that detections are drawn on. Never zero, never over the caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ImageSize {
    width: u32,
    height: u32,
}

impl ImageSize {
    /// The widest or tallest image accepted.
    pub const MAX_SIDE: u32 = 16_384;
    /// The most pixels accepted (an 8K UHD frame is 33,177,600).
    pub const MAX_PIXELS: u64 = 40_000_000;

    /// A size, or an error when a side is zero or a cap is exceeded.
    pub fn new(width: u32, height: u32) -> Result<Self> {
        if width == 0 || height == 0 {
            return Err(Error::invalid(
                "image size",
                format!("{width}x{height} has a zero side"),
            ));
        }
        let side = width.max(height);
        if side > Self::MAX_SIDE {
            return Err(Error::LimitExceeded {
                what: "image side",
                actual: u64::from(side),
                max: u64::from(Self::MAX_SIDE),
            });
        }
        let pixels = u64::from(width) * u64::from(height);
        if pixels > Self::MAX_PIXELS {
            return Err(Error::LimitExceeded {
                what: "image pixels",
                actual: pixels,
                max: Self::MAX_PIXELS,
            });
        }
        Ok(ImageSize { width, height })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// `width * height`.
    pub fn pixel_count(&self) -> usize {
        self.width as usize * self.height as usize
    }
}

/// The cookbook's conversion of one normalized coordinate: `int(v / 1000 * size)`.
///
/// `v` is already clamped to 0..=1000 by the parser; the result is clamped to
/// `0..=size` anyway so that no caller can index out of the image with it.
pub(crate) fn normalized_to_pixel(v: f64, size: u32) -> u32 {
    let scaled = v / NORMALIZED_MAX * f64::from(size);
    // `as` truncates toward zero like Python's int() and maps NaN to 0.
    (scaled as i64).clamp(0, i64::from(size)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_sides_are_refused() {
        assert!(ImageSize::new(0, 10).is_err());
        assert!(ImageSize::new(10, 0).is_err());
    }

    #[test]
    fn oversized_images_are_refused_with_the_cap() {
        let err = ImageSize::new(ImageSize::MAX_SIDE + 1, 1).unwrap_err();
        assert_eq!(err.code(), "LIMIT_EXCEEDED");
        assert!(ImageSize::new(10_000, 10_000).is_err());
        assert!(ImageSize::new(7_680, 4_320).is_ok());
    }

    #[test]
    fn conversion_truncates_like_python_int() {
        // int(999 / 1000 * 482) == int(481.518) == 481
        assert_eq!(normalized_to_pixel(999.0, 482), 481);
        // int(53 / 1000 * 482) == int(25.546) == 25
        assert_eq!(normalized_to_pixel(53.0, 482), 25);
        assert_eq!(normalized_to_pixel(1000.0, 640), 640);
        assert_eq!(normalized_to_pixel(0.0, 640), 0);
    }

    #[test]
    fn conversion_uses_division_before_multiplication() {
        // 580/1000*100 is 57.99999999999999 in binary floating point, so Python's
        // int() gives 57; exact integer arithmetic (580*100/1000) would give 58.
        assert_eq!(normalized_to_pixel(580.0, 100), 57);
        assert_eq!(normalized_to_pixel(700.0, 90), 62);
    }
}
