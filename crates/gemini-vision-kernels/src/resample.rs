//! Pillow's bilinear resize of an 8-bit image, bit for bit: a separable convolution with
//! the triangle filter (widened by the scale factor when shrinking), weights in 22-bit
//! fixed point, each pass rounded back to 8 bits. `gemini-vision`'s `mask::resample`
//! explains the algorithm, chooses the pass order per Pillow version and checks sizes.

/// Fixed-point precision of the weights: 32 bits minus 8 for the value, 2 for overflow.
const PRECISION_BITS: u32 = 32 - 8 - 2;
const HALF: i32 = 1 << (PRECISION_BITS - 1);

/// Per output pixel: the first input pixel, how many follow, and their weights.
struct Coefficients {
    starts: Vec<usize>,
    counts: Vec<usize>,
    /// `ksize` weights per output pixel, fixed point.
    weights: Vec<i32>,
    ksize: usize,
}

impl Coefficients {
    fn weights_of(&self, out: usize) -> (usize, &[i32]) {
        let start = out * self.ksize;
        let count = self.counts.get(out).copied().unwrap_or(0);
        let weights = self.weights.get(start..start + count).unwrap_or(&[]);
        (self.starts.get(out).copied().unwrap_or(0), weights)
    }
}

fn triangle(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.0 { 1.0 - x } else { 0.0 }
}

fn coefficients(in_size: usize, out_size: usize) -> Coefficients {
    // Pillow passes the source box as C floats; sizes here are far below 2^24, so the
    // float-to-double steps are exact and plain f64 reproduces them.
    let scale = in_size as f64 / out_size as f64;
    let filterscale = scale.max(1.0);
    let support = filterscale;
    let ksize = support.ceil() as usize * 2 + 1;
    let inv_filterscale = 1.0 / filterscale;
    let mut starts = Vec::with_capacity(out_size);
    let mut counts = Vec::with_capacity(out_size);
    let mut weights = vec![0i32; out_size * ksize];
    let mut k = vec![0f64; ksize];
    for (xx, row) in weights.chunks_exact_mut(ksize).enumerate() {
        let center = (xx as f64 + 0.5) * scale;
        // C's (int) truncates toward zero; negative starts are then clamped to 0.
        let xmin = ((center - support + 0.5) as i64).max(0);
        let xmax = ((center + support + 0.5) as i64).min(in_size as i64);
        let count = (xmax - xmin).clamp(0, ksize as i64) as usize;
        let mut ww = 0.0;
        for (x, slot) in k.iter_mut().enumerate().take(count) {
            let w = triangle(((x as i64 + xmin) as f64 - center + 0.5) * inv_filterscale);
            *slot = w;
            ww += w;
        }
        for (slot, w) in row.iter_mut().zip(k.iter()).take(count) {
            let normalized = if ww != 0.0 { w / ww } else { *w };
            let fixed = normalized * f64::from(1u32 << PRECISION_BITS);
            *slot = if normalized < 0.0 {
                (-0.5 + fixed) as i32
            } else {
                (0.5 + fixed) as i32
            };
        }
        starts.push(xmin as usize);
        counts.push(count);
    }
    Coefficients {
        starts,
        counts,
        weights,
        ksize,
    }
}

fn clip8(sum: i32) -> u8 {
    (sum >> PRECISION_BITS).clamp(0, 255) as u8
}

/// Resamples columns: `rows` rows of `in_width` values to `out.len() / rows` columns.
///
/// Every output pixel multiplies exactly `ksize` values: the row is copied into a buffer
/// padded with `ksize` zeros and the weights past each pixel's count are zero, so the
/// extra products add nothing and the sums are Pillow's. With the length fixed, the
/// common kernel sizes get a fully unrolled loop.
fn horizontal(
    input: &[u8],
    in_width: usize,
    rows: std::ops::Range<usize>,
    c: &Coefficients,
) -> Vec<u8> {
    match c.ksize {
        3 => horizontal_with(input, in_width, rows, c, dot::<3>),
        5 => horizontal_with(input, in_width, rows, c, dot::<5>),
        7 => horizontal_with(input, in_width, rows, c, dot::<7>),
        9 => horizontal_with(input, in_width, rows, c, dot::<9>),
        11 => horizontal_with(input, in_width, rows, c, dot::<11>),
        13 => horizontal_with(input, in_width, rows, c, dot::<13>),
        _ => horizontal_with(input, in_width, rows, c, dot_any),
    }
}

/// `HALF` plus the products of the first `K` values and weights.
fn dot<const K: usize>(values: &[u8], weights: &[i32]) -> i32 {
    match (values.first_chunk::<K>(), weights.first_chunk::<K>()) {
        (Some(values), Some(weights)) => dot_any(values, weights),
        _ => HALF,
    }
}

/// `HALF` plus the products of values and weights, as many as the shorter has.
#[inline(always)]
fn dot_any(values: &[u8], weights: &[i32]) -> i32 {
    values
        .iter()
        .zip(weights)
        .fold(HALF, |acc, (v, w)| acc + i32::from(*v) * w)
}

fn horizontal_with(
    input: &[u8],
    in_width: usize,
    rows: std::ops::Range<usize>,
    c: &Coefficients,
    dot: impl Fn(&[u8], &[i32]) -> i32,
) -> Vec<u8> {
    let out_width = c.starts.len();
    let ksize = c.ksize.max(1);
    let mut out = vec![0u8; out_width * rows.len()];
    let mut padded = vec![0u8; in_width + ksize];
    // Masks are mostly runs of one value (Gemini's are 0 and 255 with nothing between,
    // about two changes per row, a third of the rows the same as the row above), so most
    // windows hold a single value `v`, whose sum is `HALF + v * (the sum of the window's
    // weights)`: the same integer as the products added one by one.
    let weight_sums: Vec<i32> = c
        .weights
        .chunks_exact(ksize)
        .map(|w| w.iter().sum())
        .collect();
    let mut changes = Vec::new();
    let line_of = |y: usize| input.get(y * in_width..(y + 1) * in_width);
    for (i, y) in rows.enumerate() {
        let at = i * out_width;
        let line = line_of(y);
        // The rows are consecutive: an input row equal to the one before has its output.
        if i > 0 && line.is_some() && line == y.checked_sub(1).and_then(line_of) {
            out.copy_within(at - out_width..at, at);
            continue;
        }
        let (row, _) = padded.split_at_mut(in_width);
        match line {
            Some(values) => row.copy_from_slice(values),
            None => row.fill(0),
        }
        let Some(line_out) = out.get_mut(at..at + out_width) else {
            break;
        };
        // A row that changes often (a soft mask, a photo) has few windows of one value:
        // every product is added, as Pillow does, without looking for them.
        let search = changes_in(row, &mut changes, out_width / (2 * ksize) + 1);
        // `next`: the first change at or after the window's start (the starts only grow).
        let mut next = 0;
        let pixels = line_out
            .iter_mut()
            .zip(c.starts.iter().zip(&c.counts))
            .zip(c.weights.chunks_exact(ksize).zip(&weight_sums));
        for ((o, (start, count)), (weights, sum)) in pixels {
            let window = padded.get(*start..).unwrap_or(&[]);
            let uniform = search && {
                while changes.get(next).is_some_and(|p| p < start) {
                    next += 1;
                }
                // A change at `p` is between values `p` and `p + 1`.
                changes.get(next).is_none_or(|p| p + 1 >= start + count)
            };
            *o = match (uniform, window.first()) {
                (true, Some(v)) => clip8(HALF + i32::from(*v) * sum),
                _ => clip8(dot(window, weights)),
            };
        }
    }
    out
}

/// Where `row` changes value: every `p` whose value differs from the one at `p + 1`, in
/// order, into `changes`; `false` (and `changes` incomplete) past `limit` of them. Eight
/// pairs at a time: mask rows change rarely.
fn changes_in(row: &[u8], changes: &mut Vec<usize>, limit: usize) -> bool {
    changes.clear();
    let word = |at: usize| {
        row.get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let mut at = 0;
    while let (Some(here), Some(next)) = (word(at), word(at + 1)) {
        let mut differ = here ^ next;
        while differ != 0 {
            let byte = differ.trailing_zeros() / 8;
            changes.push(at + byte as usize);
            differ &= !(0xff << (byte * 8));
        }
        if changes.len() > limit {
            return false;
        }
        at += 8;
    }
    let rest = row.get(at..).unwrap_or(&[]);
    for (p, pair) in rest.windows(2).enumerate() {
        if pair.first() != pair.get(1) {
            changes.push(at + p);
        }
    }
    changes.len() <= limit
}

/// Resamples rows; `first_row` is the input row that `input` starts at.
fn vertical(input: &[u8], width: usize, first_row: usize, c: &Coefficients) -> Vec<u8> {
    let out_height = c.starts.len();
    let mut out = vec![0u8; width * out_height];
    let mut sums = vec![0i32; width];
    for (yy, line_out) in out.chunks_exact_mut(width).enumerate() {
        let (start, weights) = c.weights_of(yy);
        sums.fill(HALF);
        for (offset, w) in weights.iter().enumerate() {
            let Some(row) = (start + offset).checked_sub(first_row) else {
                continue;
            };
            let line = input.get(row * width..(row + 1) * width).unwrap_or(&[]);
            for (sum, v) in sums.iter_mut().zip(line) {
                *sum += i32::from(*v) * w;
            }
        }
        for (o, sum) in line_out.iter_mut().zip(&sums) {
            *o = clip8(*sum);
        }
    }
    out
}

/// Resizes `values` (`in_w` x `in_h`, row by row) to `out_w` x `out_h` as Pillow's
/// `Image.resize(..., BILINEAR)` does for an `L` image; `vertical_first` picks the pass
/// order when both dimensions change. Missing input values read as 0.
pub fn resize(
    values: &[u8],
    (in_w, in_h): (usize, usize),
    (out_w, out_h): (usize, usize),
    vertical_first: bool,
) -> Vec<u8> {
    match (out_w != in_w, out_h != in_h) {
        (false, false) => values.to_vec(),
        (true, false) => horizontal(values, in_w, 0..in_h, &coefficients(in_w, out_w)),
        (false, true) => vertical(values, in_w, 0, &coefficients(in_h, out_h)),
        (true, true) if vertical_first => {
            let tall = vertical(values, in_w, 0, &coefficients(in_h, out_h));
            horizontal(&tall, in_w, 0..out_h, &coefficients(in_w, out_w))
        }
        (true, true) => {
            let rows = coefficients(in_h, out_h);
            // Only the input rows the vertical pass reads go through the horizontal pass.
            let first = rows.starts.first().copied().unwrap_or(0);
            let last =
                rows.starts.last().copied().unwrap_or(0) + rows.counts.last().copied().unwrap_or(0);
            let wide = horizontal(
                values,
                in_w,
                first..last.max(first),
                &coefficients(in_w, out_w),
            );
            vertical(&wide, out_w, first, &rows)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The horizontal pass as Pillow writes it: every product added, no shortcut.
    fn plain_horizontal(
        input: &[u8],
        in_width: usize,
        rows: std::ops::Range<usize>,
        c: &Coefficients,
    ) -> Vec<u8> {
        let mut out = Vec::new();
        for y in rows {
            let line = &input[y * in_width..(y + 1) * in_width];
            for (xx, start) in c.starts.iter().enumerate() {
                let (_, weights) = c.weights_of(xx);
                out.push(clip8(dot_any(&line[*start..], weights)));
            }
        }
        out
    }

    /// Rows made of runs: lengths 1 to `longest`, values drawn from `palette`, from a
    /// fixed LCG.
    fn runs(len: usize, seed: u64, palette: &[u8], longest: usize) -> Vec<u8> {
        let mut state = seed;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            let value = palette[next() % palette.len()];
            let run = 1 + next() % longest;
            out.extend(std::iter::repeat_n(value, run.min(len - out.len())));
        }
        out
    }

    #[test]
    fn the_uniform_window_shortcut_sums_as_every_product_does() {
        // Long runs (masks: the shortcut), runs of one (noise: every product added).
        let palettes: [(&[u8], usize); 4] = [
            (&[0, 255], 12),
            (&[0, 1, 128, 254, 255], 12),
            (&[7], 12),
            (&[0, 1, 128, 254, 255], 1),
        ];
        for (p, (palette, longest)) in palettes.iter().enumerate() {
            for in_width in 1..=24 {
                for out_width in 1..=40 {
                    let seed = (p * 10_000 + in_width * 100 + out_width) as u64;
                    // Five rows, the third and the fifth copies of the second (rows
                    // repeat in masks).
                    let mut input = runs(in_width * 5, seed, palette, *longest);
                    input.copy_within(in_width..2 * in_width, 2 * in_width);
                    input.copy_within(in_width..2 * in_width, 4 * in_width);
                    let c = coefficients(in_width, out_width);
                    for rows in [0..5, 1..5, 2..3] {
                        assert_eq!(
                            horizontal(&input, in_width, rows.clone(), &c),
                            plain_horizontal(&input, in_width, rows, &c),
                            "{in_width} -> {out_width}, palette {palette:?}"
                        );
                    }
                }
            }
        }
    }
}
