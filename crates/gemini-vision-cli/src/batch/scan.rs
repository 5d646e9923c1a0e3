//! Finding the images of a batch: every image the API accepts under a directory,
//! recursively, in a stable order, each measured from its header alone.
//!
//! Rules (documented in `gemini-vision batch --help`): subdirectories are searched;
//! names starting with `.` are skipped, and so is the output directory when it lies
//! inside the input; symbolic links to files are followed, links to directories are
//! not (no cycles). A file is an image when its bytes sniff as PNG, JPEG, WEBP, HEIC or
//! HEIF; its size comes from the core's header reader, never from decoding it. The key
//! of an image is its path relative to the directory, with `/` between parts. Files
//! that are not images, or whose header is broken, are skipped and counted; this never
//! reads more than a header's worth of any file.

use super::state::is_relative_path;
use gemini_vision::batch::BatchInput;
use gemini_vision::media::{IMAGE_MIME_TYPES, image_info, sniff_mime};
use gemini_vision::{Error, media::ImageInfo};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The first read of a file: enough for PNG, WEBP and most JPEGs.
const FIRST_READ: u64 = 64 * 1024;
/// The most read to find a header (JPEG metadata can run long; beyond this it is not
/// worth holding).
const MAX_HEADER_READ: u64 = 16 * 1024 * 1024;

/// One image of the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageEntry {
    /// Its key in the batch: the path relative to the input directory, `/`-separated.
    pub key: String,
    /// Its size in bytes when scanned.
    pub size: u64,
    /// Its modification time when scanned (ms since the epoch; 0 when unknown).
    pub modified_ms: i64,
    /// The sniffed MIME type.
    pub mime: String,
    /// Width as displayed (EXIF orientation applied), in pixels.
    pub width: u32,
    /// Height as displayed, in pixels.
    pub height: u32,
}

impl ImageEntry {
    /// Where the image is, under the input directory.
    pub fn path(&self, dir: &Path) -> PathBuf {
        self.key
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part))
    }
}

/// What a scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// The images, sorted by key.
    pub images: Vec<ImageEntry>,
    /// Files passed over, with why.
    pub skipped: Vec<(String, String)>,
}

/// Scans `dir` for images, leaving out `output` (where results go).
pub fn scan(dir: &Path, output: &Path) -> io::Result<Scan> {
    let output = output.canonicalize().ok();
    let mut found = Scan::default();
    let mut pending = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = pending.pop() {
        if output.as_deref() == folder.canonicalize().ok().as_deref() {
            continue;
        }
        let mut entries: Vec<_> = std::fs::read_dir(&folder)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let shown = name.to_string_lossy().into_owned();
                found
                    .skipped
                    .push((format!("{prefix}{shown}"), "its name is not UTF-8".into()));
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let key = format!("{prefix}{name}");
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push((path, format!("{key}/")));
                continue;
            }
            // A link is followed to a file only.
            let Ok(metadata) = std::fs::metadata(&path) else {
                found.skipped.push((key, "a broken link".into()));
                continue;
            };
            if !metadata.is_file() {
                continue;
            }
            match measure(&path, key.clone(), &metadata) {
                Ok(image) => found.images.push(image),
                Err(reason) => found.skipped.push((key, reason)),
            }
        }
    }
    found.images.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(found)
}

/// Reads the header of one file.
fn measure(path: &Path, key: String, metadata: &std::fs::Metadata) -> Result<ImageEntry, String> {
    let check = key.len() <= BatchInput::MAX_KEY_BYTES
        && !key.chars().any(char::is_control)
        && is_relative_path(&key);
    if !check {
        return Err(
            "its path is too long, or has control characters or a backslash, to be a key".into(),
        );
    }
    let mut file = File::open(path).map_err(|e| format!("it cannot be read: {e}"))?;
    let mut prefix = Vec::new();
    let mut want = FIRST_READ;
    let info: ImageInfo = loop {
        let more = want.saturating_sub(prefix.len() as u64);
        (&mut file)
            .take(more)
            .read_to_end(&mut prefix)
            .map_err(|e| format!("it cannot be read: {e}"))?;
        match sniff_mime(&prefix) {
            Some(mime) if IMAGE_MIME_TYPES.contains(&mime) => {}
            Some(mime) => return Err(format!("{mime} is not an image type the API takes")),
            None => return Err("not an image".into()),
        }
        match image_info(&prefix) {
            Ok(info) => break info,
            Err(Error::NeedMoreData { needed, .. })
                if needed <= MAX_HEADER_READ && (prefix.len() as u64) == want =>
            {
                want = needed.max(want * 4).min(MAX_HEADER_READ);
            }
            Err(error) => return Err(format!("its header cannot be read: {error}")),
        }
    };
    let (width, height) = info.displayed_size();
    Ok(ImageEntry {
        key,
        size: metadata.len(),
        modified_ms: modified_ms(metadata).unwrap_or(0),
        mime: info.mime.to_owned(),
        width,
        height,
    })
}

/// A file's modification time in ms since the epoch, when the system tells it.
pub fn modified_ms(metadata: &std::fs::Metadata) -> Option<i64> {
    let since = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    i64::try_from(since.as_millis()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![0; (width * height) as usize])
            .unwrap();
        writer.finish().unwrap();
        out
    }

    fn dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gemini-vision-scan-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn images_are_found_recursively_sorted_and_measured() {
        let root = dir("found");
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::write(root.join("z.png"), png(3, 2)).unwrap();
        std::fs::write(root.join("b/c/a.png"), png(5, 7)).unwrap();
        std::fs::write(root.join("notes.txt"), b"hello there, not an image at all").unwrap();
        std::fs::write(root.join(".hidden.png"), png(1, 1)).unwrap();
        let found = scan(&root, &root.join("out")).unwrap();
        let keys: Vec<_> = found.images.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["b/c/a.png", "z.png"]);
        assert_eq!((found.images[0].width, found.images[0].height), (5, 7));
        assert_eq!(found.images[0].path(&root), root.join("b/c/a.png"));
        assert_eq!(found.skipped.len(), 1);
        assert_eq!(found.skipped[0].0, "notes.txt");
    }

    #[test]
    fn the_output_directory_inside_the_input_is_left_out() {
        let root = dir("output");
        std::fs::create_dir_all(root.join("out/annotated")).unwrap();
        std::fs::write(root.join("out/annotated/x.png"), png(2, 2)).unwrap();
        std::fs::write(root.join("in.png"), png(2, 2)).unwrap();
        let found = scan(&root, &root.join("out")).unwrap();
        assert_eq!(found.images.len(), 1);
        assert_eq!(found.images[0].key, "in.png");
    }

    #[test]
    fn a_broken_header_is_skipped_with_its_reason() {
        let root = dir("broken");
        let mut bad = png(4, 4);
        bad.truncate(20);
        std::fs::write(root.join("bad.png"), bad).unwrap();
        let found = scan(&root, &root.join("out")).unwrap();
        assert!(found.images.is_empty());
        assert!(found.skipped[0].1.contains("header"), "{:?}", found.skipped);
    }
}
