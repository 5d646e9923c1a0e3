//! Painting every mask into one image-sized RGBA layer.
//!
//! The browser draws this layer once with `putImageData`/`drawImage` over the photo,
//! instead of one canvas per mask. Masks are painted in the scene's order (largest
//! first), the highlighted one last, each pixel "over" what is already there, with a
//! fill alpha inside and an opaque outline along the mask's edge. Only pixels inside each
//! mask's box are read or written.

use super::color::Rgb;
use super::scene::MaskScene;
use crate::error::{Error, Result};
use crate::geometry::ImageSize;
use crate::mask::{BoxMask, DEFAULT_THRESHOLD};

/// How the masks look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompositeStyle {
    /// Opacity of a mask's inside, 0.0-1.0.
    pub fill_alpha: f32,
    /// Width of the outline along the mask's edge in pixels (0: none).
    pub outline_width: u32,
    /// Opacity of the outline, 0.0-1.0.
    pub outline_alpha: f32,
    /// A pixel is in a mask when its value is above this (the cookbook uses 127).
    pub threshold: u8,
    /// A detection to emphasise: painted last, with [`CompositeStyle::highlight_alpha`].
    pub highlight: Option<usize>,
    /// Opacity of the highlighted mask's inside, 0.0-1.0.
    pub highlight_alpha: f32,
}

impl Default for CompositeStyle {
    fn default() -> Self {
        CompositeStyle {
            fill_alpha: 0.5,
            outline_width: 2,
            outline_alpha: 1.0,
            threshold: DEFAULT_THRESHOLD,
            highlight: None,
            highlight_alpha: 0.8,
        }
    }
}

/// An image-sized RGBA buffer (straight, not premultiplied, alpha), row by row, as
/// canvas `ImageData` expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbaLayer {
    size: ImageSize,
    pixels: Vec<u8>,
}

impl RgbaLayer {
    /// A fully transparent layer.
    pub fn new(size: ImageSize) -> Self {
        RgbaLayer {
            size,
            pixels: vec![0; size.pixel_count() * 4],
        }
    }

    /// Its size.
    pub fn size(&self) -> ImageSize {
        self.size
    }

    /// The RGBA bytes.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// The RGBA bytes, taken.
    pub fn into_pixels(self) -> Vec<u8> {
        self.pixels
    }

    /// The `[r, g, b, a]` of one pixel (transparent outside).
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let index = (y as usize * self.size.width() as usize + x as usize) * 4;
        match self.pixels.get(index..index + 4) {
            Some([r, g, b, a]) if x < self.size.width() => [*r, *g, *b, *a],
            _ => [0; 4],
        }
    }
}

fn alpha_byte(alpha: f32) -> u32 {
    if alpha.is_finite() {
        (alpha.clamp(0.0, 1.0) * 255.0 + 0.5) as u32
    } else {
        0
    }
}

impl MaskScene {
    /// Paints every mask into a new transparent layer of the scene's size.
    pub fn composite(&self, style: &CompositeStyle) -> RgbaLayer {
        let mut layer = RgbaLayer::new(self.size());
        self.paint(style, &mut layer);
        layer
    }

    /// Clears `layer` and paints every mask into it (reusing its buffer between frames).
    pub fn composite_into(&self, style: &CompositeStyle, layer: &mut RgbaLayer) -> Result<()> {
        if layer.size != self.size() {
            return Err(Error::invalid(
                "overlay layer",
                "its size differs from the scene's",
            ));
        }
        layer.pixels.fill(0);
        self.paint(style, layer);
        Ok(())
    }

    fn paint(&self, style: &CompositeStyle, layer: &mut RgbaLayer) {
        let outline = alpha_byte(style.outline_alpha);
        let highlighted = |i: usize| style.highlight == Some(i);
        let order = self
            .masks()
            .iter()
            .filter(|m| !highlighted(m.detection))
            .chain(self.masks().iter().filter(|m| highlighted(m.detection)));
        for mask in order {
            let fill = alpha_byte(if highlighted(mask.detection) {
                style.highlight_alpha
            } else {
                style.fill_alpha
            });
            let paint = Paint {
                color: mask.color,
                fill,
                outline,
                outline_width: style.outline_width,
                threshold: style.threshold,
            };
            paint.mask(&mask.mask, layer);
        }
    }
}

struct Paint {
    color: Rgb,
    fill: u32,
    outline: u32,
    outline_width: u32,
    threshold: u8,
}

impl Paint {
    fn mask(&self, mask: &BoxMask, layer: &mut RgbaLayer) {
        let classes = classify(mask, self.threshold, self.outline_width);
        let alphas = [0, self.fill as u8, self.outline as u8];
        blend_classes(mask, &classes, self.color, alphas, layer);
    }
}

/// What each pixel of a mask's box is, for a threshold and an outline width.
const OUTSIDE: u8 = 0;
const FILL: u8 = 1;
const OUTLINE: u8 = 2;

/// Every pixel of `mask`'s box as [`OUTSIDE`], [`FILL`] or [`OUTLINE`] (the set pixels
/// within `outline_width` of an unset one or of the box's edge).
fn classify(mask: &BoxMask, threshold: u8, outline_width: u32) -> Vec<u8> {
    let b = mask.bbox();
    let set: Vec<bool> = mask.values().iter().map(|v| *v > threshold).collect();
    if outline_width == 0 {
        return set
            .iter()
            .map(|on| if *on { FILL } else { OUTSIDE })
            .collect();
    }
    let (box_w, box_h) = (b.width() as usize, b.height() as usize);
    let interior = erode(&set, box_w, box_h, outline_width as usize);
    set.iter()
        .zip(&interior)
        .map(|(on, inside)| match (on, inside) {
            (false, _) => OUTSIDE,
            (true, true) => FILL,
            (true, false) => OUTLINE,
        })
        .collect()
}

/// Paints `color` over `layer` where `classes` (over `mask`'s box) say so, each class
/// at its alpha in `alphas` (an alpha of 0 paints nothing).
fn blend_classes(
    mask: &BoxMask,
    classes: &[u8],
    color: Rgb,
    alphas: [u8; 3],
    layer: &mut RgbaLayer,
) {
    let b = mask.bbox();
    let (box_w, box_h) = (b.width() as usize, b.height() as usize);
    let layer_w = layer.size.width() as usize;
    let visible_w = box_w.min(layer_w.saturating_sub(b.x() as usize));
    for (row, line_classes) in classes.chunks_exact(box_w).enumerate().take(box_h) {
        let start = ((b.y() as usize + row) * layer_w + b.x() as usize) * 4;
        let Some(line) = layer.pixels.get_mut(start..start + visible_w * 4) else {
            break;
        };
        for (dst, class) in line.chunks_exact_mut(4).zip(line_classes) {
            let alpha = alphas.get(usize::from(*class)).copied().unwrap_or(0);
            if alpha != 0 {
                blend(dst, color, u32::from(alpha));
            }
        }
    }
}

/// Source-over of an opaque colour at `alpha` (1-255) onto a straight-alpha pixel.
fn blend(dst: &mut [u8], color: Rgb, alpha: u32) {
    let Ok(px) = <&mut [u8; 4]>::try_from(dst) else {
        return;
    };
    let a = u32::from(px[3]);
    if a == 0 || alpha == 255 {
        *px = [color.r, color.g, color.b, alpha as u8];
        return;
    }
    let keep = a * (255 - alpha);
    let out = alpha * 255 + keep; // the new alpha, scaled by 255
    let mix = |src: u8, old: u8| {
        ((u32::from(src) * alpha * 255 + u32::from(old) * keep + out / 2) / out) as u8
    };
    *px = [
        mix(color.r, px[0]),
        mix(color.g, px[1]),
        mix(color.b, px[2]),
        ((out + 127) / 255) as u8,
    ];
}

/// Pixels whose whole `(2w + 1)` square neighbourhood is set (outside the box counts as
/// unset): the mask minus an outline of width `w`. Two sliding-window passes, O(area).
fn erode(set: &[bool], width: usize, height: usize, w: usize) -> Vec<bool> {
    let span = 2 * w + 1;
    let mut rows = vec![false; set.len()];
    let mut prefix = vec![0usize; width + 1];
    for (line, out) in set.chunks_exact(width).zip(rows.chunks_exact_mut(width)) {
        for (x, on) in line.iter().enumerate() {
            prefix[x + 1] = prefix[x] + usize::from(*on);
        }
        for (x, o) in out.iter_mut().enumerate() {
            let (lo, hi) = (x.saturating_sub(w), (x + w + 1).min(width));
            *o = prefix[hi] - prefix[lo] == span;
        }
    }
    let mut out = vec![false; set.len()];
    let mut counts = vec![0usize; width];
    let row = |y: usize| rows.get(y * width..(y + 1) * width).unwrap_or(&[]);
    for y in 0..height.min(w) {
        for (c, on) in counts.iter_mut().zip(row(y)) {
            *c += usize::from(*on);
        }
    }
    for y in 0..height {
        if y + w < height {
            for (c, on) in counts.iter_mut().zip(row(y + w)) {
                *c += usize::from(*on);
            }
        }
        if y > w {
            for (c, on) in counts.iter_mut().zip(row(y - w - 1)) {
                *c -= usize::from(*on);
            }
        }
        let full = y >= w && y + w < height;
        if let Some(target) = out.get_mut(y * width..(y + 1) * width) {
            for (o, c) in target.iter_mut().zip(&counts) {
                *o = full && *c == span;
            }
        }
    }
    out
}

mod stencil;
pub use stencil::MaskStencils;

#[cfg(test)]
mod tests;
