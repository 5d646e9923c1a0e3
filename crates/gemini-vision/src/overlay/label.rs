//! Where a box's label goes so that it stays readable and inside the image.
//!
//! The cookbook draws labels at a fixed offset from the box corner and lets them run off
//! the image (its bento render cuts "Saki Ika / Dried Squid" at the right edge). Here the
//! label sits on top of the box, left-aligned, moves inside the box when there is no room
//! above, and is shifted left or up so the whole measured text stays in the image.

use crate::geometry::{ImageSize, PixelBox};
use serde::Serialize;

/// The top-left corner of a label's text box, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelPlacement {
    /// Left edge of the text box.
    pub x: f64,
    /// Top edge of the text box.
    pub y: f64,
    /// Whether the label sits inside the box (no room above it).
    pub inside_box: bool,
}

/// Places a label of `text_width` x `text_height` pixels (as measured by the renderer)
/// for `anchor` on an image of `size`. Text larger than the image is pinned to the
/// image's top-left corner.
pub fn place_label(
    anchor: PixelBox,
    text_width: f64,
    text_height: f64,
    size: ImageSize,
) -> LabelPlacement {
    let measure = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let (text_width, text_height) = (measure(text_width), measure(text_height));
    let (image_width, image_height) = (f64::from(size.width()), f64::from(size.height()));
    let above = f64::from(anchor.y()) - text_height;
    let inside_box = above < 0.0;
    let y = if inside_box {
        f64::from(anchor.y())
    } else {
        above
    };
    let x = f64::from(anchor.x());
    LabelPlacement {
        x: x.min(image_width - text_width).max(0.0),
        y: y.min(image_height - text_height).max(0.0),
        inside_box,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size() -> ImageSize {
        ImageSize::new(640, 480).unwrap()
    }

    #[test]
    fn the_label_sits_on_top_of_the_box() {
        let b = PixelBox::from_corners(100, 100, 200, 200).unwrap();
        assert_eq!(
            place_label(b, 50.0, 14.0, size()),
            LabelPlacement {
                x: 100.0,
                y: 86.0,
                inside_box: false
            }
        );
    }

    #[test]
    fn a_box_at_the_top_gets_its_label_inside() {
        let b = PixelBox::from_corners(100, 5, 200, 200).unwrap();
        assert_eq!(
            place_label(b, 50.0, 14.0, size()),
            LabelPlacement {
                x: 100.0,
                y: 5.0,
                inside_box: true
            }
        );
    }

    #[test]
    fn a_long_label_near_the_right_edge_shifts_left() {
        let b = PixelBox::from_corners(600, 100, 640, 200).unwrap();
        assert_eq!(place_label(b, 120.0, 14.0, size()).x, 520.0);
    }

    #[test]
    fn a_label_in_the_bottom_row_stays_above_the_bottom_edge() {
        let b = PixelBox::from_corners(0, 0, 640, 480).unwrap();
        let placement = place_label(b, 10.0, 600.0, size());
        assert_eq!((placement.x, placement.y), (0.0, 0.0));
    }

    #[test]
    fn nonsense_measurements_count_as_zero() {
        let b = PixelBox::from_corners(10, 10, 20, 20).unwrap();
        let placement = place_label(b, f64::NAN, -4.0, size());
        assert_eq!((placement.x, placement.y), (10.0, 10.0));
    }
}
