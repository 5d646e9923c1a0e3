//! Resuming after a page reload: the record, the query it starts with, and the fresh
//! start when the session is gone.

use super::drive::drive;
use super::server_model::{Fault, ModelServer, Seen};
use super::*;
use crate::upload::{Progress, ResumeRecord, UploadPhase, resume_key};

/// Runs an upload against `server` until `chunks` chunks were confirmed, then "reloads
/// the page": returns the record a shell would have stored.
fn record_after(server: &mut ModelServer, size: u64, chunks: usize) -> ResumeRecord {
    let mut upload = Upload::new(config(size).chunking(ChunkSizing::Fixed(G)), 1, None).unwrap();
    let mut confirmed = 0;
    let mut record = None;
    while confirmed < chunks {
        match upload.next_action() {
            Action::Send(request) => {
                let body = super::drive::body_of(&request);
                match server.handle(&request, &body) {
                    Ok(response) => upload.on_response(response),
                    Err(message) => upload.on_transport_error(&message),
                }
            }
            Action::Progress(p) if p.confirmed > 0 => {
                confirmed += 1;
                record = upload.resume_record();
            }
            Action::Progress(_) | Action::Wait { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    record.expect("a record was written")
}

#[test]
fn record_exists_only_while_a_session_is_open() {
    let mut upload = upload(10);
    assert!(upload.resume_record().is_none());
    expect_send(&mut upload);
    upload.on_response(session_opened());
    let record = upload.resume_record().unwrap();
    assert_eq!(record.session_url, SESSION);
    assert_eq!(record.size, 10);
    next_request(&mut upload);
    upload.on_response(final_answer(10));
    assert!(upload.resume_record().is_none());
}

#[test]
fn resumed_upload_queries_first_and_finishes_the_same_file() {
    let mut server = ModelServer::new(G);
    let record = record_after(&mut server, 4 * G + 3, 2);
    let stored = ResumeRecord::from_json(&record.to_json()).unwrap();
    let mut resumed = Upload::resume(config(4 * G + 3), &stored, 2, None).unwrap();
    assert_eq!(resumed.phase(), UploadPhase::Recovering);
    assert!(matches!(
        resumed.next_action(),
        Action::Progress(Progress { confirmed, .. }) if confirmed == 2 * G
    ));
    let before = server.seen.len();
    let run = drive(&mut resumed, &mut server);
    assert_eq!(server.seen[before], Seen::Query);
    assert!(run.outcome.is_ok());
    assert_eq!(server.sessions_started(), 1);
    let expected = super::server_model::source(0, 4 * G + 3);
    assert_eq!(server.finalized_bytes(), Some(expected.as_slice()));
}

#[test]
fn resumed_upload_whose_session_expired_starts_afresh() {
    let mut server = ModelServer::new(G);
    let record = record_after(&mut server, 3 * G, 1);
    server.faults.push_back(Fault::Expire);
    let mut resumed = Upload::resume(config(3 * G), &record, 2, None).unwrap();
    let run = drive(&mut resumed, &mut server);
    assert!(run.outcome.is_ok());
    assert_eq!(server.sessions_started(), 2);
    assert_eq!(resumed.restarts(), 1);
    let expected = super::server_model::source(0, 3 * G);
    assert_eq!(server.finalized_bytes(), Some(expected.as_slice()));
}

#[test]
fn resumed_upload_under_cors_resumes_from_the_recorded_offset() {
    let mut server = ModelServer::new(G);
    let record = record_after(&mut server, 3 * G, 1);
    server.hide_headers = true;
    let mut resumed = Upload::resume(config(3 * G), &record, 2, None).unwrap();
    let before = server.seen.len();
    let run = drive(&mut resumed, &mut server);
    assert!(run.outcome.is_ok());
    let first_chunk_after_reload = server.seen[before..].iter().find_map(|s| match s {
        Seen::Chunk { offset, .. } => Some(*offset),
        _ => None,
    });
    assert_eq!(first_chunk_after_reload, Some(G));
}

#[test]
fn record_for_another_file_is_refused() {
    let mut server = ModelServer::new(G);
    let record = record_after(&mut server, 3 * G, 1);
    let err = Upload::resume(config(3 * G + 1), &record, 2, None).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

#[test]
fn record_with_an_unusable_session_url_is_refused() {
    let mut server = ModelServer::new(G);
    let mut record = record_after(&mut server, 3 * G, 1);
    record.session_url = "javascript:alert(1)".into();
    let err = Upload::resume(config(3 * G), &record, 2, None).unwrap_err();
    assert_eq!(err.code(), "MALFORMED");
}

#[test]
fn key_changes_with_each_identifying_part() {
    let endpoint = endpoint().upload_url();
    let base = resume_key("a.mp4", 10, 5, &endpoint);
    assert_ne!(base, resume_key("b.mp4", 10, 5, &endpoint));
    assert_ne!(base, resume_key("a.mp4", 11, 5, &endpoint));
    assert_ne!(base, resume_key("a.mp4", 10, 6, &endpoint));
    assert_ne!(
        base,
        resume_key("a.mp4", 10, 5, "https://other/upload/v1beta/files")
    );
    assert_eq!(base, resume_key("a.mp4", 10, 5, &endpoint));
}
