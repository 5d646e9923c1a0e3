//! Strokes and text on the 2D context: boxes, 3D boxes, point markers and labels, all in
//! image pixels (the caller has set the device-pixel transform).
//!
//! Model text reaches the canvas only through `fillText`: it is never parsed as markup,
//! never put in the DOM, and it is cleaned and shortened by the core's `display_label`.

use super::mask_layer::canvas_error;
use super::style::OverlayStyle;
use gemini_vision::Result;
use gemini_vision::geometry::{ImageSize, PixelBox, PixelPoint, ProjectedBox3d};
use gemini_vision::overlay::{OverlayMetrics, Rgb, display_label, place_label};
use web_sys::CanvasRenderingContext2d;

/// Halo colour drawn under emphasised strokes so they read on any photo.
const HALO: &str = "#ffffff";

/// Draws on one context at one image size with one style.
pub(crate) struct Painter<'a> {
    pub(crate) ctx: &'a CanvasRenderingContext2d,
    pub(crate) size: ImageSize,
    pub(crate) metrics: OverlayMetrics,
    pub(crate) style: &'a OverlayStyle,
}

impl Painter<'_> {
    fn line_width(&self, emphasis: bool) -> f64 {
        if emphasis {
            self.metrics.line_width * 2.0
        } else {
            self.metrics.line_width
        }
    }

    /// A halo (when emphasised) then the coloured stroke, on the current path.
    fn stroke_path(&self, color: Rgb, emphasis: bool) {
        self.stroke_with(color, emphasis, || self.ctx.stroke());
    }

    /// A halo (when emphasised) then the coloured stroke, each drawn by `stroke` with the
    /// stroke style and line width set.
    fn stroke_with(&self, color: Rgb, emphasis: bool, stroke: impl Fn()) {
        let width = self.line_width(emphasis);
        if emphasis {
            self.ctx.set_stroke_style_str(HALO);
            self.ctx
                .set_line_width(width + 2.0 * self.metrics.line_width.min(4.0));
            stroke();
        }
        self.ctx.set_stroke_style_str(&color.to_css_hex());
        self.ctx.set_line_width(width);
        stroke();
    }

    /// A 2D box outline, centred on the box's edges. `strokeRect`, not a path: Chromium
    /// strokes a rectangle directly and a path with Skia's general stroker; over a 4K
    /// photo in its software raster, 20 boxes 9.6 pixels wide took 0.8-0.9 ms this way
    /// and 2.6-2.8 ms as paths.
    pub(crate) fn box_2d(&self, b: PixelBox, color: Rgb, emphasis: bool) {
        let (x, y) = (f64::from(b.x()), f64::from(b.y()));
        let (w, h) = (f64::from(b.width()), f64::from(b.height()));
        self.stroke_with(color, emphasis, || self.ctx.stroke_rect(x, y, w, h));
    }

    /// The 12 edges of a projected 3D box.
    pub(crate) fn box_3d(&self, projected: &ProjectedBox3d, color: Rgb, emphasis: bool) {
        self.ctx.begin_path();
        for (from, to) in ProjectedBox3d::EDGES {
            if let (Some(a), Some(b)) = (projected.corners.get(from), projected.corners.get(to)) {
                self.ctx.move_to(a.x, a.y);
                self.ctx.line_to(b.x, b.y);
            }
        }
        self.stroke_path(color, emphasis);
    }

    /// A filled dot in the label's colour inside a white ring.
    pub(crate) fn point(&self, at: PixelPoint, color: Rgb, emphasis: bool) -> Result<()> {
        let radius = self.point_radius(emphasis);
        let ring = (radius * 0.35).max(1.5);
        let circle = |r: f64| {
            self.ctx.begin_path();
            self.ctx
                .arc(at.x, at.y, r, 0.0, std::f64::consts::TAU)
                .map_err(|e| canvas_error("point marker", &e))
        };
        circle(radius + ring)?;
        self.ctx.set_fill_style_str(HALO);
        self.ctx.fill();
        circle(radius)?;
        self.ctx.set_fill_style_str(&color.to_css_hex());
        self.ctx.fill();
        Ok(())
    }

    /// The radius of a point's dot (its ring adds about a third more).
    pub(crate) fn point_radius(&self, emphasis: bool) -> f64 {
        if emphasis {
            self.metrics.point_radius * 1.5
        } else {
            self.metrics.point_radius
        }
    }

    /// A label on a filled background, above `anchor` if there is room, always inside
    /// the image. Returns where the background went (`x, y, width, height`).
    pub(crate) fn label(
        &self,
        text: &str,
        anchor: PixelBox,
        color: Rgb,
    ) -> Result<Option<[f64; 4]>> {
        let shown = display_label(text);
        if shown.is_empty() {
            return Ok(None);
        }
        let m = &self.metrics;
        self.ctx.set_font(&self.style.font(m.font_px));
        let measured = self
            .ctx
            .measure_text(&shown)
            .map_err(|e| canvas_error("label measurement", &e))?
            .width();
        let (width, height) = (measured + 2.0 * m.label_padding, m.label_height());
        let placed = place_label(anchor, width, height, self.size);
        self.ctx.set_fill_style_str(&color.to_css_hex());
        self.ctx.fill_rect(placed.x, placed.y, width, height);
        self.ctx
            .set_fill_style_str(&color.contrasting_text().to_css_hex());
        self.ctx.set_text_baseline("top");
        self.ctx
            .fill_text(
                &shown,
                placed.x + m.label_padding,
                placed.y + m.label_padding,
            )
            .map_err(|e| canvas_error("label text", &e))?;
        Ok(Some([placed.x, placed.y, width, height]))
    }
}

/// A small box around a position, for labels of points and 3D boxes (clamped to the
/// image; `None` when the position is off the image entirely).
pub(crate) fn anchor_around(at: PixelPoint, radius: f64, size: ImageSize) -> Option<PixelBox> {
    if !(at.x.is_finite() && at.y.is_finite()) {
        return None;
    }
    let clamp = |v: f64, max: u32| v.clamp(0.0, f64::from(max)) as u32;
    let (x0, y0) = (
        clamp((at.x - radius).floor(), size.width()),
        clamp((at.y - radius).floor(), size.height()),
    );
    let (x1, y1) = (
        clamp((at.x + radius).ceil(), size.width()),
        clamp((at.y + radius).ceil(), size.height()),
    );
    PixelBox::from_corners(x0, y0, x1.max(x0 + 1), y1.max(y0 + 1))
}
