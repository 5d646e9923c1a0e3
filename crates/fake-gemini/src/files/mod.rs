//! The File API's files: records, the store, the `get`/`list`/`delete` handlers, and
//! turning finished uploads into files.

pub mod handlers;
pub mod record;
pub mod store;

use std::path::PathBuf;
use std::time::Duration;

use crate::clock;
use crate::ids;
use crate::media_probe::{self, Probe};
use crate::mime;
use crate::state::AppState;
use record::FileRecord;

/// A completed upload about to become a file.
#[derive(Debug)]
pub struct Finished {
    /// Where its bytes are now (moved into the store).
    pub path: PathBuf,
    /// `displayName`.
    pub display_name: Option<String>,
    /// MIME type.
    pub mime_type: String,
    /// Size in bytes (already reserved in the project usage).
    pub size: u64,
    /// SHA-256 of the bytes.
    pub sha256: [u8; 32],
    /// A fault asked for this file to end `FAILED`.
    pub fails: bool,
}

/// Stores a finished upload as a new file: moves its bytes, probes them for token
/// counting and sets how long it stays `PROCESSING`.
pub async fn create(state: &AppState, finished: Finished) -> std::io::Result<FileRecord> {
    let id = ids::file_id();
    let path = state.files.path_for(&format!("file-{id}"));
    tokio::fs::rename(&finished.path, &path).await?;
    let kind = mime::classify(&finished.mime_type);
    let probe_path = path.clone();
    let probe = match kind {
        Some(kind) => tokio::task::spawn_blocking(move || {
            std::fs::File::open(&probe_path)
                .map(|file| media_probe::probe(kind, file))
                .unwrap_or_default()
        })
        .await
        .unwrap_or_default(),
        None => Probe::default(),
    };
    let settings = state.settings();
    let now = clock::now();
    let processing = if settings.starts_processing(&finished.mime_type) || finished.fails {
        settings.processing()
    } else {
        Duration::ZERO
    };
    let record = FileRecord {
        id,
        display_name: finished.display_name,
        mime_type: finished.mime_type,
        size: finished.size,
        sha256: finished.sha256,
        created: now,
        ready_at: now + processing,
        fails: finished.fails,
        path,
        probe,
        seq: 0,
        hash_of_hex: settings.sha256_hash_of_hex,
        generated: false,
    };
    Ok(state.files.insert(record))
}
