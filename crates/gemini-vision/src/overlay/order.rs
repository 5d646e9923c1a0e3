//! Which detection is drawn first, and which one is under the pointer.

use crate::geometry::{ImageSize, PixelBox, PixelPoint};
use crate::spatial::{Detection, Mask};

/// The pixel box a detection covers: its `box_2d`, else its polygon's bounds.
pub fn footprint(detection: &Detection, size: ImageSize) -> Option<PixelBox> {
    let polygon_bounds = || match &detection.mask {
        Mask::Polygon(polygon) => polygon.bounds(),
        _ => None,
    };
    detection
        .box_2d
        .or_else(polygon_bounds)
        .and_then(|b| b.to_pixels(size))
}

/// Indices of `detections` in drawing order: largest footprint first, so that small
/// masks drawn later stay visible; detections without one (points) come last. Ties keep
/// the model's order.
pub fn draw_order(detections: &[Detection], size: ImageSize) -> Vec<usize> {
    let mut order: Vec<(usize, u64)> = detections
        .iter()
        .enumerate()
        .map(|(i, d)| (i, footprint(d, size).map_or(0, |b| b.area())))
        .collect();
    order.sort_by_key(|(_, area)| std::cmp::Reverse(*area));
    order.into_iter().map(|(i, _)| i).collect()
}

/// The detection under `at`: the nearest point marker within `point_radius` pixels if
/// there is one (markers are small targets drawn on top), otherwise the smallest
/// footprint that contains `at` (so nested boxes can each be reached). Ties go to the
/// earlier detection.
pub fn hit_test(
    detections: &[Detection],
    size: ImageSize,
    at: PixelPoint,
    point_radius: f64,
) -> Option<usize> {
    let radius = if point_radius.is_finite() {
        point_radius.max(0.0)
    } else {
        0.0
    };
    let nearest_point = detections
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let p = d.point?.to_pixels(size);
            let distance = ((p.x - at.x).powi(2) + (p.y - at.y).powi(2)).sqrt();
            (distance <= radius).then_some((i, distance))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((i, _)) = nearest_point {
        return Some(i);
    }
    detections
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            footprint(d, size)
                .filter(|b| b.contains(at))
                .map(|b| (i, b.area()))
        })
        .min_by_key(|(_, area)| *area)
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::{NormalizedBox, NormalizedPoint};

    fn size() -> ImageSize {
        ImageSize::new(1000, 1000).unwrap()
    }

    fn boxed(label: &str, b: [f64; 4]) -> Detection {
        let mut d = Detection::labelled(label);
        d.box_2d = NormalizedBox::new(b[0], b[1], b[2], b[3]);
        d
    }

    fn pointed(label: &str, y: f64, x: f64) -> Detection {
        let mut d = Detection::labelled(label);
        d.point = NormalizedPoint::clamped(y, x).map(|(p, _)| p);
        d
    }

    #[test]
    fn larger_footprints_are_drawn_first_and_points_last() {
        let detections = [
            pointed("dot", 5.0, 5.0),
            boxed("small", [0.0, 0.0, 10.0, 10.0]),
            boxed("big", [0.0, 0.0, 500.0, 500.0]),
            boxed("medium", [0.0, 0.0, 100.0, 100.0]),
        ];
        assert_eq!(draw_order(&detections, size()), vec![2, 3, 1, 0]);
    }

    #[test]
    fn the_smallest_box_under_the_pointer_wins() {
        let detections = [
            boxed("table", [0.0, 0.0, 1000.0, 1000.0]),
            boxed("cup", [100.0, 100.0, 200.0, 200.0]),
        ];
        assert_eq!(
            hit_test(&detections, size(), PixelPoint { x: 150.0, y: 150.0 }, 0.0),
            Some(1)
        );
        assert_eq!(
            hit_test(&detections, size(), PixelPoint { x: 500.0, y: 500.0 }, 0.0),
            Some(0)
        );
    }

    #[test]
    fn a_point_within_the_radius_beats_any_box() {
        let detections = [
            boxed("cup", [100.0, 100.0, 200.0, 200.0]),
            pointed("handle", 150.0, 160.0),
        ];
        assert_eq!(
            hit_test(&detections, size(), PixelPoint { x: 155.0, y: 150.0 }, 6.0),
            Some(1)
        );
        assert_eq!(
            hit_test(&detections, size(), PixelPoint { x: 120.0, y: 150.0 }, 6.0),
            Some(0)
        );
    }

    #[test]
    fn nothing_is_hit_outside_every_footprint() {
        let detections = [boxed("cup", [100.0, 100.0, 200.0, 200.0])];
        assert_eq!(
            hit_test(&detections, size(), PixelPoint { x: 900.0, y: 900.0 }, 5.0),
            None
        );
    }
}
