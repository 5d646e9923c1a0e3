//! Under quota the Gemini API answers 429 `RESOURCE_EXHAUSTED` and says how long to wait
//! in the body, as a `google.rpc.RetryInfo` detail whose `retryDelay` is a protobuf
//! duration (`"37s"`, `"0.5s"`, `"45.837906927s"`). Unlike `Retry-After`, the body is
//! readable cross-origin. The retry policy waits exactly that long, and gives up at
//! once, saying when to try again, when that is longer than the caller will wait.
//!
//! `../shared/fixtures` holds no recorded 429, so the bodies below are written in the
//! shape Google's error model documents (`google.rpc.Help`, `QuotaFailure`,
//! `RetryInfo` in `error.details`), with the quota names the Gemini API uses.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::upload::{Action, ActivePoller, PollPolicy, StateMachine, Upload, UploadConfig};

use gemini_vision::endpoint::Endpoint;

use gemini_vision::http::{Response, header};

use gemini_vision::retry::{Retrier, RetryPolicy, RetryVerdict};
use gemini_vision::{ApiError, Error};

/// A per-minute quota answer asking for `delay` (a protobuf duration string).
fn quota_429(delay: &str) -> String {
    format!(
        r#"{{
  "error": {{
    "code": 429,
    "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10\nPlease retry in {delay}.",
    "status": "RESOURCE_EXHAUSTED",
    "details": [
      {{
        "@type": "type.googleapis.com/google.rpc.Help",
        "links": [{{"description": "Learn more about Gemini API quotas", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}}]
      }},
      {{
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        "violations": [{{
          "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
          "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
          "quotaDimensions": {{"location": "global", "model": "gemini-2.5-flash"}},
          "quotaValue": "10"
        }}]
      }},
      {{
        "@type": "type.googleapis.com/google.rpc.RetryInfo",
        "retryDelay": "{delay}"
      }}
    ]
  }}
}}"#
    )
}

fn retrier() -> Retrier {
    Retrier::new(RetryPolicy::default(), 7, None)
}

fn verdict(body: &str) -> RetryVerdict {
    retrier().on_response(&Response::new(429).body(body))
}

#[test]
fn a_quota_retry_delay_is_waited_exactly() {
    let verdict = verdict(&quota_429("37s"));
    assert!(
        matches!(verdict, RetryVerdict::Retry { after_ms: 37_000 }),
        "{verdict:?}"
    );
}

#[test]
fn a_fractional_retry_delay_is_rounded_up_to_the_millisecond() {
    let verdict = verdict(&quota_429("0.5s"));
    assert!(
        matches!(verdict, RetryVerdict::Retry { after_ms: 500 }),
        "{verdict:?}"
    );
    let verdict = retrier().on_response(&Response::new(429).body(quota_429("45.837906927s")));
    assert!(
        matches!(verdict, RetryVerdict::Retry { after_ms: 45_838 }),
        "{verdict:?}"
    );
}

#[test]
fn the_longer_of_retry_after_and_retry_info_is_waited() {
    let answer = Response::new(429)
        .header(header::RETRY_AFTER, "40")
        .body(quota_429("37s"));
    let verdict = retrier().on_response(&answer);
    assert!(
        matches!(verdict, RetryVerdict::Retry { after_ms: 40_000 }),
        "{verdict:?}"
    );
}

#[test]
fn a_delay_beyond_the_callers_patience_gives_up_at_once_saying_when() {
    let patient_for_30s = RetryPolicy {
        max_wait_ms: 30_000,
        ..RetryPolicy::default()
    };
    let mut retrier = Retrier::new(patient_for_30s, 7, None);
    let RetryVerdict::Fail(error) = retrier.on_response(&Response::new(429).body(quota_429("37s")))
    else {
        panic!("expected to give up at once");
    };
    assert_eq!(retrier.failures(), 1, "no retry was spent");
    assert_eq!(error.code(), "RETRY_LATER");
    assert_eq!(error.retry_after_ms(), Some(37_000));
    assert_eq!(error.http_status(), Some(429));
    let Error::RetryLater {
        retry_after_ms,
        max_wait_ms,
        ..
    } = &error
    else {
        panic!("expected RetryLater, got {error:?}");
    };
    assert_eq!((*retry_after_ms, *max_wait_ms), (37_000, 30_000));
    let text = error.to_string();
    assert!(text.starts_with("retry in 37 s: "), "{text}");
    assert!(text.contains("RESOURCE_EXHAUSTED"), "{text}");
}

#[test]
fn a_daily_quota_fails_at_once_with_the_default_policy() {
    let verdict = verdict(&quota_429("43200s"));
    let RetryVerdict::Fail(error) = verdict else {
        panic!("expected to give up, got {verdict:?}");
    };
    assert_eq!(error.retry_after_ms(), Some(43_200_000));
}

#[test]
fn the_api_error_keeps_the_delay_it_was_given() {
    let api = ApiError::from_response(429, quota_429("0.5s").as_bytes(), None);
    assert_eq!(api.retry_delay_ms(), Some(500));
    assert_eq!(api.status.as_deref(), Some("RESOURCE_EXHAUSTED"));
    // The bare quota answer (no RetryInfo) names no delay and is backed off as before.
    let bare = r#"{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}"#;
    assert_eq!(
        ApiError::from_response(429, bare.as_bytes(), None).retry_delay_ms(),
        None
    );
    let verdict = retrier().on_response(&Response::new(429).body(bare));
    assert!(
        matches!(verdict, RetryVerdict::Retry { after_ms } if after_ms <= 1000),
        "{verdict:?}"
    );
}

/// Sends the first request, answers `answer`; returns the wait that follows.
fn wait_after(machine: &mut impl StateMachine, answer: Response) -> Action {
    loop {
        match machine.next_action() {
            Action::Send(_) => break,
            Action::Progress(_) => {}
            other => panic!("expected a request, got {other:?}"),
        }
    }
    machine.on_response(answer);
    loop {
        match machine.next_action() {
            Action::Progress(_) => {}
            other => return other,
        }
    }
}

#[test]
fn the_upload_and_the_poller_wait_as_the_api_says() {
    let config = UploadConfig::new(Endpoint::default(), 10, "image/png");
    let mut upload = Upload::new(config, 1, None).unwrap();
    let wait = wait_after(&mut upload, Response::new(429).body(quota_429("37s")));
    assert!(matches!(wait, Action::Wait { millis: 37_000 }), "{wait:?}");
    let mut poller = ActivePoller::new(
        &Endpoint::default(),
        "files/a",
        PollPolicy::default(),
        1,
        None,
    )
    .unwrap();
    let wait = wait_after(&mut poller, Response::new(429).body(quota_429("2.25s")));
    assert!(matches!(wait, Action::Wait { millis: 2_250 }), "{wait:?}");
}
