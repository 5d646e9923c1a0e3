//! What happens after each kind of failure: waits, queries, resumes, restarts, and the
//! ends (exhausted retries, permanent errors, cancellation).

use super::*;
use crate::error::Error;
use crate::http::RequestBody;
use crate::retry::RetryPolicy;
use crate::upload::UploadPhase;

/// Runs to the next request, returning the waits passed on the way.
fn waits_then_request(upload: &mut Upload) -> (Vec<u64>, HttpRequest) {
    let mut waits = Vec::new();
    loop {
        match upload.next_action() {
            Action::Wait { millis } => waits.push(millis),
            Action::Progress(_) => {}
            Action::Send(request) => return (waits, request),
            other => panic!("expected a request, got {other:?}"),
        }
    }
}

fn failure(upload: &mut Upload) -> Error {
    loop {
        match upload.next_action() {
            Action::Failed(error) => return error,
            Action::Progress(_) | Action::Wait { .. } => {}
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}

/// An upload of `3 * G + 1` bytes in `G` chunks whose first chunk is in flight.
fn first_chunk_in_flight() -> Upload {
    let mut upload =
        Upload::new(config(3 * G + 1).chunking(ChunkSizing::Fixed(G)), 1, None).unwrap();
    expect_send(&mut upload);
    upload.on_response(session_opened());
    next_request(&mut upload);
    upload
}

#[test]
fn transport_error_on_a_chunk_waits_then_queries() {
    let mut upload = first_chunk_in_flight();
    upload.on_transport_error("connection reset");
    let (waits, query) = waits_then_request(&mut upload);
    assert_eq!(waits.len(), 1);
    assert!((500..=1000).contains(&waits[0]), "{waits:?}");
    assert_eq!(command(&query), "query");
    assert_eq!(query.body, RequestBody::Empty);
    assert_eq!(upload.phase(), UploadPhase::Recovering);
}

#[test]
fn query_answer_sets_where_the_upload_resumes() {
    let mut upload = first_chunk_in_flight();
    upload.on_transport_error("reset");
    waits_then_request(&mut upload);
    upload.on_response(active(Some(G)));
    let chunk = next_request(&mut upload);
    assert_eq!(offset(&chunk), Some(G));
    assert_eq!(upload.progress().confirmed, G);
}

#[test]
fn hidden_size_received_resumes_from_the_last_confirmed_offset() {
    let mut upload = first_chunk_in_flight();
    upload.on_response(active(None));
    next_request(&mut upload);
    upload.on_transport_error("reset");
    waits_then_request(&mut upload);
    upload.on_response(Response::new(200).header(header::UPLOAD_STATUS, "active"));
    let chunk = next_request(&mut upload);
    assert_eq!(offset(&chunk), Some(G));
}

#[test]
fn chunk_answer_without_status_is_checked_with_a_query() {
    let mut upload = first_chunk_in_flight();
    upload.on_response(Response::new(200));
    let (_, query) = waits_then_request(&mut upload);
    assert_eq!(command(&query), "query");
    upload.on_response(active(Some(G)));
    assert_eq!(offset(&next_request(&mut upload)), Some(G));
}

#[test]
fn final_chunk_answer_without_status_but_with_the_file_finishes() {
    let mut upload = started(10);
    next_request(&mut upload);
    let stripped = final_answer(10);
    upload.on_response(Response::new(200).body(stripped.body));
    assert!(matches!(upload.next_action(), Action::Progress(_)));
    assert!(matches!(upload.next_action(), Action::Finished(_)));
}

#[test]
fn active_answer_to_the_finalize_chunk_is_checked_with_a_query() {
    let mut upload = started(10);
    next_request(&mut upload);
    upload.on_response(active(None));
    let (_, query) = waits_then_request(&mut upload);
    assert_eq!(command(&query), "query");
    upload.on_response(active(Some(10)));
    let finalize = next_request(&mut upload);
    assert_eq!(command(&finalize), "upload, finalize");
    assert_eq!(
        finalize.body,
        RequestBody::SourceRange { start: 10, end: 10 }
    );
}

#[test]
fn retryable_statuses_on_a_chunk_wait_then_query() {
    for status in [408, 429, 500, 502, 503, 504] {
        let mut upload = first_chunk_in_flight();
        upload.on_response(Response::new(status));
        let (waits, query) = waits_then_request(&mut upload);
        assert_eq!(waits.len(), 1, "{status}");
        assert_eq!(command(&query), "query", "{status}");
    }
}

#[test]
fn retry_after_seconds_is_the_wait() {
    let mut upload = first_chunk_in_flight();
    upload.on_response(Response::new(429).header(header::RETRY_AFTER, "7"));
    let (waits, _) = waits_then_request(&mut upload);
    assert_eq!(waits, [7000]);
}

#[test]
fn retry_after_date_is_measured_against_the_answers_date() {
    let mut upload = first_chunk_in_flight();
    upload.on_response(
        Response::new(503)
            .header(header::RETRY_AFTER, "Tue, 01 Dec 2026 10:00:30 GMT")
            .header(header::DATE, "Tue, 01 Dec 2026 10:00:00 GMT"),
    );
    let (waits, _) = waits_then_request(&mut upload);
    assert_eq!(waits, [30_000]);
}

#[test]
fn non_retryable_client_errors_fail_at_once_with_the_api_error() {
    let body = r#"{"error":{"code":400,"message":"bad offset","status":"INVALID_ARGUMENT"}}"#;
    let mut upload = first_chunk_in_flight();
    upload.on_response(Response::new(400).body(body));
    let Error::Api(api) = failure(&mut upload) else {
        panic!("expected an API error");
    };
    assert_eq!(api.message, "bad offset");
    assert_eq!(api.http_status, 400);
}

#[test]
fn start_is_retried_on_5xx_and_fails_on_4xx() {
    let mut upload = upload(10);
    expect_send(&mut upload);
    upload.on_response(Response::new(503));
    let (_, again) = waits_then_request(&mut upload);
    assert_eq!(command(&again), "start");
    upload.on_response(Response::new(401));
    assert_eq!(failure(&mut upload).http_status(), Some(401));
}

#[test]
fn expired_session_starts_over_from_byte_zero() {
    let mut upload = first_chunk_in_flight();
    upload.on_response(active(None));
    next_request(&mut upload);
    upload.on_response(Response::new(404));
    assert_eq!(command(&next_request(&mut upload)), "start");
    upload.on_response(session_opened());
    assert!(matches!(
        upload.next_action(),
        Action::Progress(p) if p.confirmed == 0
    ));
    assert_eq!(offset(&next_request(&mut upload)), Some(0));
    assert_eq!(upload.restarts(), 1);
}

#[test]
fn restarts_are_bounded() {
    let mut upload = Upload::new(config(10).max_restarts(2), 1, None).unwrap();
    for _ in 0..3 {
        assert_eq!(command(&next_request(&mut upload)), "start");
        upload.on_response(session_opened());
        next_request(&mut upload);
        upload.on_response(Response::new(404));
    }
    let Error::RetriesExhausted { attempts, last } = failure(&mut upload) else {
        panic!("expected exhaustion");
    };
    assert_eq!(attempts, 3);
    assert_eq!(last.http_status(), Some(404));
}

#[test]
fn consecutive_failures_exhaust_the_retries() {
    let policy = RetryPolicy {
        max_retries: 2,
        ..RetryPolicy::default()
    };
    let mut upload = Upload::new(config(10).retry(policy), 1, None).unwrap();
    next_request(&mut upload);
    for _ in 0..3 {
        upload.on_transport_error("offline");
        if upload.phase() == UploadPhase::Failed {
            break;
        }
        next_request(&mut upload);
    }
    let Error::RetriesExhausted { attempts, last } = failure(&mut upload) else {
        panic!("expected exhaustion");
    };
    assert_eq!(attempts, 3);
    assert_eq!(last.code(), "TRANSPORT");
}

#[test]
fn a_confirmed_chunk_forgives_earlier_failures() {
    let policy = RetryPolicy {
        max_retries: 1,
        ..RetryPolicy::default()
    };
    let chunking = ChunkSizing::Fixed(G);
    let mut upload = Upload::new(config(3 * G).retry(policy).chunking(chunking), 1, None).unwrap();
    next_request(&mut upload);
    upload.on_response(session_opened());
    for _ in 0..2 {
        next_request(&mut upload);
        upload.on_transport_error("reset");
        next_request(&mut upload);
        upload.on_response(active(Some(upload.progress().confirmed + G)));
    }
    assert_eq!(upload.phase(), UploadPhase::Uploading);
}

#[test]
fn cancel_with_an_open_session_sends_cancel_and_ends_cancelled() {
    let mut upload = first_chunk_in_flight();
    upload.cancel();
    let cancel = next_request(&mut upload);
    assert_eq!(command(&cancel), "cancel");
    assert_eq!(cancel.url, SESSION);
    assert!(upload.resume_record().is_none());
    upload.on_response(Response::new(200).header(header::UPLOAD_STATUS, "cancelled"));
    assert!(matches!(
        upload.next_action(),
        Action::Failed(Error::UploadCancelled)
    ));
    assert_eq!(upload.phase(), UploadPhase::Cancelled);
}

#[test]
fn cancel_ends_even_if_the_cancel_request_fails() {
    let mut upload = first_chunk_in_flight();
    upload.cancel();
    next_request(&mut upload);
    upload.on_transport_error("offline");
    assert!(matches!(
        upload.next_action(),
        Action::Failed(Error::UploadCancelled)
    ));
}

#[test]
fn cancel_before_a_session_exists_ends_at_once() {
    let mut upload = upload(10);
    expect_send(&mut upload);
    upload.cancel();
    assert!(matches!(
        upload.next_action(),
        Action::Failed(Error::UploadCancelled)
    ));
}

#[test]
fn cancel_after_the_end_changes_nothing() {
    let mut upload = started(10);
    next_request(&mut upload);
    upload.on_response(final_answer(10));
    upload.cancel();
    assert_eq!(upload.phase(), UploadPhase::Finished);
}

#[test]
fn server_cancelled_session_ends_cancelled() {
    let mut upload = first_chunk_in_flight();
    upload.on_response(Response::new(200).header(header::UPLOAD_STATUS, "cancelled"));
    assert!(matches!(
        upload.next_action(),
        Action::Failed(Error::UploadCancelled)
    ));
}

#[test]
fn interrupt_resyncs_with_a_query_without_counting_a_failure() {
    let mut upload = first_chunk_in_flight();
    upload.interrupt();
    let (waits, query) = waits_then_request(&mut upload);
    assert!(waits.is_empty());
    assert_eq!(command(&query), "query");
}

#[test]
fn asking_again_without_an_answer_repeats_the_request() {
    let mut upload = first_chunk_in_flight();
    let again = expect_send(&mut upload);
    assert_eq!(offset(&again), Some(0));
    assert_eq!(again.body, RequestBody::SourceRange { start: 0, end: G });
}

#[test]
fn an_answer_when_none_is_awaited_is_ignored() {
    let mut upload = upload(10);
    upload.on_response(Response::new(500));
    upload.on_transport_error("stray");
    assert_eq!(command(&expect_send(&mut upload)), "start");
}

#[test]
fn oversized_garbage_answers_are_handled_without_panicking() {
    let mut upload = first_chunk_in_flight();
    let mut huge = Response::new(200).header(header::UPLOAD_STATUS, "final");
    huge.body = vec![b'{'; 4 * Response::BODY_CAP];
    upload.on_response(huge);
    let (_, retry) = waits_then_request(&mut upload);
    assert_eq!(command(&retry), "upload");
}

/// An upload whose first chunk failed; its query is in flight.
fn query_in_flight() -> Upload {
    let mut upload = first_chunk_in_flight();
    upload.on_transport_error("reset");
    let (_, query) = waits_then_request(&mut upload);
    assert_eq!(command(&query), "query");
    upload
}

#[test]
fn query_answer_final_with_the_file_finishes() {
    let mut upload = query_in_flight();
    upload.on_response(final_answer(3 * G + 1));
    assert!(matches!(upload.next_action(), Action::Progress(_)));
    assert!(matches!(upload.next_action(), Action::Finished(_)));
}

#[test]
fn query_answer_with_a_size_beyond_the_file_is_a_protocol_error() {
    let mut upload = query_in_flight();
    upload.on_response(active(Some(3 * G + 2)));
    assert_eq!(failure(&mut upload).code(), "UPLOAD_PROTOCOL");
}

#[test]
fn query_answer_without_any_status_is_asked_again() {
    let mut upload = query_in_flight();
    upload.on_response(Response::new(200));
    let (waits, again) = waits_then_request(&mut upload);
    assert_eq!(waits.len(), 1);
    assert_eq!(command(&again), "query");
}

#[test]
fn expired_session_on_a_query_starts_over() {
    let mut upload = query_in_flight();
    upload.on_response(Response::new(404));
    assert_eq!(command(&next_request(&mut upload)), "start");
}
