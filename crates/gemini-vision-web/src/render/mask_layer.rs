//! Every mask as one image-sized layer: composited by the core in wasm memory, copied
//! once into an `ImageData`, put on an offscreen canvas and drawn over the photo with a
//! single `drawImage`, instead of one canvas per mask.

use super::style::OverlayStyle;
use gemini_vision::geometry::ImageSize;
use gemini_vision::overlay::{MaskScene, Rgb, RgbaLayer};
use gemini_vision::spatial::Detection;
use gemini_vision::{Error, Result};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// Masks decoded once per draw, re-composited on every redraw (hover, threshold, alpha).
#[derive(Debug)]
pub(crate) struct MaskLayer {
    scene: MaskScene,
    layer: RgbaLayer,
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
        let (canvas, ctx) = scratch_canvas(document, size)?;
        Ok(MaskLayer {
            layer: RgbaLayer::new(size),
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
        self.scene
            .composite_into(&style.composite(), &mut self.layer)?;
        let size = self.layer.size();
        let data = ImageData::new_with_u8_clamped_array_and_sh(
            Clamped(self.layer.pixels()),
            size.width(),
            size.height(),
        )
        .map_err(|e| canvas_error("mask ImageData", &e))?;
        self.ctx
            .put_image_data(&data, 0.0, 0.0)
            .map_err(|e| canvas_error("mask layer", &e))
    }

    /// The offscreen canvas holding the last painted layer.
    pub(crate) fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }
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
