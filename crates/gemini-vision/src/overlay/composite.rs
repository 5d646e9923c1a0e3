//! Painting every mask into one RGBA layer.
//!
//! The browser draws this layer once with `putImageData`/`drawImage` over the photo,
//! instead of one canvas per mask. Masks are painted in the scene's order (largest
//! first), the highlighted one last, each pixel "over" what is already there, with a
//! fill alpha inside and an opaque outline along the mask's edge. Only pixels inside each
//! mask's box are read or written, and the layer a scene makes covers only the union of
//! its masks' boxes ([`MaskScene::layer`]): an answer without masks allocates nothing
//! image-sized.

use super::color::Rgb;
use super::scene::MaskScene;
use crate::error::{Error, Result};
use crate::geometry::{ImageSize, PixelBox};
use crate::mask::{BoxMask, DEFAULT_THRESHOLD};
use gemini_vision_kernels::blend::blend_row;

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

/// RGBA pixels (straight, not premultiplied, alpha) over one rectangle of an image,
/// row by row, as canvas `ImageData` expects: draw them at [`RgbaLayer::area`]'s
/// corner. Everything outside the rectangle is transparent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbaLayer {
    size: ImageSize,
    /// The part of the image the pixels cover; `None`: no pixels at all.
    area: Option<PixelBox>,
    pixels: Vec<u8>,
}

impl RgbaLayer {
    /// A fully transparent layer over the whole image.
    pub fn new(size: ImageSize) -> Self {
        Self::covering(
            size,
            PixelBox::from_corners(0, 0, size.width(), size.height()),
        )
    }

    /// A fully transparent layer over `area` of an image of `size` (cut to the image);
    /// `None` holds no pixels. [`MaskScene::layer`] makes the one a scene needs.
    pub fn covering(size: ImageSize, area: Option<PixelBox>) -> Self {
        let area = area.and_then(|a| {
            PixelBox::from_corners(
                a.x(),
                a.y(),
                a.x_end().min(size.width()),
                a.y_end().min(size.height()),
            )
        });
        let len = area.map_or(0, |a| a.area() as usize * 4);
        RgbaLayer {
            size,
            area,
            pixels: vec![0; len],
        }
    }

    /// The size of the image it belongs to.
    pub fn size(&self) -> ImageSize {
        self.size
    }

    /// The rectangle of the image its pixels cover (`None`: it has none).
    pub fn area(&self) -> Option<PixelBox> {
        self.area
    }

    /// The RGBA bytes of [`RgbaLayer::area`], row by row.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// The RGBA bytes, taken.
    pub fn into_pixels(self) -> Vec<u8> {
        self.pixels
    }

    /// The `[r, g, b, a]` of the image pixel `(x, y)` (transparent outside the area).
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let Some(index) = self.index(x, y) else {
            return [0; 4];
        };
        match self.pixels.get(index..index + 4) {
            Some([r, g, b, a]) => [*r, *g, *b, *a],
            _ => [0; 4],
        }
    }

    /// Where the image pixel `(x, y)` starts in [`RgbaLayer::pixels`], if it is inside.
    fn index(&self, x: u32, y: u32) -> Option<usize> {
        let a = self.area?;
        let inside = x >= a.x() && y >= a.y() && x < a.x_end() && y < a.y_end();
        inside.then(|| ((y - a.y()) as usize * a.width() as usize + (x - a.x()) as usize) * 4)
    }

    /// Whether the layer can hold every pixel of `extent` (and belongs to `size`).
    pub(super) fn holds(&self, size: ImageSize, extent: Option<PixelBox>) -> bool {
        let within = match (extent, self.area) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(e), Some(a)) => {
                e.x() >= a.x() && e.y() >= a.y() && e.x_end() <= a.x_end() && e.y_end() <= a.y_end()
            }
        };
        self.size == size && within
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
    /// A transparent layer over the union of the masks' boxes ([`MaskScene::extent`]),
    /// the only part of the image compositing touches: without masks, it is empty.
    pub fn layer(&self) -> RgbaLayer {
        RgbaLayer::covering(self.size(), self.extent())
    }

    /// Paints every mask into a new layer ([`MaskScene::layer`]).
    pub fn composite(&self, style: &CompositeStyle) -> RgbaLayer {
        let mut layer = self.layer();
        self.paint(style, &mut layer);
        layer
    }

    /// Clears `layer` and paints every mask into it (reusing its buffer between
    /// frames). The layer must belong to an image of the scene's size and cover the
    /// scene's extent ([`MaskScene::layer`] makes one).
    pub fn composite_into(&self, style: &CompositeStyle, layer: &mut RgbaLayer) -> Result<()> {
        check_layer(self, layer)?;
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
        let Some(all) = layer.area else { return };
        let classes = classify(mask, self.threshold, self.outline_width);
        let alphas = [0, self.fill as u8, self.outline as u8];
        blend_classes(mask, &classes, self.color, alphas, layer, all);
    }
}

/// A layer that does not fit `scene` is the caller's mistake, told as such.
fn check_layer(scene: &MaskScene, layer: &RgbaLayer) -> Result<()> {
    if layer.holds(scene.size(), scene.extent()) {
        Ok(())
    } else {
        Err(Error::invalid(
            "overlay layer",
            "it belongs to another image size or does not cover the scene's masks \
             (make it with MaskScene::layer)",
        ))
    }
}

/// Paints `color` over `layer` where `classes` (over `mask`'s box) say so, each class
/// at its alpha in `alphas` (an alpha of 0 paints nothing). Only the part of the box
/// inside both the layer's area and `clip` is painted.
fn blend_classes(
    mask: &BoxMask,
    classes: &[u8],
    color: Rgb,
    alphas: [u8; 3],
    layer: &mut RgbaLayer,
    clip: PixelBox,
) {
    let Some(area) = layer.area else { return };
    let b = mask.bbox();
    let Some(visible) = intersection(intersection(Some(b), Some(area)), Some(clip)) else {
        return;
    };
    let (box_w, layer_w) = (b.width() as usize, area.width() as usize);
    let (w, skip) = (visible.width() as usize, (visible.x() - b.x()) as usize);
    let x0 = (visible.x() - area.x()) as usize;
    for y in visible.y()..visible.y_end() {
        let from = (y - b.y()) as usize * box_w + skip;
        let start = ((y - area.y()) as usize * layer_w + x0) * 4;
        let (Some(line_classes), Some(line)) = (
            classes.get(from..from + w),
            layer.pixels.get_mut(start..start + w * 4),
        ) else {
            break;
        };
        blend_row(line, line_classes, [color.r, color.g, color.b], alphas);
    }
}

/// The pixels two boxes share (`None` when either is `None` or they do not overlap).
fn intersection(a: Option<PixelBox>, b: Option<PixelBox>) -> Option<PixelBox> {
    let (a, b) = (a?, b?);
    PixelBox::from_corners(
        a.x().max(b.x()),
        a.y().max(b.y()),
        a.x_end().min(b.x_end()),
        a.y_end().min(b.y_end()),
    )
}

mod classify;
mod stencil;
use classify::classify;
pub use stencil::MaskStencils;

#[cfg(test)]
mod tests;
