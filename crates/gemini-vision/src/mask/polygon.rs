//! Polygon masks and their rasterization.
//!
//! Newer models answer `mask` as `[x, y]` points (x first!) normalized 0-1000 over the
//! whole image, sometimes as several rings. Rings are filled with the **even-odd** rule:
//! the model gives no reliable winding order, and a second ring inside the first is a
//! hole whichever way it runs, which non-zero would fill when both rings run the same
//! way. (Canvas code drawing the outline should use `fill("evenodd")` to agree.) A pixel
//! belongs to the mask when its centre is inside.
//!
//! Filling costs, per row, the edges that cross it: a few dozen bytes of model text (a
//! zigzag) can make every edge cross every row. So the points of a polygon and the
//! edge-row crossings are counted before anything is allocated, and a polygon past
//! [`PolygonMask::MAX_POINTS`] or [`PolygonMask::MAX_CROSSINGS`] is refused with
//! [`Error::LimitExceeded`] (the caller draws the detection box-only).

use super::BoxMask;
use crate::error::{Error, Result};
use crate::geometry::{ImageSize, NORMALIZED_MAX, NormalizedBox, PixelBox};
use serde::Serialize;

/// One or more rings of `[x, y]` points, each normalized 0..=1000 over the whole image.
/// Every ring has at least 3 points; all values are finite and inside the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolygonMask {
    rings: Vec<Vec<[f64; 2]>>,
}

impl PolygonMask {
    /// The most points (all rings together) a polygon may have to be filled; the
    /// parser's default cap ([`ParseOptions::max_polygon_points`]) is the same.
    ///
    /// [`ParseOptions::max_polygon_points`]: crate::spatial::ParseOptions::max_polygon_points
    pub const MAX_POINTS: usize = 10_000;

    /// The most edge-row crossings a fill may compute (the sum over edges of the pixel
    /// rows each one spans). A real outline crosses each row a few times (a convex one
    /// twice): 4 M leaves room for ~120 crossings of every row of a 16,384-pixel-tall
    /// image, and bounds the fill to well under a second.
    pub const MAX_CROSSINGS: u64 = 4_000_000;

    /// Rings of `[x, y]` points; values are clamped to 0..=1000, rings with fewer than
    /// 3 points are dropped. `None` when no ring is left or a value is not finite.
    pub fn new(rings: Vec<Vec<[f64; 2]>>) -> Option<Self> {
        if rings.iter().flatten().flatten().any(|v| !v.is_finite()) {
            return None;
        }
        let rings: Vec<Vec<[f64; 2]>> = rings
            .into_iter()
            .filter(|ring| ring.len() >= 3)
            .map(|ring| {
                ring.into_iter()
                    .map(|p| p.map(|v| v.clamp(0.0, NORMALIZED_MAX)))
                    .collect()
            })
            .collect();
        (!rings.is_empty()).then_some(PolygonMask { rings })
    }

    /// The rings, `[x, y]` points in 0..=1000.
    pub fn rings(&self) -> &[Vec<[f64; 2]>] {
        &self.rings
    }

    /// The normalized box around every ring (`None` if the rings have no area).
    pub fn bounds(&self) -> Option<NormalizedBox> {
        let points = self.rings.iter().flatten();
        let (mut xmin, mut ymin, mut xmax, mut ymax) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for [x, y] in points {
            (xmin, ymin, xmax, ymax) = (xmin.min(*x), ymin.min(*y), xmax.max(*x), ymax.max(*y));
        }
        NormalizedBox::new(ymin, xmin, ymax, xmax)
    }

    /// How many points in all rings.
    pub fn point_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }

    /// The pixel box a fill on an image of `size` covers at most (the rows and columns
    /// whose centres can be inside); `None` when it is empty. Costs no allocation.
    pub fn pixel_bounds(&self, size: ImageSize) -> Option<PixelBox> {
        let (w, h) = (f64::from(size.width()), f64::from(size.height()));
        let (mut left, mut top, mut right, mut bottom) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for [x, y] in self.rings.iter().flatten() {
            let (x, y) = (x / NORMALIZED_MAX * w, y / NORMALIZED_MAX * h);
            (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x), bottom.max(y));
        }
        PixelBox::from_corners(
            pixel_index_at_or_after(left, size.width()),
            pixel_index_at_or_after(top, size.height()),
            pixel_index_at_or_after(right, size.width()),
            pixel_index_at_or_after(bottom, size.height()),
        )
    }

    /// Fills the rings (even-odd) on an image of `size`; `Ok(None)` when no pixel
    /// centre is inside. The result covers the polygon's pixel bounds, 255 inside, 0
    /// outside. [`Error::LimitExceeded`] when the polygon has more than
    /// [`PolygonMask::MAX_POINTS`] points or its fill would compute more than
    /// [`PolygonMask::MAX_CROSSINGS`] edge-row crossings.
    pub fn rasterize(&self, size: ImageSize) -> Result<Option<BoxMask>> {
        let points = self.point_count();
        if points > Self::MAX_POINTS {
            return Err(Error::LimitExceeded {
                what: "polygon points",
                actual: points as u64,
                max: Self::MAX_POINTS as u64,
            });
        }
        let (w, h) = (f64::from(size.width()), f64::from(size.height()));
        let edges: Vec<Edge> = self
            .rings
            .iter()
            .flat_map(|ring| {
                let scaled: Vec<[f64; 2]> = ring
                    .iter()
                    .map(|[x, y]| [x / NORMALIZED_MAX * w, y / NORMALIZED_MAX * h])
                    .collect();
                let next = scaled.iter().cycle().skip(1);
                scaled
                    .iter()
                    .zip(next)
                    .filter_map(|(a, b)| Edge::new(*a, *b))
                    .collect::<Vec<_>>()
            })
            .collect();
        let crossings = edges.iter().fold(0u64, |sum, e| {
            let rows = pixel_index_at_or_after(e.y_bottom, size.height())
                - pixel_index_at_or_after(e.y_top, size.height());
            sum.saturating_add(u64::from(rows))
        });
        if crossings > Self::MAX_CROSSINGS {
            return Err(Error::LimitExceeded {
                what: "polygon edge-row crossings",
                actual: crossings,
                max: Self::MAX_CROSSINGS,
            });
        }
        let (top, bottom) = edges.iter().fold((f64::MAX, f64::MIN), |(t, b), e| {
            (t.min(e.y_top), b.max(e.y_bottom))
        });
        let (left, right) = edges.iter().fold((f64::MAX, f64::MIN), |(l, r), e| {
            (l.min(e.x_left()), r.max(e.x_right()))
        });
        // Rows and columns whose centres can be inside.
        let row0 = pixel_index_at_or_after(top, size.height());
        let row1 = pixel_index_at_or_after(bottom, size.height());
        let col0 = pixel_index_at_or_after(left, size.width());
        let col1 = pixel_index_at_or_after(right, size.width());
        let Some(bbox) = PixelBox::from_corners(col0, row0, col1, row1) else {
            return Ok(None);
        };
        let mut values = vec![0u8; bbox.area() as usize];
        let mut sorted = edges;
        sorted.sort_by(|a, b| a.y_top.total_cmp(&b.y_top));
        let mut next_edge = 0;
        let mut active: Vec<Edge> = Vec::new();
        let mut crossings: Vec<f64> = Vec::new();
        let mut any = false;
        for (row, line) in (row0..row1).zip(values.chunks_exact_mut(bbox.width() as usize)) {
            let yc = f64::from(row) + 0.5;
            while let Some(edge) = sorted.get(next_edge).filter(|e| e.y_top <= yc) {
                active.push(*edge);
                next_edge += 1;
            }
            active.retain(|e| e.y_bottom > yc);
            crossings.clear();
            crossings.extend(active.iter().filter(|e| e.y_top <= yc).map(|e| e.x_at(yc)));
            crossings.sort_by(f64::total_cmp);
            for pair in crossings.chunks_exact(2) {
                let start = pixel_index_at_or_after(pair[0], size.width()).max(col0);
                let end = pixel_index_at_or_after(pair[1], size.width()).min(col1);
                if start < end {
                    let from = (start - col0) as usize;
                    let to = (end - col0) as usize;
                    if let Some(span) = line.get_mut(from..to) {
                        span.fill(255);
                        any = true;
                    }
                }
            }
        }
        Ok(any.then(|| BoxMask::from_parts(bbox, values)))
    }
}

/// The first pixel index whose centre (`i + 0.5`) is at or after `v`, within `0..=limit`.
fn pixel_index_at_or_after(v: f64, limit: u32) -> u32 {
    let index = (v - 0.5).ceil();
    if index.is_nan() {
        0
    } else {
        index.clamp(0.0, f64::from(limit)) as u32
    }
}

/// A non-horizontal edge, stored top to bottom; it counts for `y_top <= y < y_bottom`.
#[derive(Debug, Clone, Copy)]
struct Edge {
    x_top: f64,
    y_top: f64,
    x_bottom: f64,
    y_bottom: f64,
}

impl Edge {
    fn new(a: [f64; 2], b: [f64; 2]) -> Option<Self> {
        let ([xa, ya], [xb, yb]) = (a, b);
        if ya == yb {
            return None;
        }
        let ((x_top, y_top), (x_bottom, y_bottom)) = if ya < yb {
            ((xa, ya), (xb, yb))
        } else {
            ((xb, yb), (xa, ya))
        };
        Some(Edge {
            x_top,
            y_top,
            x_bottom,
            y_bottom,
        })
    }

    fn x_at(&self, y: f64) -> f64 {
        self.x_top + (y - self.y_top) * (self.x_bottom - self.x_top) / (self.y_bottom - self.y_top)
    }

    fn x_left(&self) -> f64 {
        self.x_top.min(self.x_bottom)
    }

    fn x_right(&self) -> f64 {
        self.x_top.max(self.x_bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(w: u32, h: u32) -> ImageSize {
        ImageSize::new(w, h).unwrap()
    }

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<[f64; 2]> {
        vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
    }

    #[test]
    fn a_square_fills_exactly_the_pixels_whose_centres_are_inside() {
        let polygon = PolygonMask::new(vec![square(100.0, 200.0, 500.0, 600.0)]).unwrap();
        let mask = polygon.rasterize(size(10, 10)).unwrap().unwrap();
        // x from 1.0 to 5.0 px, y from 2.0 to 6.0 px: centres 1.5..4.5 and 2.5..5.5.
        assert_eq!(mask.bbox(), PixelBox::from_corners(1, 2, 5, 6).unwrap());
        assert!(mask.values().iter().all(|v| *v == 255));
    }

    #[test]
    fn an_inner_ring_is_a_hole_whichever_way_it_runs() {
        let outer = square(0.0, 0.0, 1000.0, 1000.0);
        let mut inner = square(250.0, 250.0, 750.0, 750.0);
        let same_way = PolygonMask::new(vec![outer.clone(), inner.clone()])
            .unwrap()
            .rasterize(size(8, 8))
            .unwrap()
            .unwrap();
        inner.reverse();
        let other_way = PolygonMask::new(vec![outer, inner])
            .unwrap()
            .rasterize(size(8, 8))
            .unwrap()
            .unwrap();
        for mask in [same_way, other_way] {
            assert_eq!(mask.value_at(4, 4), 0);
            assert_eq!(mask.value_at(0, 0), 255);
            assert_eq!(mask.count_above(127), 64 - 16);
        }
    }

    #[test]
    fn short_rings_are_dropped_and_non_finite_points_refused() {
        assert!(PolygonMask::new(vec![vec![[0.0, 0.0], [5.0, 5.0]]]).is_none());
        assert!(PolygonMask::new(vec![vec![[0.0, 0.0], [f64::NAN, 5.0], [1.0, 1.0]]]).is_none());
        let kept = PolygonMask::new(vec![vec![[0.0, 0.0]], square(0.0, 0.0, 10.0, 10.0)]).unwrap();
        assert_eq!(kept.rings().len(), 1);
    }

    #[test]
    fn points_outside_the_range_are_clamped() {
        let polygon = PolygonMask::new(vec![square(-50.0, -50.0, 2000.0, 2000.0)]).unwrap();
        assert_eq!(polygon.rings()[0][0], [0.0, 0.0]);
        assert_eq!(
            polygon
                .rasterize(size(4, 3))
                .unwrap()
                .unwrap()
                .count_above(0),
            12
        );
    }

    #[test]
    fn the_pixel_bounds_hold_every_filled_pixel() {
        let polygon =
            PolygonMask::new(vec![vec![[120.0, 80.0], [870.0, 310.0], [400.0, 990.0]]]).unwrap();
        let size = size(37, 23);
        let mask = polygon.rasterize(size).unwrap().unwrap();
        let bounds = polygon.pixel_bounds(size).unwrap();
        let b = mask.bbox();
        assert!(b.x() >= bounds.x() && b.y() >= bounds.y());
        assert!(b.x_end() <= bounds.x_end() && b.y_end() <= bounds.y_end());
    }

    #[test]
    fn a_sliver_between_pixel_centres_fills_nothing() {
        let polygon = PolygonMask::new(vec![square(100.0, 0.0, 140.0, 1000.0)]).unwrap();
        assert!(polygon.rasterize(size(10, 10)).unwrap().is_none());
    }
}
