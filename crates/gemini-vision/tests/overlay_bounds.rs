//! Masks and overlays are bounded by what they make us allocate and compute, not only
//! one mask at a time: a few dozen bytes of model text per polygon must not add up to
//! gigabytes over an answer, and an answer without masks needs no image-sized buffer.
//! Past a bound, a mask is drawn box-only with a reason (never a failed allocation,
//! which aborts a wasm module).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
#![allow(unsafe_code)] // the counting allocator

mod alloc_support;
mod shared_samples;

use alloc_support::{Counting, MIB, Meter};
use gemini_vision::geometry::{ImageSize, NormalizedBox};
use gemini_vision::mask::{PolygonMask, rasterize};
use gemini_vision::overlay::{CompositeStyle, MaskScene};
use gemini_vision::spatial::{Detection, Mask, parse_detections};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn polygon(label: &str, ring: Vec<[f64; 2]>) -> Detection {
    let mut detection = Detection::labelled(label);
    detection.mask = Mask::Polygon(PolygonMask::new(vec![ring]).unwrap());
    detection
}

/// A polygon over the whole image: ~45 bytes of model text, an image-sized mask.
fn whole_image(label: &str) -> Detection {
    polygon(
        label,
        vec![[0.0, 0.0], [1000.0, 0.0], [1000.0, 1000.0], [0.0, 1000.0]],
    )
}

#[test]
fn many_image_sized_masks_stay_within_the_answers_mask_budget() {
    let meter = Meter::exclusive();
    let size = ImageSize::new(2000, 1500).unwrap(); // 3 MP
    let detections: Vec<Detection> = (0..40).map(|i| whole_image(&format!("m{i}"))).collect();
    let (scene, peak) = meter.peak_during(|| MaskScene::prepare(&detections, size));
    // 40 masks of 3 MP each would keep 120 MB; the budget is 4 times the image.
    assert_eq!(scene.masks().len(), 4);
    assert_eq!(scene.failures().len(), 36);
    assert!(
        scene.failures().iter().all(|f| f.detection >= 4),
        "the first masks are kept"
    );
    assert!(
        scene.failures()[0].message.contains("budget"),
        "{}",
        scene.failures()[0].message
    );
    assert!(peak < 16 * MIB, "peak {peak} bytes");
}

#[test]
fn a_polygon_with_more_points_than_the_cap_is_drawn_box_only() {
    let _meter = Meter::exclusive();
    let ring: Vec<[f64; 2]> = (0..20_000)
        .map(|i| {
            let t = f64::from(i) / 20_000.0 * std::f64::consts::TAU;
            [500.0 + 400.0 * t.cos(), 500.0 + 400.0 * t.sin()]
        })
        .collect();
    let detection = polygon("round", ring);
    let error = rasterize(&detection, ImageSize::new(512, 512).unwrap()).unwrap_err();
    assert_eq!(error.code(), "LIMIT_EXCEEDED");
}

#[test]
fn a_polygon_costing_rows_times_edges_beyond_the_bound_is_refused_not_computed() {
    let _meter = Meter::exclusive();
    // A zigzag whose 2,000 edges all cross all 8,000 rows: 16 M crossings to sort.
    let ring: Vec<[f64; 2]> = (0..2_000)
        .map(|i| [f64::from(i) / 2.0, if i % 2 == 0 { 0.0 } else { 1000.0 }])
        .collect();
    let detection = polygon("zigzag", ring);
    let error = rasterize(&detection, ImageSize::new(1000, 8000).unwrap()).unwrap_err();
    assert_eq!(error.code(), "LIMIT_EXCEEDED");
}

#[test]
fn an_answer_without_masks_composites_without_an_image_sized_buffer() {
    let meter = Meter::exclusive();
    let mut boxed = Detection::labelled("box");
    boxed.box_2d = NormalizedBox::new(100.0, 100.0, 200.0, 200.0);
    let size = ImageSize::new(7680, 4320).unwrap(); // 33 MP: a 133 MB RGBA layer
    let (layer, peak) = meter.peak_during(|| {
        let scene = MaskScene::prepare(std::slice::from_ref(&boxed), size);
        let stencils = scene.stencils(&CompositeStyle::default());
        (scene.composite(&CompositeStyle::default()), stencils)
    });
    assert!(layer.0.pixels().is_empty());
    assert!(peak < MIB, "peak {peak} bytes");
}

#[test]
fn compositing_one_small_mask_is_sized_to_its_extent() {
    let meter = Meter::exclusive();
    let small = polygon("dot", vec![[500.0, 500.0], [510.0, 500.0], [510.0, 510.0]]);
    let size = ImageSize::new(7680, 4320).unwrap();
    let scene = MaskScene::prepare(std::slice::from_ref(&small), size);
    let (layer, peak) = meter.peak_during(|| scene.composite(&CompositeStyle::default()));
    let extent = scene.extent().unwrap();
    assert_eq!(layer.pixels().len() as u64, extent.area() * 4);
    assert!(peak < 2 * MIB, "peak {peak} bytes for a {extent:?} extent");
    // What lies outside the extent is transparent; inside, the mask is painted.
    assert_eq!(layer.pixel(0, 0), [0; 4]);
    let centre = (
        extent.x() + extent.width() / 2,
        extent.y() + extent.height() / 2,
    );
    assert_ne!(layer.pixel(centre.0, centre.1)[3], 0);
}

#[test]
fn the_real_twenty_mask_answer_at_4k_is_drawn_in_full() {
    let _meter = Meter::exclusive();
    let text = shared_samples::text(
        "responses",
        "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt",
    );
    let detections = parse_detections(&text).detections;
    let scene = MaskScene::prepare(&detections, ImageSize::new(3840, 2160).unwrap());
    assert_eq!(scene.masks().len(), 20);
    assert!(scene.failures().is_empty(), "{:?}", scene.failures());
    let layer = scene.composite(&CompositeStyle::default());
    assert!(layer.pixels().iter().any(|v| *v != 0));
}
