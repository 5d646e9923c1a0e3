//! The overlay's toggles and sliders.

/// What the overlay shows, as the controls set it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverlayControls {
    /// Draw 2D (and 3D) boxes.
    pub boxes: bool,
    /// Draw labels.
    pub labels: bool,
    /// Draw masks.
    pub masks: bool,
    /// Draw points.
    pub points: bool,
    /// Mask threshold, 0-255 (drawn where the mask value is above it).
    pub threshold: u8,
    /// Mask opacity, 0-1.
    pub opacity: f64,
    /// The camera's horizontal field of view for 3D boxes, in degrees (the renderer's
    /// `fovDegrees`).
    pub fov_degrees: f64,
}

impl Default for OverlayControls {
    fn default() -> Self {
        OverlayControls {
            boxes: true,
            labels: true,
            masks: true,
            points: true,
            threshold: 127,
            opacity: 0.45,
            fov_degrees: 60.0,
        }
    }
}
