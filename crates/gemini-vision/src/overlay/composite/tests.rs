use super::*;
use crate::geometry::PixelBox;
use crate::mask::PolygonMask;
use crate::spatial::{Detection, Mask};

fn size(w: u32, h: u32) -> ImageSize {
    ImageSize::new(w, h).unwrap()
}

/// A detection whose polygon mask is the normalized rectangle `[x0, y0, x1, y1]`.
fn rect(label: &str, [x0, y0, x1, y1]: [f64; 4]) -> Detection {
    let mut d = Detection::labelled(label);
    d.mask = Mask::Polygon(
        PolygonMask::new(vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]]).unwrap(),
    );
    d
}

fn no_outline() -> CompositeStyle {
    CompositeStyle {
        outline_width: 0,
        ..CompositeStyle::default()
    }
}

#[test]
fn pixels_outside_every_mask_stay_transparent() {
    let scene = MaskScene::prepare(&[rect("a", [100.0, 100.0, 300.0, 300.0])], size(20, 20));
    let layer = scene.composite(&CompositeStyle::default());
    for y in 0..20 {
        for x in 0..20 {
            let inside = (2..6).contains(&x) && (2..6).contains(&y);
            assert_eq!(layer.pixel(x, y)[3] != 0, inside, "({x}, {y})");
        }
    }
}

#[test]
fn the_fill_uses_the_fill_alpha_and_the_label_colour() {
    let scene = MaskScene::prepare(&[rect("cup", [0.0, 0.0, 1000.0, 1000.0])], size(4, 4));
    let layer = scene.composite(&no_outline());
    let c = crate::overlay::label_color("cup");
    assert_eq!(layer.pixel(1, 1), [c.r, c.g, c.b, 128]);
}

#[test]
fn the_outline_is_opaque_and_as_wide_as_asked() {
    let scene = MaskScene::prepare(&[rect("cup", [0.0, 0.0, 1000.0, 1000.0])], size(10, 10));
    let style = CompositeStyle {
        outline_width: 2,
        ..CompositeStyle::default()
    };
    let layer = scene.composite(&style);
    let alphas: Vec<u8> = (0..10).map(|x| layer.pixel(x, 5)[3]).collect();
    assert_eq!(
        alphas,
        vec![255, 255, 128, 128, 128, 128, 128, 128, 255, 255]
    );
}

#[test]
fn the_highlighted_mask_is_painted_last_with_its_own_alpha() {
    let big = rect("table", [0.0, 0.0, 1000.0, 1000.0]);
    let small = rect("cup", [0.0, 0.0, 500.0, 500.0]);
    let scene = MaskScene::prepare(&[small, big], size(10, 10));
    let style = CompositeStyle {
        highlight: Some(1),
        highlight_alpha: 1.0,
        ..no_outline()
    };
    let layer = scene.composite(&style);
    let table = crate::overlay::label_color("table");
    assert_eq!(layer.pixel(1, 1), [table.r, table.g, table.b, 255]);
}

#[test]
fn smaller_masks_are_painted_over_larger_ones() {
    let scene = MaskScene::prepare(
        &[
            rect("cup", [0.0, 0.0, 500.0, 500.0]),
            rect("table", [0.0, 0.0, 1000.0, 1000.0]),
        ],
        size(10, 10),
    );
    let layer = scene.composite(&CompositeStyle {
        fill_alpha: 1.0,
        ..no_outline()
    });
    let cup = crate::overlay::label_color("cup");
    assert_eq!(layer.pixel(1, 1), [cup.r, cup.g, cup.b, 255]);
}

#[test]
fn values_at_or_below_the_threshold_are_not_painted() {
    let mut d = rect("a", [0.0, 0.0, 1000.0, 1000.0]);
    d.mask = Mask::None;
    let scene = MaskScene::prepare(&[d], size(4, 4));
    assert!(scene.masks().is_empty());
    let full = MaskScene::prepare(&[rect("a", [0.0, 0.0, 1000.0, 1000.0])], size(4, 4));
    // Polygon masks hold 255 inside: a threshold of 255 hides them.
    let layer = full.composite(&CompositeStyle {
        threshold: 255,
        ..no_outline()
    });
    assert!(layer.pixels().iter().all(|v| *v == 0));
}

#[test]
fn a_whole_image_layer_and_the_scenes_extent_layer_agree_on_every_pixel() {
    let scene = MaskScene::prepare(
        &[
            rect("a", [100.0, 200.0, 450.0, 700.0]),
            rect("b", [300.0, 100.0, 900.0, 400.0]),
        ],
        size(40, 30),
    );
    let style = CompositeStyle::default();
    let mut whole = RgbaLayer::new(scene.size());
    scene.composite_into(&style, &mut whole).unwrap();
    let fitted = scene.composite(&style);
    let extent = scene.extent().unwrap();
    assert_eq!(fitted.area(), Some(extent));
    assert_eq!(fitted.pixels().len() as u64, extent.area() * 4);
    assert!(fitted.pixels().len() < whole.pixels().len());
    for y in 0..30 {
        for x in 0..40 {
            assert_eq!(whole.pixel(x, y), fitted.pixel(x, y), "({x}, {y})");
        }
    }
}

#[test]
fn a_layer_that_does_not_cover_the_masks_is_refused() {
    let scene = MaskScene::prepare(&[rect("a", [0.0, 0.0, 500.0, 500.0])], size(8, 8));
    let mut small = RgbaLayer::covering(size(8, 8), PixelBox::from_corners(0, 0, 2, 2));
    let error = scene.composite_into(&no_outline(), &mut small).unwrap_err();
    assert_eq!(error.code(), "INVALID_INPUT");
    let mut empty = MaskScene::prepare(&[], size(8, 8)).layer();
    assert!(empty.pixels().is_empty());
    assert!(scene.composite_into(&no_outline(), &mut empty).is_err());
}

#[test]
fn composite_into_clears_the_layer_and_checks_its_size() {
    let scene = MaskScene::prepare(&[rect("a", [0.0, 0.0, 500.0, 500.0])], size(8, 8));
    let mut layer = RgbaLayer::new(size(8, 8));
    layer.pixels.fill(9);
    scene.composite_into(&no_outline(), &mut layer).unwrap();
    assert_eq!(layer.pixel(7, 7), [0; 4]);
    assert_ne!(layer.pixel(1, 1), [0; 4]);
    assert!(
        scene
            .composite_into(&no_outline(), &mut RgbaLayer::new(size(9, 8)))
            .is_err()
    );
}
