//! How an overlay looks, and what a draw reports back.

use gemini_vision::overlay::{CompositeStyle, Rgb};
use std::collections::HashMap;

/// What to draw and how. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct OverlayStyle {
    /// Draw 2D boxes (and 3D box edges).
    pub show_boxes: bool,
    /// Draw labels on their filled background.
    pub show_labels: bool,
    /// Draw segmentation masks.
    pub show_masks: bool,
    /// Draw point markers.
    pub show_points: bool,
    /// Opacity of a mask's inside, 0..1 (default 0.45).
    pub mask_alpha: f64,
    /// A mask pixel is drawn where its value is above this (default 127, the cookbook's).
    pub mask_threshold: u8,
    /// Width of the mask outline in image pixels (default 2; 0: none).
    pub mask_outline: u32,
    /// Box stroke width in image pixels; `None`: scaled to the image.
    pub line_width: Option<f64>,
    /// Label font size in image pixels; `None`: scaled to the image.
    pub font_px: Option<f64>,
    /// Horizontal field of view of the camera, for 3D boxes (default 60 degrees).
    pub fov_degrees: f64,
    /// The detection to emphasise (hover): drawn last, thicker, its mask more opaque.
    pub highlight: Option<usize>,
    /// Colours chosen by the caller for some labels; others get the core's `label_color`.
    pub label_colors: HashMap<String, Rgb>,
    /// Device pixel ratio to draw for; `None`: the window's `devicePixelRatio`.
    pub device_pixel_ratio: Option<f64>,
    /// CSS font family of labels (default `sans-serif`).
    pub font_family: String,
}

impl Default for OverlayStyle {
    fn default() -> Self {
        OverlayStyle {
            show_boxes: true,
            show_labels: true,
            show_masks: true,
            show_points: true,
            mask_alpha: 0.45,
            mask_threshold: gemini_vision::mask::DEFAULT_THRESHOLD,
            mask_outline: 2,
            line_width: None,
            font_px: None,
            fov_degrees: 60.0,
            highlight: None,
            label_colors: HashMap::new(),
            device_pixel_ratio: None,
            font_family: "sans-serif".to_owned(),
        }
    }
}

impl OverlayStyle {
    /// The colour of a label: the caller's choice, else the core's stable hash colour.
    pub fn color_of(&self, label: &str) -> Rgb {
        self.label_colors
            .get(label)
            .copied()
            .unwrap_or_else(|| gemini_vision::overlay::label_color(label))
    }

    /// The core's compositing settings for this style.
    pub(crate) fn composite(&self) -> CompositeStyle {
        let alpha = if self.mask_alpha.is_finite() {
            self.mask_alpha.clamp(0.0, 1.0) as f32
        } else {
            0.45
        };
        CompositeStyle {
            fill_alpha: alpha,
            outline_width: self.mask_outline.min(64),
            outline_alpha: 1.0,
            threshold: self.mask_threshold,
            highlight: self.highlight,
            // Hover stands out even at high fill opacities.
            highlight_alpha: (alpha + 0.35).min(0.9).max(alpha),
        }
    }

    /// A CSS font shorthand for labels at `px`. The family is the caller's; quotes and
    /// semicolons are dropped so that it stays one font declaration.
    pub(crate) fn font(&self, px: f64) -> String {
        let family: String = self
            .font_family
            .chars()
            .filter(|c| !matches!(c, ';' | '{' | '}'))
            .take(200)
            .collect();
        let family = if family.trim().is_empty() {
            "sans-serif"
        } else {
            family.trim()
        };
        format!("600 {px:.2}px {family}")
    }
}

/// What one draw did.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawReport {
    /// How many detections were drawn (something of them was visible).
    pub drawn: usize,
    /// How many masks were composited.
    pub masks: usize,
    /// What could not be drawn and why (undecodable masks, 3D boxes behind the camera,
    /// a canvas scaled below the device pixel ratio).
    pub warnings: Vec<String>,
    /// How long the draw took, in milliseconds (`performance.now()`).
    pub millis: f64,
    /// The canvas scale used (device pixels per image pixel).
    pub scale: f64,
}
