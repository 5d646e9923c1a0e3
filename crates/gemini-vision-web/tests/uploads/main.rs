//! Uploads against the emulator in headless Chromium: sizes from 0 B to 200 MB, every
//! fault the emulator injects, abort, and resume after a "reload"; each proved from the
//! emulator's report (bytes arrived once, `sha256Hash` equals ours).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod abort_resume;
mod faults;
mod sizes;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use gemini_vision::wire::File;
use serde_json::Value;

/// Checks that `file` holds exactly `hash` and `len` bytes and that every byte crossed
/// the wire once (no overlap); returns the emulator's record of the upload.
pub fn assert_whole_once(report: &Value, file: &File, len: u64, hash: &str) -> Value {
    assert_whole(report, file, len, hash, 0)
}

/// The requests of the upload session `upload` as "METHOD STATUS BYTES".
pub fn session_requests(report: &Value, upload: &Value) -> Vec<String> {
    let id = upload["uploadId"].as_str().unwrap_or_default();
    report["requests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.contains(id)))
        .map(|r| {
            format!(
                "{} {} {}",
                r["method"].as_str().unwrap_or(""),
                r["status"],
                r["bytes"]
            )
        })
        .collect()
}

/// Checks that `file` holds exactly `hash` and `len` bytes, of which at most
/// `max_overlap` arrived twice; returns the emulator's record of the upload.
pub fn assert_whole(report: &Value, file: &File, len: u64, hash: &str, max_overlap: u64) -> Value {
    assert_eq!(file.size_bytes, Some(len));
    let served = file.sha256_hash.as_deref();
    assert_eq!(served, Some(hash), "sha256Hash");
    let upload = support::upload_of(report, &file.name).clone();
    let session = session_requests(report, &upload);
    assert_eq!(upload["bytesCommitted"].as_u64(), Some(len), "{upload}");
    let overlap = upload["overlapBytes"].as_u64().unwrap_or(u64::MAX);
    assert!(
        overlap <= max_overlap,
        "{overlap} bytes arrived twice: {upload} {session:?}"
    );
    assert_eq!(upload["status"], "final");
    upload
}
