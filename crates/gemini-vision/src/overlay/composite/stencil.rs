//! Compositing on every hover without classifying mask pixels again.
//!
//! Which pixels of a mask are inside, on its outline or outside depends only on the
//! threshold and the outline width, not on colours, alphas or the highlight. Hover
//! redraws keep both fixed, so [`MaskStencils`] keeps that classification (one byte per
//! box pixel) and [`MaskScene::composite_stenciled`] only blends, clearing no more of the
//! layer than the masks' boxes cover. The result is identical to
//! [`MaskScene::composite_into`].

use super::{CompositeStyle, RgbaLayer, alpha_byte, blend_classes, classify};
use crate::error::{Error, Result};
use crate::geometry::PixelBox;
use crate::overlay::scene::MaskScene;

/// Every mask of a scene classified for one threshold and outline width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskStencils {
    threshold: u8,
    outline_width: u32,
    /// One per scene mask, in the scene's order: a class per pixel of its box.
    classes: Vec<Vec<u8>>,
    /// The union of the masks' boxes.
    extent: Option<PixelBox>,
}

impl MaskStencils {
    /// Whether these stencils were made for `style`'s threshold and outline width.
    pub fn fit(&self, style: &CompositeStyle) -> bool {
        self.threshold == style.threshold && self.outline_width == style.outline_width
    }

    /// The union of the masks' boxes: the only part of a layer compositing touches.
    pub fn extent(&self) -> Option<PixelBox> {
        self.extent
    }
}

impl MaskScene {
    /// The union of every mask's box (`None` without masks): no compositing touches a
    /// pixel outside it.
    pub fn extent(&self) -> Option<PixelBox> {
        let boxes = self.masks().iter().map(|m| m.mask.bbox());
        boxes.reduce(|a, b| {
            PixelBox::from_corners(
                a.x().min(b.x()),
                a.y().min(b.y()),
                a.x_end().max(b.x_end()),
                a.y_end().max(b.y_end()),
            )
            .unwrap_or(a)
        })
    }

    /// Classifies every mask's pixels for `style`'s threshold and outline width.
    pub fn stencils(&self, style: &CompositeStyle) -> MaskStencils {
        let extent = self.extent();
        MaskStencils {
            threshold: style.threshold,
            outline_width: style.outline_width,
            classes: self
                .masks()
                .iter()
                .map(|m| classify(&m.mask, style.threshold, style.outline_width))
                .collect(),
            extent,
        }
    }

    /// Like [`MaskScene::composite_into`], with the classification taken from
    /// `stencils` (made by [`MaskScene::stencils`] of this scene for the same threshold
    /// and outline width). Only the stencils' extent of `layer` is cleared and painted.
    pub fn composite_stenciled(
        &self,
        style: &CompositeStyle,
        stencils: &MaskStencils,
        layer: &mut RgbaLayer,
    ) -> Result<()> {
        match stencils.extent {
            Some(extent) => self.composite_stenciled_within(style, stencils, layer, extent),
            // No masks: nothing to clear or paint, but the arguments are still checked.
            None => self.check_stencils(style, stencils, layer),
        }
    }

    /// [`MaskScene::composite_stenciled`] of the pixels in `region` only (layer pixels:
    /// the image's pixels at the scene's size): they are cleared and painted again, every
    /// other pixel of `layer` is left as it is. After a change of the highlight alone, the
    /// region covering the old and the new highlighted mask's boxes is all that changes,
    /// and the result equals a whole composite.
    pub fn composite_stenciled_within(
        &self,
        style: &CompositeStyle,
        stencils: &MaskStencils,
        layer: &mut RgbaLayer,
        region: PixelBox,
    ) -> Result<()> {
        self.check_stencils(style, stencils, layer)?;
        let Some(region) = super::intersection(stencils.extent, Some(region)) else {
            return Ok(());
        };
        clear(layer, region);
        let highlighted = |i: usize| style.highlight == Some(i);
        let outline = alpha_byte(style.outline_alpha) as u8;
        let pairs = self.masks().iter().zip(&stencils.classes);
        let order = pairs
            .clone()
            .filter(|(m, _)| !highlighted(m.detection))
            .chain(pairs.filter(|(m, _)| highlighted(m.detection)));
        for (mask, classes) in order {
            let fill = alpha_byte(if highlighted(mask.detection) {
                style.highlight_alpha
            } else {
                style.fill_alpha
            }) as u8;
            let alphas = [0, fill, outline];
            blend_classes(&mask.mask, classes, mask.color, alphas, layer, region);
        }
        Ok(())
    }

    /// The layer fits the scene, and the stencils were made of it for `style`.
    fn check_stencils(
        &self,
        style: &CompositeStyle,
        stencils: &MaskStencils,
        layer: &RgbaLayer,
    ) -> Result<()> {
        super::check_layer(self, layer)?;
        let made_here = stencils.classes.len() == self.masks().len()
            && stencils
                .classes
                .iter()
                .zip(self.masks())
                .all(|(c, m)| c.len() as u64 == m.mask.bbox().area());
        if !stencils.fit(style) || !made_here {
            return Err(Error::invalid(
                "mask stencils",
                "they were made for another scene, threshold or outline width",
            ));
        }
        Ok(())
    }
}

/// Makes the image pixels of `target` transparent (those inside the layer's area).
fn clear(layer: &mut RgbaLayer, target: PixelBox) {
    let Some(area) = layer.area else { return };
    let row = area.width() as usize * 4;
    let x0 = target.x().saturating_sub(area.x()) as usize * 4;
    let x1 = target.x_end().saturating_sub(area.x()) as usize * 4;
    for line in layer
        .pixels
        .chunks_exact_mut(row)
        .skip(target.y().saturating_sub(area.y()) as usize)
        .take(target.y_end().saturating_sub(target.y().max(area.y())) as usize)
    {
        if let Some(span) = line.get_mut(x0..x1.min(row)) {
            span.fill(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::ImageSize;
    use crate::mask::PolygonMask;
    use crate::spatial::{Detection, Mask, parse_detections};

    fn square(label: &str, at: f64, side: f64) -> Detection {
        let mut d = Detection::labelled(label);
        let (a, b) = (at, at + side);
        d.mask =
            Mask::Polygon(PolygonMask::new(vec![vec![[a, a], [b, a], [b, b], [a, b]]]).unwrap());
        d
    }

    /// A fresh layer composited with fresh stencils.
    fn stenciled(scene: &MaskScene, style: &CompositeStyle) -> (RgbaLayer, MaskStencils) {
        let stencils = scene.stencils(style);
        let mut layer = scene.layer();
        scene
            .composite_stenciled(style, &stencils, &mut layer)
            .unwrap();
        (layer, stencils)
    }

    /// The cookbook's 20-mask answer on a 300x200 image.
    fn real_masks() -> MaskScene {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/responses/cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt"
        ));
        let detections = parse_detections(text).detections;
        MaskScene::prepare(&detections, ImageSize::new(300, 200).unwrap())
    }

    fn scene() -> MaskScene {
        let detections = [square("big", 100.0, 600.0), square("small", 300.0, 200.0)];
        MaskScene::prepare(&detections, ImageSize::new(64, 48).unwrap())
    }

    #[test]
    fn stenciled_compositing_equals_plain_compositing() {
        let scene = scene();
        for style in [
            CompositeStyle::default(),
            CompositeStyle {
                highlight: Some(1),
                outline_width: 0,
                ..CompositeStyle::default()
            },
            CompositeStyle {
                fill_alpha: 0.0,
                outline_width: 5,
                ..CompositeStyle::default()
            },
        ] {
            let (layer, _) = stenciled(&scene, &style);
            assert_eq!(layer, scene.composite(&style), "{style:?}");
        }
    }

    #[test]
    fn a_redraw_over_an_old_frame_leaves_nothing_of_it() {
        let scene = scene();
        let style = CompositeStyle::default();
        let stencils = scene.stencils(&style);
        let mut layer = scene.layer();
        let lit = CompositeStyle {
            highlight: Some(0),
            fill_alpha: 1.0,
            ..style
        };
        scene
            .composite_stenciled(&lit, &stencils, &mut layer)
            .unwrap();
        scene
            .composite_stenciled(&style, &stencils, &mut layer)
            .unwrap();
        assert_eq!(layer, scene.composite(&style));
    }

    #[test]
    fn stencils_for_another_threshold_or_scene_are_refused() {
        let scene = scene();
        let stencils = scene.stencils(&CompositeStyle::default());
        let mut layer = scene.layer();
        let other = CompositeStyle {
            threshold: 10,
            ..CompositeStyle::default()
        };
        assert!(!stencils.fit(&other));
        assert!(
            scene
                .composite_stenciled(&other, &stencils, &mut layer)
                .is_err()
        );
        let elsewhere = MaskScene::prepare(&[square("a", 0.0, 10.0)], scene.size());
        let error = elsewhere
            .composite_stenciled(&CompositeStyle::default(), &stencils, &mut layer)
            .unwrap_err();
        assert_eq!(error.code(), "INVALID_INPUT");
    }

    #[test]
    fn the_real_segmentation_answer_composites_the_same_both_ways() {
        let scene = real_masks();
        assert_eq!(scene.masks().len(), 20);
        let style = CompositeStyle {
            highlight: Some(3),
            ..CompositeStyle::default()
        };
        let (layer, stencils) = stenciled(&scene, &style);
        assert_eq!(layer, scene.composite(&style));
        assert_eq!(stencils.extent(), scene.extent());
        assert!(scene.extent().is_some());
    }

    #[test]
    fn a_hover_repainted_within_the_two_highlighted_boxes_equals_a_whole_composite() {
        let scene = real_masks();
        let box_of = |i: Option<usize>| {
            i.and_then(|i| scene.masks().iter().find(|m| m.detection == i))
                .map(|m| m.mask.bbox())
        };
        let highlights = [None, Some(0), Some(3), Some(7), Some(19), Some(42)];
        for old in highlights {
            for new in highlights {
                let before = CompositeStyle {
                    highlight: old,
                    ..CompositeStyle::default()
                };
                let (mut layer, stencils) = stenciled(&scene, &before);
                let after = CompositeStyle {
                    highlight: new,
                    ..before
                };
                let boxes = [box_of(old), box_of(new)].into_iter().flatten();
                if let Some(region) = boxes.reduce(|a, b| {
                    PixelBox::from_corners(
                        a.x().min(b.x()),
                        a.y().min(b.y()),
                        a.x_end().max(b.x_end()),
                        a.y_end().max(b.y_end()),
                    )
                    .unwrap()
                }) {
                    scene
                        .composite_stenciled_within(&after, &stencils, &mut layer, region)
                        .unwrap();
                }
                assert_eq!(layer, scene.composite(&after), "{old:?} -> {new:?}");
            }
        }
    }

    #[test]
    fn a_region_outside_the_masks_changes_nothing_and_bad_stencils_are_still_refused() {
        let scene = scene();
        let style = CompositeStyle::default();
        let (mut layer, stencils) = stenciled(&scene, &style);
        let far = PixelBox::from_corners(0, 0, 1, 1).unwrap();
        let lit = CompositeStyle {
            highlight: Some(0),
            ..style
        };
        scene
            .composite_stenciled_within(&lit, &stencils, &mut layer, far)
            .unwrap();
        assert_eq!(layer, scene.composite(&style));
        let other = CompositeStyle {
            threshold: 3,
            ..style
        };
        assert!(
            scene
                .composite_stenciled_within(&other, &stencils, &mut layer, far)
                .is_err()
        );
    }
}
