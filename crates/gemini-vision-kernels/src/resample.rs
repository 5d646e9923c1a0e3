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
    for (y, line_out) in rows.zip(out.chunks_exact_mut(out_width.max(1))) {
        let (line, _) = padded.split_at_mut(in_width);
        match input.get(y * in_width..(y + 1) * in_width) {
            Some(values) => line.copy_from_slice(values),
            None => line.fill(0),
        }
        let pixels = line_out
            .iter_mut()
            .zip(&c.starts)
            .zip(c.weights.chunks_exact(ksize));
        for ((o, start), weights) in pixels {
            *o = clip8(dot(padded.get(*start..).unwrap_or(&[]), weights));
        }
    }
    out
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
