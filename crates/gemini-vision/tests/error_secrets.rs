//! The API key never reaches an error's text, whatever the server (or an echoing proxy)
//! sends back: not whole, not cut at a length cap, not quoted by a parser, not split by
//! a JSON escape. Checked in `Display`, `Debug` and every field, for every way server
//! text enters an error.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::endpoint::Endpoint;
use gemini_vision::http::{Response, header};
use gemini_vision::response::{ResponseStream, parse_event};
use gemini_vision::retry::{Retrier, RetryPolicy, RetryVerdict};
use gemini_vision::upload::{Action, ActivePoller, PollPolicy, StateMachine, Upload, UploadConfig};
use gemini_vision::{ApiError, ApiKey, Error};

const KEY: &str = "AIzaSyD-kEy0123456789abcdefghijklmnopqrs";

fn key() -> ApiKey {
    ApiKey::new(KEY).unwrap()
}

/// Fails if any 8 characters in a row of the key appear in `text`.
fn assert_clean(text: &str, context: &str) {
    for start in 0..=KEY.len() - ApiKey::MIN_FRAGMENT {
        let piece = &KEY[start..start + ApiKey::MIN_FRAGMENT];
        assert!(!text.contains(piece), "{context}: {piece:?} in {text:?}");
    }
}

/// Display, Debug, and every field of an API error inside.
fn assert_error_clean(error: &Error) {
    assert_clean(&error.to_string(), "Display");
    assert_clean(&format!("{error:?}"), "Debug");
    if let Some(api) = error.api() {
        assert_api_clean(api);
    }
}

fn assert_api_clean(api: &ApiError) {
    assert_clean(&api.message, "message");
    assert_clean(api.status.as_deref().unwrap_or_default(), "status");
    assert_clean(&api.raw_body, "raw_body");
    assert_clean(&serde_json::to_string(&api.details).unwrap(), "details");
    assert_clean(&format!("{api} {api:?}"), "ApiError Display/Debug");
}

#[test]
fn a_key_straddling_the_raw_body_cut_leaves_no_prefix() {
    for offset in [1, 8, 12, 30, KEY.len() - 1] {
        let mut body = "x".repeat(ApiError::RAW_BODY_CAP - offset).into_bytes();
        body.extend(KEY.as_bytes());
        body.extend(b" and more");
        let api = ApiError::from_response(500, &body, Some(&key()));
        assert!(api.raw_body.len() <= ApiError::RAW_BODY_CAP);
        assert_api_clean(&api);
    }
}

#[test]
fn a_key_echoed_in_every_field_of_an_error_body_is_scrubbed() {
    let escaped = format!("\\u0041{}", &KEY[1..]); // JSON escapes hide it from a text search
    let body = format!(
        r#"{{"error":{{"code":400,"message":"API key {KEY} is bad, {escaped}","status":"{KEY}","details":[{{"@type":"x","{KEY}":["{escaped}", "{}"]}}]}}}}"#,
        &KEY[..20] // a proxy cut the key itself
    );
    let api = ApiError::from_response(400, body.as_bytes(), Some(&key()));
    assert_api_clean(&api);
    assert!(api.message.contains("[REDACTED]"), "{}", api.message);
}

#[test]
fn a_key_quoted_by_the_json_parser_is_scrubbed() {
    // serde quotes the offending value: `invalid type: string "<key>", expected u32`.
    let event = format!(r#"{{"candidates":[{{"index":"{KEY}"}}]}}"#);
    let error = parse_event(event.as_bytes(), 200, Some(&key())).unwrap_err();
    assert_eq!(error.code(), "MALFORMED");
    assert_error_clean(&error);
    let body = format!(r#"[{{"candidates":[{{"finishReason":{{"{KEY}":1}},"index":"{KEY}"}}]}}]"#);
    for result in ResponseStream::decode_all(body.as_bytes(), Some(&key())) {
        assert_error_clean(&result.unwrap_err());
    }
}

#[test]
fn a_stream_error_event_echoing_the_key_is_scrubbed() {
    let event = format!(
        r#"{{"error":{{"code":429,"message":"quota for {KEY}","status":"RESOURCE_EXHAUSTED"}}}}"#
    );
    let error = parse_event(event.as_bytes(), 200, Some(&key())).unwrap_err();
    assert_eq!(error.http_status(), Some(429));
    assert_error_clean(&error);
}

#[test]
fn a_network_message_over_the_cut_is_scrubbed_before_it_is_cut() {
    let message = format!("{}{KEY}", "y".repeat(1024 - 12));
    assert_error_clean(&Error::transport(&message, Some(&key())));
    let mut retrier = Retrier::new(
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        },
        1,
        Some(&key()),
    );
    let RetryVerdict::Fail(error) = retrier.on_transport_error(&message) else {
        panic!("expected to give up");
    };
    assert_error_clean(&error);
}

#[test]
fn errors_given_up_on_after_retries_are_scrubbed() {
    let mut retrier = Retrier::new(
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        },
        1,
        Some(&key()),
    );
    let answer = Response::new(503).body(format!("<html>upstream {KEY} failed</html>"));
    let RetryVerdict::Fail(error) = retrier.on_response(&answer) else {
        panic!("expected to give up");
    };
    assert_eq!(error.code(), "RETRIES_EXHAUSTED");
    assert_error_clean(&error);
}

fn failed(machine: &mut impl StateMachine, answers: Vec<Response>) -> Error {
    let mut answers = answers.into_iter();
    for _ in 0..1000 {
        match machine.next_action() {
            Action::Send(_) => match answers.next() {
                Some(answer) => machine.on_response(answer),
                None => machine.on_transport_error(&format!("socket closed, key={KEY}")),
            },
            Action::Failed(error) => return error,
            Action::Finished(_) => panic!("expected a failure"),
            Action::Wait { .. } | Action::Progress(_) => {}
        }
    }
    panic!("the machine never ended")
}

#[test]
fn a_file_failure_and_an_unreadable_file_echoing_the_key_are_scrubbed() {
    let policy = PollPolicy {
        retry: RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        },
        ..PollPolicy::default()
    };
    let endpoint = Endpoint::default();
    let failure =
        format!(r#"{{"name":"{KEY}","state":"FAILED","error":{{"message":"bad {KEY}"}}}}"#);
    let mut poller =
        ActivePoller::new(&endpoint, "files/a", policy.clone(), 1, Some(&key())).unwrap();
    let error = failed(&mut poller, vec![Response::new(200).body(failure)]);
    assert_eq!(error.code(), "FILE_FAILED");
    assert_error_clean(&error);
    let unreadable = format!(r#"{{"name":"files/a","sizeBytes":"{KEY}"}}"#);
    let mut poller = ActivePoller::new(&endpoint, "files/a", policy, 1, Some(&key())).unwrap();
    assert_error_clean(&failed(
        &mut poller,
        vec![Response::new(200).body(unreadable)],
    ));
}

#[test]
fn an_upload_status_header_echoing_the_key_is_scrubbed() {
    let config = UploadConfig::new(Endpoint::default(), 10, "image/png").retry(RetryPolicy {
        max_retries: 0,
        ..RetryPolicy::default()
    });
    let mut upload = Upload::new(config, 1, Some(&key())).unwrap();
    let opened = Response::new(200).header(header::UPLOAD_URL, "/upload/v1beta/files?upload_id=1");
    let odd = Response::new(200).header(header::UPLOAD_STATUS, KEY);
    let error = failed(&mut upload, vec![opened, odd]);
    assert_eq!(error.code(), "RETRIES_EXHAUSTED");
    assert_error_clean(&error);
}
