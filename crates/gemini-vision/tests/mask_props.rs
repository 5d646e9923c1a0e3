//! Properties of mask decoding, resizing and polygon filling.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{MaskLimits, PngMask, PolygonMask, ProbabilityMap, resize_bilinear};
use proptest::prelude::*;

fn a_map() -> impl Strategy<Value = ProbabilityMap> {
    (1u32..40, 1u32..40).prop_flat_map(|(w, h)| {
        prop::collection::vec(any::<u8>(), (w * h) as usize)
            .prop_map(move |v| ProbabilityMap::new(w, h, v).unwrap())
    })
}

proptest! {
    #[test]
    fn resizing_gives_the_requested_size(map in a_map(), w in 1u32..120, h in 1u32..120) {
        let out = resize_bilinear(&map, w, h).unwrap();
        prop_assert_eq!((out.width(), out.height(), out.values().len()), (w, h, (w * h) as usize));
    }

    #[test]
    fn a_constant_map_stays_constant(value: u8, iw in 1u32..40, ih in 1u32..40, w in 1u32..120, h in 1u32..120) {
        let map = ProbabilityMap::new(iw, ih, vec![value; (iw * ih) as usize]).unwrap();
        let out = resize_bilinear(&map, w, h).unwrap();
        prop_assert!(out.values().iter().all(|v| *v == value));
    }

    #[test]
    fn resized_values_stay_within_the_input_range(map in a_map(), w in 1u32..80, h in 1u32..80) {
        let (lo, hi) = (*map.values().iter().min().unwrap(), *map.values().iter().max().unwrap());
        let out = resize_bilinear(&map, w, h).unwrap();
        prop_assert!(out.values().iter().all(|v| (lo..=hi).contains(v)));
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_png_reader(bytes in prop::collection::vec(any::<u8>(), 0..300), signed: bool) {
        let mut data = if signed { vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'] } else { Vec::new() };
        data.extend(bytes);
        if let Ok(png) = PngMask::from_png_bytes(data, &MaskLimits::default()) {
            let _ = png.decode();
        }
    }

    #[test]
    fn a_rectangle_fills_the_pixels_whose_centres_it_covers(
        x0 in 0.0f64..1000.0, x1 in 0.0f64..1000.0, y0 in 0.0f64..1000.0, y1 in 0.0f64..1000.0, w in 1u32..200, h in 1u32..200
    ) {
        let size = ImageSize::new(w, h).unwrap();
        let ring = vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let polygon = PolygonMask::new(vec![ring]).unwrap();
        let centres = |a: f64, b: f64, side: u32| {
            let (lo, hi) = (a.min(b) / 1000.0 * f64::from(side), a.max(b) / 1000.0 * f64::from(side));
            (0..side).filter(|i| { let c = f64::from(*i) + 0.5; lo <= c && c < hi }).count()
        };
        let expected = centres(x0, x1, w) * centres(y0, y1, h);
        let filled = polygon.rasterize(size).unwrap().map_or(0, |m| m.count_above(127));
        prop_assert_eq!(filled, expected);
    }

    #[test]
    fn a_ring_given_twice_cancels_out_under_even_odd(points in prop::collection::vec((0.0f64..1000.0, 0.0f64..1000.0), 3..12)) {
        let ring: Vec<[f64; 2]> = points.iter().map(|(x, y)| [*x, *y]).collect();
        let polygon = PolygonMask::new(vec![ring.clone(), ring]).unwrap();
        prop_assert!(polygon.rasterize(ImageSize::new(64, 64).unwrap()).unwrap().is_none());
    }

    #[test]
    fn the_image_mask_holds_exactly_the_values_above_the_threshold(
        points in prop::collection::vec((0.0f64..1000.0, 0.0f64..1000.0), 3..10), threshold: u8
    ) {
        let ring: Vec<[f64; 2]> = points.iter().map(|(x, y)| [*x, *y]).collect();
        let size = ImageSize::new(50, 40).unwrap();
        if let Some(mask) = PolygonMask::new(vec![ring]).unwrap().rasterize(size).unwrap() {
            let image = mask.to_image_mask(size, threshold);
            prop_assert_eq!(image.iter().filter(|v| **v == 255).count(), mask.count_above(threshold));
        }
    }
}
