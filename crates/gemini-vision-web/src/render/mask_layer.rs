//! Every mask as one layer: composited by the core in wasm memory over the union of the
//! masks' boxes only (nothing image-sized, nothing at all without masks), at the image's
//! size up to Full HD and at about 2 megapixels above it (the canvas scales the layer up
//! as it draws it: faster on a 4K frame than working every pixel), handed to the
//! browser as an `ImageData` that views wasm memory (no copy on the JS side), put on an
//! offscreen canvas of the same size and drawn over the photo with a single `drawImage`,
//! instead of one canvas per mask. Mask pixels are classified (inside, outline,
//! outside) once per threshold and outline width (`MaskStencils`), so a hover redraw
//! only blends colours.

use super::style::OverlayStyle;
use gemini_vision::geometry::{ImageSize, PixelBox};
use gemini_vision::overlay::{
    MaskScene, MaskStencils, Rgb, RgbaLayer, mask_layer_size, mask_outline_on,
};
use gemini_vision::spatial::Detection;
use gemini_vision::{Error, Result};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData};

/// A detached canvas and its 2D context.
pub(crate) type ScratchCanvas = (HtmlCanvasElement, CanvasRenderingContext2d);

/// Masks decoded once per draw, re-composited on every redraw (hover, threshold, alpha).
#[derive(Debug)]
pub(crate) struct MaskLayer {
    scene: MaskScene,
    /// The masks' extent in RGBA ([`MaskScene::layer`]); empty without masks.
    layer: RgbaLayer,
    /// Which mask pixels are inside or on an outline, for the last threshold and outline
    /// width: a hover redraw only blends.
    stencils: Option<MaskStencils>,
    /// The image's size, and the (possibly smaller) size the masks are worked at
    /// (`mask_layer_size`): the canvas scales the layer from one to the other.
    image: ImageSize,
    work: ImageSize,
    /// A canvas of the layer's size holding the last painted masks.
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl MaskLayer {
    /// Decodes and resizes every mask for an image of `size` (at `mask_layer_size`).
    /// `spare` is the canvas of the previous draw's layer, used again: in Chromium, a
    /// new canvas of the 20-mask sample's extent (0.85 megapixels) cost 2.5-3.5 ms to
    /// make, put and draw, and a kept one 0.3 ms (its first paint puts every pixel, so
    /// nothing of the last draw stays).
    pub(crate) fn prepare(
        document: &Document,
        detections: &[Detection],
        size: ImageSize,
        spare: Option<ScratchCanvas>,
    ) -> Result<Self> {
        let work = mask_layer_size(size);
        let scene = MaskScene::prepare(detections, work);
        let layer = scene.layer();
        // Without masks, a 1x1 canvas that is never drawn.
        let area = layer
            .area()
            .map(|a| ImageSize::new(a.width(), a.height()))
            .transpose()?
            .unwrap_or(ImageSize::new(1, 1)?);
        let (canvas, ctx) = match spare {
            Some((canvas, ctx)) => {
                if canvas.width() != area.width() || canvas.height() != area.height() {
                    canvas.set_width(area.width());
                    canvas.set_height(area.height());
                }
                (canvas, ctx)
            }
            None => scratch_canvas(document, area)?,
        };
        Ok(MaskLayer {
            layer,
            image: size,
            work,
            stencils: None,
            scene,
            canvas,
            ctx,
        })
    }

    /// The layer's canvas, for the next draw's [`MaskLayer::prepare`].
    pub(crate) fn into_canvas(self) -> ScratchCanvas {
        (self.canvas, self.ctx)
    }

    /// Why some masks could not be drawn, one sentence each.
    pub(crate) fn failures(&self) -> impl Iterator<Item = String> + '_ {
        self.scene
            .failures()
            .iter()
            .map(|f| format!("detection {}: mask not drawn: {}", f.detection, f.message))
    }

    /// The detections that have a drawable mask, with the mask's box in image pixels
    /// (`x0, y0, x1, y1`).
    pub(crate) fn drawn(&self) -> impl Iterator<Item = (usize, [f64; 4])> + '_ {
        let (sx, sy) = self.to_image();
        self.scene.masks().iter().map(move |m| {
            let (x, y, w, h) = rect(m.mask.bbox());
            (m.detection, [x * sx, y * sy, (x + w) * sx, (y + h) * sy])
        })
    }

    /// From layer pixels to image pixels (1:1 up to Full HD).
    fn to_image(&self) -> (f64, f64) {
        (
            f64::from(self.image.width()) / f64::from(self.work.width()),
            f64::from(self.image.height()) / f64::from(self.work.height()),
        )
    }

    /// How many masks can be drawn.
    pub(crate) fn count(&self) -> usize {
        self.scene.masks().len()
    }

    /// Composites the masks with `style` (colours from `color_of(detection)`) and puts the
    /// layer on the offscreen canvas, ready for [`MaskLayer::draw_onto`]. With `hover`
    /// (rectangles of image pixels `x0, y0, x1, y1` covering the old and the new
    /// highlighted detection, when nothing else changed since the last paint), only those
    /// parts of the layer are composited and put again.
    pub(crate) fn paint(
        &mut self,
        style: &OverlayStyle,
        hover: Option<&[[f64; 4]]>,
        color_of: impl Fn(usize) -> Rgb,
    ) -> Result<()> {
        let indices: Vec<usize> = self.scene.masks().iter().map(|m| m.detection).collect();
        for index in indices {
            self.scene.set_color(index, color_of(index));
        }
        let mut composite = style.composite();
        composite.outline_width = mask_outline_on(composite.outline_width, self.image, self.work);
        // The parts to repaint, in layer pixels; `None`: all of it.
        let parts = |layer: &Self| -> Option<Vec<PixelBox>> {
            hover?.iter().map(|r| layer.to_work(*r)).collect()
        };
        let (stencils, regions) = match self.stencils.take() {
            Some(kept) if kept.fit(&composite) => (kept, parts(self)),
            _ => (self.scene.stencils(&composite), None),
        };
        let painted = match &regions {
            // Compositing is a function of each pixel's stencils and colours alone: a
            // pixel in two overlapping regions gets the same value twice.
            Some(regions) => regions.iter().try_for_each(|region| {
                self.scene.composite_stenciled_within(
                    &composite,
                    &stencils,
                    &mut self.layer,
                    *region,
                )
            }),
            None => self
                .scene
                .composite_stenciled(&composite, &stencils, &mut self.layer),
        };
        self.stencils = Some(stencils);
        painted?;
        let Some(area) = self.layer.area() else {
            return Ok(());
        };
        // A view of wasm memory, read by `putImageData` before anything can grow it.
        let pixels = Clamped(self.layer.pixels());
        let image_data =
            ImageData::new_with_u8_clamped_array_and_sh(pixels, area.width(), area.height())
                .map_err(|e| canvas_error("mask ImageData", &e))?;
        let put = match regions {
            // Only the repainted pixels are copied to the canvas (layer coordinates).
            Some(regions) => regions.iter().try_for_each(|r| {
                self.ctx
                    .put_image_data_with_dirty_x_and_dirty_y_and_dirty_width_and_dirty_height(
                        &image_data,
                        0.0,
                        0.0,
                        f64::from(r.x().saturating_sub(area.x())),
                        f64::from(r.y().saturating_sub(area.y())),
                        f64::from(r.width()),
                        f64::from(r.height()),
                    )
            }),
            None => self.ctx.put_image_data(&image_data, 0.0, 0.0),
        };
        put.map_err(|e| canvas_error("mask layer", &e))
    }

    /// The layer pixels covering the image pixels `x0, y0, x1, y1`, with a pixel to spare
    /// on each side (the canvas smooths a scaled layer across neighbours).
    fn to_work(&self, [x0, y0, x1, y1]: [f64; 4]) -> Option<PixelBox> {
        let (sx, sy) = self.to_image();
        let (w, h) = (f64::from(self.work.width()), f64::from(self.work.height()));
        let low = |v: f64, s: f64, max: f64| ((v / s).floor() - 1.0).clamp(0.0, max) as u32;
        let high = |v: f64, s: f64, max: f64| ((v / s).ceil() + 1.0).clamp(0.0, max) as u32;
        PixelBox::from_corners(
            low(x0, sx, w),
            low(y0, sy, h),
            high(x1, sx, w),
            high(y1, sy, h),
        )
    }

    /// Draws the last painted layer onto `ctx` (whose transform maps image pixels).
    pub(crate) fn draw_onto(&self, ctx: &CanvasRenderingContext2d) -> Result<()> {
        let Some(area) = self.layer.area() else {
            return Ok(());
        };
        let (x, y, w, h) = rect(area);
        let (sx, sy) = self.to_image();
        // Above Full HD the layer is worked at about half the image's size and scaled up
        // as it is drawn. Scaled without smoothing: bilinear filtering was most of a hover
        // redraw's time on a 4K frame (2.3 of 6 ms in headless Chromium), and the masks'
        // edges are already soft (each mask is resized from the model's PNG with Pillow's
        // filter), so nearest pixels show no steps at the sizes a 4K frame is viewed at.
        let scaled = self.work != self.image;
        if scaled {
            ctx.set_image_smoothing_enabled(false);
        }
        let drawn = ctx
            .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                &self.canvas,
                0.0,
                0.0,
                w,
                h,
                x * sx,
                y * sy,
                w * sx,
                h * sy,
            );
        if scaled {
            ctx.set_image_smoothing_enabled(true);
        }
        drawn.map_err(|e| canvas_error("mask layer", &e))
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
pub(crate) fn scratch_canvas(document: &Document, size: ImageSize) -> Result<ScratchCanvas> {
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
    // `message` read as any value: js-sys's typed getter throws through the module on a
    // non-string.
    let message = error
        .is_instance_of::<js_sys::Error>()
        .then(|| crate::values::field(error, "message"))
        .flatten()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused".to_owned());
    Error::invalid(what, message)
}
