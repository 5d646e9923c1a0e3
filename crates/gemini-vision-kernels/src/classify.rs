//! Which pixels of a mask's box are inside, on the outline or outside, in one pass.
//!
//! A set pixel (value above the threshold) is on the outline when an unset pixel, or the
//! box's edge, lies within `w` of it in its `(2w + 1)` square; otherwise it is inside.
//! The square is separable: a pixel's square is all set when the `2w + 1` pixels of its
//! row are (a horizontal run of set pixels), and so are those of the `2w + 1` rows
//! around it (a vertical run of such pixels). Both runs are counted as the values are
//! read, row by row, so each value is read once and each class written once, with one
//! row of runs beside the classes: no per-pixel flags, prefix sums or eroded copies.

/// Outside the mask (at or below the threshold).
pub const OUTSIDE: u8 = 0;
/// Inside, farther than the outline width from any unset pixel or the box's edge.
pub const FILL: u8 = 1;
/// Set, within the outline width of an unset pixel or the box's edge.
pub const OUTLINE: u8 = 2;

/// Every pixel of a `width` x `height` mask (`values`, row by row) as [`OUTSIDE`],
/// [`FILL`] or [`OUTLINE`]; a pixel is set when its value is above `threshold`. Values
/// missing from a short slice read as unset.
pub fn classify(
    values: &[u8],
    (width, height): (usize, usize),
    threshold: u8,
    outline_width: u32,
) -> Vec<u8> {
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
