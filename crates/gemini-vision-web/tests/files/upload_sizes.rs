//! Uploads of edge sizes through `files.upload`: 0 B, 1 B, one granule, 8 MiB + 1, and
//! 200 MB, each whole and sent once.

use super::{Report, ai, assert_whole_once, obj, progress, set, upload_params};
use crate::support::{self, blob, fake, report, reset};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const GRANULE: usize = 262_144;

async fn upload_and_check(bytes: &[u8]) -> (serde_json::Value, Vec<Report>) {
    reset(fake()).await;
    let (on_progress, seen) = progress(|_| {});
    let config = obj(r#"{"mimeType":"text/plain"}"#);
    set(&config, "onProgress", &on_progress);
    let params = upload_params(&blob(bytes, "").into(), &config);
    let file = ai(fake()).files().upload(params).await.unwrap();
    let hash = support::sha256_b64(bytes);
    let upload = assert_whole_once(&report(fake()).await, &file, bytes.len() as u64, &hash);
    let progress = seen.borrow().clone();
    let last = progress.last().copied().unwrap();
    assert_eq!((last.0, last.1), (bytes.len() as u64, bytes.len() as u64));
    (upload, progress)
}

#[wasm_bindgen_test]
async fn an_empty_file_uploads() {
    upload_and_check(&[]).await;
}

#[wasm_bindgen_test]
async fn a_one_byte_file_uploads() {
    upload_and_check(&[42]).await;
}

#[wasm_bindgen_test]
async fn exactly_one_granule_goes_in_one_chunk() {
    let (upload, _) = upload_and_check(&support::pattern(GRANULE, 1)).await;
    assert_eq!(upload["chunks"].as_array().map(Vec::len), Some(1));
}

#[wasm_bindgen_test]
async fn eight_mib_and_one_byte_needs_a_second_chunk() {
    let (upload, progress) = upload_and_check(&support::pattern(8 * 1024 * 1024 + 1, 2)).await;
    let chunks = upload["chunks"].as_array().unwrap();
    assert_eq!(chunks.len(), 2, "{upload}");
    assert_eq!(chunks[1]["received"].as_u64(), Some(1));
    assert!(
        progress.iter().any(|p| p.0 == 8 * 1024 * 1024),
        "progress after chunk 1"
    );
}

#[wasm_bindgen_test]
async fn two_hundred_megabytes_upload_whole_from_a_blob() {
    reset(fake()).await;
    let len = 200 * 1024 * 1024 + 7;
    let (source, hash) = support::repeated_blob(len, "video/mp4");
    let (on_progress, seen) = progress(|_| {});
    let config = obj("{}");
    set(&config, "onProgress", &on_progress);
    let params = upload_params(&JsValue::from(source), &config);
    let file = ai(fake()).files().upload(params).await.unwrap();
    let upload = assert_whole_once(&report(fake()).await, &file, len as u64, &hash);
    let chunks = upload["chunks"].as_array().unwrap();
    // Adaptive chunks grow past the official clients' 8 MiB on a fast link.
    assert!(chunks.len() < 25, "{} chunks", chunks.len());
    assert!(seen.borrow().len() >= chunks.len());
}
