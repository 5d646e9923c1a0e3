//! Pillow's bilinear resize, bit for bit.
//!
//! The cookbook resizes each mask with `Image.resize((w, h), Image.Resampling.BILINEAR)`.
//! Pillow does not sample four neighbours: it runs a separable convolution with the
//! triangle filter, widening the filter by the scale factor when shrinking (so every
//! input pixel contributes), with weights rounded to 22-bit fixed point and each pass
//! rounded back to 8 bits. Matching it means matching all of that: the coefficient
//! bounds and their `(int)` truncations, the double-precision weight normalisation, the
//! fixed-point rounding, the horizontal-then-vertical order (vertical first for images
//! more than 100 times taller than wide, as `Image.resize` does) and the intermediate
//! 8-bit clipping. This is a fresh implementation of that algorithm (Pillow's
//! `src/libImaging/Resample.c` and `Image.resize`), checked against Pillow itself by
//! `tests/reference/check_masks.py`.

use super::ProbabilityMap;
use crate::error::{Error, Result};
use crate::geometry::ImageSize;

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
fn horizontal(
    input: &[u8],
    in_width: usize,
    rows: std::ops::Range<usize>,
    c: &Coefficients,
) -> Vec<u8> {
    let out_width = c.starts.len();
    let mut out = Vec::with_capacity(out_width * rows.len());
    for y in rows {
        let line = input.get(y * in_width..(y + 1) * in_width).unwrap_or(&[]);
        for xx in 0..out_width {
            let (start, weights) = c.weights_of(xx);
            let taps = line.get(start..start + weights.len()).unwrap_or(&[]);
            let sum = taps
                .iter()
                .zip(weights)
                .fold(HALF, |acc, (v, w)| acc + i32::from(*v) * w);
            out.push(clip8(sum));
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

/// Resizes `map` to `width` x `height` exactly as Pillow's
/// `Image.resize((width, height), Image.Resampling.BILINEAR)` does for an `L` image.
pub fn resize_bilinear(map: &ProbabilityMap, width: u32, height: u32) -> Result<ProbabilityMap> {
    // The output is an image-sized buffer: same caps as images.
    ImageSize::new(width, height)?;
    let (in_w, in_h) = (map.width() as usize, map.height() as usize);
    let (out_w, out_h) = (width as usize, height as usize);
    let need_horizontal = out_w != in_w;
    let need_vertical = out_h != in_h;
    let values = match (need_horizontal, need_vertical) {
        (false, false) => map.values().to_vec(),
        (true, false) => horizontal(map.values(), in_w, 0..in_h, &coefficients(in_w, out_w)),
        (false, true) => vertical(map.values(), in_w, 0, &coefficients(in_h, out_h)),
        // `Image.resize` shrinks very tall images vertically first.
        (true, true) if in_h > in_w * 100 && out_h < in_h => {
            let tall = vertical(map.values(), in_w, 0, &coefficients(in_h, out_h));
            horizontal(&tall, in_w, 0..out_h, &coefficients(in_w, out_w))
        }
        (true, true) => {
            let rows = coefficients(in_h, out_h);
            // Only the input rows the vertical pass reads go through the horizontal pass.
            let first = rows.starts.first().copied().unwrap_or(0);
            let last =
                rows.starts.last().copied().unwrap_or(0) + rows.counts.last().copied().unwrap_or(0);
            let wide = horizontal(
                map.values(),
                in_w,
                first..last.max(first),
                &coefficients(in_w, out_w),
            );
            vertical(&wide, out_w, first, &rows)
        }
    };
    ProbabilityMap::new(width, height, values)
        .map_err(|_| Error::malformed("PNG mask", "resize produced a wrong size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(width: u32, height: u32, values: &[u8]) -> ProbabilityMap {
        ProbabilityMap::new(width, height, values.to_vec()).unwrap()
    }

    // Expected values below were produced by Pillow 13.0.0 with
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

    const PILLOW_4X3_TO_7X5: &[u8] = &[
        0, 23, 59, 96, 137, 210, 255, 4, 19, 43, 68, 95, 140, 169, 10, 14, 19, 25, 31, 36, 40, 157,
        104, 18, 87, 155, 69, 16, 255, 164, 18, 128, 237, 91, 0,
    ];
    const PILLOW_10X6_TO_3X4: &[u8] = &[93, 125, 97, 114, 120, 119, 134, 122, 127, 122, 143, 120];
}
