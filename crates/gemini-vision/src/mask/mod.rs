//! Segmentation masks as pixels.
//!
//! A PNG mask is a probability map (Gemini sends 256x256 greyscale) that belongs to the
//! item's `box_2d`. The cookbook turns it into pixels like this, and so do we, pixel for
//! pixel:
//!
//! ```python
//! y0 = int(box[0] / 1000 * height); x0 = int(box[1] / 1000 * width)
//! y1 = int(box[2] / 1000 * height); x1 = int(box[3] / 1000 * width)
//! if y0 >= y1 or x0 >= x1: continue
//! mask = Image.open(io.BytesIO(base64.b64decode(png_str))).resize((x1 - x0, y1 - y0), Image.Resampling.BILINEAR)
//! np_mask = np.zeros((height, width), dtype=np.uint8); np_mask[y0:y1, x0:x1] = np.array(mask)
//! # drawn where np_mask > 127
//! ```
//!
//! A polygon mask is filled (even-odd) over the whole image. Both end up as a
//! [`BoxMask`]: greyscale values over a pixel box, compared with a threshold (`> 127` by
//! default) where they are drawn.
//!
//! Everything allocated here is capped: PNG sizes by [`MaskLimits`], outputs by the
//! image caps of [`ImageSize`]. This module never panics on untrusted data, never
//! allocates before checking a size against its cap, and never decodes a PNG until
//! its pixels are asked for.

mod png_mask;
mod polygon;
mod resample;

pub use png_mask::{MaskLimits, PngMask, ProbabilityMap};
pub use polygon::PolygonMask;
pub use resample::{PillowVersion, resize_bilinear, resize_bilinear_as};

use crate::error::Result;
use crate::geometry::{ImageSize, PixelBox};
use crate::spatial::{Detection, Mask};
use std::fmt;

/// The cookbook's threshold: a pixel is in the mask when its value is above 127.
pub const DEFAULT_THRESHOLD: u8 = 127;

/// Greyscale mask values over a pixel box of the image; pixels outside the box are 0.
#[derive(Clone, PartialEq, Eq)]
pub struct BoxMask {
    bbox: PixelBox,
    values: Vec<u8>,
}

impl BoxMask {
    /// `values` row by row over `bbox`; their count must be the box's area.
    pub(crate) fn from_parts(bbox: PixelBox, values: Vec<u8>) -> Self {
        debug_assert_eq!(values.len() as u64, bbox.area());
        BoxMask { bbox, values }
    }

    /// A PNG probability map resized (Pillow bilinear, `version`'s pass order) to fill `bbox`.
    pub fn from_probability_map(
        map: &ProbabilityMap,
        bbox: PixelBox,
        version: PillowVersion,
    ) -> Result<Self> {
        let resized = resize_bilinear_as(map, bbox.width(), bbox.height(), version)?;
        Ok(BoxMask {
            bbox,
            values: resized.values().to_vec(),
        })
    }

    /// Where the values lie in the image.
    pub fn bbox(&self) -> PixelBox {
        self.bbox
    }

    /// The values, row by row over [`BoxMask::bbox`].
    pub fn values(&self) -> &[u8] {
        &self.values
    }

    /// The value at an image pixel (0 outside the box).
    pub fn value_at(&self, x: u32, y: u32) -> u8 {
        let b = self.bbox;
        if x < b.x() || y < b.y() || x >= b.x_end() || y >= b.y_end() {
            return 0;
        }
        let index = (y - b.y()) as usize * b.width() as usize + (x - b.x()) as usize;
        self.values.get(index).copied().unwrap_or(0)
    }

    /// How many pixels are above `threshold`.
    pub fn count_above(&self, threshold: u8) -> usize {
        self.values.iter().filter(|v| **v > threshold).count()
    }

    /// The whole-image binary mask, `size.width() * size.height()` bytes, 255 where the
    /// value is above `threshold` and 0 elsewhere (the cookbook's `np_mask > 127`).
    /// Parts of the box outside `size` are cut off.
    pub fn to_image_mask(&self, size: ImageSize, threshold: u8) -> Vec<u8> {
        let (w, h) = (size.width() as usize, size.height() as usize);
        let mut out = vec![0u8; w * h];
        let b = self.bbox;
        let box_w = b.width() as usize;
        for (row, line) in self.values.chunks_exact(box_w).enumerate() {
            let y = b.y() as usize + row;
            if y >= h {
                break;
            }
            let x0 = b.x() as usize;
            if x0 >= w {
                break;
            }
            let visible = box_w.min(w - x0);
            if let Some(target) = out.get_mut(y * w + x0..y * w + x0 + visible) {
                for (o, v) in target.iter_mut().zip(line) {
                    *o = if *v > threshold { 255 } else { 0 };
                }
            }
        }
        out
    }
}

impl fmt::Debug for BoxMask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoxMask")
            .field("bbox", &self.bbox)
            .field("values", &self.values.len())
            .finish()
    }
}

/// The pixel box the mask of `detection` occupies at most on an image of `size`, found
/// without decoding or filling anything: a PNG mask fills its `box_2d`, a polygon its
/// pixel bounds. `None` when there is nothing to draw (see [`rasterize`]).
pub fn extent(detection: &Detection, size: ImageSize) -> Option<PixelBox> {
    match &detection.mask {
        Mask::Png(_) => detection.box_2d.and_then(|b| b.to_pixels(size)),
        Mask::Polygon(polygon) => polygon.pixel_bounds(size),
        Mask::None | Mask::Unsupported { .. } => None,
    }
}

/// The mask of `detection` in pixels on an image of `size`, as the cookbook draws it:
/// PNG maps resized into the pixel box of `box_2d`, polygons filled over the image.
///
/// `Ok(None)` when there is nothing to draw: no mask, an unsupported one, a PNG without
/// a box or with a box that is empty in pixels (the cookbook skips those), or a polygon
/// that covers no pixel centre. `Err` when a PNG's pixels cannot be decoded, or a
/// polygon is over the fill's bounds ([`PolygonMask::MAX_POINTS`],
/// [`PolygonMask::MAX_CROSSINGS`]).
pub fn rasterize(detection: &Detection, size: ImageSize) -> Result<Option<BoxMask>> {
    rasterize_as(detection, size, PillowVersion::default())
}

/// [`rasterize`] with the resize pass order of a given Pillow version.
pub fn rasterize_as(
    detection: &Detection,
    size: ImageSize,
    version: PillowVersion,
) -> Result<Option<BoxMask>> {
    match &detection.mask {
        Mask::Png(png) => {
            let Some(bbox) = detection.box_2d.and_then(|b| b.to_pixels(size)) else {
                return Ok(None);
            };
            let map = png.decode()?;
            BoxMask::from_probability_map(&map, bbox, version).map(Some)
        }
        Mask::Polygon(polygon) => polygon.rasterize(size),
        Mask::None | Mask::Unsupported { .. } => Ok(None),
    }
}
