//! Masks decoded and resized once, ready to be composited every frame.
//!
//! Each mask is capped on its own (PNG size, polygon points), and the masks of one
//! answer share a budget of pixels ([`MaskBudget`]): a few dozen bytes of model text
//! per polygon could otherwise ask for an image-sized mask each, hundreds of times.
//! Masks past the budget are drawn box-only, with a reason in [`MaskScene::failures`].

use super::color::{Rgb, label_color};
use super::order::draw_order;
use crate::geometry::ImageSize;
use crate::mask::{BoxMask, extent, rasterize};
use crate::spatial::Detection;

/// How many pixels the masks of one answer may occupy on one image, all together.
/// Each pixel costs a byte of mask values and one of stencil, plus the overlay layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaskBudget {
    /// The most mask pixels (the sum of the masks' pixel boxes).
    pub max_total_pixels: u64,
}

impl MaskBudget {
    /// How many times the image's pixels the masks may cover together. The real
    /// 20-mask segmentation answer covers 0.32 times its image, at any size.
    pub const IMAGE_MULTIPLE: u64 = 4;
    /// The most mask pixels whatever the image (about 100 MB of values and stencils).
    pub const CEILING: u64 = 48_000_000;

    /// [`MaskBudget::IMAGE_MULTIPLE`] times the pixels of `size`, at most
    /// [`MaskBudget::CEILING`].
    pub fn for_image(size: ImageSize) -> Self {
        let pixels = size.pixel_count() as u64;
        MaskBudget {
            max_total_pixels: pixels
                .saturating_mul(Self::IMAGE_MULTIPLE)
                .min(Self::CEILING),
        }
    }
}

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
    /// Decodes and resizes the mask of every detection for an image of `size`, within
    /// [`MaskBudget::for_image`]. Masks that cannot be decoded, or come after the
    /// budget is spent, are listed in [`MaskScene::failures`].
    pub fn prepare(detections: &[Detection], size: ImageSize) -> Self {
        Self::prepare_within(detections, size, MaskBudget::for_image(size))
    }

    /// [`MaskScene::prepare`] with an explicit budget. Masks are admitted in the
    /// model's order while their pixel boxes fit the budget; sizes are known before
    /// anything is decoded, so a mask past the budget costs nothing.
    pub fn prepare_within(detections: &[Detection], size: ImageSize, budget: MaskBudget) -> Self {
        let mut masks = Vec::new();
        let mut failures = Vec::new();
        let mut admitted = vec![false; detections.len()];
        let mut spent: u64 = 0;
        for (index, detection) in detections.iter().enumerate() {
            let Some(area) = extent(detection, size).map(|b| b.area()) else {
                continue;
            };
            if spent.saturating_add(area) > budget.max_total_pixels {
                failures.push(MaskFailure {
                    detection: index,
                    message: format!(
                        "the answer's masks are over their budget of {} pixels on this image; \
                         this one ({area} pixels) is drawn box-only",
                        budget.max_total_pixels
                    ),
                });
                continue;
            }
            spent += area;
            admitted[index] = true;
        }
        for index in draw_order(detections, size) {
            let Some(detection) = detections.get(index).filter(|_| admitted[index]) else {
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
        failures.sort_by_key(|f| f.detection);
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
