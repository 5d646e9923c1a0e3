//! `gemini-vision parse`: model text on stdin to detections as JSON on stdout.
//!
//! ```text
//! gemini-vision parse [--width W --height H] [--threshold T] [--masks DIR] < response.txt
//! ```
//!
//! Prints `{"detections": [{"label", "box_2d", "box", "point", "mask", ...}], "warnings": [...]}`
//! and exits 0 for any input, even bytes that are not UTF-8 (they become U+FFFD).
//! With `--masks DIR` it writes `DIR/<index>.png`, a W x H greyscale PNG (0 or 255), for
//! each detection whose mask could be turned into pixels. Exit codes: 0 done, 1 the
//! mask files could not be written, 2 bad arguments.

use clap::Parser;
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{BoxMask, PillowVersion, rasterize_as};
use gemini_vision::spatial::{Detection, Mask, coordinate_json, parse_detections};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Parse a model answer into detections.
#[derive(Debug, Parser)]
#[command(
    name = "gemini-vision parse",
    about = "Parse a Gemini answer (stdin) into boxes, points and masks (JSON on stdout)"
)]
struct Args {
    /// Image width in pixels: adds pixel boxes ("box") to the output.
    #[arg(long, requires = "height")]
    width: Option<u32>,
    /// Image height in pixels.
    #[arg(long, requires = "width")]
    height: Option<u32>,
    /// A mask pixel is set when its value is above this.
    #[arg(long, default_value_t = gemini_vision::mask::DEFAULT_THRESHOLD)]
    threshold: u8,
    /// Write DIR/<index>.png, a W x H 0/255 mask, per detection with a drawable mask.
    #[arg(long, value_name = "DIR", requires = "width")]
    masks: Option<PathBuf>,
    /// Resize masks with the pass order of this Pillow version (e.g. 12.1.1, 13).
    #[arg(long, value_name = "VERSION", default_value = "13", value_parser = pillow_version)]
    pillow: PillowVersion,
}

/// `12.1.1` -> up to 12.1, `12.3` -> 12.2-12.3, `13` or later -> 13.
fn pillow_version(text: &str) -> Result<PillowVersion, String> {
    let mut parts = text.split('.').map(str::parse::<u32>);
    let major = parts
        .next()
        .and_then(Result::ok)
        .ok_or_else(|| format!("{text:?} is not a version like 12.1 or 13"))?;
    let minor = parts.next().and_then(Result::ok).unwrap_or(0);
    Ok(match (major, minor) {
        (0..=11, _) | (12, 0..=1) => PillowVersion::UpTo12_1,
        (12, _) => PillowVersion::From12_2To12_3,
        _ => PillowVersion::From13,
    })
}

/// Keys this command writes itself; a model key with the same name is not copied.
const OWN_KEYS: [&str; 7] = [
    "label",
    "box_2d",
    "box",
    "point",
    "box_3d",
    "mask",
    "mask_reason",
];

/// Runs the subcommand with `args[0]` = program name.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let size = match (args.width, args.height) {
        (Some(w), Some(h)) => match ImageSize::new(w, h) {
            Ok(size) => Some(size),
            Err(error) => {
                eprintln!("gemini-vision parse: {error}");
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    let mut input = Vec::new();
    if let Err(error) = std::io::stdin().lock().read_to_end(&mut input) {
        eprintln!("gemini-vision parse: could not read stdin: {error}");
    }
    let text = String::from_utf8_lossy(&input);
    let report = build_report(&text, size, args.threshold, args.pillow);
    let mut stdout = std::io::stdout().lock();
    let printed = serde_json::to_writer(&mut stdout, &report.json)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(stdout));
    if let Err(error) = printed {
        eprintln!("gemini-vision parse: could not write the output: {error}");
        return ExitCode::from(1);
    }
    if let (Some(dir), Some(size)) = (args.masks, size)
        && let Err(error) = write_masks(&dir, size, &report.masks)
    {
        eprintln!(
            "gemini-vision parse: could not write masks to {}: {error}",
            dir.display()
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The JSON to print and the binary masks to write (index, W x H bytes).
struct Report {
    json: Output,
    masks: Vec<(usize, Vec<u8>)>,
}

#[derive(serde::Serialize)]
struct Output {
    detections: Vec<Ordered>,
    warnings: Vec<String>,
}

fn build_report(
    text: &str,
    size: Option<ImageSize>,
    threshold: u8,
    pillow: PillowVersion,
) -> Report {
    let outcome = parse_detections(text);
    let mut warnings: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
    let mut detections = Vec::new();
    let mut masks = Vec::new();
    for (index, detection) in outcome.detections.iter().enumerate() {
        let mut mask_kind = detection.mask.kind();
        let mut mask_reason = match &detection.mask {
            Mask::Unsupported { reason } => Some(reason.clone()),
            _ => None,
        };
        // Decode PNGs even without a size, so that "png" means "drawable".
        let decoded = match &detection.mask {
            Mask::Png(png) => match png.decode() {
                Ok(map) => Some(map),
                Err(error) => {
                    warnings.push(format!(
                        "detection {index}: the PNG mask could not be decoded: {error}"
                    ));
                    (mask_kind, mask_reason) = ("unsupported", Some(error.to_string()));
                    None
                }
            },
            _ => None,
        };
        if let Some(size) = size {
            let drawn = match (&decoded, detection.box_2d.and_then(|b| b.to_pixels(size))) {
                (Some(map), Some(bbox)) => {
                    BoxMask::from_probability_map(map, bbox, pillow).map(Some)
                }
                (Some(_), None) => Ok(None),
                (None, _) if mask_reason.is_some() => Ok(None),
                (None, _) => rasterize_as(detection, size, pillow),
            };
            match drawn {
                Ok(Some(mask)) => masks.push((index, mask.to_image_mask(size, threshold))),
                Ok(None) => {}
                Err(error) => warnings.push(format!("detection {index}: mask not drawn: {error}")),
            }
        }
        detections.push(detection_json(
            detection,
            size,
            mask_kind,
            mask_reason,
            index,
            &mut warnings,
        ));
    }
    Report {
        json: Output {
            detections,
            warnings,
        },
        masks,
    }
}

fn detection_json(
    detection: &Detection,
    size: Option<ImageSize>,
    mask_kind: &str,
    mask_reason: Option<String>,
    index: usize,
    warnings: &mut Vec<String>,
) -> Ordered {
    let mut map = serde_json::Map::new();
    let mut boxed = None;
    map.insert("label".into(), Value::String(detection.label.clone()));
    let box_2d = detection
        .box_2d
        .map(|b| Value::Array(b.to_array().map(coordinate_json).to_vec()));
    map.insert("box_2d".into(), box_2d.unwrap_or(Value::Null));
    if let Some(size) = size {
        let pixels = detection.box_2d.and_then(|b| b.to_pixels(size));
        let pixel_json = pixels.map(|p| Entry::Pixels {
            x: p.x(),
            y: p.y(),
            width: p.width(),
            height: p.height(),
        });
        boxed = Some(pixel_json.unwrap_or(Entry::Json(Value::Null)));
    }
    let point = detection
        .point
        .map(|p| json!([coordinate_json(p.y()), coordinate_json(p.x())]));
    map.insert("point".into(), point.unwrap_or(Value::Null));
    if let Some(b) = detection.box_3d {
        map.insert(
            "box_3d".into(),
            Value::Array(b.to_values().map(coordinate_json).to_vec()),
        );
    }
    map.insert("mask".into(), Value::String(mask_kind.to_owned()));
    if let Some(reason) = mask_reason {
        map.insert("mask_reason".into(), Value::String(reason));
    }
    let mut ordered: Vec<(String, Entry)> = OWN_KEYS
        .iter()
        .filter_map(|key| match *key {
            "box" => boxed.take().map(|entry| ("box".to_owned(), entry)),
            _ => map
                .remove(*key)
                .map(|v| ((*key).to_owned(), Entry::Json(v))),
        })
        .collect();
    for (key, value) in &detection.extra {
        if OWN_KEYS.contains(&key.as_str()) {
            warnings.push(format!(
                "detection {index}: the model's key {key:?} clashes with an output key; left out"
            ));
        } else {
            ordered.push((key.clone(), Entry::Json(value.clone())));
        }
    }
    Ordered(ordered)
}

/// A JSON object printed in the order its keys were given.
struct Ordered(Vec<(String, Entry)>);

/// One value of an [`Ordered`] object.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Entry {
    Json(Value),
    /// A pixel box, with its keys in reading order.
    Pixels {
        x: u32,
        y: u32,
        width: u32,
        height: u32,
    },
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

fn write_masks(dir: &Path, size: ImageSize, masks: &[(usize, Vec<u8>)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (index, pixels) in masks {
        let file = std::fs::File::create(dir.join(format!("{index}.png")))?;
        let mut encoder =
            png::Encoder::new(std::io::BufWriter::new(file), size.width(), size.height());
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
        writer
            .write_image_data(pixels)
            .map_err(std::io::Error::other)?;
        writer.finish().map_err(std::io::Error::other)?;
    }
    Ok(())
}
