//! `gemini-vision parse`: model text on stdin to detections as JSON on stdout.
//!
//! ```text
//! gemini-vision parse [--width W --height H] [--threshold T] [--masks DIR] < response.txt
//! ```
//!
//! Prints `{"detections": [...], "warnings": [...]}` in the one JSON shape of a
//! detection, the shape `parseDetections` returns in the browser
//! (`gemini_vision::spatial::JsonOptions` documents it): `label`, `box_2d`, `point`,
//! `box_3d`, with `--width` and `--height` also `pixelBox`, `pixelPoint` and each mask's
//! `area`, then `mask` (`{"kind": ...}`) and `extra` (the model's other keys). It exits
//! 0 for any input, even bytes that are not UTF-8 (they become U+FFFD).
//! With `--masks DIR` it writes `DIR/<index>.png`, a W x H greyscale PNG (0 or 255), for
//! each detection whose mask could be turned into pixels. Exit codes: 0 done, 1 the
//! mask files could not be written, 2 bad arguments.

use clap::Parser;
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{PillowVersion, rasterize_as};
use gemini_vision::spatial::{Detection, JsonOptions, parse_detections};
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
    /// Image width in pixels: adds pixel boxes and points and mask areas to the output.
    #[arg(long, requires = "height")]
    width: Option<u32>,
    /// Image height in pixels.
    #[arg(long, requires = "width")]
    height: Option<u32>,
    /// A mask pixel is set (and counts towards "area") when its value is above this.
    #[arg(long, default_value_t = gemini_vision::mask::DEFAULT_THRESHOLD)]
    threshold: u8,
    /// Write DIR/INDEX.png, a W x H 0/255 mask, per detection with a drawable mask.
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
    let outcome = parse_detections(&text);
    let options = JsonOptions {
        image_size: size,
        threshold: args.threshold,
        pillow: args.pillow,
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = writeln!(stdout, "{}", outcome.to_json(&options)) {
        eprintln!("gemini-vision parse: could not write the output: {error}");
        return ExitCode::from(1);
    }
    if let (Some(dir), Some(size)) = (args.masks, size) {
        let masks = binary_masks(&outcome.detections, &options, size);
        if let Err(error) = write_masks(&dir, size, &masks) {
            eprintln!(
                "gemini-vision parse: could not write masks to {}: {error}",
                dir.display()
            );
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// The W x H 0/255 mask of each detection whose mask can be drawn, by index. One that
/// cannot (a PNG that does not decode) is already reported in the JSON's warnings.
fn binary_masks(
    detections: &[Detection],
    options: &JsonOptions,
    size: ImageSize,
) -> Vec<(usize, Vec<u8>)> {
    detections
        .iter()
        .enumerate()
        .filter_map(|(index, detection)| {
            let mask = rasterize_as(detection, size, options.pillow).ok()??;
            Some((index, mask.to_image_mask(size, options.threshold)))
        })
        .collect()
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
