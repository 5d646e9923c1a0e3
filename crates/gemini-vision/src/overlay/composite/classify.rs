//! The classification of a mask's pixels (inside, outline, outside) lives in
//! `gemini_vision_kernels::classify`, built for speed; this is its door for a [`BoxMask`].

use crate::mask::BoxMask;
#[cfg(test)]
use gemini_vision_kernels::classify::{FILL, OUTLINE, OUTSIDE};

/// Every pixel of `mask`'s box as [`OUTSIDE`], [`FILL`] or [`OUTLINE`].
pub(super) fn classify(mask: &BoxMask, threshold: u8, outline_width: u32) -> Vec<u8> {
    let b = mask.bbox();
    let size = (b.width() as usize, b.height() as usize);
    gemini_vision_kernels::classify::classify(mask.values(), size, threshold, outline_width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::PixelBox;
    use proptest::prelude::*;

    /// The definition, pixel by pixel: set, and every pixel of its square inside the box
    /// and set.
    fn by_definition(values: &[u8], width: usize, height: usize, t: u8, w: usize) -> Vec<u8> {
        let set = |x: i64, y: i64| {
            x >= 0
                && y >= 0
                && (x as usize) < width
                && (y as usize) < height
                && values[y as usize * width + x as usize] > t
        };
        let w = w as i64;
        (0..values.len())
            .map(|i| {
                let (x, y) = ((i % width) as i64, (i / width) as i64);
                if !set(x, y) {
                    OUTSIDE
                } else if (-w..=w).all(|dy| (-w..=w).all(|dx| set(x + dx, y + dy))) {
                    FILL
                } else {
                    OUTLINE
                }
            })
            .collect()
    }

    fn mask(values: Vec<u8>, width: u32, height: u32) -> BoxMask {
        BoxMask::from_parts(
            PixelBox::from_corners(3, 5, 3 + width, 5 + height).unwrap(),
            values,
        )
    }

    #[test]
    fn a_full_box_keeps_only_pixels_with_a_full_neighbourhood() {
        let classes = classify(&mask(vec![255; 5 * 4], 5, 4), 127, 1);
        let inside: Vec<usize> = (0..20).filter(|i| classes[*i] == FILL).collect();
        assert_eq!(inside, vec![6, 7, 8, 11, 12, 13]);
        assert!(classes.iter().all(|c| *c != OUTSIDE));
    }

    #[test]
    fn an_outline_wider_than_the_box_leaves_no_inside() {
        let classes = classify(&mask(vec![200; 6 * 3], 6, 3), 127, u32::MAX);
        assert_eq!(classes, vec![OUTLINE; 18]);
    }

    proptest! {
        #[test]
        fn one_pass_classification_is_the_definition(
            (width, height, values) in (1usize..24, 1usize..24).prop_flat_map(|(w, h)| {
                (Just(w), Just(h), proptest::collection::vec(
                    prop_oneof![3 => Just(255u8), 1 => Just(0u8), 1 => any::<u8>()], w * h))
            }),
            threshold in prop_oneof![Just(127u8), any::<u8>()],
            outline in 0u32..6,
        ) {
            let m = mask(values.clone(), width as u32, height as u32);
            let expected = if outline == 0 {
                values.iter().map(|v| u8::from(*v > threshold)).collect()
            } else {
                by_definition(&values, width, height, threshold, outline as usize)
            };
            prop_assert_eq!(classify(&m, threshold, outline), expected);
        }
    }
}
