//! Which pixels of a mask's box are inside, on the outline or outside, in one pass.
//!
//! A set pixel (value above the threshold) is on the outline when an unset pixel, or the
//! box's edge, lies within `w` of it in its `(2w + 1)` square; otherwise it is inside.
//! The square is separable: a pixel's square is all set when the `2w + 1` pixels of its
//! row are (a horizontal run of set pixels), and so are those of the `2w + 1` rows
//! around it (a vertical run of such pixels). Both runs are counted as the values are
//! read, row by row, so each value is read once and each class written once, with one
//! row of runs beside the classes: no per-pixel flags, prefix sums or eroded copies.

use crate::mask::BoxMask;

/// Outside the mask (at or below the threshold).
pub(super) const OUTSIDE: u8 = 0;
/// Inside, farther than the outline width from any unset pixel or the box's edge.
pub(super) const FILL: u8 = 1;
/// Set, within the outline width of an unset pixel or the box's edge.
pub(super) const OUTLINE: u8 = 2;

/// Every pixel of `mask`'s box as [`OUTSIDE`], [`FILL`] or [`OUTLINE`].
pub(super) fn classify(mask: &BoxMask, threshold: u8, outline_width: u32) -> Vec<u8> {
    let b = mask.bbox();
    let (width, height) = (b.width() as usize, b.height() as usize);
    let values = mask.values();
    if outline_width == 0 {
        return values.iter().map(|v| u8::from(*v > threshold)).collect();
    }
    // A mask wider or taller than the whole square has no inside at all.
    let w = (outline_width as usize).min(width.max(height));
    let span = 2 * w + 1;
    let mut classes = vec![OUTSIDE; values.len()];
    if width == 0 {
        return classes;
    }
    // Per column: how many rows in a row have had the whole horizontal span set around
    // it, capped at `span`. The last `w` columns touch the box's edge and stay 0.
    let span32 = u32::try_from(span).unwrap_or(u32::MAX);
    let mut vertical = vec![0u32; width];
    for y in 0..height {
        let row = values.get(y * width..(y + 1) * width).unwrap_or(&[]);
        // Pixel `x - w` has a fully set span once the run ending at `x` reaches `span`.
        let mut run = 0usize;
        for (x, v) in row.iter().enumerate() {
            run = if *v > threshold { run + 1 } else { 0 };
            if let Some(column) = x.checked_sub(w).and_then(|c| vertical.get_mut(c)) {
                *column = if run >= span {
                    (*column + 1).min(span32)
                } else {
                    0
                };
            }
        }
        // Row `y - w` is now decided: its square ends at row `y`.
        if let Some(centre) = y.checked_sub(w) {
            write_row(values, &mut classes, width, centre, threshold, |x| {
                vertical.get(x).is_some_and(|c| *c >= span32)
            });
        }
    }
    // The last `w` rows touch the box's bottom edge: every set pixel is outline.
    for centre in height.saturating_sub(w)..height {
        write_row(values, &mut classes, width, centre, threshold, |_| false);
    }
    classes
}

fn write_row(
    values: &[u8],
    classes: &mut [u8],
    width: usize,
    y: usize,
    threshold: u8,
    inside: impl Fn(usize) -> bool,
) {
    let range = y * width..(y + 1) * width;
    let (Some(row), Some(out)) = (values.get(range.clone()), classes.get_mut(range)) else {
        return;
    };
    for (x, (o, v)) in out.iter_mut().zip(row).enumerate() {
        *o = match (*v > threshold, inside(x)) {
            (false, _) => OUTSIDE,
            (true, true) => FILL,
            (true, false) => OUTLINE,
        };
    }
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
