//! Overlays against the cookbook's own renders and on every sample image.
//!
//! The cookbook outlines box `i` in `colors[i]` (red, green, blue, yellow, orange, pink,
//! ...) with a 4-pixel rectangle from `(x0, y0)` to `(x1, y1)`, at pixel coordinates
//! `int(v / 1000 * size)`. Finding those colours where our pixel boxes put the edges
//! shows that our geometry lands on the cookbook's pixels.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod shared_samples;

use gemini_vision::geometry::{ImageSize, PixelBox, PixelPoint};
use gemini_vision::overlay::{CompositeStyle, MaskScene, footprint, hit_test, place_label};
use gemini_vision::spatial::{Detection, parse_detections};
use image::{GenericImageView, Rgb, RgbImage};
use shared_samples::{dir, files, response};

/// The cookbook's first six box colours.
const COOKBOOK_COLORS: [[u8; 3]; 6] = [
    [255, 0, 0],
    [0, 128, 0],
    [0, 0, 255],
    [255, 255, 0],
    [255, 165, 0],
    [255, 192, 203],
];

fn render(name: &str) -> RgbImage {
    image::open(dir().join("reference-renders").join(name))
        .unwrap()
        .to_rgb8()
}

fn close_to(pixel: Rgb<u8>, color: [u8; 3], tolerance: i32) -> bool {
    pixel
        .0
        .iter()
        .zip(color)
        .all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= tolerance)
}

/// Which colour the cookbook drew box `i` in.
#[derive(Clone, Copy)]
enum Colours {
    /// `colors[i]`: the render comes from this very answer.
    InOrder,
    /// Some cookbook colour, a different one per box: the render comes from another run
    /// of the same prompt, with the same boxes in another order.
    AnyDistinct,
}

/// Checks the middle of each box's top and bottom outline in a cookbook render.
fn assert_outlines_match(
    render_name: &str,
    response_prefix: &str,
    tolerance: i32,
    colours: Colours,
) {
    let image = render(render_name);
    let size = ImageSize::new(image.width(), image.height()).unwrap();
    let outcome = parse_detections(&response(response_prefix).text);
    assert!(!outcome.detections.is_empty());
    let mut seen = Vec::new();
    for (i, d) in outcome.detections.iter().enumerate() {
        let b = d.box_2d.unwrap().to_pixels(size).unwrap();
        let x = b.x() + b.width() / 2;
        // PIL draws a width-4 outline inside the rectangle's corners (x0, y0)-(x1, y1).
        let top = *image.get_pixel(x, b.y() + 1);
        let bottom = *image.get_pixel(x, (b.y_end() - 1).min(image.height() - 1));
        let candidates: Vec<[u8; 3]> = match colours {
            Colours::InOrder => vec![COOKBOOK_COLORS[i]],
            Colours::AnyDistinct => COOKBOOK_COLORS.to_vec(),
        };
        let color = candidates
            .iter()
            .find(|c| close_to(top, **c, tolerance) && close_to(bottom, **c, tolerance));
        let color = color
            .unwrap_or_else(|| panic!("{render_name} box {i}: top {top:?}, bottom {bottom:?}"));
        assert!(
            !seen.contains(color),
            "{render_name} box {i}: {color:?} used twice"
        );
        seen.push(*color);
    }
}

#[test]
fn socks_boxes_land_on_the_cookbook_outlines_png() {
    assert_outlines_match(
        "reference_render_cookbook_2025-06-17_socks_with_face.png",
        "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks",
        0,
        Colours::InOrder,
    );
}

#[test]
fn socks_boxes_land_on_the_cookbook_outlines_jpeg() {
    assert_outlines_match(
        "reference_render_cookbook_2025-02-21_socks_with_face.jpg",
        "cookbook_2025-02-21_gemini-2_0-flash_socks",
        60,
        Colours::InOrder,
    );
}

#[test]
fn spill_boxes_land_on_the_cookbook_outlines_png() {
    assert_outlines_match(
        "reference_render_cookbook_2025-06-17_spill_clean_table.png",
        "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_spill",
        0,
        Colours::InOrder,
    );
}

#[test]
fn spill_boxes_land_on_the_cookbook_outlines_jpeg() {
    // This render's labels ("Cleaning Cloth: ...") show it is another run of the prompt.
    assert_outlines_match(
        "reference_render_cookbook_2025-02-21_spill_clean_table.jpg",
        "cookbook_2025-02-21_gemini-2_0-flash_spill",
        60,
        Colours::AnyDistinct,
    );
}

/// The bounding box of the pixels of exactly `color`.
fn extent_of(image: &RgbImage, color: [u8; 3]) -> PixelBox {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for (x, y, p) in image.enumerate_pixels() {
        if p.0 == color {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
        }
    }
    PixelBox::from_corners(x0, y0, x1, y1).unwrap()
}

#[test]
fn a_label_the_cookbook_let_run_off_the_bento_render_stays_inside_with_our_placement() {
    let image = render("reference_render_cookbook_2025-06-17_japanese_bento.png");
    let size = ImageSize::new(image.width(), image.height()).unwrap();
    // Box 2 (blue) is "Saki Ika". The outline alone: the blue pixels of its bottom edge.
    let blue = extent_of(&image, COOKBOOK_COLORS[2]);
    let bottom = blue.y_end() - 2;
    let xs: Vec<u32> = (0..image.width())
        .filter(|x| image.get_pixel(*x, bottom).0 == COOKBOOK_COLORS[2])
        .collect();
    let outline =
        PixelBox::from_corners(xs[0], blue.y(), xs[xs.len() - 1] + 1, blue.y_end()).unwrap();
    // Its label, drawn from x0 + 8, runs far past the box and is cut off by the image edge.
    assert!(
        blue.x_end() > outline.x_end() + 40 && blue.x_end() + 8 >= image.width(),
        "{blue:?} {outline:?}"
    );
    let label_width = f64::from(image.width() - (outline.x() + 8)) + 40.0;
    let placement = place_label(outline, label_width, 14.0, size);
    assert!(placement.x + label_width <= f64::from(image.width()));
    assert!(placement.y >= 0.0 && placement.y + 14.0 <= f64::from(image.height()));
}

#[test]
fn the_fox_shadow_box_of_the_origami_render_is_hit_at_its_centre() {
    let image = render("reference_render_cookbook_2025-06-17_origami_fox_shadow.png");
    let size = ImageSize::new(image.width(), image.height()).unwrap();
    let red = extent_of(&image, COOKBOOK_COLORS[0]);
    // Back to the model's space, as the answer would have said it.
    let norm = |v: u32, side: u32| f64::from(v) / f64::from(side) * 1000.0;
    let answer = format!(
        r#"[{{"box_2d": [{}, {}, {}, {}], "label": "the fox's shadow"}}]"#,
        norm(red.y(), size.height()),
        norm(red.x(), size.width()),
        norm(red.y_end(), size.height()),
        norm(red.x_end(), size.width())
    );
    let detections = parse_detections(&answer).detections;
    let centre = PixelPoint {
        x: f64::from(red.x() + red.width() / 2),
        y: f64::from(red.y() + red.height() / 2),
    };
    assert_eq!(hit_test(&detections, size, centre, 8.0), Some(0));
    assert_eq!(
        hit_test(&detections, size, PixelPoint { x: 5.0, y: 5.0 }, 8.0),
        None
    );
    let placement = place_label(footprint(&detections[0], size).unwrap(), 120.0, 14.0, size);
    assert!(!placement.inside_box, "there is room above the box");
}

/// The size the cookbook sends and draws on: the image thumbnailed to 1024 pixels.
fn thumbnail(width: u32, height: u32) -> ImageSize {
    let scale = (1024.0 / f64::from(width.max(height))).min(1.0);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    ImageSize::new(side(width), side(height)).unwrap()
}

#[test]
fn overlays_on_every_sample_image_touch_only_pixels_inside_the_boxes() {
    let detections: Vec<Detection> = parse_detections(
        &response("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen").text,
    )
    .detections;
    for (name, path) in files("images") {
        let (w, h) = image::open(&path).unwrap().dimensions();
        let size = thumbnail(w, h);
        let scene = MaskScene::prepare(&detections, size);
        assert_eq!(scene.masks().len(), 20, "{name}");
        assert!(scene.failures().is_empty(), "{name}");
        let layer = scene.composite(&CompositeStyle::default());
        let boxes: Vec<PixelBox> = detections
            .iter()
            .filter_map(|d| footprint(d, size))
            .collect();
        for y in 0..size.height() {
            for x in 0..size.width() {
                if layer.pixel(x, y)[3] != 0 {
                    let at = PixelPoint {
                        x: f64::from(x),
                        y: f64::from(y),
                    };
                    assert!(
                        boxes.iter().any(|b| b.contains(at)),
                        "{name}: ({x}, {y}) painted outside every box"
                    );
                }
            }
        }
        for b in &boxes {
            let centre = PixelPoint {
                x: f64::from(b.x()) + f64::from(b.width()) / 2.0,
                y: f64::from(b.y()) + f64::from(b.height()) / 2.0,
            };
            let hit = hit_test(&detections, size, centre, 0.0).unwrap();
            assert!(
                footprint(&detections[hit], size).unwrap().area() <= b.area(),
                "{name}"
            );
        }
    }
}
