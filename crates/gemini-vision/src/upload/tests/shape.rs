//! The requests of an upload without faults: headers, bodies, chunk boundaries,
//! progress, and what a start answer may say.

use super::drive::drive;
use super::server_model::{Fault, ModelServer, Seen};
use super::*;
use crate::http::{Credential, Method, RequestBody};
use crate::upload::{AdaptiveChunks, Progress, UploadPhase};

fn chunks(server: &ModelServer) -> Vec<(u64, u64, bool)> {
    server
        .seen
        .iter()
        .filter_map(|seen| match seen {
            Seen::Chunk {
                offset,
                len,
                finalize,
                ..
            } => Some((*offset, *len, *finalize)),
            _ => None,
        })
        .collect()
}

fn run_clean(size: u64, chunking: ChunkSizing) -> (ModelServer, super::drive::Run) {
    let mut server = ModelServer::new(G);
    let mut upload = Upload::new(config(size).chunking(chunking), 1, None).unwrap();
    let run = drive(&mut upload, &mut server);
    (server, run)
}

#[test]
fn start_request_carries_the_documented_headers_and_metadata() {
    let mut upload = Upload::new(config(1234).display_name("clip"), 1, None).unwrap();
    let start = expect_send(&mut upload);
    assert_eq!(start.method, Method::Post);
    assert_eq!(start.url, "http://127.0.0.1:20401/upload/v1beta/files");
    assert_eq!(start.header("x-goog-upload-protocol"), Some("resumable"));
    assert_eq!(start.header("x-goog-upload-command"), Some("start"));
    assert_eq!(
        start.header("x-goog-upload-header-content-length"),
        Some("1234")
    );
    assert_eq!(
        start.header("x-goog-upload-header-content-type"),
        Some("video/mp4")
    );
    assert_eq!(start.header("content-type"), Some("application/json"));
    assert_eq!(start.credential, Credential::ApiKey);
    let RequestBody::Json(body) = &start.body else {
        panic!("start body must be JSON");
    };
    let body: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"file": {"displayName": "clip", "mimeType": "video/mp4", "sizeBytes": "1234"}})
    );
}

#[test]
fn no_request_ever_carries_the_api_key() {
    let (_, run) = run_clean(3 * G + 1, ChunkSizing::Fixed(G));
    for request in &run.requests {
        assert!(!request.url.contains("key="), "{}", request.url);
        assert!(request.header("x-goog-api-key").is_none());
    }
}

#[test]
fn zero_byte_file_is_one_empty_finalize_chunk() {
    let (server, run) = run_clean(0, ChunkSizing::default());
    assert_eq!(chunks(&server), [(0, 0, true)]);
    assert_eq!(run.outcome.unwrap().size_bytes, Some(0));
}

#[test]
fn file_of_exactly_one_granule_is_one_finalize_chunk() {
    let (server, _) = run_clean(G, ChunkSizing::Fixed(G));
    assert_eq!(chunks(&server), [(0, G, true)]);
}

#[test]
fn n_granules_plus_one_byte_ends_with_a_one_byte_finalize_chunk() {
    let (server, run) = run_clean(3 * G + 1, ChunkSizing::Fixed(G));
    assert_eq!(
        chunks(&server),
        [
            (0, G, false),
            (G, G, false),
            (2 * G, G, false),
            (3 * G, 1, true)
        ]
    );
    assert_eq!(
        server.finalized_bytes().map(<[u8]>::len),
        Some(3 * G as usize + 1)
    );
    assert!(run.outcome.is_ok());
}

#[test]
fn chunk_requests_carry_command_offset_and_the_source_range() {
    let mut upload = started(8 * MIB + 1);
    let first = next_request(&mut upload);
    assert_eq!(command(&first), "upload");
    assert_eq!(offset(&first), Some(0));
    assert_eq!(
        first.body,
        RequestBody::SourceRange {
            start: 0,
            end: 8 * MIB
        }
    );
    assert_eq!(first.url, SESSION);
    upload.on_response(active(None));
    let last = next_request(&mut upload);
    assert_eq!(command(&last), "upload, finalize");
    assert_eq!(offset(&last), Some(8 * MIB));
    assert_eq!(
        last.body,
        RequestBody::SourceRange {
            start: 8 * MIB,
            end: 8 * MIB + 1
        }
    );
}

#[test]
fn progress_is_reported_at_session_start_and_after_every_chunk() {
    let (_, run) = run_clean(3 * G + 1, ChunkSizing::Fixed(G));
    let confirmed: Vec<u64> = run.progress.iter().map(|(p, _)| p.confirmed).collect();
    assert_eq!(confirmed, [0, G, 2 * G, 3 * G, 3 * G + 1]);
    assert!(run.progress.iter().all(|(p, _)| p.total == 3 * G + 1));
}

#[test]
fn announced_granularity_sets_the_chunk_multiple() {
    let mut server = ModelServer::new(1024);
    let chunking = ChunkSizing::Fixed(2500);
    let mut upload = Upload::new(config(5000).chunking(chunking), 1, None).unwrap();
    let run = drive(&mut upload, &mut server);
    assert!(run.outcome.is_ok());
    assert_eq!(
        chunks(&server),
        [(0, 2048, false), (2048, 2048, false), (4096, 904, true)]
    );
}

#[test]
fn fast_chunks_grow_and_stay_aligned() {
    let adaptive = ChunkSizing::Adaptive(AdaptiveChunks {
        initial: G,
        min: G,
        max: 4 * G,
        ..AdaptiveChunks::default()
    });
    let (server, _) = run_clean(12 * G, adaptive);
    let lens: Vec<u64> = chunks(&server).iter().map(|c| c.1 / G).collect();
    // The model server answers at once: the second chunk is already the largest.
    assert_eq!(lens, [1, 4, 4, 3]);
}

#[test]
fn relative_session_url_is_resolved_against_the_endpoint() {
    let mut server = ModelServer::new(G);
    server.relative_urls = true;
    let mut upload = upload(G + 1);
    let run = drive(&mut upload, &mut server);
    assert!(run.outcome.is_ok());
    assert!(
        run.requests[1]
            .url
            .starts_with("http://127.0.0.1:20401/upload/v1beta/files?upload_id=")
    );
    assert_eq!(run.requests[1].credential, Credential::SessionUrl);
}

#[test]
fn session_on_another_origin_is_followed_without_the_api_key() {
    let mut upload = upload(10);
    expect_send(&mut upload);
    upload.on_response(
        Response::new(200).header(header::UPLOAD_URL, "https://elsewhere.example/s?id=1"),
    );
    let chunk = next_request(&mut upload);
    assert_eq!(chunk.url, "https://elsewhere.example/s?id=1");
    assert_eq!(chunk.credential, Credential::SessionUrl);
}

#[test]
fn start_answer_without_session_url_is_a_protocol_error_naming_the_proxy_fix() {
    let mut upload = upload(10);
    expect_send(&mut upload);
    upload.on_response(Response::new(200).header(header::UPLOAD_STATUS, "active"));
    let Action::Failed(error) = upload.next_action() else {
        panic!("expected failure");
    };
    assert_eq!(error.code(), "UPLOAD_PROTOCOL");
    assert!(error.to_string().contains("expose"));
    assert_eq!(upload.phase(), UploadPhase::Failed);
}

#[test]
fn absurd_granularity_is_a_protocol_error() {
    for value in ["0", "-1", "abc", "1099511627776"] {
        let mut upload = upload(10);
        expect_send(&mut upload);
        upload.on_response(session_opened().header(header::UPLOAD_CHUNK_GRANULARITY, value));
        let Action::Failed(error) = upload.next_action() else {
            panic!("expected failure for {value}");
        };
        assert_eq!(error.code(), "UPLOAD_PROTOCOL", "{value}");
    }
}

#[test]
fn finished_upload_returns_the_servers_file() {
    let mut upload = started(10);
    next_request(&mut upload);
    upload.on_response(final_answer(10));
    assert_eq!(
        upload.next_action_skipping_progress(),
        Some(("files/abc".to_owned(), Some(10)))
    );
    assert_eq!(
        upload.progress(),
        Progress {
            confirmed: 10,
            total: 10
        }
    );
    assert_eq!(upload.phase(), UploadPhase::Finished);
}

#[test]
fn final_answer_with_another_size_is_a_protocol_error() {
    let mut upload = started(10);
    next_request(&mut upload);
    upload.on_response(final_answer(9));
    let Action::Failed(error) = upload.next_action() else {
        panic!("expected failure");
    };
    assert_eq!(error.code(), "UPLOAD_PROTOCOL");
}

#[test]
fn asking_again_after_the_end_repeats_the_file_or_says_it_ended() {
    let mut upload = started(10);
    next_request(&mut upload);
    upload.on_response(final_answer(10));
    upload.next_action_skipping_progress();
    assert!(matches!(upload.next_action(), Action::Finished(_)));

    let mut failed = upload_failing_at_once();
    assert!(matches!(failed.next_action(), Action::Failed(e) if e.code() == "API_ERROR"));
    assert!(matches!(failed.next_action(), Action::Failed(e) if e.code() == "INVALID_INPUT"));
}

fn upload_failing_at_once() -> Upload {
    let mut upload = upload(10);
    expect_send(&mut upload);
    upload.on_response(Response::new(403));
    upload
}

impl Upload {
    /// The finished file's name and size, after any progress report.
    fn next_action_skipping_progress(&mut self) -> Option<(String, Option<u64>)> {
        loop {
            match self.next_action() {
                Action::Progress(_) => {}
                Action::Finished(file) => return Some((file.name, file.size_bytes)),
                _ => return None,
            }
        }
    }
}

/// The session URL is the credential of a session (the REST docs and the Vercel AI SDK
/// send no key with it): a key sent along would only be a key exposed to whoever
/// answers at that URL, even on the endpoint's own origin.
#[test]
fn only_the_start_request_carries_the_api_key() {
    for relative in [false, true] {
        let mut server = ModelServer::new(G);
        server.relative_urls = relative;
        // The start goes through; the first chunk's answer is lost, forcing a query.
        server.faults.extend([Fault::None, Fault::LoseAnswer]);
        let mut upload = upload(3 * G + 1);
        let run = drive(&mut upload, &mut server);
        assert!(run.outcome.is_ok());
        assert!(server.faults_fired > 0, "the fault must force a query");
        let (start, session) = run.requests.split_first().unwrap();
        assert_eq!(start.credential, Credential::ApiKey);
        assert!(session.iter().any(|r| command(r) == "query"));
        for request in session {
            let command = request.header(header::UPLOAD_COMMAND);
            assert_eq!(request.credential, Credential::SessionUrl, "{command:?}");
        }
    }
}
