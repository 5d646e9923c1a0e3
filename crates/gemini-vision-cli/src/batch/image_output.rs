//! The files of one image: `results/KEY.json` and, with `--png`, `annotated/KEY.png`.
//!
//! The JSON names the job it came from and is written last, atomically: its presence
//! is what "this image is done" means to a rerun, so a stop between the PNG and the
//! JSON redoes the image, and a file from another job is redone too.
//!
//! ```json
//! {"key": "shelf/cat.jpg", "job": "batches/abc", "image": "/data/shelf/cat.jpg",
//!  "width": 640, "height": 480,
//!  "detections": [{"label", "box_2d", "pixelBox", "point", "mask": {"kind", ...}, ...}], "warnings": [],
//!  "text": "the model's answer"}
//! ```
//! or, for an image whose request failed, `"error": {"code", "status", "message"}`
//! (`"reason"` instead of `"code"` when the result itself could not be read or never
//! came) in place of the last three members.

use super::annotate::annotated_png;
use super::scan::ImageEntry;
use super::state::write_atomically;
use crate::detection_report::build_report;
use gemini_vision::batch::{BatchOutcome, BatchResult};
use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::PillowVersion;
use serde::Serialize;
use serde_json::Value;
use std::io;
use std::path::{Path, PathBuf};

/// How an image came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// It has detections (or a caption).
    Succeeded,
    /// It has an error.
    Failed,
}

/// Where and how the per-image files are written.
#[derive(Debug)]
pub struct ImageFiles<'a> {
    /// The output directory.
    pub out: &'a Path,
    /// The input directory.
    pub input_dir: &'a Path,
    /// The job the results come from.
    pub job: &'a str,
    /// Whether to draw annotated PNGs.
    pub png: bool,
}

#[derive(Serialize)]
struct ImageFile<'a> {
    key: &'a str,
    job: &'a str,
    image: String,
    width: u32,
    height: u32,
    #[serde(flatten)]
    body: Body,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body {
    Answer {
        #[serde(flatten)]
        report: serde_json::Value,
        text: String,
    },
    Error {
        error: Value,
    },
}

impl ImageFiles<'_> {
    /// `OUTPUT/results/KEY.json`.
    pub fn json_path(&self, key: &str) -> PathBuf {
        under(&self.out.join("results"), key, ".json")
    }

    /// `OUTPUT/annotated/KEY.png`.
    pub fn png_path(&self, key: &str) -> PathBuf {
        under(&self.out.join("annotated"), key, ".png")
    }

    /// How the image came out if a file from this job is already there.
    pub fn existing(&self, image: &ImageEntry) -> Option<Written> {
        let bytes = std::fs::read(self.json_path(&image.key)).ok()?;
        let file: Value = serde_json::from_slice(&bytes).ok()?;
        if file.get("job").and_then(Value::as_str) != Some(self.job) {
            return None;
        }
        Some(match file.get("error") {
            Some(_) => Written::Failed,
            None => Written::Succeeded,
        })
    }

    /// Writes the image's files for its result.
    pub fn write(&self, image: &ImageEntry, result: &BatchResult) -> io::Result<Written> {
        let body = match &result.outcome {
            BatchOutcome::Response(raw) => match raw.text() {
                Ok(text) => {
                    let size = ImageSize::new(image.width, image.height).ok();
                    let mut report = build_report(&text, size, PillowVersion::default());
                    if self.png
                        && let Some(size) = size
                    {
                        // A photo that cannot be drawn on still has its detections.
                        let path = image.path(self.input_dir);
                        match annotated_png(&path, size, &report.detections) {
                            Ok(png) => {
                                let path = self.png_path(&image.key);
                                create_parent(&path)?;
                                write_atomically(&path, &png)?;
                            }
                            Err(error) => {
                                report.warn("png_not_written", format!("no annotated PNG: {error}"))
                            }
                        }
                    }
                    Body::Answer {
                        report: report.json,
                        text,
                    }
                }
                Err(error) => Body::Error {
                    error: serde_json::json!({
                        "reason": "UNREADABLE_RESPONSE",
                        "message": error.to_string(),
                    }),
                },
            },
            BatchOutcome::Error(error) => Body::Error {
                error: serde_json::json!({
                    "code": error.code,
                    "status": error.status,
                    "message": error.message,
                }),
            },
            BatchOutcome::Unreadable(error) => Body::Error {
                error: serde_json::json!({
                    "reason": error.code(),
                    "message": error.to_string(),
                }),
            },
        };
        self.write_file(image, body)
    }

    /// Writes the file of an image the job returned no result for.
    pub fn write_missing(&self, image: &ImageEntry) -> io::Result<Written> {
        let error = serde_json::json!({
            "reason": "NO_RESULT",
            "message": "the job returned no result for this image",
        });
        self.write_file(image, Body::Error { error })
    }

    fn write_file(&self, image: &ImageEntry, body: Body) -> io::Result<Written> {
        let written = match body {
            Body::Answer { .. } => Written::Succeeded,
            Body::Error { .. } => Written::Failed,
        };
        let file = ImageFile {
            key: &image.key,
            job: self.job,
            image: image.path(self.input_dir).display().to_string(),
            width: image.width,
            height: image.height,
            body,
        };
        let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        let path = self.json_path(&image.key);
        create_parent(&path)?;
        write_atomically(&path, &json)?;
        Ok(written)
    }
}

/// `dir/KEY` + `suffix`, the key's `/` parts as subdirectories.
fn under(dir: &Path, key: &str, suffix: &str) -> PathBuf {
    let path = key
        .split('/')
        .fold(dir.to_path_buf(), |p, part| p.join(part));
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn create_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_paths_with_their_suffix_appended() {
        let files = ImageFiles {
            out: Path::new("/out"),
            input_dir: Path::new("/in"),
            job: "batches/x",
            png: false,
        };
        assert_eq!(
            files.json_path("shelf/cat.png"),
            PathBuf::from("/out/results/shelf/cat.png.json")
        );
        assert_eq!(
            files.png_path("cat.jpg"),
            PathBuf::from("/out/annotated/cat.jpg.png")
        );
    }
}
