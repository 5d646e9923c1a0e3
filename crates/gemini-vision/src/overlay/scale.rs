//! Sizes that follow the image: stroke width, font size, marker radius, label text, the
//! canvas backing scale for a device pixel ratio, and CSS-pixel-to-image-pixel mapping.
//!
//! A 4 px line is bold on a 640 px photo and invisible on a 4K frame, so every size the
//! renderer draws with is derived from the image's longer side here, once, the same in
//! every browser. This module never touches a canvas; it never returns a non-finite or
//! non-positive size, whatever it is given.

use crate::geometry::{ImageSize, PixelPoint};
use std::borrow::Cow;

/// The sizes one overlay is drawn with, in image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverlayMetrics {
    /// Stroke width of boxes and 3D box edges.
    pub line_width: f64,
    /// Font size of labels.
    pub font_px: f64,
    /// Radius of a point marker's dot (its ring is drawn around it).
    pub point_radius: f64,
    /// Space between a label's text and the edge of its background.
    pub label_padding: f64,
}

/// The thinnest line drawn, so that a box stays visible on a small image.
pub(crate) const MIN_LINE_WIDTH: f64 = 2.0;
/// The smallest label font, so that a label stays readable.
pub(crate) const MIN_FONT_PX: f64 = 12.0;
/// Labels longer than this many characters are cut and end with an ellipsis.
pub const MAX_LABEL_CHARS: usize = 80;
/// The largest canvas side the renderer asks a browser for (Chromium's limit is 32,767;
/// Safari's area limit is lower), in device pixels.
pub const MAX_BACKING_SIDE: f64 = 16_384.0;
/// The largest canvas area the renderer asks for, in device pixels (about 160 MB of RGBA).
pub const MAX_BACKING_PIXELS: f64 = ImageSize::MAX_PIXELS as f64;

/// A positive finite override, or `None` to use the derived size.
fn positive(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && *v > 0.0)
}

impl OverlayMetrics {
    /// Sizes derived from the image's longer side: lines 1/400 of it (at least 2 px, at
    /// most 16), labels 1/50 of it (12 px to 96 px).
    pub fn for_image(size: ImageSize) -> Self {
        Self::with_overrides(size, None, None)
    }

    /// Like [`OverlayMetrics::for_image`], with a line width and font size chosen by the
    /// caller where they are positive and finite (others are ignored).
    pub fn with_overrides(size: ImageSize, line_width: Option<f64>, font_px: Option<f64>) -> Self {
        let longer = f64::from(size.width().max(size.height()));
        let line_width =
            positive(line_width).unwrap_or_else(|| (longer / 400.0).clamp(MIN_LINE_WIDTH, 16.0));
        let font_px = positive(font_px).unwrap_or_else(|| (longer / 50.0).clamp(MIN_FONT_PX, 96.0));
        OverlayMetrics {
            line_width,
            font_px,
            point_radius: (line_width * 2.0).max(4.0),
            label_padding: (font_px * 0.25).max(1.0),
        }
    }

    /// The height of a label's background: the font size plus padding above and below.
    pub fn label_height(&self) -> f64 {
        self.font_px + 2.0 * self.label_padding
    }
}

/// The scale from image pixels to canvas (device) pixels for a device pixel ratio: the
/// ratio itself (1 when it is not a positive finite number), lowered so that the canvas
/// stays within [`MAX_BACKING_SIDE`] and [`MAX_BACKING_PIXELS`].
pub fn backing_scale(size: ImageSize, device_pixel_ratio: f64) -> f64 {
    let ratio = if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 {
        device_pixel_ratio.min(8.0)
    } else {
        1.0
    };
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let side_cap = MAX_BACKING_SIDE / w.max(h);
    let area_cap = (MAX_BACKING_PIXELS / (w * h)).sqrt();
    ratio.min(side_cap).min(area_cap)
}

/// The canvas size in device pixels for an image drawn at `scale` (at least 1 x 1).
pub fn backing_size(size: ImageSize, scale: f64) -> (u32, u32) {
    let side = |v: u32| ((f64::from(v) * scale).round().clamp(1.0, MAX_BACKING_SIDE)) as u32;
    (side(size.width()), side(size.height()))
}

/// The most image pixels the mask layer is worked at: a 1920 x 1080 photo's masks are
/// rasterized and composited pixel for pixel.
pub const MAX_MASK_LAYER_PIXELS: u64 = 2_100_000;

/// The size an overlay's masks are rasterized and composited at for an image of `size`:
/// the image's own size up to [`MAX_MASK_LAYER_PIXELS`], scaled down (aspect kept) to
/// about that many pixels above it, the canvas then scaling the layer up as it draws.
/// On a 4K frame, the layer's pixels (decoding, classifying, blending, `putImageData`)
/// cost more than the canvas's scaling, and Gemini's 256 x 256 masks hold no detail a
/// half-resolution layer loses.
pub fn mask_layer_size(size: ImageSize) -> ImageSize {
    let pixels = size.pixel_count() as u64;
    if pixels <= MAX_MASK_LAYER_PIXELS {
        return size;
    }
    let scale = (MAX_MASK_LAYER_PIXELS as f64 / pixels as f64).sqrt();
    let side = |v: u32| ((f64::from(v) * scale).floor() as u32).max(1);
    ImageSize::new(side(size.width()), side(size.height())).unwrap_or(size)
}

/// An outline `width` in image pixels as wide in pixels of a mask layer of `layer`
/// (see [`mask_layer_size`]): scaled, rounded, and at least 1 when it is not 0.
pub fn mask_outline_on(width: u32, image: ImageSize, layer: ImageSize) -> u32 {
    if width == 0 || layer == image {
        return width;
    }
    let scale = f64::from(layer.width()) / f64::from(image.width());
    ((f64::from(width) * scale).round() as u32).max(1)
}

/// Maps a position in CSS pixels of the displayed canvas (`css_width` x `css_height`, as
/// the page laid it out) to image pixels. A zero or unknown display size maps 1:1.
pub fn css_to_image(
    x: f64,
    y: f64,
    css_width: f64,
    css_height: f64,
    size: ImageSize,
) -> PixelPoint {
    let axis = |v: f64, css: f64, image: u32| {
        let v = if v.is_finite() { v } else { -1.0 };
        if css.is_finite() && css > 0.0 {
            v * f64::from(image) / css
        } else {
            v
        }
    };
    PixelPoint {
        x: axis(x, css_width, size.width()),
        y: axis(y, css_height, size.height()),
    }
}

/// A label as it is drawn: control characters (newlines, bidi overrides) become spaces,
/// surrounding space is trimmed, and text past [`MAX_LABEL_CHARS`] is cut with `…`.
pub fn display_label(label: &str) -> Cow<'_, str> {
    let unusual =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let trimmed = label.trim();
    let fits = trimmed.chars().nth(MAX_LABEL_CHARS).is_none();
    if fits && !trimmed.contains(unusual) {
        return Cow::Borrowed(trimmed);
    }
    let mut out: String = trimmed
        .chars()
        .take(MAX_LABEL_CHARS)
        .map(|c| if unusual(c) { ' ' } else { c })
        .collect();
    if !fits {
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(w: u32, h: u32) -> ImageSize {
        ImageSize::new(w, h).unwrap()
    }

    #[test]
    fn masks_are_worked_at_image_size_up_to_full_hd_and_at_half_size_on_4k() {
        assert_eq!(mask_layer_size(size(1024, 1024)), size(1024, 1024));
        assert_eq!(mask_layer_size(size(1920, 1080)), size(1920, 1080));
        let layer = mask_layer_size(size(3840, 2160));
        assert!((1900..=1940).contains(&layer.width()), "{layer:?}");
        let aspect = f64::from(layer.width()) / f64::from(layer.height());
        assert!((aspect - 3840.0 / 2160.0).abs() < 0.01, "{layer:?}");
        assert!(layer.pixel_count() as u64 <= MAX_MASK_LAYER_PIXELS);
        // A panorama keeps its aspect too.
        assert_eq!(mask_layer_size(size(16_384, 200)), size(13_116, 160));
        assert_eq!(mask_outline_on(2, size(3840, 2160), layer), 1);
        assert_eq!(mask_outline_on(6, size(3840, 2160), layer), 3);
        assert_eq!(mask_outline_on(0, size(3840, 2160), layer), 0);
        assert_eq!(mask_outline_on(2, size(640, 480), size(640, 480)), 2);
    }

    #[test]
    fn sizes_grow_with_the_longer_side() {
        let small = OverlayMetrics::for_image(size(1024, 768));
        let large = OverlayMetrics::for_image(size(3840, 2160));
        assert_eq!(small.line_width, 2.56);
        assert_eq!(large.line_width, 9.6);
        assert!(large.font_px > small.font_px);
    }

    #[test]
    fn tiny_images_still_get_visible_lines_and_readable_labels() {
        let m = OverlayMetrics::for_image(size(64, 64));
        assert_eq!((m.line_width, m.font_px), (MIN_LINE_WIDTH, MIN_FONT_PX));
    }

    #[test]
    fn overrides_replace_derived_sizes_only_when_usable() {
        let m = OverlayMetrics::with_overrides(size(1000, 1000), Some(7.0), Some(f64::NAN));
        assert_eq!(m.line_width, 7.0);
        assert_eq!(m.font_px, 20.0);
        let m = OverlayMetrics::with_overrides(size(1000, 1000), Some(-1.0), Some(0.0));
        assert_eq!((m.line_width, m.font_px), (2.5, 20.0));
    }

    #[test]
    fn the_backing_scale_is_the_device_pixel_ratio() {
        assert_eq!(backing_scale(size(800, 600), 2.0), 2.0);
        assert_eq!(backing_size(size(800, 600), 2.0), (1600, 1200));
        assert_eq!(backing_scale(size(800, 600), 1.5), 1.5);
    }

    #[test]
    fn a_bad_device_pixel_ratio_counts_as_one() {
        for ratio in [0.0, -2.0, f64::NAN, f64::INFINITY] {
            assert_eq!(backing_scale(size(800, 600), ratio), 1.0);
        }
    }

    #[test]
    fn huge_canvases_are_scaled_down_to_the_caps() {
        let s = backing_scale(size(7680, 4320), 3.0);
        let (w, h) = backing_size(size(7680, 4320), s);
        assert!(f64::from(w) * f64::from(h) <= MAX_BACKING_PIXELS + 2.0 * f64::from(w + h));
        assert!(s < 3.0 && s > 1.0);
    }

    #[test]
    fn css_pixels_map_through_the_displayed_size() {
        let p = css_to_image(50.0, 25.0, 200.0, 100.0, size(800, 400));
        assert_eq!((p.x, p.y), (200.0, 100.0));
        let same = css_to_image(50.0, 25.0, 0.0, f64::NAN, size(800, 400));
        assert_eq!((same.x, same.y), (50.0, 25.0));
    }

    #[test]
    fn hostile_labels_lose_control_characters_and_length() {
        assert_eq!(display_label("  cup\n"), "cup");
        assert_eq!(display_label("a\u{202e}b\nc"), "a b c");
        let long = "x".repeat(500);
        let shown = display_label(&long);
        assert_eq!(shown.chars().count(), MAX_LABEL_CHARS + 1);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn markup_in_labels_is_kept_verbatim_as_text() {
        let label = "<img src=x onerror=alert(1)>";
        assert_eq!(display_label(label), label);
    }
}
