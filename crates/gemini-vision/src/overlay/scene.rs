//! Masks decoded and resized once, ready to be composited every frame.

use super::color::{Rgb, label_color};
use super::order::draw_order;
use crate::geometry::ImageSize;
use crate::mask::{BoxMask, rasterize};
use crate::spatial::Detection;

/// One detection's mask in pixels, with its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneMask {
    /// Index of the detection it belongs to.
    pub detection: usize,
    /// The mask's greyscale values over its pixel box.
    pub mask: BoxMask,
    /// Its fill and outline colour (the label's colour unless changed).
    pub color: Rgb,
}

/// A detection whose mask could not be turned into pixels; it is drawn box-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskFailure {
    /// Index of the detection.
    pub detection: usize,
    /// Why, in a sentence.
    pub message: String,
}

/// Every drawable mask of a set of detections on one image size, in drawing order.
///
/// Decoding and resizing happen once, in [`MaskScene::prepare`]; compositing (on every
/// hover or setting change) then only reads these buffers.
#[derive(Debug, Clone)]
pub struct MaskScene {
    size: ImageSize,
    masks: Vec<SceneMask>,
    failures: Vec<MaskFailure>,
}

impl MaskScene {
    /// Decodes and resizes the mask of every detection for an image of `size`.
    /// Masks that cannot be decoded are listed in [`MaskScene::failures`].
    pub fn prepare(detections: &[Detection], size: ImageSize) -> Self {
        let mut masks = Vec::new();
        let mut failures = Vec::new();
        for index in draw_order(detections, size) {
            let Some(detection) = detections.get(index) else {
                continue;
            };
            match rasterize(detection, size) {
                Ok(Some(mask)) => masks.push(SceneMask {
                    detection: index,
                    mask,
                    color: label_color(&detection.label),
                }),
                Ok(None) => {}
                Err(error) => failures.push(MaskFailure {
                    detection: index,
                    message: error.to_string(),
                }),
            }
        }
        MaskScene {
            size,
            masks,
            failures,
        }
    }

    /// The image size the masks were prepared for.
    pub fn size(&self) -> ImageSize {
        self.size
    }

    /// The drawable masks, largest first.
    pub fn masks(&self) -> &[SceneMask] {
        &self.masks
    }

    /// Masks that could not be decoded.
    pub fn failures(&self) -> &[MaskFailure] {
        &self.failures
    }

    /// Changes the colour of a detection's mask; `false` if it has no drawable mask.
    pub fn set_color(&mut self, detection: usize, color: Rgb) -> bool {
        let found = self.masks.iter_mut().find(|m| m.detection == detection);
        found.map(|m| m.color = color).is_some()
    }
}
