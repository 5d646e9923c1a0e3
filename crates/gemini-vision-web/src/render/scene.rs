//! One frame, in the order a reader needs it: the photo, the mask layer, then shapes
//! largest first, labels over all shapes, and the highlighted detection last of all.

use super::Frame;
use super::mask_layer::canvas_error;
use super::paint::{Painter, anchor_around};
use super::style::OverlayStyle;
use gemini_vision::Result;
use gemini_vision::geometry::PixelBox;
use gemini_vision::overlay::{OverlayMetrics, draw_order, footprint};
use gemini_vision::spatial::Detection;
use web_sys::CanvasRenderingContext2d;

/// What a paint did.
pub(crate) struct Painted {
    pub(crate) drawn: usize,
    pub(crate) masks: usize,
    pub(crate) warnings: Vec<String>,
    /// Per detection, a rectangle (image pixels) holding everything drawn for it, were it
    /// highlighted: a hover redraw repaints only those of the old and new highlight.
    pub(crate) bounds: Vec<Option<Bounds>>,
}

/// `x0, y0, x1, y1` in image pixels.
pub(crate) type Bounds = [f64; 4];

/// The union of two rectangles.
pub(crate) fn union(a: Option<Bounds>, b: Bounds) -> Bounds {
    match a {
        None => b,
        Some(a) => [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ],
    }
}

fn grow(b: Bounds, by: f64) -> Bounds {
    [b[0] - by, b[1] - by, b[2] + by, b[3] + by]
}

fn add(bounds: &mut [Option<Bounds>], index: usize, b: Bounds) {
    if let Some(slot) = bounds.get_mut(index) {
        *slot = Some(union(*slot, b));
    }
}

/// Paints `frame` with `style` on `ctx`, whose transform maps image pixels to canvas
/// pixels. The mask layer must already hold `style`'s masks (`MaskLayer::paint`).
///
/// With `clip` (a hover: only the highlight changed since the last paint, and `ctx` is
/// clipped to these rectangles), detections whose last bounds lie outside them are not
/// drawn at all: nothing of them would show, and shaping 20 labels' text costs more than
/// a millisecond on a 4K frame. Their bounds, and the paint's warnings, are the last
/// paint's.
pub(crate) fn paint(
    ctx: &CanvasRenderingContext2d,
    frame: &Frame,
    style: &OverlayStyle,
    metrics: OverlayMetrics,
    clip: Option<&[Bounds]>,
) -> Result<Painted> {
    let size = frame.size;
    let (width, height) = (f64::from(size.width()), f64::from(size.height()));
    ctx.clear_rect(0.0, 0.0, width, height);
    ctx.set_image_smoothing_enabled(true);
    ctx.set_line_join("miter");
    ctx.set_global_alpha(1.0);
    frame
        .image
        .draw(ctx, width, height)
        .map_err(|e| canvas_error("image", &e))?;

    let mut drawn = vec![false; frame.detections.len()];
    let mut bounds = vec![None; frame.detections.len()];
    let mut masks = 0;
    if let Some(layer) = frame.masks.as_ref().filter(|_| style.show_masks) {
        layer.draw_onto(ctx)?;
        masks = layer.count();
        for (index, b) in layer.drawn() {
            if let Some(flag) = drawn.get_mut(index) {
                *flag = true;
            }
            // A scaled layer's pixels spread a pixel further when drawn.
            add(&mut bounds, index, grow(b, 2.0));
        }
    }

    let painter = Painter {
        ctx,
        size,
        metrics,
        style,
    };
    let highlight = style.highlight.filter(|i| *i < frame.detections.len());
    // Outside the clip: the last paint's bounds stand (only the highlight changed, and
    // neither the old nor the new highlighted detection is outside).
    let last = |i: usize| frame.bounds.get(i).copied().flatten();
    let outside = |i: usize| match (clip, last(i)) {
        (Some(rects), Some(b)) => rects
            .iter()
            .all(|c| b[2] <= c[0] || b[0] >= c[2] || b[3] <= c[1] || b[1] >= c[3]),
        _ => false,
    };
    let (hidden, order): (Vec<usize>, Vec<usize>) = draw_order(&frame.detections, size)
        .into_iter()
        .filter(|i| Some(*i) != highlight)
        .partition(|i| outside(*i));
    for i in hidden {
        if let (Some(b), Some(flag)) = (last(i), drawn.get_mut(i)) {
            *flag = true;
            add(&mut bounds, i, b);
        }
    }
    let mut warnings = Vec::new();
    // Labels of ordinary detections go over every ordinary shape; the highlighted
    // detection is drawn whole, last, over everything.
    let mut seen = Seen {
        drawn: &mut drawn,
        bounds: &mut bounds,
    };
    shapes_then_labels(&painter, frame, &order, false, &mut seen, &mut warnings)?;
    if let Some(index) = highlight {
        shapes_then_labels(&painter, frame, &[index], true, &mut seen, &mut warnings)?;
    }
    Ok(Painted {
        drawn: drawn.iter().filter(|d| **d).count(),
        masks,
        warnings,
        bounds,
    })
}

/// What was drawn for each detection, and where.
struct Seen<'a> {
    drawn: &'a mut [bool],
    bounds: &'a mut [Option<Bounds>],
}

fn shapes_then_labels(
    painter: &Painter<'_>,
    frame: &Frame,
    order: &[usize],
    emphasis: bool,
    seen: &mut Seen<'_>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    for &index in order {
        if let Some(detection) = frame.detections.get(index) {
            let shown = shapes(painter, detection, index, emphasis, warnings)?;
            if let Some(b) = shown {
                add(seen.bounds, index, b);
            }
            if let Some(flag) = seen.drawn.get_mut(index) {
                *flag |= shown.is_some();
            }
        }
    }
    for &index in order {
        if let Some(detection) = frame.detections.get(index) {
            let shown = label(painter, detection)?;
            if let Some([x, y, w, h]) = shown {
                // Glyphs may overhang their background a little.
                add(seen.bounds, index, grow([x, y, x + w, y + h], 2.0));
            }
            if let Some(flag) = seen.drawn.get_mut(index) {
                *flag |= shown.is_some();
            }
        }
    }
    Ok(())
}

/// The box, 3D box and point of one detection; where they lie as they would be drawn
/// emphasised (thicker strokes with a halo, a larger dot), if anything was drawn.
fn shapes(
    painter: &Painter<'_>,
    detection: &Detection,
    index: usize,
    emphasis: bool,
    warnings: &mut Vec<String>,
) -> Result<Option<Bounds>> {
    let style = painter.style;
    let color = style.color_of(&detection.label);
    let lw = painter.metrics.line_width;
    // Half an emphasised stroke and its halo, and a pixel of antialiasing.
    let stroke = lw + lw.min(4.0) + 2.0;
    let mut shown: Option<Bounds> = None;
    if style.show_boxes {
        if let Some(b) = detection.box_2d.and_then(|b| b.to_pixels(painter.size)) {
            painter.box_2d(b, color, emphasis);
            let (x, y) = (f64::from(b.x()), f64::from(b.y()));
            let rect = [x, y, x + f64::from(b.width()), y + f64::from(b.height())];
            // Right-angled miter corners reach half a stroke times the square root of 2.
            shown = Some(union(shown, grow(rect, stroke * 1.5)));
        }
        if let Some(b) = detection.box_3d {
            match b.project(painter.size, style.fov_degrees) {
                Some(projected) => {
                    painter.box_3d(&projected, color, emphasis);
                    let corners = projected
                        .corners
                        .iter()
                        .filter(|c| c.x.is_finite() && c.y.is_finite());
                    for c in corners {
                        // Sharp miter joins reach up to the miter limit (10) half-strokes.
                        shown = Some(union(shown, grow([c.x, c.y, c.x, c.y], stroke * 10.0)));
                    }
                }
                None => warnings.push(format!(
                    "detection {index}: 3D box not drawn: a corner is behind the camera \
                     or the field of view ({}) is not between 0 and 180 degrees",
                    style.fov_degrees
                )),
            }
        }
    }
    if let Some(point) = detection.point.filter(|_| style.show_points) {
        let at = point.to_pixels(painter.size);
        painter.point(at, color, emphasis)?;
        let radius = painter.point_radius(true);
        let reach = radius + (radius * 0.35).max(1.5) + 2.0;
        shown = Some(union(shown, grow([at.x, at.y, at.x, at.y], reach)));
    }
    Ok(shown)
}

/// The label of one detection, at the first of: its footprint (box or polygon bounds),
/// its point, its projected 3D box. Where its background went, if it was drawn.
fn label(painter: &Painter<'_>, detection: &Detection) -> Result<Option<[f64; 4]>> {
    let style = painter.style;
    if !style.show_labels {
        return Ok(None);
    }
    let Some(anchor) = label_anchor(painter, detection) else {
        return Ok(None);
    };
    let color = style.color_of(&detection.label);
    painter.label(&detection.label, anchor, color)
}

fn label_anchor(painter: &Painter<'_>, detection: &Detection) -> Option<PixelBox> {
    let size = painter.size;
    let style = painter.style;
    let boxed = footprint(detection, size).filter(|_| style.show_boxes || style.show_masks);
    let pointed = || {
        detection
            .point
            .filter(|_| style.show_points)
            .and_then(|p| anchor_around(p.to_pixels(size), painter.point_radius(false), size))
    };
    let cubed = || {
        detection
            .box_3d
            .filter(|_| style.show_boxes)
            .and_then(|b| b.project(size, style.fov_degrees))
            .and_then(|p| anchor_around(p.label_anchor, 1.0, size))
    };
    boxed.or_else(pointed).or_else(cubed)
}
