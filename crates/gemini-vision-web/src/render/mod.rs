//! Canvas overlays of detections: the photo, one composited mask layer, boxes, 3D boxes,
//! point markers and labels, with hover emphasis, hit-testing and PNG export.
//!
//! Every decision (colours, sizes, label positions, drawing order, what is under the
//! pointer, mask pixels) is the core's `overlay`, `geometry` and `mask` modules; this
//! module only issues canvas calls. It never puts model text anywhere but `fillText`,
//! never panics on what it is given, and never allocates more than one image-sized mask
//! layer (plus its offscreen canvas) per image.

mod export;
mod image;
mod mask_layer;
mod paint;
mod scene;
mod style;

pub use image::ImageSource;
pub use style::{DrawReport, OverlayStyle};

use gemini_vision::geometry::ImageSize;
use gemini_vision::overlay::{OverlayMetrics, backing_scale, backing_size, css_to_image, hit_test};
use gemini_vision::spatial::Detection;
use gemini_vision::{Error, Result};
use mask_layer::{MaskLayer, ScratchCanvas, context_2d};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws detections over an image on a canvas the page owns.
///
/// ```no_run
/// # use gemini_vision_web::render::{ImageSource, OverlayRenderer, OverlayStyle};
/// # fn demo(canvas: web_sys::HtmlCanvasElement, img: web_sys::HtmlImageElement, text: &str) -> gemini_vision::Result<()> {
/// let detections = gemini_vision::spatial::parse_detections(text).detections;
/// let mut overlay = OverlayRenderer::new(canvas)?;
/// overlay.draw(&ImageSource::Image(img), &detections, &OverlayStyle::default())?;
/// let hovered = overlay.hit_test(120.0, 80.0);
/// overlay.redraw(&OverlayStyle { highlight: hovered, ..OverlayStyle::default() })?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct OverlayRenderer {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    frame: Option<Frame>,
    /// The inline CSS width the renderer last set. The renderer sizes the canvas on the
    /// page only while the page has set no width of its own.
    css_width: Option<String>,
}

/// What the last `draw` was given, kept for `redraw`, `hit_test` and `to_blob`.
#[derive(Debug)]
struct Frame {
    image: ImageSource,
    size: ImageSize,
    detections: Vec<Detection>,
    masks: Option<MaskLayer>,
    /// The last draw's mask layer, whose canvas the next one uses again.
    spare: Option<ScratchCanvas>,
    style: OverlayStyle,
    /// Where each detection was drawn in the last paint (empty before the first).
    bounds: Vec<Option<scene::Bounds>>,
    /// What the last paint of the whole frame warned about (a hover repeats it).
    warnings: Vec<String>,
}

impl OverlayRenderer {
    /// A renderer drawing on `canvas` (which must not already have a WebGL context).
    pub fn new(canvas: HtmlCanvasElement) -> Result<Self> {
        let ctx = context_2d(&canvas)?;
        Ok(OverlayRenderer {
            canvas,
            ctx,
            frame: None,
            css_width: None,
        })
    }

    /// Sizes the canvas to the image (times the device pixel ratio), then draws the
    /// image, the masks (one layer composited by the core), boxes, labels, points and 3D
    /// boxes. The image and detections are kept for [`OverlayRenderer::redraw`].
    pub fn draw(
        &mut self,
        image: &ImageSource,
        detections: &[Detection],
        style: &OverlayStyle,
    ) -> Result<DrawReport> {
        let started = now();
        let size = image.size()?;
        let spare =
            (self.frame.take()).and_then(|f| f.masks.map(MaskLayer::into_canvas).or(f.spare));
        self.frame = Some(Frame {
            image: image.clone(),
            size,
            detections: detections.to_vec(),
            masks: None,
            spare,
            style: style.clone(),
            bounds: Vec::new(),
            warnings: Vec::new(),
        });
        self.render(style, started)
    }

    /// Draws the same image and detections again with another style (hover, threshold,
    /// alpha); masks are not decoded again.
    pub fn redraw(&mut self, style: &OverlayStyle) -> Result<DrawReport> {
        self.render(style, now())
    }

    /// The index of the detection under `(x, y)`, given in CSS pixels from the canvas's
    /// top-left corner as laid out on the page (`event.offsetX`, `event.offsetY`).
    pub fn hit_test(&self, x: f64, y: f64) -> Option<usize> {
        let frame = self.frame.as_ref()?;
        let rect = self.canvas.get_bounding_client_rect();
        let at = css_to_image(x, y, rect.width(), rect.height(), frame.size);
        let metrics = self.metrics(frame, &frame.style);
        // A marker is reachable over its ring, not only its dot.
        hit_test(
            &frame.detections,
            frame.size,
            at,
            metrics.point_radius * 1.6,
        )
    }

    /// The annotated image as a PNG at the image's own size (whatever the pixel ratio),
    /// drawn with the last style.
    pub async fn to_blob(&self) -> Result<web_sys::Blob> {
        let frame = self.frame.as_ref().ok_or_else(nothing_drawn)?;
        export::png(&self.canvas, frame, |ctx| {
            let metrics = self.metrics(frame, &frame.style);
            scene::paint(ctx, frame, &frame.style, metrics, None).map(|_| ())
        })
        .await
    }

    /// The style of the last draw or redraw.
    pub fn style(&self) -> Option<&OverlayStyle> {
        self.frame.as_ref().map(|f| &f.style)
    }

    /// The canvas drawn on.
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    /// The detections of the last draw.
    pub fn detections(&self) -> &[Detection] {
        self.frame.as_ref().map_or(&[], |f| &f.detections)
    }

    /// The size of the last image drawn.
    pub fn image_size(&self) -> Option<ImageSize> {
        self.frame.as_ref().map(|f| f.size)
    }

    fn metrics(&self, frame: &Frame, style: &OverlayStyle) -> OverlayMetrics {
        OverlayMetrics::with_overrides(frame.size, style.line_width, style.font_px)
    }

    fn render(&mut self, style: &OverlayStyle, started: f64) -> Result<DrawReport> {
        let frame = self.frame.as_mut().ok_or_else(nothing_drawn)?;
        let size = frame.size;
        let mut warnings = Vec::new();
        if style.show_masks && frame.masks.is_none() {
            let document = self
                .canvas
                .owner_document()
                .ok_or_else(|| Error::invalid("canvas", "it belongs to no document"))?;
            let spare = frame.spare.take();
            let layer = MaskLayer::prepare(&document, &frame.detections, size, spare)?;
            frame.masks = Some(layer);
        }
        // A hover (only the highlight changed) repaints only where the old and the new
        // highlighted detection are drawn: on a 4K frame, drawing the photo alone costs
        // 11 ms in Chromium's software raster, and compositing and putting the masks'
        // whole layer about as much again.
        let hover = hover_region(frame, style);
        if let Some(layer) = frame.masks.as_mut().filter(|_| style.show_masks) {
            let detections = &frame.detections;
            layer.paint(style, hover.as_deref(), |i| {
                detections
                    .get(i)
                    .map_or_else(|| style.color_of(""), |d| style.color_of(&d.label))
            })?;
            warnings.extend(layer.failures());
        }
        frame.style = style.clone();

        let ratio = style
            .device_pixel_ratio
            .or_else(|| web_sys::window().map(|w| w.device_pixel_ratio()))
            .unwrap_or(1.0);
        let scale = backing_scale(size, ratio);
        if ratio.is_finite() && scale < ratio * 0.999 {
            warnings.push(format!(
                "the canvas is drawn at {scale:.2} device pixels per image pixel, not {ratio}: \
                 the image is too large for a canvas at full resolution"
            ));
        }
        let (width, height) = backing_size(size, scale);
        let resized = self.canvas.width() != width || self.canvas.height() != height;
        if resized {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        let clip = hover.filter(|_| !resized);
        self.size_on_page(size);
        let (sx, sy) = (
            f64::from(width) / f64::from(size.width()),
            f64::from(height) / f64::from(size.height()),
        );
        self.ctx
            .set_transform(sx, 0.0, 0.0, sy, 0.0, 0.0)
            .map_err(|e| mask_layer::canvas_error("canvas transform", &e))?;
        let metrics = OverlayMetrics::with_overrides(size, style.line_width, style.font_px);
        let frame = self.frame.as_ref().ok_or_else(nothing_drawn)?;
        if let Some(rects) = &clip {
            self.ctx.save();
            self.ctx.begin_path();
            for [x0, y0, x1, y1] in rects {
                self.ctx.rect(*x0, *y0, x1 - x0, y1 - y0);
            }
            self.ctx.clip();
        }
        let painted = scene::paint(&self.ctx, frame, style, metrics, clip.as_deref());
        if clip.is_some() {
            self.ctx.restore();
        }
        let painted = painted?;
        if let Some(frame) = self.frame.as_mut() {
            if clip.is_none() {
                frame.warnings = painted.warnings;
            }
            warnings.extend(frame.warnings.iter().cloned());
            frame.bounds = painted.bounds;
        }
        Ok(DrawReport {
            drawn: painted.drawn,
            masks: painted.masks,
            warnings,
            millis: now() - started,
            scale: sx,
        })
    }
}

impl OverlayRenderer {
    /// Displays the canvas at the image's size in CSS pixels, unless the page chose a
    /// width itself (inline or not ours). Only the width: `height: auto` keeps the
    /// aspect ratio of the backing store.
    fn size_on_page(&mut self, size: ImageSize) {
        let css = self.canvas.style();
        let current = css.get_property_value("width").unwrap_or_default();
        let ours = current.is_empty() || self.css_width.as_deref() == Some(current.as_str());
        if ours {
            let width = format!("{}px", size.width());
            let _ = css.set_property("width", &width);
            let _ = css.set_property("height", "auto");
            self.css_width = Some(width);
        }
    }
}

/// The parts of the image (`x0, y0, x1, y1`, whole pixels) a redraw with `style` must
/// repaint when only the highlight changed since the last paint: where the old and the
/// new highlighted detection are drawn. `None`: repaint everything.
///
/// Two rectangles, one for each, unless the one holding both is no larger than the two
/// together: a hover that moves across the image would otherwise repaint everything
/// between them (on the 20-mask sample at 3840x2160, 2.4 megapixels a hover on average
/// against 0.65), and the repaint costs Chromium's software raster about 2.5 ms a
/// megapixel of photo and mask layer there.
fn hover_region(frame: &Frame, style: &OverlayStyle) -> Option<Vec<scene::Bounds>> {
    let last = &frame.style;
    let same_otherwise = OverlayStyle {
        highlight: last.highlight,
        ..style.clone()
    } == *last;
    if !same_otherwise || frame.bounds.len() != frame.detections.len() {
        return None;
    }
    let (w, h) = (
        f64::from(frame.size.width()),
        f64::from(frame.size.height()),
    );
    let whole_pixels = |b: scene::Bounds| {
        [
            b[0].floor().clamp(0.0, w),
            b[1].floor().clamp(0.0, h),
            b[2].ceil().clamp(0.0, w),
            b[3].ceil().clamp(0.0, h),
        ]
    };
    let bounds = |h: Option<usize>| {
        h.and_then(|i| frame.bounds.get(i).copied().flatten())
            .map(whole_pixels)
    };
    let area = |b: &scene::Bounds| (b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0);
    match (bounds(last.highlight), bounds(style.highlight)) {
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => Some(vec![one]),
        (Some(a), Some(b)) => {
            let both = scene::union(Some(a), b);
            Some(match area(&both) <= area(&a) + area(&b) {
                true => vec![both],
                false => vec![a, b],
            })
        }
    }
}

fn nothing_drawn() -> Error {
    Error::invalid("overlay", "nothing has been drawn yet: call draw() first")
}

/// Milliseconds from `performance.now()` (0 where there is no window).
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
