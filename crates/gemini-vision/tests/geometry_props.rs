//! Properties of the coordinate conversions and the 3D projection.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::geometry::{Box3d, ImageSize, NormalizedBox, NormalizedPoint};
use proptest::prelude::*;

fn a_size() -> impl Strategy<Value = ImageSize> {
    (1u32..5000, 1u32..5000).prop_map(|(w, h)| ImageSize::new(w, h).unwrap())
}

proptest! {
    #[test]
    fn pixel_boxes_follow_the_cookbook_formula_and_stay_in_the_image(
        a in 0.0f64..1000.0, b in 0.0f64..1000.0, c in 0.0f64..1000.0, d in 0.0f64..1000.0, size in a_size()
    ) {
        let Some(normalized) = NormalizedBox::new(a.min(c), b.min(d), a.max(c), b.max(d)) else { return Ok(()) };
        let cookbook = |v: f64, side: u32| (v / 1000.0 * f64::from(side)) as u32;
        let [y0, x0, y1, x1] = normalized.to_array();
        let (py0, px0, py1, px1) = (cookbook(y0, size.height()), cookbook(x0, size.width()), cookbook(y1, size.height()), cookbook(x1, size.width()));
        match normalized.to_pixels(size) {
            Some(p) => {
                prop_assert_eq!((p.x(), p.y(), p.x_end(), p.y_end()), (px0, py0, px1, py1));
                prop_assert!(p.x_end() <= size.width() && p.y_end() <= size.height());
            }
            None => prop_assert!(py0 >= py1 || px0 >= px1),
        }
    }

    #[test]
    fn points_land_inside_the_image(y in -100.0f64..1100.0, x in -100.0f64..1100.0, size in a_size()) {
        let (point, clamped) = NormalizedPoint::clamped(y, x).unwrap();
        prop_assert_eq!(clamped, !(0.0..=1000.0).contains(&y) || !(0.0..=1000.0).contains(&x));
        let p = point.to_pixels(size);
        prop_assert!(p.x >= 0.0 && p.x <= f64::from(size.width()) && p.y >= 0.0 && p.y <= f64::from(size.height()));
    }

    #[test]
    fn moving_a_box_away_makes_its_projection_smaller(
        depth in 1.0f64..20.0, extra in 0.5f64..20.0, yaw in -180.0f64..180.0, fov in 20.0f64..120.0
    ) {
        let size = ImageSize::new(800, 600).unwrap();
        let width_of = |d: f64| {
            let b = Box3d::from_values([0.0, d, 0.0, 0.4, 0.4, 0.4, 0.0, 0.0, yaw]).unwrap();
            let p = b.project(size, fov).unwrap();
            let xs = p.corners.map(|c| c.x);
            xs.iter().cloned().fold(f64::MIN, f64::max) - xs.iter().cloned().fold(f64::MAX, f64::min)
        };
        prop_assert!(width_of(depth + extra) < width_of(depth));
    }
}
