//! Properties of colours, label placement, drawing order, hit-testing and compositing.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::geometry::{ImageSize, NormalizedBox, PixelBox, PixelPoint};
use gemini_vision::mask::PolygonMask;
use gemini_vision::overlay::{
    CompositeStyle, MaskScene, draw_order, footprint, hit_test, label_color, place_label,
};
use gemini_vision::spatial::{Detection, Mask};
use proptest::prelude::*;

fn a_detection() -> impl Strategy<Value = Detection> {
    (
        0.0f64..990.0,
        0.0f64..990.0,
        1.0f64..500.0,
        1.0f64..500.0,
        "[a-z]{1,6}",
        any::<bool>(),
    )
        .prop_map(|(y, x, h, w, label, masked)| {
            let mut d = Detection::labelled(label);
            let (y1, x1) = ((y + h).min(1000.0), (x + w).min(1000.0));
            d.box_2d = NormalizedBox::new(y, x, y1, x1);
            if masked {
                d.mask = Mask::Polygon(
                    PolygonMask::new(vec![vec![[x, y], [x1, y], [x1, y1], [x, y1]]]).unwrap(),
                );
            }
            d
        })
}

proptest! {
    #[test]
    fn every_label_colour_has_the_same_lightness(label in "\\PC{0,30}") {
        let c = label_color(&label);
        let (max, min) = (c.r.max(c.g).max(c.b), c.r.min(c.g).min(c.b));
        prop_assert!((253..=257).contains(&(u16::from(max) + u16::from(min))), "{:?}", c);
    }

    #[test]
    fn a_label_that_fits_stays_inside_the_image(
        x in 0u32..600, y in 0u32..400, bw in 1u32..100, bh in 1u32..100, tw in 0.0f64..640.0, th in 0.0f64..480.0
    ) {
        let size = ImageSize::new(640, 480).unwrap();
        let anchor = PixelBox::from_corners(x, y, (x + bw).min(640), (y + bh).min(480)).unwrap();
        let p = place_label(anchor, tw, th, size);
        prop_assert!(p.x >= 0.0 && p.x + tw <= 640.0 && p.y >= 0.0 && p.y + th <= 480.0);
    }

    #[test]
    fn the_draw_order_is_every_detection_largest_first(detections in prop::collection::vec(a_detection(), 0..10)) {
        let size = ImageSize::new(300, 200).unwrap();
        let order = draw_order(&detections, size);
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(sorted, (0..detections.len()).collect::<Vec<_>>());
        let areas: Vec<u64> = order.iter().map(|i| footprint(&detections[*i], size).map_or(0, |b| b.area())).collect();
        prop_assert!(areas.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn the_hit_is_the_smallest_footprint_under_the_pointer(
        detections in prop::collection::vec(a_detection(), 1..10), x in 0.0f64..300.0, y in 0.0f64..200.0
    ) {
        let size = ImageSize::new(300, 200).unwrap();
        let at = PixelPoint { x, y };
        let under: Vec<u64> = detections.iter().filter_map(|d| footprint(d, size)).filter(|b| b.contains(at)).map(|b| b.area()).collect();
        match hit_test(&detections, size, at, 0.0) {
            Some(i) => {
                let b = footprint(&detections[i], size).unwrap();
                prop_assert!(b.contains(at));
                prop_assert_eq!(Some(b.area()), under.iter().min().copied());
            }
            None => prop_assert!(under.is_empty()),
        }
    }

    #[test]
    fn compositing_touches_only_pixels_inside_the_masks(detections in prop::collection::vec(a_detection(), 0..8), alpha in 0.0f32..1.0) {
        let size = ImageSize::new(120, 90).unwrap();
        let scene = MaskScene::prepare(&detections, size);
        let layer = scene.composite(&CompositeStyle { fill_alpha: alpha, ..CompositeStyle::default() });
        for y in 0..90 {
            for x in 0..120 {
                let painted = layer.pixel(x, y)[3] != 0;
                let covered = scene.masks().iter().any(|m| m.mask.value_at(x, y) > 127);
                prop_assert!(!painted || covered, "({}, {})", x, y);
            }
        }
    }
}
