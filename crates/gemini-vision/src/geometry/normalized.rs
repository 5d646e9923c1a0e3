//! Boxes and points in the model's 0-1000 space.

use super::{ImageSize, PixelBox, PixelPoint, normalized_to_pixel};
use serde::Serialize;

/// The top of the model's normalized coordinate range (the bottom is 0).
pub(crate) const NORMALIZED_MAX: f64 = 1000.0;

/// A 2D box in the model's 0-1000 space: finite, inside 0..=1000, `ymin < ymax` and
/// `xmin < xmax`. The parser repairs what it can into this shape and drops the rest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NormalizedBox {
    ymin: f64,
    xmin: f64,
    ymax: f64,
    xmax: f64,
}

/// What [`NormalizedBox::repair`] had to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BoxRepairs {
    /// `ymin > ymax` or `xmin > xmax`: the corners were swapped.
    pub swapped: bool,
    /// Some value was outside 0..=1000 and was clamped.
    pub clamped: bool,
}

/// Why [`NormalizedBox::repair`] gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxDefect {
    /// A value is NaN or infinite.
    NonFinite,
    /// After clamping, the box has no height or no width.
    ZeroArea,
}

impl NormalizedBox {
    /// A box from `[ymin, xmin, ymax, xmax]` that is already valid; `None` otherwise.
    pub fn new(ymin: f64, xmin: f64, ymax: f64, xmax: f64) -> Option<Self> {
        match Self::repair([ymin, xmin, ymax, xmax]) {
            Ok((b, repairs)) if repairs == BoxRepairs::default() => Some(b),
            _ => None,
        }
    }

    /// Repairs `[ymin, xmin, ymax, xmax]` as the parser does: inverted corners are
    /// swapped, values are clamped to 0..=1000; non-finite values and boxes without
    /// area are refused.
    pub fn repair(values: [f64; 4]) -> Result<(Self, BoxRepairs), BoxDefect> {
        if values.iter().any(|v| !v.is_finite()) {
            return Err(BoxDefect::NonFinite);
        }
        let [mut ymin, mut xmin, mut ymax, mut xmax] = values;
        let mut repairs = BoxRepairs::default();
        if ymin > ymax {
            std::mem::swap(&mut ymin, &mut ymax);
            repairs.swapped = true;
        }
        if xmin > xmax {
            std::mem::swap(&mut xmin, &mut xmax);
            repairs.swapped = true;
        }
        let clamp = |v: f64, clamped: &mut bool| {
            let c = v.clamp(0.0, NORMALIZED_MAX);
            *clamped |= c != v;
            c
        };
        let (ymin, xmin) = (
            clamp(ymin, &mut repairs.clamped),
            clamp(xmin, &mut repairs.clamped),
        );
        let (ymax, xmax) = (
            clamp(ymax, &mut repairs.clamped),
            clamp(xmax, &mut repairs.clamped),
        );
        if ymin >= ymax || xmin >= xmax {
            return Err(BoxDefect::ZeroArea);
        }
        Ok((
            NormalizedBox {
                ymin,
                xmin,
                ymax,
                xmax,
            },
            repairs,
        ))
    }

    /// Top edge, 0..=1000.
    pub fn ymin(&self) -> f64 {
        self.ymin
    }

    /// Left edge, 0..=1000.
    pub fn xmin(&self) -> f64 {
        self.xmin
    }

    /// Bottom edge, 0..=1000.
    pub fn ymax(&self) -> f64 {
        self.ymax
    }

    /// Right edge, 0..=1000.
    pub fn xmax(&self) -> f64 {
        self.xmax
    }

    /// `[ymin, xmin, ymax, xmax]`, the model's order.
    pub fn to_array(&self) -> [f64; 4] {
        [self.ymin, self.xmin, self.ymax, self.xmax]
    }

    /// The pixel box exactly as the cookbook computes it (`int(v / 1000 * size)` for
    /// each edge), or `None` when that is empty (the cookbook skips such boxes:
    /// `if y0 >= y1 or x0 >= x1: continue`).
    pub fn to_pixels(&self, size: ImageSize) -> Option<PixelBox> {
        let y0 = normalized_to_pixel(self.ymin, size.height());
        let x0 = normalized_to_pixel(self.xmin, size.width());
        let y1 = normalized_to_pixel(self.ymax, size.height());
        let x1 = normalized_to_pixel(self.xmax, size.width());
        PixelBox::from_corners(x0, y0, x1, y1)
    }
}

/// A point `[y, x]` in the model's 0-1000 space, finite and clamped to 0..=1000.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NormalizedPoint {
    y: f64,
    x: f64,
}

impl NormalizedPoint {
    /// A point from `[y, x]`, clamped to 0..=1000 (the flag says whether it had to be);
    /// `None` when a value is not finite.
    pub fn clamped(y: f64, x: f64) -> Option<(Self, bool)> {
        if !y.is_finite() || !x.is_finite() {
            return None;
        }
        let (cy, cx) = (y.clamp(0.0, NORMALIZED_MAX), x.clamp(0.0, NORMALIZED_MAX));
        Some((NormalizedPoint { y: cy, x: cx }, cy != y || cx != x))
    }

    /// Vertical position, 0..=1000.
    pub fn y(&self) -> f64 {
        self.y
    }

    /// Horizontal position, 0..=1000.
    pub fn x(&self) -> f64 {
        self.x
    }

    /// Where the point falls in an image, in continuous pixel coordinates
    /// (`v / 1000 * size`, not truncated: points are drawn, not indexed).
    pub fn to_pixels(&self, size: ImageSize) -> PixelPoint {
        PixelPoint {
            x: self.x / NORMALIZED_MAX * f64::from(size.width()),
            y: self.y / NORMALIZED_MAX * f64::from(size.height()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(w: u32, h: u32) -> ImageSize {
        ImageSize::new(w, h).unwrap()
    }

    #[test]
    fn socks_box_matches_the_cookbook_pixels() {
        // cookbook_2025-06-17 socks, item 0, on the 640x482 thumbnail:
        // int(46/1000*482)=22, int(246/1000*640)=157, int(385/1000*482)=185, int(526/1000*640)=336
        let b = NormalizedBox::new(46.0, 246.0, 385.0, 526.0).unwrap();
        let p = b.to_pixels(size(640, 482)).unwrap();
        assert_eq!((p.x(), p.y(), p.x_end(), p.y_end()), (157, 22, 336, 185));
    }

    #[test]
    fn inverted_corners_are_swapped() {
        let (b, repairs) = NormalizedBox::repair([500.0, 600.0, 100.0, 200.0]).unwrap();
        assert_eq!(b.to_array(), [100.0, 200.0, 500.0, 600.0]);
        assert!(repairs.swapped && !repairs.clamped);
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        let (b, repairs) = NormalizedBox::repair([-5.0, 10.0, 1200.0, 990.0]).unwrap();
        assert_eq!(b.to_array(), [0.0, 10.0, 1000.0, 990.0]);
        assert!(repairs.clamped && !repairs.swapped);
    }

    #[test]
    fn boxes_without_area_are_refused() {
        assert_eq!(
            NormalizedBox::repair([10.0, 10.0, 10.0, 50.0]),
            Err(BoxDefect::ZeroArea)
        );
        assert_eq!(
            NormalizedBox::repair([1100.0, 0.0, 1200.0, 500.0]),
            Err(BoxDefect::ZeroArea)
        );
    }

    #[test]
    fn non_finite_values_are_refused() {
        assert_eq!(
            NormalizedBox::repair([f64::NAN, 0.0, 10.0, 10.0]),
            Err(BoxDefect::NonFinite)
        );
        assert_eq!(
            NormalizedBox::repair([0.0, 0.0, f64::INFINITY, 10.0]),
            Err(BoxDefect::NonFinite)
        );
    }

    #[test]
    fn tiny_boxes_can_vanish_in_pixels() {
        let b = NormalizedBox::new(100.0, 100.0, 100.5, 200.0).unwrap();
        assert_eq!(b.to_pixels(size(100, 100)), None);
    }

    #[test]
    fn points_are_clamped_and_flagged() {
        let (p, clamped) = NormalizedPoint::clamped(-3.0, 1500.0).unwrap();
        assert_eq!((p.y(), p.x(), clamped), (0.0, 1000.0, true));
        assert!(NormalizedPoint::clamped(f64::NAN, 1.0).is_none());
    }

    #[test]
    fn points_map_to_continuous_pixels() {
        let (p, _) = NormalizedPoint::clamped(500.0, 250.0).unwrap();
        assert_eq!(
            p.to_pixels(size(800, 600)),
            PixelPoint { x: 200.0, y: 300.0 }
        );
    }
}
