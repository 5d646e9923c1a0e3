//! Waiting for `ACTIVE`: the poller's answers, waits, failures and timeout.

use super::*;
use crate::error::Error;
use crate::http::Method;
use crate::retry::Backoff;
use crate::upload::{ActivePoller, PollPolicy};
use crate::wire::{File, FileState};
use proptest::prelude::*;

fn file_answer(state: &str) -> Response {
    Response::new(200).body(format!(
        r#"{{"name":"files/abc","state":"{state}","error":{{"code":3,"message":"unsupported codec"}}}}"#
    ))
}

fn poller() -> ActivePoller {
    ActivePoller::new(&endpoint(), "files/abc", PollPolicy::default(), 9, None).unwrap()
}

/// Feeds `answers` one poll at a time; returns the waits and the end.
fn run(
    poller: &mut ActivePoller,
    answers: Vec<Result<Response, &str>>,
) -> (Vec<u64>, Option<Action>) {
    let mut waits = Vec::new();
    let mut answers = answers.into_iter();
    loop {
        match poller.next_action() {
            Action::Send(_) => match answers.next() {
                Some(Ok(response)) => poller.on_response(response),
                Some(Err(message)) => poller.on_transport_error(message),
                None => return (waits, None),
            },
            Action::Wait { millis } => waits.push(millis),
            end => return (waits, Some(end)),
        }
    }
}

#[test]
fn poll_request_is_a_get_of_the_file() {
    let request = expect_send(&mut poller());
    assert_eq!(request.method, Method::Get);
    assert_eq!(request.url, "http://127.0.0.1:20401/v1beta/files/abc");
    assert_eq!(request.credential, crate::http::Credential::ApiKey);
}

#[test]
fn active_file_finishes_at_once() {
    let (waits, end) = run(&mut poller(), vec![Ok(file_answer("ACTIVE"))]);
    assert!(waits.is_empty());
    let Some(Action::Finished(file)) = end else {
        panic!("expected the file, got {end:?}");
    };
    assert_eq!(file.state, Some(FileState::Active));
}

#[test]
fn processing_file_is_polled_with_growing_jittered_waits() {
    let answers = (0..4)
        .map(|_| Ok(file_answer("PROCESSING")))
        .chain([Ok(file_answer("ACTIVE"))]);
    let (waits, end) = run(&mut poller(), answers.collect());
    assert!(matches!(end, Some(Action::Finished(_))));
    let nominal = [1000, 1500, 2250, 3375];
    assert_eq!(waits.len(), 4);
    for (wait, nominal) in waits.iter().zip(nominal) {
        assert!((nominal / 2..=nominal).contains(wait), "{waits:?}");
    }
}

#[test]
fn failed_file_fails_with_the_servers_message() {
    let (_, end) = run(&mut poller(), vec![Ok(file_answer("FAILED"))]);
    let Some(Action::Failed(Error::FileFailed { name, message })) = end else {
        panic!("expected FileFailed, got {end:?}");
    };
    assert_eq!(name, "files/abc");
    assert_eq!(message, "unsupported codec");
}

#[test]
fn polling_stops_at_the_timeout() {
    let policy = PollPolicy {
        interval: Backoff {
            initial_ms: 400,
            max_ms: 400,
            multiplier: 1.0,
        },
        timeout_ms: 1000,
        ..PollPolicy::default()
    };
    let mut poller = ActivePoller::new(&endpoint(), "abc", policy, 1, None).unwrap();
    let answers = (0..10)
        .map(|_| Ok(file_answer("PROCESSING").elapsed_ms(50)))
        .collect();
    let (waits, end) = run(&mut poller, answers);
    let Some(Action::Failed(Error::Timeout { millis })) = end else {
        panic!("expected a timeout, got {end:?}");
    };
    assert!(millis >= 1000, "{millis}");
    assert!(waits.iter().sum::<u64>() <= 1000, "{waits:?}");
}

#[test]
fn missing_file_fails_at_once() {
    let (_, end) = run(&mut poller(), vec![Ok(Response::new(404))]);
    assert!(matches!(end, Some(Action::Failed(Error::Api(api))) if api.http_status == 404));
}

#[test]
fn overloaded_server_is_retried_after_its_retry_after() {
    let busy = Response::new(503).header(header::RETRY_AFTER, "2");
    let (waits, end) = run(
        &mut poller(),
        vec![Ok(busy), Err("reset"), Ok(file_answer("ACTIVE"))],
    );
    assert!(matches!(end, Some(Action::Finished(_))));
    assert_eq!(waits[0], 2000);
    assert_eq!(waits.len(), 2);
}

#[test]
fn unreadable_answers_exhaust_the_retries() {
    let answers = (0..20)
        .map(|_| Ok(Response::new(200).body("<html>")))
        .collect();
    let (_, end) = run(&mut poller(), answers);
    let Some(Action::Failed(Error::RetriesExhausted { last, .. })) = end else {
        panic!("expected exhaustion, got {end:?}");
    };
    assert_eq!(last.code(), "MALFORMED");
}

#[test]
fn uploaded_file_already_active_needs_no_request() {
    let file = File {
        name: "files/abc".into(),
        state: Some(FileState::Active),
        ..File::default()
    };
    let mut poller =
        ActivePoller::for_file(&endpoint(), &file, PollPolicy::default(), 1, None).unwrap();
    assert!(matches!(poller.next_action(), Action::Finished(_)));
}

#[test]
fn uploaded_file_still_processing_is_polled_at_once() {
    let file = File {
        name: "files/abc".into(),
        state: Some(FileState::Processing),
        ..File::default()
    };
    let mut poller =
        ActivePoller::for_file(&endpoint(), &file, PollPolicy::default(), 1, None).unwrap();
    assert!(matches!(poller.next_action(), Action::Send(_)));
}

#[test]
fn file_names_that_are_not_file_ids_are_refused() {
    let err = ActivePoller::new(
        &endpoint(),
        "files/../models/x",
        PollPolicy::default(),
        1,
        None,
    )
    .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

proptest! {
    #[test]
    fn any_answers_end_the_poll_within_bounds(
        answers in proptest::collection::vec(
            (prop_oneof![Just(200u16), Just(404), Just(429), Just(500), Just(400)],
             prop_oneof![
                 Just("ACTIVE".to_owned()), Just("PROCESSING".to_owned()),
                 Just("FAILED".to_owned()), "[A-Z_]{0,12}",
             ],
             0u64..100_000),
            0..200),
    ) {
        let mut poller = poller();
        let answers = answers.into_iter().map(|(status, state, elapsed)| {
            Ok(file_answer(&state).elapsed_ms(elapsed).with_status(status))
        });
        let (waits, _) = run(&mut poller, answers.collect());
        prop_assert!(waits.iter().sum::<u64>() <= PollPolicy::default().timeout_ms);
    }
}

trait WithStatus {
    fn with_status(self, status: u16) -> Self;
}

impl WithStatus for Response {
    fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
}

/// A 256 KiB answer of `[{},{},...]` is 87,000 objects once parsed; the poller refuses
/// it from its shape and asks again, as for any unreadable answer.
#[test]
fn a_file_answer_over_the_resource_limits_is_not_built() {
    let mut flood = br#"{"name":"files/abc","state":"ACTIVE","x":["#.to_vec();
    flood.extend(b"{},".repeat(80_000));
    flood.extend(b"{}]}");
    let policy = PollPolicy {
        retry: crate::retry::RetryPolicy {
            max_retries: 0,
            ..crate::retry::RetryPolicy::default()
        },
        ..PollPolicy::default()
    };
    let mut poller = ActivePoller::new(&endpoint(), "files/abc", policy, 9, None).unwrap();
    let (_, end) = run(&mut poller, vec![Ok(Response::new(200).body(flood))]);
    let Some(Action::Failed(Error::RetriesExhausted { last, .. })) = end else {
        panic!("expected the poller to give up, got {end:?}");
    };
    assert_eq!(last.code(), "LIMIT_EXCEEDED");
}
