//! What the client's browser tests share: the emulators' URLs (given at compile time by
//! `scripts/suites/web-wasm.sh`), its admin API, and Blobs of known bytes.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use base64::Engine as _;
use gemini_vision::Endpoint;
use gemini_vision_web::transport::{Call, CallBody, Transport, read_capped};
use gemini_vision_web::{Client, ClientOptions};
use js_sys::{Array, Uint8Array};
use serde_json::Value;
use sha2::{Digest, Sha256};
use web_sys::Blob;

/// The key the emulators were started with (`--api-key`).
pub const KEY: &str = "gv-test-key-5f3a9c";

/// The emulator with Google's CORS (every upload header exposed).
pub fn fake() -> &'static str {
    match option_env!("GV_FAKE_URL") {
        Some(url) => url,
        None => panic!("run through scripts/suites/web-wasm.sh (GV_FAKE_URL is not set)"),
    }
}

/// The emulator started with `--strict-cors`.
pub fn strict() -> &'static str {
    match option_env!("GV_FAKE_STRICT_URL") {
        Some(url) => url,
        None => panic!("run through scripts/suites/web-wasm.sh (GV_FAKE_STRICT_URL is not set)"),
    }
}

/// A client of `base` with the right key.
pub fn client(base: &str) -> Client {
    client_with(base, |_| {})
}

/// A client of `base` with the right key and `change` applied to its options.
pub fn client_with(base: &str, change: impl FnOnce(&mut ClientOptions)) -> Client {
    let mut options = ClientOptions {
        api_key: Some(KEY.to_owned()),
        base_url: Some(base.to_owned()),
        ..ClientOptions::default()
    };
    change(&mut options);
    Client::new(options).unwrap()
}

async fn admin(base: &str, method: &'static str, path: &str, body: Option<Value>) -> Value {
    let transport = Transport::new(Endpoint::new(base, "v1beta").unwrap(), None);
    let url = format!("{base}/__fake/{path}");
    let mut call = Call::new(method, &url, None);
    if let Some(body) = body {
        call = call.json(CallBody::Bytes(serde_json::to_vec(&body).unwrap()));
    }
    let answer = transport.send(&call).await.unwrap();
    assert!(answer.ok(), "{method} {path}: {}", answer.status());
    let bytes = read_capped(&answer, 64 << 20, true, None, None)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap_or(Value::Null)
}

/// Forgets faults, files, sessions and the report.
pub async fn reset(base: &str) {
    admin(base, "POST", "reset", None).await;
}

/// Arms one fault (`POST /__fake/faults`).
pub async fn arm(base: &str, fault: Value) {
    admin(base, "POST", "faults", Some(fault)).await;
}

/// What the emulator received.
pub async fn report(base: &str) -> Value {
    admin(base, "GET", "report", None).await
}

/// Panics unless every fault armed since the last reset fired as often as it was armed
/// for (a sticky one at least once): a fault test must prove that its fault happened.
pub async fn assert_faults_fired(base: &str) {
    let report = report(base).await;
    let faults = report["faults"].as_array().cloned().unwrap_or_default();
    assert!(!faults.is_empty(), "no fault was armed: {report}");
    for fault in faults {
        let sticky = fault["spec"]["sticky"].as_bool().unwrap_or(false);
        let wanted = if sticky {
            1
        } else {
            fault["spec"]["times"].as_u64().unwrap_or(1)
        };
        let fired = fault["fired"].as_u64().unwrap_or(0);
        assert!(
            fired >= wanted,
            "fault fired {fired} of {wanted} times: {fault}"
        );
    }
}

/// Changes run-time settings (`PATCH /__fake/config`).
pub async fn configure(base: &str, settings: Value) {
    admin(base, "PATCH", "config", Some(settings)).await;
}

/// Expires every open upload session.
pub async fn expire_sessions(base: &str) {
    admin(base, "POST", "sessions/expire", None).await;
}

/// The report's record of the upload that made `file` (`files/abc`).
pub fn upload_of<'a>(report: &'a Value, file: &str) -> &'a Value {
    report["uploads"]
        .as_object()
        .and_then(|uploads| uploads.values().find(|u| u["file"] == file))
        .unwrap_or_else(|| panic!("no upload made {file}: {report}"))
}

/// Deterministic bytes that sniff as nothing in particular.
pub fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| {
            (i as u32)
                .wrapping_mul(2_654_435_761)
                .rotate_left(u32::from(seed % 31)) as u8
        })
        .map(|b| b ^ seed)
        .collect()
}

/// A Blob of `bytes` with `mime` as its type.
pub fn blob(bytes: &[u8], mime: &str) -> Blob {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap()
}

/// A File named `name` (no type: the client sniffs or is told).
pub fn file(bytes: &[u8], name: &str) -> web_sys::File {
    let parts = Array::of1(&Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

/// A Blob of `len` bytes made of one 1 MiB block repeated (so a 200 MB Blob costs the
/// page 1 MiB of script memory), and the base64 SHA-256 of its contents.
pub fn repeated_blob(len: usize, mime: &str) -> (Blob, String) {
    const BLOCK: usize = 1 << 20;
    let block = pattern(BLOCK, 7);
    let array = Uint8Array::from(block.as_slice());
    let parts = Array::new();
    let mut hasher = Sha256::new();
    let mut left = len;
    while left >= BLOCK {
        parts.push(&array);
        hasher.update(&block);
        left -= BLOCK;
    }
    if left > 0 {
        parts.push(&array.subarray(0, left as u32));
        hasher.update(&block[..left]);
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(hasher.finalize());
    (blob, hash)
}

/// The base64 SHA-256 of `bytes`, as the File API's `sha256Hash`.
pub fn sha256_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// A real image from `../shared/samples/images`.
#[macro_export]
macro_rules! sample_image {
    ($name:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/images/",
            $name
        ))
    };
}

/// A minimal MP4 header (`ftyp` box) followed by `len` pattern bytes: sniffs as
/// video/mp4, which the emulator keeps `PROCESSING` for a while.
pub fn mp4(len: usize) -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2".to_vec();
    bytes.extend(pattern(len, 3));
    bytes
}

/// Upload options for pattern bytes: typed `text/plain`, in fixed `chunk`-byte chunks.
pub fn text_upload(chunk: u64) -> gemini_vision_web::UploadOptions {
    gemini_vision_web::UploadOptions {
        mime_type: Some("text/plain".into()),
        chunk_size: Some(chunk),
        ..gemini_vision_web::UploadOptions::default()
    }
}
