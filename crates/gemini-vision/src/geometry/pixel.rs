//! Boxes and points in image pixels.

use serde::Serialize;

/// A non-empty box of whole pixels: columns `x..x + width`, rows `y..y + height`
/// (the end is exclusive, like the cookbook's `np_mask[y0:y1, x0:x1]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PixelBox {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
}

impl PixelBox {
    /// The box from `(x0, y0)` (inclusive) to `(x1, y1)` (exclusive); `None` when empty.
    pub fn from_corners(x0: u32, y0: u32, x1: u32, y1: u32) -> Option<Self> {
        if x0 >= x1 || y0 >= y1 {
            return None;
        }
        Some(PixelBox {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        })
    }

    /// Left column.
    pub fn x(&self) -> u32 {
        self.x
    }

    /// Top row.
    pub fn y(&self) -> u32 {
        self.y
    }

    /// Width in pixels, at least 1.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels, at least 1.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// One past the right column.
    pub fn x_end(&self) -> u32 {
        self.x + self.width
    }

    /// One past the bottom row.
    pub fn y_end(&self) -> u32 {
        self.y + self.height
    }

    /// `width * height`.
    pub fn area(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    /// Whether a point in continuous pixel coordinates lies inside (edges: left and top
    /// inclusive, right and bottom exclusive).
    pub fn contains(&self, point: PixelPoint) -> bool {
        point.x >= f64::from(self.x)
            && point.x < f64::from(self.x_end())
            && point.y >= f64::from(self.y)
            && point.y < f64::from(self.y_end())
    }
}

/// A position in continuous pixel coordinates (`(0, 0)` is the top-left corner of the
/// top-left pixel).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PixelPoint {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge.
    pub y: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_corners_make_no_box() {
        assert!(PixelBox::from_corners(5, 5, 5, 9).is_none());
        assert!(PixelBox::from_corners(6, 5, 5, 9).is_none());
    }

    #[test]
    fn edges_are_half_open() {
        let b = PixelBox::from_corners(10, 20, 30, 40).unwrap();
        assert!(b.contains(PixelPoint { x: 10.0, y: 20.0 }));
        assert!(!b.contains(PixelPoint { x: 30.0, y: 25.0 }));
        assert!(!b.contains(PixelPoint { x: 15.0, y: 40.0 }));
        assert_eq!((b.width(), b.height(), b.area()), (20, 20, 400));
    }
}
