//! Our upload, compared with what the official clients were recorded sending
//! (`../shared/wire/official-clients.json`): same start headers, and with their fixed
//! 8 MiB chunks, the same commands, offsets and chunk sizes.

use super::drive::drive;
use super::server_model::ModelServer;
use super::*;
use crate::http::RequestBody;
use serde_json::Value;

const RECORDING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/wire/official-clients.json"
);

/// One recorded upload: the start request's headers, and each chunk's
/// (command, offset, body length).
struct RecordedUpload {
    size: u64,
    start_headers: serde_json::Map<String, Value>,
    chunks: Vec<(String, u64, u64)>,
}

fn recorded_uploads() -> Vec<RecordedUpload> {
    let text = std::fs::read_to_string(RECORDING).expect("the shared recording is readable");
    let clients: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    let mut uploads: Vec<RecordedUpload> = Vec::new();
    for request in clients.values().filter_map(Value::as_array).flatten() {
        let headers = request["headers"].as_object().cloned().unwrap_or_default();
        match headers.get("X-Goog-Upload-Command").and_then(Value::as_str) {
            Some("start") => uploads.push(RecordedUpload {
                size: headers["X-Goog-Upload-Header-Content-Length"]
                    .as_str()
                    .and_then(|n| n.parse().ok())
                    .unwrap(),
                start_headers: headers,
                chunks: Vec::new(),
            }),
            Some(command) => {
                let offset = headers["X-Goog-Upload-Offset"]
                    .as_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                // Bodies are recorded as "<N raw bytes>".
                let len = request["body"]
                    .as_str()
                    .and_then(|b| b.trim_start_matches('<').split(' ').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap();
                let upload = uploads.last_mut().expect("a chunk follows a start");
                upload.chunks.push((command.to_owned(), offset, len));
            }
            None => {}
        }
    }
    uploads
}

#[test]
fn the_recording_holds_uploads_from_both_clients() {
    let uploads = recorded_uploads();
    assert_eq!(uploads.len(), 2);
    assert!(uploads.iter().all(|u| u.chunks.len() == 3));
}

#[test]
fn our_start_request_sets_every_protocol_header_the_official_clients_set() {
    for recorded in recorded_uploads() {
        let mime = recorded.start_headers["X-Goog-Upload-Header-Content-Type"]
            .as_str()
            .unwrap();
        let config = UploadConfig::new(endpoint(), recorded.size, mime);
        let mut upload = Upload::new(config, 1, None).unwrap();
        let start = expect_send(&mut upload);
        for (name, value) in &recorded.start_headers {
            let protocol_header =
                name.starts_with("X-Goog-Upload-") && name != "X-Goog-Upload-File-Name";
            if protocol_header || name == "Content-Type" {
                assert_eq!(start.header(name), value.as_str(), "{name}");
            }
        }
    }
}

#[test]
fn with_fixed_eight_mebibyte_chunks_we_send_what_the_official_clients_send() {
    for recorded in recorded_uploads() {
        let chunking = ChunkSizing::Fixed(ChunkSizing::DEFAULT_CHUNK);
        let mut upload = Upload::new(config(recorded.size).chunking(chunking), 1, None).unwrap();
        let run = drive(&mut upload, &mut ModelServer::new(G));
        assert!(run.outcome.is_ok());
        let ours: Vec<(String, u64, u64)> = run
            .requests
            .iter()
            .filter(|r| matches!(r.body, RequestBody::SourceRange { .. }))
            .map(|r| (command(r).to_owned(), offset(r).unwrap(), r.body.len()))
            .collect();
        assert_eq!(ours, recorded.chunks);
    }
}
