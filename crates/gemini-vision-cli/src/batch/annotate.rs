//! An image with its detections drawn on it, as a PNG: what `--png` writes.
//!
//! The masks come from the core's compositor (one RGBA layer, the demo's colours and
//! outline), laid over the photo; boxes are outlined and points marked in each label's
//! colour, with the core's overlay sizes for the image. Labels are not written as text
//! (there is no font here): they are in the image's JSON. The photo is decoded within
//! fixed limits and turned by its EXIF orientation, as a viewer shows it and as the
//! pixel boxes are measured.

use gemini_vision::geometry::{ImageSize, PixelPoint};
use gemini_vision::overlay::{CompositeStyle, MaskScene, OverlayMetrics, Rgb, label_color};
use gemini_vision::spatial::Detection;
use image::{ImageDecoder, ImageReader, Limits, RgbaImage};
use std::io;
use std::path::Path;

/// The annotated PNG of the image at `path`, whose displayed size is `size`.
pub fn annotated_png(
    path: &Path,
    size: ImageSize,
    detections: &[Detection],
) -> io::Result<Vec<u8>> {
    let mut photo = decode(path)?;
    if photo.dimensions() != (size.width(), size.height()) {
        return Err(io::Error::other(format!(
            "{} decodes to {}x{}, not the {}x{} its header said",
            path.display(),
            photo.width(),
            photo.height(),
            size.width(),
            size.height()
        )));
    }
    let layer = MaskScene::prepare(detections, size).composite(&CompositeStyle::default());
    for (pixel, over) in photo.pixels_mut().zip(layer.pixels().chunks_exact(4)) {
        blend(&mut pixel.0, [over[0], over[1], over[2]], over[3]);
    }
    let metrics = OverlayMetrics::for_image(size);
    let line = metrics.line_width.round().max(1.0) as u32;
    for detection in detections {
        let color = label_color(&detection.label);
        if let Some(bbox) = detection.box_2d.and_then(|b| b.to_pixels(size)) {
            outline(
                &mut photo,
                (bbox.x(), bbox.y(), bbox.x_end(), bbox.y_end()),
                line,
                color,
            );
        }
        if let Some(point) = detection.point {
            disc(
                &mut photo,
                point.to_pixels(size),
                metrics.point_radius,
                color,
            );
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width(), size.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(io::Error::other)?;
    writer
        .write_image_data(photo.as_raw())
        .map_err(io::Error::other)?;
    writer.finish().map_err(io::Error::other)?;
    Ok(out)
}

/// The photo as RGBA, oriented for display, within the core's image size caps.
fn decode(path: &Path) -> io::Result<RgbaImage> {
    let unreadable = |e: image::ImageError| {
        io::Error::other(format!("{} cannot be decoded: {e}", path.display()))
    };
    let mut reader = ImageReader::open(path)?.with_guessed_format()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(ImageSize::MAX_SIDE);
    limits.max_image_height = Some(ImageSize::MAX_SIDE);
    limits.max_alloc = Some(ImageSize::MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image.into_rgba8())
}

/// `over` with opacity `alpha` laid on `pixel` (which stays opaque if it was).
fn blend(pixel: &mut [u8; 4], over: [u8; 3], alpha: u8) {
    let a = u32::from(alpha);
    for (channel, top) in pixel.iter_mut().zip(over) {
        *channel = ((u32::from(top) * a + u32::from(*channel) * (255 - a) + 127) / 255) as u8;
    }
    pixel[3] = pixel[3].max(alpha);
}

fn put(image: &mut RgbaImage, x: u32, y: u32, color: Rgb) {
    if x < image.width() && y < image.height() {
        image.put_pixel(x, y, image::Rgba([color.r, color.g, color.b, 255]));
    }
}

/// A rectangle's outline `width` pixels thick, drawn inside `(x0, y0)..(x1, y1)`.
fn outline(image: &mut RgbaImage, (x0, y0, x1, y1): (u32, u32, u32, u32), width: u32, color: Rgb) {
    for y in y0..y1 {
        for x in x0..x1 {
            let edge = x < x0 + width || y < y0 + width || x + width >= x1 || y + width >= y1;
            if edge {
                put(image, x, y, color);
            }
        }
    }
}

/// A filled disc of `radius` around `centre` (continuous pixel coordinates): every
/// pixel whose centre is within the radius.
fn disc(image: &mut RgbaImage, centre: PixelPoint, radius: f64, color: Rgb) {
    let (x0, x1) = (centre.x - radius, centre.x + radius);
    let (y0, y1) = (centre.y - radius, centre.y + radius);
    // Saturating float-to-int casts keep a point far outside the image harmless.
    for y in (y0.floor().max(0.0) as u32)..(y1.ceil().max(0.0) as u32).min(image.height()) {
        for x in (x0.floor().max(0.0) as u32)..(x1.ceil().max(0.0) as u32).min(image.width()) {
            let (dx, dy) = (f64::from(x) + 0.5 - centre.x, f64::from(y) + 0.5 - centre.y);
            if dx * dx + dy * dy <= radius * radius {
                put(image, x, y, color);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::spatial::parse_detections;

    #[test]
    fn a_box_is_outlined_in_its_labels_colour_and_the_inside_is_left_alone() {
        let dir =
            std::env::temp_dir().join(format!("gemini-vision-annotate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("grey.png");
        RgbaImage::from_pixel(100, 50, image::Rgba([128, 128, 128, 255]))
            .save(&path)
            .unwrap();
        let detections =
            parse_detections(r#"[{"box_2d": [200, 100, 800, 500], "label": "cup"}]"#).detections;
        let size = ImageSize::new(100, 50).unwrap();
        let png = annotated_png(&path, size, &detections).unwrap();
        let drawn = image::load_from_memory(&png).unwrap().into_rgba8();
        let c = label_color("cup");
        // box_2d [ymin 200, xmin 100, ymax 800, xmax 500] on 100 x 50: x 10..50, y 10..40.
        assert_eq!(drawn.get_pixel(10, 20).0, [c.r, c.g, c.b, 255]);
        assert_eq!(drawn.get_pixel(30, 25).0, [128, 128, 128, 255]);
        assert_eq!(drawn.get_pixel(70, 25).0, [128, 128, 128, 255]);
    }
}
