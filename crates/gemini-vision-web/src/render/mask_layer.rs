//! Every mask as one image-sized layer: composited by the core in wasm memory, copied
//! once into an `ImageData`, put on an offscreen canvas and drawn over the photo with a
//! single `drawImage`, instead of one canvas per mask. Only the rectangle that holds
//! masks (their boxes' union) leaves wasm memory, and its `ImageData` and canvas are
//! made once per draw and reused by every redraw. Mask pixels are classified (inside,
//! outline, outside) once per threshold and outline width (`MaskStencils`), so a hover
//! redraw only blends colours.

use super::style::OverlayStyle;
use gemini_vision::geometry::{ImageSize, PixelBox};
use gemini_vision::overlay::{MaskScene, MaskStencils, Rgb, RgbaLayer};
use gemini_vision::spatial::Detection;
use gemini_vision::{Error, Result};
use js_sys::Uint8ClampedArray;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// Masks decoded once per draw, re-composited on every redraw (hover, threshold, alpha).
#[derive(Debug)]
pub(crate) struct MaskLayer {
    scene: MaskScene,
    layer: RgbaLayer,
    /// Which mask pixels are inside or on an outline, for the last threshold and outline
    /// width: a hover redraw only blends.
    stencils: Option<MaskStencils>,
    /// The union of every mask's box: nothing outside it is ever painted.
    extent: Option<PixelBox>,
    /// The extent's rows, contiguous, when it is narrower than the image.
    staging: Vec<u8>,
    /// An extent-sized `ImageData` and its pixel array, written in place every paint.
    image_data: ImageData,
    js_pixels: Uint8ClampedArray,
    /// An extent-sized canvas holding the last painted masks.
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl MaskLayer {
    /// Decodes and resizes every mask for an image of `size`.
    pub(crate) fn prepare(
        document: &Document,
        detections: &[Detection],
        size: ImageSize,
    ) -> Result<Self> {
        let scene = MaskScene::prepare(detections, size);
        let extent = scene.extent();
        // Without masks, a 1x1 canvas that is never drawn.
        let area = extent
            .map(|e| ImageSize::new(e.width(), e.height()))
            .transpose()?
            .unwrap_or(ImageSize::new(1, 1)?);
        let (canvas, ctx) = scratch_canvas(document, area)?;
        let image_data = ImageData::new_with_sw(area.width(), area.height())
            .map_err(|e| canvas_error("mask ImageData", &e))?;
        let js_pixels: Uint8ClampedArray = js_sys::Reflect::get(&image_data, &"data".into())
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or_else(|| Error::invalid("mask ImageData", "it has no pixel array"))?;
        Ok(MaskLayer {
            layer: RgbaLayer::new(size),
            stencils: None,
            extent,
            staging: Vec::new(),
            image_data,
            js_pixels,
            scene,
            canvas,
            ctx,
        })
    }

    /// Why some masks could not be drawn, one sentence each.
    pub(crate) fn failures(&self) -> impl Iterator<Item = String> + '_ {
        self.scene
            .failures()
            .iter()
            .map(|f| format!("detection {}: mask not drawn: {}", f.detection, f.message))
    }

    /// The detections that have a drawable mask.
    pub(crate) fn drawn(&self) -> impl Iterator<Item = usize> + '_ {
        self.scene.masks().iter().map(|m| m.detection)
    }

    /// How many masks can be drawn.
    pub(crate) fn count(&self) -> usize {
        self.scene.masks().len()
    }

    /// Composites the masks with `style` (colours from `color_of(detection)`) and puts the
    /// layer on the offscreen canvas, ready for [`MaskLayer::canvas`].
    pub(crate) fn paint(
        &mut self,
        style: &OverlayStyle,
        color_of: impl Fn(usize) -> Rgb,
    ) -> Result<()> {
        let indices: Vec<usize> = self.scene.masks().iter().map(|m| m.detection).collect();
        for index in indices {
            self.scene.set_color(index, color_of(index));
        }
        let composite = style.composite();
        let stencils = match self.stencils.take() {
            Some(kept) if kept.fit(&composite) => kept,
            _ => self.scene.stencils(&composite),
        };
        let painted = self
            .scene
            .composite_stenciled(&composite, &stencils, &mut self.layer);
        self.stencils = Some(stencils);
        painted?;
        let Some(extent) = self.extent else {
            return Ok(());
        };
        let pixels = self.layer.pixels();
        let row = self.layer.size().width() as usize * 4;
        let (x, y) = (extent.x() as usize * 4, extent.y() as usize);
        let (w, h) = (extent.width() as usize * 4, extent.height() as usize);
        let rows = if w == row {
            // Full-width rows are already contiguous.
            pixels.get(y * row..(y + h) * row)
        } else {
            self.staging.clear();
            for line in pixels.chunks_exact(row).skip(y).take(h) {
                self.staging
                    .extend_from_slice(line.get(x..x + w).unwrap_or_default());
            }
            Some(self.staging.as_slice())
        };
        match rows {
            Some(rows) if rows.len() == self.js_pixels.length() as usize => {
                self.js_pixels.copy_from(rows);
            }
            _ => return Err(Error::invalid("mask layer", "its size changed")),
        }
        self.ctx
            .put_image_data(&self.image_data, 0.0, 0.0)
            .map_err(|e| canvas_error("mask layer", &e))
    }

    /// Draws the last painted layer onto `ctx` (whose transform maps image pixels).
    pub(crate) fn draw_onto(&self, ctx: &CanvasRenderingContext2d) -> Result<()> {
        let Some(extent) = self.extent else {
            return Ok(());
        };
        let (x, y, w, h) = rect(extent);
        ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &self.canvas,
            0.0,
            0.0,
            w,
            h,
            x,
            y,
            w,
            h,
        )
        .map_err(|e| canvas_error("mask layer", &e))
    }
}

fn rect(b: PixelBox) -> (f64, f64, f64, f64) {
    (
        f64::from(b.x()),
        f64::from(b.y()),
        f64::from(b.width()),
        f64::from(b.height()),
    )
}

/// A detached canvas of `size` with its 2D context.
pub(crate) fn scratch_canvas(
    document: &Document,
    size: ImageSize,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|e| canvas_error("offscreen canvas", &e))?
        .dyn_into()
        .map_err(|_| Error::invalid("canvas", "the document made no <canvas>"))?;
    canvas.set_width(size.width());
    canvas.set_height(size.height());
    let ctx = context_2d(&canvas)?;
    Ok((canvas, ctx))
}

/// The canvas's 2D context, or an error when it already has another kind of context.
pub(crate) fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .map_err(|e| canvas_error("2D context", &e))?
        .ok_or_else(|| {
            Error::invalid(
                "canvas",
                "it has no 2D context (it already has a WebGL or bitmaprenderer context)",
            )
        })?
        .dyn_into()
        .map_err(|_| Error::invalid("canvas", "getContext(\"2d\") returned something else"))
}

/// A failed canvas call as the core's error, with what the browser said.
pub(crate) fn canvas_error(what: &'static str, error: &JsValue) -> Error {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned());
    Error::invalid(what, message)
}
