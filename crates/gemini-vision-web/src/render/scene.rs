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
}

/// Paints `frame` with `style` on `ctx`, whose transform maps image pixels to canvas
/// pixels. The mask layer must already hold `style`'s masks (`MaskLayer::paint`).
pub(crate) fn paint(
    ctx: &CanvasRenderingContext2d,
    frame: &Frame,
    style: &OverlayStyle,
    metrics: OverlayMetrics,
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
    let mut masks = 0;
    if let Some(layer) = frame.masks.as_ref().filter(|_| style.show_masks) {
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            layer.canvas(),
            0.0,
            0.0,
            width,
            height,
        )
        .map_err(|e| canvas_error("mask layer", &e))?;
        masks = layer.count();
        for index in layer.drawn() {
            if let Some(flag) = drawn.get_mut(index) {
                *flag = true;
            }
        }
    }

    let painter = Painter {
        ctx,
        size,
        metrics,
        style,
    };
    let highlight = style.highlight.filter(|i| *i < frame.detections.len());
    let order: Vec<usize> = draw_order(&frame.detections, size)
        .into_iter()
        .filter(|i| Some(*i) != highlight)
        .collect();
    let mut warnings = Vec::new();
    // Labels of ordinary detections go over every ordinary shape; the highlighted
    // detection is drawn whole, last, over everything.
    shapes_then_labels(&painter, frame, &order, false, &mut drawn, &mut warnings)?;
    if let Some(index) = highlight {
        shapes_then_labels(&painter, frame, &[index], true, &mut drawn, &mut warnings)?;
    }
    Ok(Painted {
        drawn: drawn.iter().filter(|d| **d).count(),
        masks,
        warnings,
    })
}

fn shapes_then_labels(
    painter: &Painter<'_>,
    frame: &Frame,
    order: &[usize],
    emphasis: bool,
    drawn: &mut [bool],
    warnings: &mut Vec<String>,
) -> Result<()> {
    for &index in order {
        if let Some(detection) = frame.detections.get(index) {
            let shown = shapes(painter, detection, index, emphasis, warnings)?;
            if let Some(flag) = drawn.get_mut(index) {
                *flag |= shown;
            }
        }
    }
    for &index in order {
        if let Some(detection) = frame.detections.get(index) {
            let shown = label(painter, detection)?;
            if let Some(flag) = drawn.get_mut(index) {
                *flag |= shown;
            }
        }
    }
    Ok(())
}

/// The box, 3D box and point of one detection; whether anything was drawn.
fn shapes(
    painter: &Painter<'_>,
    detection: &Detection,
    index: usize,
    emphasis: bool,
    warnings: &mut Vec<String>,
) -> Result<bool> {
    let style = painter.style;
    let color = style.color_of(&detection.label);
    let mut shown = false;
    if style.show_boxes {
        if let Some(b) = detection.box_2d.and_then(|b| b.to_pixels(painter.size)) {
            painter.box_2d(b, color, emphasis);
            shown = true;
        }
        if let Some(b) = detection.box_3d {
            match b.project(painter.size, style.fov_degrees) {
                Some(projected) => {
                    painter.box_3d(&projected, color, emphasis);
                    shown = true;
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
        painter.point(point.to_pixels(painter.size), color, emphasis)?;
        shown = true;
    }
    Ok(shown)
}

/// The label of one detection, at the first of: its footprint (box or polygon bounds),
/// its point, its projected 3D box. Whether a label was drawn.
fn label(painter: &Painter<'_>, detection: &Detection) -> Result<bool> {
    let style = painter.style;
    if !style.show_labels {
        return Ok(false);
    }
    let Some(anchor) = label_anchor(painter, detection) else {
        return Ok(false);
    };
    let color = style.color_of(&detection.label);
    Ok(painter.label(&detection.label, anchor, color)?.is_some())
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
