//! A small, honest detector: connected regions of saturated colour.
//!
//! The image is decoded (with allocation limits), shrunk so its long side is at most
//! 256 px, and every saturated pixel is given a colour name by hue. 4-connected pixels of
//! the same colour form a region; regions under a minimum area are noise, and at most 25
//! (the largest) are kept. Each region becomes a detection labelled by colour and shape
//! (`"red square"`, `"blue circle"`, `"green shape"`). It must never panic on any input
//! and never allocate more than the decoder limits allow.

use image::{ImageReader, Limits, RgbImage};

/// Most regions reported, as the cookbook prompts ask ("Limit to 25 objects").
pub const MAX_REGIONS: usize = 25;
/// Long side of the working copy.
const WORK_SIDE: u32 = 256;

/// A decoded picture and its working copy.
#[derive(Debug)]
pub struct Picture {
    /// Full-size pixels (for masks).
    pub full: RgbImage,
    /// The shrunken copy regions are found on.
    pub work: RgbImage,
}

/// One region of one colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Colour name.
    pub colour: &'static str,
    /// `square`, `rectangle`, `circle` or `shape`.
    pub shape: &'static str,
    /// `[ymin, xmin, ymax, xmax]`, 0-1000.
    pub box_2d: [u32; 4],
    /// Centroid `[y, x]`, 0-1000.
    pub point: [u32; 2],
    /// Convex outline as `[x, y]` pairs, 0-1000.
    pub outline: Vec<[u32; 2]>,
    /// Pixels in the working copy.
    pub area: u32,
}

impl Region {
    /// The label the emulator answers with.
    pub fn label(&self) -> String {
        format!("{} {}", self.colour, self.shape)
    }
}

/// Decodes PNG, JPEG or WEBP bytes within fixed limits.
pub fn decode(bytes: &[u8]) -> Option<Picture> {
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let full = reader.decode().ok()?.to_rgb8();
    let (width, height) = full.dimensions();
    if width == 0 || height == 0 {
        return None;
    }
    let scale = f64::from(WORK_SIDE) / f64::from(width.max(height));
    let work = if scale < 1.0 {
        let w = ((f64::from(width) * scale).round() as u32).max(1);
        let h = ((f64::from(height) * scale).round() as u32).max(1);
        image::imageops::thumbnail(&full, w, h)
    } else {
        full.clone()
    };
    Some(Picture { full, work })
}

/// The colour name of a saturated pixel, or `None` for greys and dark pixels.
pub fn hue_name(rgb: [u8; 3]) -> Option<&'static str> {
    let [r, g, b] = rgb.map(f32::from);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    if max < 77.0 || (max - min) / max < 0.45 {
        return None;
    }
    let delta = max - min;
    let hue = if max == r {
        60.0 * ((g - b) / delta).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    Some(match hue {
        h if !(15.0..345.0).contains(&h) => "red",
        h if h < 40.0 => "orange",
        h if h < 70.0 => "yellow",
        h if h < 160.0 => "green",
        h if h < 200.0 => "cyan",
        h if h < 260.0 => "blue",
        h if h < 290.0 => "purple",
        _ => "magenta",
    })
}

/// The colour name of any pixel, greys included, for captions.
pub fn any_colour_name(rgb: [u8; 3]) -> &'static str {
    if let Some(name) = hue_name(rgb) {
        return name;
    }
    let max = rgb.iter().copied().max().unwrap_or(0);
    match max {
        0..=50 => "black",
        51..=200 => "grey",
        _ => "white",
    }
}

fn norm(value: u32, total: u32) -> u32 {
    ((u64::from(value) * 1000 + u64::from(total) / 2) / u64::from(total.max(1))).min(1000) as u32
}

/// Finds the regions of a picture, largest first.
pub fn regions(picture: &Picture) -> Vec<Region> {
    let work = &picture.work;
    let (width, height) = work.dimensions();
    let (full_w, full_h) = picture.full.dimensions();
    let total = (width * height) as usize;
    let names: Vec<Option<&'static str>> = work.pixels().map(|pixel| hue_name(pixel.0)).collect();
    let mut seen = vec![false; total];
    let min_area = (total / 4000).max(6) as u32;
    let mut found = Vec::new();
    let mut stack = Vec::new();
    for start in 0..total {
        let Some(colour) = names.get(start).copied().flatten() else {
            continue;
        };
        if seen.get(start).copied().unwrap_or(true) {
            continue;
        }
        // Per row: leftmost and rightmost pixel, for the outline.
        let mut rows: Vec<(u32, u32)> = vec![(u32::MAX, 0); height as usize];
        let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
        let (mut area, mut sum_x, mut sum_y) = (0u32, 0u64, 0u64);
        stack.clear();
        stack.push(start);
        if let Some(flag) = seen.get_mut(start) {
            *flag = true;
        }
        while let Some(index) = stack.pop() {
            let (x, y) = (
                (index % width as usize) as u32,
                (index / width as usize) as u32,
            );
            area += 1;
            sum_x += u64::from(x);
            sum_y += u64::from(y);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            if let Some(row) = rows.get_mut(y as usize) {
                *row = (row.0.min(x), row.1.max(x));
            }
            let neighbours = [
                (x > 0).then(|| index - 1),
                (x + 1 < width).then(|| index + 1),
                (y > 0).then(|| index - width as usize),
                (y + 1 < height).then(|| index + width as usize),
            ];
            for next in neighbours.into_iter().flatten() {
                let same = names.get(next).copied().flatten() == Some(colour);
                if same
                    && let Some(flag) = seen.get_mut(next)
                    && !*flag
                {
                    *flag = true;
                    stack.push(next);
                }
            }
        }
        if area < min_area {
            continue;
        }
        let box_w = f64::from(x1 - x0 + 1) * f64::from(full_w) / f64::from(width);
        let box_h = f64::from(y1 - y0 + 1) * f64::from(full_h) / f64::from(height);
        let aspect = box_w / box_h;
        let fill = f64::from(area) / f64::from((x1 - x0 + 1) * (y1 - y0 + 1));
        let mut corners = Vec::new();
        for (y, (left, right)) in rows.iter().enumerate().filter(|(_, row)| row.0 != u32::MAX) {
            let y = y as u32;
            corners.extend([
                (*left, y),
                (*left, y + 1),
                (right + 1, y),
                (right + 1, y + 1),
            ]);
        }
        let hull = crate::mask::convex_hull(corners);
        // Solidity (area over hull area) tells a disc from an L or a ring of the same fill.
        let solidity = f64::from(area) / crate::mask::polygon_area(&hull).max(1.0);
        let squareish = (0.9..=1.11).contains(&aspect);
        let shape = if fill >= 0.9 {
            if squareish { "square" } else { "rectangle" }
        } else if (0.7..0.88).contains(&fill) && squareish && solidity >= 0.9 {
            "circle"
        } else {
            "shape"
        };
        let outline = hull
            .into_iter()
            .map(|(x, y)| [norm(x, width), norm(y, height)])
            .collect();
        found.push(Region {
            colour,
            shape,
            box_2d: [
                norm(y0, height),
                norm(x0, width),
                norm(y1 + 1, height),
                norm(x1 + 1, width),
            ],
            point: [
                norm((sum_y * 2 / u64::from(area) + 1) as u32, height * 2),
                norm((sum_x * 2 / u64::from(area) + 1) as u32, width * 2),
            ],
            outline,
            area,
        });
    }
    found.sort_by(|a, b| b.area.cmp(&a.area).then(a.box_2d.cmp(&b.box_2d)));
    found.truncate(MAX_REGIONS);
    found
}

/// Shares of the image by colour name, largest first, those of at least 5 %.
pub fn palette(picture: &Picture) -> Vec<(&'static str, f64)> {
    let mut counts: Vec<(&'static str, u32)> = Vec::new();
    for pixel in picture.work.pixels() {
        let name = any_colour_name(pixel.0);
        match counts.iter_mut().find(|(known, _)| *known == name) {
            Some(entry) => entry.1 += 1,
            None => counts.push((name, 1)),
        }
    }
    let total = f64::from(picture.work.width() * picture.work.height()).max(1.0);
    let mut shares: Vec<(&'static str, f64)> = counts
        .into_iter()
        .map(|(name, count)| (name, f64::from(count) / total))
        .filter(|(_, share)| *share >= 0.05)
        .collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1));
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_primary_hues() {
        assert_eq!(hue_name([250, 10, 10]), Some("red"));
        assert_eq!(hue_name([10, 200, 10]), Some("green"));
        assert_eq!(hue_name([10, 10, 250]), Some("blue"));
        assert_eq!(hue_name([240, 240, 240]), None);
        assert_eq!(any_colour_name([5, 5, 5]), "black");
    }

    #[test]
    fn garbage_does_not_decode() {
        assert!(decode(b"definitely not an image").is_none());
    }

    proptest! {
        #[test]
        fn random_pictures_give_bounded_sane_regions(
            width in 1u32..80, height in 1u32..80, seed in any::<u64>()
        ) {
            let mut state = seed;
            let full = RgbImage::from_fn(width, height, |_, _| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                image::Rgb([(state >> 56) as u8, (state >> 48) as u8, (state >> 40) as u8])
            });
            let picture = Picture { work: full.clone(), full };
            let found = regions(&picture);
            prop_assert!(found.len() <= MAX_REGIONS);
            for region in found {
                let [ymin, xmin, ymax, xmax] = region.box_2d;
                prop_assert!(ymin < ymax && xmin < xmax && ymax <= 1000 && xmax <= 1000);
            }
        }
    }
}
