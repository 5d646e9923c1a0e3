//! Masks in the two shapes Gemini answers with: a 256x256 greyscale PNG covering the box
//! (Gemini 2.5), and a polygon of `[x, y]` pairs (Gemini 3), here the convex outline.
//!
//! Pure pixel work; the PNG is built in memory (64 KiB of pixels at most).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use image::RgbImage;

use crate::detector::{Region, hue_name};

/// Side of a PNG mask.
pub const MASK_SIDE: u32 = 256;

/// Convex hull of integer points (Andrew's monotone chain), counter-clockwise in image
/// coordinates, without repeated or collinear points.
pub fn convex_hull(mut points: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    points.sort_unstable();
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let cross = |o: (u32, u32), a: (u32, u32), b: (u32, u32)| {
        let (ox, oy) = (i64::from(o.0), i64::from(o.1));
        (i64::from(a.0) - ox) * (i64::from(b.1) - oy)
            - (i64::from(a.1) - oy) * (i64::from(b.0) - ox)
    };
    let mut lower: Vec<(u32, u32)> = Vec::new();
    for &point in &points {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], point) <= 0
        {
            lower.pop();
        }
        lower.push(point);
    }
    let mut upper: Vec<(u32, u32)> = Vec::new();
    for &point in points.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], point) <= 0
        {
            upper.pop();
        }
        upper.push(point);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// Area of a simple polygon (shoelace formula).
pub fn polygon_area(points: &[(u32, u32)]) -> f64 {
    let twice: i64 = points
        .iter()
        .zip(points.iter().cycle().skip(1))
        .map(|(a, b)| i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1))
        .sum();
    twice.abs() as f64 / 2.0
}

/// The 256x256 mask of `region` over its box: 255 where the full-size pixel has the
/// region's colour, 0 elsewhere.
pub fn box_mask(full: &RgbImage, region: &Region) -> Vec<u8> {
    let (width, height) = full.dimensions();
    let [ymin, xmin, ymax, xmax] = region.box_2d.map(f64::from);
    let (x0, x1) = (
        xmin / 1000.0 * f64::from(width),
        xmax / 1000.0 * f64::from(width),
    );
    let (y0, y1) = (
        ymin / 1000.0 * f64::from(height),
        ymax / 1000.0 * f64::from(height),
    );
    let side = f64::from(MASK_SIDE);
    let mut pixels = Vec::with_capacity((MASK_SIDE * MASK_SIDE) as usize);
    for v in 0..MASK_SIDE {
        let y = (y0 + (f64::from(v) + 0.5) * (y1 - y0) / side).floor() as u32;
        for u in 0..MASK_SIDE {
            let x = (x0 + (f64::from(u) + 0.5) * (x1 - x0) / side).floor() as u32;
            let inside = full
                .get_pixel_checked(
                    x.min(width.saturating_sub(1)),
                    y.min(height.saturating_sub(1)),
                )
                .is_some_and(|pixel| hue_name(pixel.0) == Some(region.colour));
            pixels.push(if inside { 255 } else { 0 });
        }
    }
    pixels
}

/// A full-box mask (255 everywhere), for boxes whose shape is not known.
pub fn full_mask() -> Vec<u8> {
    vec![255; (MASK_SIDE * MASK_SIDE) as usize]
}

/// A greyscale 256x256 mask as a `data:image/png;base64,` URI.
pub fn png_data_uri(pixels: &[u8]) -> String {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, MASK_SIDE, MASK_SIDE);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let written = encoder
            .write_header()
            .and_then(|mut writer| writer.write_image_data(pixels));
        if written.is_err() {
            bytes.clear();
        }
    }
    format!("data:image/png;base64,{}", STANDARD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hull_of_a_square_is_its_corners() {
        let hull = convex_hull(vec![(0, 0), (2, 0), (2, 2), (0, 2), (1, 1), (1, 0)]);
        assert_eq!(hull.len(), 4);
        for corner in [(0, 0), (2, 0), (2, 2), (0, 2)] {
            assert!(hull.contains(&corner));
        }
    }

    #[test]
    fn polygon_area_of_a_rectangle() {
        assert_eq!(polygon_area(&[(0, 0), (4, 0), (4, 3), (0, 3)]), 12.0);
    }

    #[test]
    fn png_masks_decode_to_256_square_greyscale() {
        let uri = png_data_uri(&full_mask());
        let bytes = STANDARD
            .decode(uri.trim_start_matches("data:image/png;base64,"))
            .unwrap();
        let image = image::load_from_memory(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (256, 256));
        assert_eq!(image.color(), image::ColorType::L8);
    }

    proptest! {
        #[test]
        fn every_point_lies_inside_the_hull(points in proptest::collection::vec((0u32..50, 0u32..50), 3..40)) {
            let hull = convex_hull(points.clone());
            prop_assume!(hull.len() >= 3);
            for p in points {
                for i in 0..hull.len() {
                    let a = hull[i];
                    let b = hull[(i + 1) % hull.len()];
                    let cross = (i64::from(b.0) - i64::from(a.0)) * (i64::from(p.1) - i64::from(a.1))
                        - (i64::from(b.1) - i64::from(a.1)) * (i64::from(p.0) - i64::from(a.0));
                    prop_assert!(cross >= 0);
                }
            }
        }
    }
}
