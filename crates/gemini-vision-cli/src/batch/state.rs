//! What survives a stop: the batch's state, kept beside its output.
//!
//! Two files in the output directory, each replaced atomically (written to a temporary
//! file, synced, renamed), so a kill at any moment leaves the previous or the next
//! version, never half of one:
//! - `.batch-images.json`: the images of the batch (key, size, modification time, MIME
//!   type, pixel size), written once before anything is sent. A rerun uses this list,
//!   not a fresh scan, so the same requests are rebuilt byte for byte.
//! - `.batch-state.json`: what the job is (model, prompt, ...) and how far it got
//!   ([`Stage`]): the upload's resume record, when the create request went out, the
//!   job's name, whether the results are being or have been written. It is small and
//!   rewritten after every step.
//!
//! Neither holds the API key (the upload session URL in the resume record is a
//! credential for that one upload only).

use super::scan::ImageEntry;
use gemini_vision::upload::ResumeRecord;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The state file's name in the output directory.
pub const STATE_FILE: &str = ".batch-state.json";
/// The image list's name in the output directory.
pub const IMAGES_FILE: &str = ".batch-images.json";

/// The longest state file read back (a real one is a few kilobytes).
const MAX_STATE_BYTES: u64 = 1024 * 1024;
/// The longest image list read back (about 200 bytes an image).
const MAX_IMAGES_BYTES: u64 = 512 * 1024 * 1024;

/// What identifies a job: a rerun must ask for the same thing to continue it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobSpec {
    /// The input directory, absolute.
    pub input_dir: PathBuf,
    /// The model, as given.
    pub model: String,
    /// The prompt sent with every image.
    pub prompt: String,
    /// The system instruction, if any.
    pub system: Option<String>,
    /// The job's display name (the user's, or one made up at the first run).
    pub display_name: String,
    /// The API's base URL.
    pub base_url: String,
    /// The API version.
    pub api_version: String,
}

/// How far the batch got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "camelCase", deny_unknown_fields)]
pub enum Stage {
    /// The images are listed; nothing has been sent.
    Planned,
    /// The JSONL file is being uploaded; `resume` continues the session (none until
    /// the session is open).
    #[serde(rename_all = "camelCase")]
    Uploading {
        /// The open session.
        resume: Option<ResumeRecord>,
    },
    /// The JSONL file is uploaded.
    Uploaded {
        /// Its name, `files/...`.
        file: String,
    },
    /// The create request went out at `sent_at_ms` and its answer was not recorded:
    /// a rerun looks for the job before it creates one.
    #[serde(rename_all = "camelCase")]
    Creating {
        /// The uploaded JSONL file, for the file route.
        file: Option<String>,
        /// When (ms since the epoch, our clock).
        sent_at_ms: i64,
    },
    /// The job exists; it is waited for.
    Running {
        /// Its name, `batches/...`.
        job: String,
    },
    /// The job succeeded; its results are being written (those written are the
    /// per-image files that name this job).
    Downloading {
        /// Its name.
        job: String,
    },
    /// Everything is written.
    Done {
        /// Its name.
        job: String,
        /// Images with a result.
        succeeded: usize,
        /// Images with an error.
        failed: usize,
    },
    /// The job ended without results (failed, cancelled, expired): a rerun reports it
    /// again and creates nothing.
    Ended {
        /// Its name.
        job: String,
        /// `BATCH_STATE_FAILED`, ...
        state: String,
        /// The job's own message.
        message: String,
    },
}

/// The state file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchState {
    /// The format; [`BatchState::VERSION`] is the only one read.
    pub version: u32,
    /// What the job is.
    pub spec: JobSpec,
    /// How many images `.batch-images.json` lists.
    pub image_count: usize,
    /// How far it got.
    pub stage: Stage,
}

impl BatchState {
    /// The current format.
    pub const VERSION: u32 = 1;
}

/// The output directory and the two files in it.
#[derive(Debug, Clone)]
pub struct StateDir {
    dir: PathBuf,
}

impl StateDir {
    /// The state kept in `dir` (created if missing).
    pub fn open(dir: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(StateDir {
            dir: dir.to_path_buf(),
        })
    }

    /// The output directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file's path.
    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// The saved state, if there is one.
    pub fn load(&self) -> Result<Option<BatchState>, String> {
        let Some(bytes) = read_capped(&self.state_path(), MAX_STATE_BYTES)? else {
            return Ok(None);
        };
        let state: BatchState = serde_json::from_slice(&bytes).map_err(|e| {
            format!(
                "{} cannot be read ({e}); move it away to start over",
                self.state_path().display()
            )
        })?;
        if state.version != BatchState::VERSION {
            return Err(format!(
                "{} is of format {}, not {}",
                self.state_path().display(),
                state.version,
                BatchState::VERSION
            ));
        }
        Ok(Some(state))
    }

    /// Replaces the state file.
    pub fn save(&self, state: &BatchState) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(state).map_err(io::Error::other)?;
        write_atomically(&self.state_path(), &json)
    }

    /// The saved image list; it must hold `count` images.
    pub fn load_images(&self, count: usize) -> Result<Vec<ImageEntry>, String> {
        let path = self.dir.join(IMAGES_FILE);
        let bytes = read_capped(&path, MAX_IMAGES_BYTES)?
            .ok_or_else(|| format!("{} is missing", path.display()))?;
        let images: Vec<ImageEntry> = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
        if let Some(bad) = images.iter().find(|image| !is_relative_path(&image.key)) {
            return Err(format!(
                "{} lists {:?}, which is not a path inside the input directory",
                path.display(),
                bad.key
            ));
        }
        if images.len() != count {
            return Err(format!(
                "{} lists {} images, the state file {count}",
                path.display(),
                images.len()
            ));
        }
        Ok(images)
    }

    /// Writes the image list.
    pub fn save_images(&self, images: &[ImageEntry]) -> io::Result<()> {
        let json = serde_json::to_vec(images).map_err(io::Error::other)?;
        write_atomically(&self.dir.join(IMAGES_FILE), &json)
    }
}

/// Whether `key` names a file below a directory: `/`-separated plain names, none of
/// them empty, `.` or `..` (a hand-edited image list cannot reach outside).
pub fn is_relative_path(key: &str) -> bool {
    !key.is_empty()
        && key
            .split('/')
            .all(|part| !matches!(part, "" | "." | "..") && !part.contains('\\'))
}

fn read_capped(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, String> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("{} cannot be read: {error}", path.display())),
    };
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    if bytes.len() as u64 > cap {
        return Err(format!("{} is over {cap} bytes", path.display()));
    }
    Ok(Some(bytes))
}

/// Writes `bytes` to `path` so that a reader (or a crash) sees the old file or the new
/// one, whole: a temporary file beside it, synced, then renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(name);
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> JobSpec {
        JobSpec {
            input_dir: "/data/photos".into(),
            model: "gemini-2.5-flash".into(),
            prompt: "Detect".into(),
            system: None,
            display_name: "photos".into(),
            base_url: "https://generativelanguage.googleapis.com".into(),
            api_version: "v1beta".into(),
        }
    }

    fn state_dir(name: &str) -> StateDir {
        let dir =
            std::env::temp_dir().join(format!("gemini-vision-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        StateDir::open(&dir).unwrap()
    }

    #[test]
    fn every_stage_round_trips_through_the_file() {
        let dir = state_dir("stages");
        assert_eq!(dir.load().unwrap(), None);
        let record = ResumeRecord {
            version: ResumeRecord::VERSION,
            session_url: "https://h/upload/v1beta/files?upload_id=1".into(),
            size: 10,
            mime_type: "application/jsonl".into(),
            granularity: 262_144,
            confirmed: 0,
        };
        for stage in [
            Stage::Planned,
            Stage::Uploading {
                resume: Some(record),
            },
            Stage::Creating {
                file: Some("files/abc".into()),
                sent_at_ms: 5,
            },
            Stage::Done {
                job: "batches/x".into(),
                succeeded: 3,
                failed: 1,
            },
        ] {
            let state = BatchState {
                version: BatchState::VERSION,
                spec: spec(),
                image_count: 4,
                stage,
            };
            dir.save(&state).unwrap();
            assert_eq!(dir.load().unwrap(), Some(state));
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, [STATE_FILE], "no temporary file is left behind");
    }

    #[test]
    fn a_damaged_state_file_is_an_error_that_says_what_to_do() {
        let dir = state_dir("damaged");
        std::fs::write(dir.state_path(), b"{\"version\":1,").unwrap();
        assert!(dir.load().unwrap_err().contains("move it away"));
    }

    #[test]
    fn keys_that_could_leave_the_directory_are_refused() {
        for key in [
            "../x.png",
            "a//b.png",
            "/etc/x.png",
            "a/./b.png",
            "a\\..\\b",
            "",
        ] {
            assert!(!is_relative_path(key), "{key:?}");
        }
        assert!(is_relative_path("shelf/cat.jpg"));
    }

    #[test]
    fn an_image_list_of_another_length_is_refused() {
        let dir = state_dir("images");
        dir.save_images(&[]).unwrap();
        assert!(dir.load_images(0).unwrap().is_empty());
        assert!(dir.load_images(2).is_err());
    }
}
