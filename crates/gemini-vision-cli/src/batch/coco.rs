//! `annotations.coco.json`: the batch's boxes and masks in COCO's detection format.
//!
//! `images` (id, `file_name` = the key, displayed width and height from the header),
//! `annotations` (one per detection with a box: `bbox` `[x, y, width, height]` in
//! pixels, `area`, `iscrowd` 0, `segmentation` as uncompressed RLE in column-major
//! order when the detection has a mask, `[]` when it has none) and `categories` (one per
//! label, numbered in order of first appearance). Point-only detections have no box and
//! are left out. The answers are read back from the images' own files, one at a time,
//! and the file is streamed out, so a batch of any size holds one image's masks at most.

use super::Failure;
use super::image_output::ImageFiles;
use super::scan::ImageEntry;
use crate::detection_report::build_report;
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{BoxMask, DEFAULT_THRESHOLD, PillowVersion};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The file's name in the output directory.
pub const COCO_FILE: &str = "annotations.coco.json";

/// Writes the COCO file for `images` from their result files; returns its path.
pub fn write(
    out: &Path,
    images: &[ImageEntry],
    files: &ImageFiles<'_>,
) -> Result<PathBuf, Failure> {
    let path = out.join(COCO_FILE);
    let temporary = out.join(format!(".{COCO_FILE}.{}.tmp", std::process::id()));
    let failed = |e: io::Error| Failure::run(format!("{} cannot be written: {e}", path.display()));
    let file = std::fs::File::create(&temporary).map_err(failed)?;
    let mut writer = BufWriter::new(file);
    write_to(&mut writer, images, files).map_err(failed)?;
    let file = writer.into_inner().map_err(|e| failed(e.into_error()))?;
    file.sync_all().map_err(failed)?;
    std::fs::rename(&temporary, &path).map_err(failed)?;
    Ok(path)
}

fn write_to(out: &mut impl Write, images: &[ImageEntry], files: &ImageFiles<'_>) -> io::Result<()> {
    let info = json!({
        "description": format!("gemini-vision batch {}", files.job),
        "version": "1.0",
    });
    write!(out, "{{\"info\":{info},\"licenses\":[],\"images\":[")?;
    for (index, image) in images.iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        let entry = json!({
            "id": index + 1,
            "file_name": image.key,
            "width": image.width,
            "height": image.height,
        });
        serde_json::to_writer(&mut *out, &entry)?;
    }
    out.write_all(b"],\"annotations\":[")?;
    let mut categories: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut next_id = 1;
    for (index, image) in images.iter().enumerate() {
        let Some(text) = answer_text(files, image) else {
            continue;
        };
        let Ok(size) = ImageSize::new(image.width, image.height) else {
            continue;
        };
        let report = build_report(&text, Some(size), PillowVersion::default());
        for (detection_index, detection) in report.detections.iter().enumerate() {
            let Some(bbox) = detection.box_2d.and_then(|b| b.to_pixels(size)) else {
                continue;
            };
            let label = match detection.label.trim() {
                "" => "unlabeled".to_owned(),
                label => label.to_owned(),
            };
            let category = *categories.entry(label.clone()).or_insert_with(|| {
                names.push(label);
                names.len()
            });
            let mask = report
                .masks
                .iter()
                .find(|(i, _)| *i == detection_index)
                .map(|(_, mask)| mask);
            let (segmentation, area) = match mask {
                Some(mask) => {
                    let (counts, area) = rle(mask, size, DEFAULT_THRESHOLD);
                    let rle = json!({"size": [size.height(), size.width()], "counts": counts});
                    (rle, area)
                }
                None => (json!([]), bbox.area()),
            };
            if next_id > 1 {
                out.write_all(b",")?;
            }
            let annotation = json!({
                "id": next_id,
                "image_id": index + 1,
                "category_id": category,
                "bbox": [bbox.x(), bbox.y(), bbox.width(), bbox.height()],
                "area": area,
                "iscrowd": 0,
                "segmentation": segmentation,
            });
            serde_json::to_writer(&mut *out, &annotation)?;
            next_id += 1;
        }
    }
    out.write_all(b"],\"categories\":[")?;
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        let category = json!({"id": index + 1, "name": name, "supercategory": "object"});
        serde_json::to_writer(&mut *out, &category)?;
    }
    out.write_all(b"]}")?;
    out.flush()
}

/// The model's answer for an image that has one (not an error).
fn answer_text(files: &ImageFiles<'_>, image: &ImageEntry) -> Option<String> {
    let bytes = std::fs::read(files.json_path(&image.key)).ok()?;
    let file: Value = serde_json::from_slice(&bytes).ok()?;
    file.get("text")?.as_str().map(str::to_owned)
}

/// COCO's uncompressed RLE of a mask over the whole image: run lengths in column-major
/// order, starting with a run of 0s; and how many pixels are set.
pub fn rle(mask: &BoxMask, size: ImageSize, threshold: u8) -> (Vec<u64>, u64) {
    let (width, height) = (size.width(), size.height());
    let b = mask.bbox();
    let mut runs = Runs::default();
    let mut area = 0;
    for x in 0..width {
        if x < b.x() || x >= b.x_end() {
            runs.push(false, u64::from(height));
            continue;
        }
        let y_end = b.y_end().min(height);
        runs.push(false, u64::from(b.y().min(height)));
        for y in b.y()..y_end {
            let set = mask.value_at(x, y) > threshold;
            area += u64::from(set);
            runs.push(set, 1);
        }
        runs.push(false, u64::from(height - y_end.max(b.y().min(height))));
    }
    (runs.finish(), area)
}

/// Run lengths being counted; the first run is of 0s (possibly empty).
#[derive(Default)]
struct Runs {
    counts: Vec<u64>,
    value: bool,
    run: u64,
}

impl Runs {
    fn push(&mut self, value: bool, n: u64) {
        if n == 0 {
            return;
        }
        if value != self.value {
            self.counts.push(self.run);
            self.value = value;
            self.run = 0;
        }
        self.run += n;
    }

    fn finish(mut self) -> Vec<u64> {
        self.counts.push(self.run);
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::mask::rasterize;
    use gemini_vision::spatial::parse_detections;

    /// Decodes COCO RLE back into a row-major 0/1 image.
    fn decode(counts: &[u64], width: usize, height: usize) -> Vec<u8> {
        let mut column_major = Vec::new();
        for (i, &n) in counts.iter().enumerate() {
            column_major.extend(std::iter::repeat_n((i % 2) as u8, n as usize));
        }
        assert_eq!(column_major.len(), width * height);
        let mut rows = vec![0; width * height];
        for x in 0..width {
            for y in 0..height {
                rows[y * width + x] = column_major[x * height + y];
            }
        }
        rows
    }

    #[test]
    fn rle_decodes_back_to_the_mask_the_core_draws() {
        let size = ImageSize::new(40, 30).unwrap();
        let outcome = parse_detections(
            r#"[{"box_2d": [100, 250, 900, 750], "mask": [[300, 150], [700, 150], [500, 850]], "label": "a"}]"#,
        );
        let mask = rasterize(&outcome.detections[0], size).unwrap().unwrap();
        let (counts, area) = rle(&mask, size, DEFAULT_THRESHOLD);
        let expected: Vec<u8> = mask
            .to_image_mask(size, DEFAULT_THRESHOLD)
            .iter()
            .map(|v| u8::from(*v > 0))
            .collect();
        assert_eq!(decode(&counts, 40, 30), expected);
        assert_eq!(area, expected.iter().map(|v| u64::from(*v)).sum::<u64>());
        assert!(area > 0);
    }

    #[test]
    fn a_mask_in_the_first_pixel_starts_with_an_empty_run_of_zeros() {
        let size = ImageSize::new(4, 4).unwrap();
        let outcome = parse_detections(
            r#"[{"box_2d": [0, 0, 1000, 1000], "mask": [[0, 0], [1000, 0], [1000, 1000], [0, 1000]], "label": "all"}]"#,
        );
        let mask = rasterize(&outcome.detections[0], size).unwrap().unwrap();
        let (counts, area) = rle(&mask, size, DEFAULT_THRESHOLD);
        assert_eq!(counts, [0, 16]);
        assert_eq!(area, 16);
    }
}
