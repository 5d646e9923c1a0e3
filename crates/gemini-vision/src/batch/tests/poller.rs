//! The poller through every end: success after the output appears, failure with the
//! job's error, cancellation, expiry (said by the server or measured from
//! `createTime`), an output that never appears, and transient and permanent faults.

use crate::batch::{BatchAction, BatchError, BatchJob, BatchPollPolicy, BatchPoller, BatchState};
use crate::endpoint::Endpoint;
use crate::http::{Method, Response, header};
use crate::retry::{Backoff, RetryPolicy};
use serde_json::{Value, json};

const CREATED: &str = "2026-05-12T08:00:00Z";

/// 2026-05-12T08:00:00Z plus `hours`, in ms.
fn at(hours: f64) -> i64 {
    crate::batch::timestamp::parse_rfc3339_ms(CREATED).unwrap() + (hours * 3_600_000.0) as i64
}

fn operation(state: &str) -> Value {
    json!({"name": "batches/abc", "metadata": {
        "name": "batches/abc", "createTime": CREATED, "state": state,
        "batchStats": {"requestCount": "1", "pendingRequestCount": "1"}}})
}

fn with_output(mut operation: Value) -> Value {
    operation["done"] = json!(true);
    operation["response"] = json!({"responsesFile": "files/out"});
    operation
}

fn ok(body: Value) -> Answer {
    Answer::Http(Response::new(200).body(body.to_string()))
}

enum Answer {
    Http(Response),
    Network(&'static str),
}

/// What a run did.
#[derive(Debug, Default)]
struct Run {
    sends: usize,
    waits: Vec<u64>,
    updates: Vec<BatchState>,
    end: Option<Result<Box<BatchJob>, BatchError>>,
}

/// Drives `poller` against the scripted answers, all received at `now`.
fn drive(mut poller: BatchPoller, answers: Vec<Answer>, now: i64) -> Run {
    let mut answers = answers.into_iter();
    let mut run = Run::default();
    for _ in 0..1000 {
        match poller.next_action() {
            BatchAction::Send(request) => {
                assert_eq!(request.method, Method::Get);
                assert_eq!(request.url, "http://127.0.0.1:1/v1beta/batches/abc");
                assert_eq!(request.credential, crate::http::Credential::ApiKey);
                run.sends += 1;
                match answers.next() {
                    Some(Answer::Http(response)) => poller.on_response(response, now),
                    Some(Answer::Network(message)) => poller.on_transport_error(message),
                    // The script is over: the run ends without an end.
                    None => break,
                }
            }
            BatchAction::Wait { millis } => run.waits.push(millis),
            BatchAction::Update(job) => run.updates.push(job.state.clone()),
            BatchAction::Finished(job) => {
                run.end = Some(Ok(job));
                break;
            }
            BatchAction::Failed(error) => {
                run.end = Some(Err(error));
                break;
            }
        }
    }
    run
}

fn endpoint() -> Endpoint {
    Endpoint::new("http://127.0.0.1:1", "v1beta").unwrap()
}

fn poller() -> BatchPoller {
    BatchPoller::new(
        &endpoint(),
        "batches/abc",
        BatchPollPolicy::default(),
        7,
        None,
    )
    .unwrap()
}

fn failure(run: Run) -> BatchError {
    match run.end {
        Some(Err(error)) => error,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn a_job_that_succeeds_after_its_output_appears_finishes_with_it() {
    let run = drive(
        poller(),
        vec![
            ok(operation("BATCH_STATE_PENDING")),
            ok(operation("BATCH_STATE_RUNNING")),
            ok(operation("BATCH_STATE_SUCCEEDED")),
            ok(operation("BATCH_STATE_SUCCEEDED")),
            ok(with_output(operation("BATCH_STATE_SUCCEEDED"))),
        ],
        at(1.0),
    );
    let job = run.end.unwrap().unwrap();
    assert_eq!(job.results_file(), Some("files/out"));
    assert_eq!(run.sends, 5);
    assert_eq!(
        run.updates,
        [
            BatchState::Pending,
            BatchState::Running,
            BatchState::Succeeded,
            BatchState::Succeeded
        ]
    );
    assert_eq!(run.waits.len(), 4);
}

#[test]
fn updates_carry_the_stats() {
    let mut poller = poller();
    assert!(matches!(poller.next_action(), BatchAction::Send(_)));
    poller.on_response(
        Response::new(200).body(operation("JOB_STATE_RUNNING").to_string()),
        at(0.1),
    );
    let BatchAction::Update(job) = poller.next_action() else {
        panic!("expected an update");
    };
    assert_eq!(job.stats.unwrap().pending_request_count, Some(1));
    assert_eq!(poller.answers(), 1);
    assert_eq!(poller.last_job().unwrap().state, BatchState::Running);
}

#[test]
fn the_output_that_never_appears_ends_after_the_allowed_extra_polls() {
    let policy = BatchPollPolicy {
        max_output_polls: 3,
        ..BatchPollPolicy::default()
    };
    let poller = BatchPoller::new(&endpoint(), "abc", policy, 1, None).unwrap();
    let answers = (0..10)
        .map(|_| ok(operation("BATCH_STATE_SUCCEEDED")))
        .collect();
    let run = drive(poller, answers, at(1.0));
    assert_eq!(run.sends, 4);
    let error = failure(run);
    assert_eq!(error.code(), "BATCH_OUTPUT_MISSING");
    assert!(matches!(error, BatchError::OutputMissing { polls: 3, .. }));
}

#[test]
fn a_partial_inline_output_that_stays_partial_finishes_with_what_is_there() {
    let policy = BatchPollPolicy {
        max_output_polls: 2,
        ..BatchPollPolicy::default()
    };
    let poller = BatchPoller::new(&endpoint(), "abc", policy, 1, None).unwrap();
    let mut partial = operation("BATCH_STATE_SUCCEEDED");
    partial["metadata"]["batchStats"]["requestCount"] = json!("2");
    partial["response"] = json!({"inlinedResponses": {"inlinedResponses": [
        {"metadata": {"key": "req-1"}, "response": {}}]}});
    let answers = (0..5).map(|_| ok(partial.clone())).collect();
    let run = drive(poller, answers, at(1.0));
    assert_eq!(run.sends, 3);
    assert_eq!(run.end.unwrap().unwrap().inline_results().len(), 1);
}

#[test]
fn a_failed_job_fails_with_its_error() {
    let mut failed = operation("BATCH_STATE_FAILED");
    failed["error"] = json!({"code": 13, "message": "quota exceeded for batch"});
    let error = failure(drive(poller(), vec![ok(failed)], at(1.0)));
    assert_eq!(error.code(), "BATCH_FAILED");
    assert!(error.to_string().contains("quota exceeded for batch"));
    assert_eq!(error.job().unwrap().error.as_ref().unwrap().code, Some(13));
}

#[test]
fn a_done_operation_with_an_error_and_no_state_is_a_failure() {
    let body =
        json!({"name": "batches/abc", "done": true, "error": {"code": 2, "message": "lost"}});
    assert_eq!(
        failure(drive(poller(), vec![ok(body)], at(1.0))).code(),
        "BATCH_FAILED"
    );
}

#[test]
fn cancelled_and_expired_end_at_once() {
    for (state, code) in [
        ("BATCH_STATE_CANCELLED", "BATCH_CANCELLED"),
        ("JOB_STATE_CANCELLED", "BATCH_CANCELLED"),
        ("BATCH_STATE_EXPIRED", "BATCH_EXPIRED"),
    ] {
        let run = drive(poller(), vec![ok(operation(state))], at(1.0));
        assert_eq!(run.sends, 1);
        let error = failure(run);
        assert_eq!(error.code(), code, "{state}");
        if let BatchError::JobExpired { age_ms, .. } = error {
            assert_eq!(age_ms, None, "the server said so");
        }
    }
}

#[test]
fn a_job_still_running_48_hours_after_creation_expires() {
    let run = drive(
        poller(),
        vec![
            ok(operation("BATCH_STATE_RUNNING")),
            ok(operation("BATCH_STATE_RUNNING")),
        ],
        at(48.5),
    );
    assert_eq!(run.sends, 1);
    let BatchError::JobExpired {
        age_ms: Some(age), ..
    } = failure(run)
    else {
        panic!("expected a measured expiry");
    };
    assert_eq!(age, 48 * 3_600_000 + 1_800_000);
}

#[test]
fn the_servers_date_is_trusted_over_the_shells_clock() {
    // The shell's clock says 49 h, the server's Date says 47 h: not expired.
    let date = "Wed, 13 May 2026 07:00:00 GMT"; // CREATED + 47 h
    let answer = Response::new(200)
        .header(header::DATE, date)
        .body(operation("BATCH_STATE_RUNNING").to_string());
    let mut poller = poller();
    poller.next_action();
    poller.on_response(answer, at(49.0));
    assert!(matches!(poller.next_action(), BatchAction::Update(_)));
}

#[test]
fn waits_grow_are_jittered_and_capped() {
    let answers = (0..12)
        .map(|_| ok(operation("BATCH_STATE_RUNNING")))
        .collect::<Vec<_>>();
    let run = drive(poller(), answers, at(1.0));
    let backoff = BatchPollPolicy::default().interval;
    for (step, wait) in run.waits.iter().enumerate() {
        let nominal = backoff.nominal_ms(step as u32 + 1);
        assert!(
            *wait >= nominal / 2 && *wait <= nominal,
            "step {step}: {wait} vs {nominal}"
        );
    }
    assert!(run.waits.iter().all(|&w| w <= 60_000));
    assert!(run.waits.last().unwrap() >= &30_000);
}

#[test]
fn the_same_seed_gives_the_same_waits() {
    let waits = |seed| {
        let poller =
            BatchPoller::new(&endpoint(), "abc", BatchPollPolicy::default(), seed, None).unwrap();
        let answers = (0..6)
            .map(|_| ok(operation("BATCH_STATE_PENDING")))
            .collect();
        drive(poller, answers, at(1.0)).waits
    };
    assert_eq!(waits(3), waits(3));
    assert_ne!(waits(3), waits(4));
}

#[test]
fn a_503_with_retry_after_is_retried_after_exactly_that_long() {
    let busy = Response::new(503).header(header::RETRY_AFTER, "7");
    let run = drive(
        poller(),
        vec![
            Answer::Http(busy),
            ok(with_output(operation("BATCH_STATE_SUCCEEDED"))),
        ],
        at(1.0),
    );
    assert_eq!(run.waits, [7_000]);
    assert!(run.end.unwrap().is_ok());
}

#[test]
fn network_errors_and_garbled_answers_are_retried() {
    let run = drive(
        poller(),
        vec![
            Answer::Network("connection reset"),
            Answer::Http(Response::new(200).body("<html>proxy</html>")),
            ok(with_output(operation("BATCH_STATE_SUCCEEDED"))),
        ],
        at(1.0),
    );
    assert_eq!(run.sends, 3);
    assert!(run.end.unwrap().is_ok());
}

#[test]
fn retries_are_bounded_and_keep_the_last_error() {
    let policy = BatchPollPolicy {
        retry: RetryPolicy {
            max_retries: 2,
            ..RetryPolicy::default()
        },
        ..BatchPollPolicy::default()
    };
    let poller = BatchPoller::new(&endpoint(), "abc", policy, 1, None).unwrap();
    let answers = (0..5).map(|_| Answer::Http(Response::new(500))).collect();
    let run = drive(poller, answers, at(1.0));
    assert_eq!(run.sends, 3);
    let error = failure(run);
    assert_eq!(error.code(), "RETRIES_EXHAUSTED");
    assert_eq!(crate::Error::from(error).http_status(), Some(500));
}

#[test]
fn a_404_ends_at_once_with_the_api_error() {
    let gone = Response::new(404)
        .body(r#"{"error":{"code":404,"message":"batch not found","status":"NOT_FOUND"}}"#);
    let run = drive(poller(), vec![Answer::Http(gone)], at(1.0));
    assert_eq!(run.sends, 1);
    let error: crate::Error = failure(run).into();
    assert_eq!(error.api().unwrap().status.as_deref(), Some("NOT_FOUND"));
}

#[test]
fn a_body_over_the_cap_is_refused() {
    let policy = BatchPollPolicy {
        max_operation_bytes: 100,
        ..BatchPollPolicy::default()
    };
    let poller = BatchPoller::new(&endpoint(), "abc", policy, 1, None).unwrap();
    let mut big = operation("BATCH_STATE_RUNNING");
    big["metadata"]["displayName"] = json!("n".repeat(200));
    let mut answer = Response::new(200);
    answer.body = big.to_string().into_bytes();
    assert_eq!(
        failure(drive(poller, vec![Answer::Http(answer)], at(1.0))).code(),
        "LIMIT_EXCEEDED"
    );
}

#[test]
fn a_large_operation_set_directly_on_the_response_is_read_whole() {
    // Inline results make an Operation far bigger than the upload's 256 KiB answers.
    let entries: Vec<Value> = (0..2000)
        .map(|i| json!({"metadata": {"key": format!("req-{i}")},
                        "response": {"candidates": [{"content": {"parts": [{"text": "x".repeat(200)}]}}]}}))
        .collect();
    let mut body = operation("BATCH_STATE_SUCCEEDED");
    body["metadata"]["batchStats"]["requestCount"] = json!("2000");
    body["response"] = json!({"inlinedResponses": {"inlinedResponses": entries}});
    let mut answer = Response::new(200);
    answer.body = body.to_string().into_bytes();
    assert!(answer.body.len() > Response::BODY_CAP);
    let job = drive(poller(), vec![Answer::Http(answer)], at(1.0))
        .end
        .unwrap()
        .unwrap();
    assert_eq!(job.inline_results().len(), 2000);
}

#[test]
fn a_poller_from_a_finished_job_needs_no_request() {
    let job = BatchJob::from_json(
        with_output(operation("BATCH_STATE_SUCCEEDED"))
            .to_string()
            .as_bytes(),
    )
    .unwrap();
    let mut poller = BatchPoller::for_job(
        &endpoint(),
        job,
        BatchPollPolicy::default(),
        1,
        at(1.0),
        None,
    )
    .unwrap();
    assert!(matches!(poller.next_action(), BatchAction::Finished(_)));
    assert!(matches!(poller.next_action(), BatchAction::Finished(_)));
}

#[test]
fn a_poller_from_a_pending_job_waits_before_its_first_poll() {
    let job = BatchJob::from_json(operation("BATCH_STATE_PENDING").to_string().as_bytes()).unwrap();
    let mut poller = BatchPoller::for_job(
        &endpoint(),
        job,
        BatchPollPolicy::default(),
        1,
        at(0.0),
        None,
    )
    .unwrap();
    assert!(matches!(poller.next_action(), BatchAction::Wait { .. }));
    assert!(matches!(poller.next_action(), BatchAction::Send(_)));
}

#[test]
fn after_failing_the_error_is_returned_once() {
    let mut poller = poller();
    poller.next_action();
    poller.on_response(Response::new(400), at(0.0));
    assert!(matches!(
        poller.next_action(),
        BatchAction::Failed(BatchError::Request(_))
    ));
    let BatchAction::Failed(again) = poller.next_action() else {
        panic!("expected a failure");
    };
    assert_eq!(again.code(), "INVALID_INPUT");
}

#[test]
fn answers_when_none_is_awaited_are_ignored() {
    let mut poller = poller();
    poller.on_response(ok_response(), at(0.0));
    poller.on_transport_error("late");
    assert!(matches!(poller.next_action(), BatchAction::Send(_)));
}

#[test]
fn bad_names_are_refused() {
    let err = BatchPoller::new(
        &endpoint(),
        "batches/../files",
        BatchPollPolicy::default(),
        1,
        None,
    )
    .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

#[test]
fn the_interval_policy_is_the_callers() {
    let policy = BatchPollPolicy {
        interval: Backoff {
            initial_ms: 10,
            max_ms: 10,
            multiplier: 1.0,
        },
        ..BatchPollPolicy::default()
    };
    let poller = BatchPoller::new(&endpoint(), "abc", policy, 1, None).unwrap();
    let answers = (0..3)
        .map(|_| ok(operation("BATCH_STATE_RUNNING")))
        .collect::<Vec<_>>();
    let run = drive(poller, answers, at(1.0));
    assert!(run.waits.iter().all(|&w| (5..=10).contains(&w)));
}

fn ok_response() -> Response {
    Response::new(200).body(operation("BATCH_STATE_RUNNING").to_string())
}

#[test]
fn the_last_job_is_the_one_the_wait_ended_with() {
    let mut poller = poller();
    poller.next_action();
    poller.on_response(ok_response(), at(0.1));
    assert_eq!(poller.last_job().unwrap().state, BatchState::Running);
    poller.next_action(); // the update
    poller.next_action(); // the wait
    poller.next_action(); // the next get
    let done = with_output(operation("BATCH_STATE_SUCCEEDED"));
    poller.on_response(Response::new(200).body(done.to_string()), at(0.2));
    assert_eq!(poller.last_job().unwrap().results_file(), Some("files/out"));
}
