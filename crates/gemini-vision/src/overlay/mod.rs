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
//! // The layer covers only the masks' boxes: draw it at its area's corner.
//! let area = layer.area().unwrap();
//! assert_eq!((area.x(), area.y(), area.width(), area.height()), (0, 0, 32, 32));
//! assert_eq!(layer.pixels().len(), 32 * 32 * 4);
//! assert_eq!(draw_order(&outcome.detections, size), vec![0]);
//! assert_eq!(label_color("a"), label_color("a"));
//! ```
//!
//! This module never touches a canvas or the DOM, never allocates a layer larger than
//! the union of the masks' boxes (nothing image-sized for an answer without masks), and
//! never writes a pixel outside a mask's box. The masks of one answer share a pixel
//! budget ([`MaskBudget`]); past it, masks are drawn box-only with a reason.

mod color;
mod composite;
mod css_color;
mod label;
mod order;
mod scale;
mod scene;

pub use color::{Rgb, label_color};
pub use composite::{CompositeStyle, MaskStencils, RgbaLayer};
pub use label::{LabelPlacement, place_label};
pub use order::{draw_order, footprint, hit_test};
pub use scale::{
    MAX_BACKING_PIXELS, MAX_BACKING_SIDE, MAX_LABEL_CHARS, MAX_MASK_LAYER_PIXELS, OverlayMetrics,
    backing_scale, backing_size, css_to_image, display_label, mask_layer_size, mask_outline_on,
};
pub use scene::{MaskBudget, MaskFailure, MaskScene, SceneMask};
