//! What the canvas renderer asks before it draws: colours, label positions, drawing
//! order, what is under the pointer, and one RGBA layer holding every mask.
//!
//! ```
//! use gemini_vision::geometry::ImageSize;
//! use gemini_vision::overlay::{CompositeStyle, MaskScene, draw_order, label_color};
//! use gemini_vision::spatial::parse_detections;
//!
//! let outcome = parse_detections(r#"[{"box_2d": [0, 0, 500, 500], "mask": [[0,0],[500,0],[500,500]], "label": "a"}]"#);
//! let size = ImageSize::new(64, 64).unwrap();
//! let scene = MaskScene::prepare(&outcome.detections, size);   // decode + resize, once
//! let layer = scene.composite(&CompositeStyle::default());     // every frame
//! assert_eq!(layer.pixels().len(), 64 * 64 * 4);
//! assert_eq!(draw_order(&outcome.detections, size), vec![0]);
//! assert_eq!(label_color("a"), label_color("a"));
//! ```
//!
//! This module never touches a canvas or the DOM, never allocates more than one
//! image-sized layer plus each mask's box, and never writes a pixel outside a mask's box.

mod color;
mod composite;
mod css_color;
mod label;
mod order;
mod scale;
mod scene;

pub use color::{Rgb, label_color};
pub use composite::{CompositeStyle, RgbaLayer};
pub use label::{LabelPlacement, place_label};
pub use order::{draw_order, footprint, hit_test};
pub use scale::{
    MAX_BACKING_PIXELS, MAX_BACKING_SIDE, MAX_LABEL_CHARS, MIN_FONT_PX, MIN_LINE_WIDTH,
    OverlayMetrics, backing_scale, backing_size, css_to_image, display_label,
};
pub use scene::{MaskFailure, MaskScene, SceneMask};
