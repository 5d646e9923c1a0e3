//! Pillow's bilinear resize, bit for bit.
//!
//! The cookbook resizes each mask with `Image.resize((w, h), Image.Resampling.BILINEAR)`.
//! Pillow does not sample four neighbours: it runs a separable convolution with the
//! triangle filter, widening the filter by the scale factor when shrinking (so every
//! input pixel contributes), with weights rounded to 22-bit fixed point and each pass
//! rounded back to 8 bits. Matching it means matching all of that: the coefficient
//! bounds and their `(int)` truncations, the double-precision weight normalisation, the
//! fixed-point rounding, the intermediate 8-bit clipping, and the order of the two
//! passes. The order is the one thing that changed between Pillow versions (see
//! [`PillowVersion`]); since the intermediate image is rounded to 8 bits, it moves some
//! values by one, and a mask pixel near the threshold by 255. This is a fresh
//! implementation of that algorithm (Pillow's `src/libImaging/Resample.c` and
//! `Image.resize`), checked against Pillow itself by `tests/reference/check_masks.py`.

use super::ProbabilityMap;
use crate::error::{Error, Result};
use crate::geometry::ImageSize;
use gemini_vision_kernels::resample;

/// Whose pass order to reproduce. Every version computes the same two passes; they
/// differ in which runs first when both are needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PillowVersion {
    /// Pillow up to 12.1 (what the cookbook's notebooks ran on in 2025): always the
    /// horizontal pass first.
    UpTo12_1,
    /// Pillow 12.2 and 12.3: vertical first when the image is more than 100 times
    /// taller than wide and its height shrinks (`Image.resize` in Python).
    From12_2To12_3,
    /// Pillow 13 and later: vertical first when the height loses more than twice as
    /// many pixels as the width (`ImagingResampleInner` in C).
    #[default]
    From13,
}

impl PillowVersion {
    fn vertical_first(self, in_w: usize, in_h: usize, out_w: usize, out_h: usize) -> bool {
        match self {
            PillowVersion::UpTo12_1 => false,
            PillowVersion::From12_2To12_3 => in_h > in_w * 100 && out_h < in_h,
            PillowVersion::From13 => {
                let shrink_h = in_h as i64 - out_h as i64;
                let shrink_w = in_w as i64 - out_w as i64;
                shrink_h > 0 && shrink_h > shrink_w * 2
            }
        }
    }
}

/// Resizes `map` to `width` x `height` exactly as the current Pillow's
/// `Image.resize((width, height), Image.Resampling.BILINEAR)` does for an `L` image.
pub fn resize_bilinear(map: &ProbabilityMap, width: u32, height: u32) -> Result<ProbabilityMap> {
    resize_bilinear_as(map, width, height, PillowVersion::default())
}

/// [`resize_bilinear`] with the pass order of a given Pillow version.
pub fn resize_bilinear_as(
    map: &ProbabilityMap,
    width: u32,
    height: u32,
    version: PillowVersion,
) -> Result<ProbabilityMap> {
    // The output is an image-sized buffer: same caps as images.
    ImageSize::new(width, height)?;
    let (in_w, in_h) = (map.width() as usize, map.height() as usize);
    let (out_w, out_h) = (width as usize, height as usize);
    let vertical_first = version.vertical_first(in_w, in_h, out_w, out_h);
    let values = resample::resize(map.values(), (in_w, in_h), (out_w, out_h), vertical_first);
    ProbabilityMap::new(width, height, values)
        .map_err(|_| Error::malformed("PNG mask", "resize produced a wrong size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(width: u32, height: u32, values: &[u8]) -> ProbabilityMap {
        ProbabilityMap::new(width, height, values.to_vec()).unwrap()
    }

    // Expected values below were produced by Pillow (13.0.0 unless named; 12.1.1 and
    // 12.3.0 for the older pass orders) with
    // `Image.frombytes("L", (w, h), bytes(values)).resize((W, H), Image.Resampling.BILINEAR)`.

    #[test]
    fn upscaling_matches_pillow() {
        let input = map(4, 3, &[0, 64, 128, 255, 10, 20, 30, 40, 255, 0, 255, 0]);
        let out = resize_bilinear(&input, 7, 5).unwrap();
        assert_eq!(out.values(), PILLOW_4X3_TO_7X5);
    }

    #[test]
    fn downscaling_matches_pillow() {
        let values: Vec<u8> = (0..60u32).map(|i| ((i * 37) % 256) as u8).collect();
        let out = resize_bilinear(&map(10, 6, &values), 3, 4).unwrap();
        assert_eq!(out.values(), PILLOW_10X6_TO_3X4);
    }

    #[test]
    fn same_size_is_a_copy() {
        let input = map(2, 2, &[1, 2, 3, 4]);
        assert_eq!(resize_bilinear(&input, 2, 2).unwrap(), input);
    }

    #[test]
    fn oversized_outputs_are_refused() {
        let input = map(1, 1, &[9]);
        assert!(resize_bilinear(&input, ImageSize::MAX_SIDE + 1, 1).is_err());
    }

    /// 16x16 of `(i * 53 + (i / 7) * 29) % 256`, as in the Pillow runs below.
    fn pattern_16x16() -> ProbabilityMap {
        map(
            16,
            16,
            &(0..256u32)
                .map(|i| ((i * 53 + (i / 7) * 29) % 256) as u8)
                .collect::<Vec<_>>(),
        )
    }

    /// 2x240 of `(i * 41) % 256`.
    fn tall_2x240() -> ProbabilityMap {
        map(
            2,
            240,
            &(0..480u32)
                .map(|i| ((i * 41) % 256) as u8)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn pillow_13_shrinks_height_first_when_it_loses_most() {
        let out = resize_bilinear_as(&pattern_16x16(), 20, 6, PillowVersion::From13).unwrap();
        assert_eq!(out.values(), PILLOW_13_16X16_TO_20X6);
    }

    #[test]
    fn pillow_12_always_resizes_width_first() {
        for version in [PillowVersion::UpTo12_1, PillowVersion::From12_2To12_3] {
            let out = resize_bilinear_as(&pattern_16x16(), 20, 6, version).unwrap();
            assert_eq!(out.values(), PILLOW_12_16X16_TO_20X6, "{version:?}");
        }
    }

    #[test]
    fn pillow_12_2_shrinks_very_tall_images_vertically_first() {
        let old = resize_bilinear_as(&tall_2x240(), 3, 4, PillowVersion::UpTo12_1).unwrap();
        assert_eq!(old.values(), PILLOW_12_1_2X240_TO_3X4);
        for version in [PillowVersion::From12_2To12_3, PillowVersion::From13] {
            let new = resize_bilinear_as(&tall_2x240(), 3, 4, version).unwrap();
            assert_eq!(new.values(), PILLOW_12_3_2X240_TO_3X4, "{version:?}");
        }
    }

    const PILLOW_13_16X16_TO_20X6: &[u8] = &[
        72, 111, 144, 148, 118, 112, 104, 128, 136, 100, 144, 144, 135, 138, 157, 128, 161, 141,
        114, 139, 114, 127, 120, 121, 147, 95, 127, 153, 152, 128, 108, 114, 146, 156, 115, 148,
        140, 141, 128, 86, 95, 95, 127, 138, 96, 129, 127, 125, 134, 151, 107, 146, 159, 154, 152,
        101, 121, 130, 127, 127, 80, 121, 139, 138, 131, 87, 104, 141, 149, 109, 142, 121, 127,
        143, 143, 138, 164, 144, 114, 118, 127, 112, 114, 124, 130, 111, 141, 147, 141, 143, 91,
        121, 161, 166, 126, 134, 123, 139, 140, 95, 77, 100, 140, 145, 94, 138, 116, 121, 134, 126,
        120, 161, 155, 141, 159, 100, 130, 128, 119, 142,
    ];
    const PILLOW_12_16X16_TO_20X6: &[u8] = &[
        72, 110, 144, 148, 118, 112, 104, 128, 136, 100, 144, 144, 135, 138, 157, 128, 161, 141,
        114, 139, 114, 127, 121, 121, 147, 95, 126, 153, 152, 127, 109, 114, 146, 156, 115, 149,
        140, 141, 128, 86, 95, 95, 127, 138, 96, 129, 126, 125, 135, 150, 107, 146, 159, 154, 152,
        101, 121, 130, 127, 127, 80, 121, 139, 138, 131, 88, 103, 141, 149, 109, 142, 121, 127,
        143, 142, 138, 164, 144, 114, 118, 127, 112, 114, 124, 129, 111, 141, 147, 142, 143, 91,
        121, 161, 167, 125, 134, 123, 139, 140, 95, 77, 100, 140, 146, 94, 138, 116, 121, 134, 126,
        120, 161, 156, 142, 159, 100, 130, 128, 119, 142,
    ];
    const PILLOW_12_1_2X240_TO_3X4: &[u8] =
        &[126, 126, 124, 128, 130, 130, 125, 127, 127, 130, 130, 128];
    const PILLOW_12_3_2X240_TO_3X4: &[u8] =
        &[126, 125, 124, 128, 129, 130, 125, 126, 127, 130, 129, 128];

    const PILLOW_4X3_TO_7X5: &[u8] = &[
        0, 23, 59, 96, 137, 210, 255, 4, 19, 43, 68, 95, 140, 169, 10, 14, 19, 25, 31, 36, 40, 157,
        104, 18, 87, 155, 69, 16, 255, 164, 18, 128, 237, 91, 0,
    ];
    const PILLOW_10X6_TO_3X4: &[u8] = &[93, 125, 97, 114, 120, 119, 134, 122, 127, 122, 143, 120];
}
