//! When to try again, and how long to wait first: exponential backoff with jitter, or
//! the server's own delay (`Retry-After`, or the `retryDelay` of a 429's
//! `google.rpc.RetryInfo`) when it names one and it is within the caller's patience,
//! with a bounded number of attempts.
//!
//! The upload machine and the file poller use it, and so can the shell for unary calls
//! such as `generateContent` through [`Retrier`]. There is no clock and no RNG of the
//! system here: the caller gives a seed, and waits come back as milliseconds for the
//! shell to sleep.

use crate::api_key::ApiKey;
use crate::error::{ApiError, Error};
use crate::http::Response;

mod after;
pub(crate) use after::parse_http_date;
pub use after::retry_after_ms;

/// Exponentially growing waits: `initial_ms`, then times `multiplier` each step, never
/// more than `max_ms`. These are nominal values; jitter is applied on top.
#[derive(Debug, Clone, PartialEq)]
pub struct Backoff {
    /// The first wait.
    pub initial_ms: u64,
    /// The cap.
    pub max_ms: u64,
    /// Growth per step (sanitised to at least 1).
    pub multiplier: f64,
}

impl Backoff {
    /// The nominal wait at `step` (1-based).
    pub fn nominal_ms(&self, step: u32) -> u64 {
        let multiplier = if self.multiplier.is_finite() {
            self.multiplier.max(1.0)
        } else {
            1.0
        };
        let exponent = i32::try_from(step.saturating_sub(1)).unwrap_or(i32::MAX);
        let nominal = self.initial_ms as f64 * multiplier.powi(exponent);
        // `as` saturates for floats (and maps NaN to 0), which is exactly what we want.
        (nominal as u64).min(self.max_ms)
    }
}

/// How many times to retry and how long to wait between attempts.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after consecutive failures; the first attempt is not a retry, so at most
    /// `max_retries + 1` attempts are made in a row without progress.
    pub max_retries: u32,
    /// The waits between attempts when the server names none.
    pub backoff: Backoff,
    /// The caller's patience: the longest wait the server may ask for (a `Retry-After`
    /// header, or the `retryDelay` of a 429's `google.rpc.RetryInfo`) that we sleep
    /// through. A server asking for more ends the retries at once with
    /// [`Error::RetryLater`], which says when to try again, rather than hanging a page.
    pub max_wait_ms: u64,
}

impl Default for RetryPolicy {
    /// Six retries from 1 s, doubling to at most 32 s: about a minute of trying,
    /// which rides out a deploy or a quota blip without hanging a page for long. A
    /// server's own delay is waited up to a minute (a per-minute quota's window); a
    /// longer one (a daily quota) fails at once.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 6,
            backoff: Backoff {
                initial_ms: 1_000,
                max_ms: 32_000,
                multiplier: 2.0,
            },
            max_wait_ms: 60_000,
        }
    }
}

/// A small deterministic generator for jitter (SplitMix64), seeded by the shell.
#[derive(Debug, Clone)]
pub(crate) struct Jitter {
    state: u64,
}

impl Jitter {
    pub(crate) fn new(seed: u64) -> Self {
        Jitter { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// "Equal jitter": half the nominal wait, plus a random part of the other half, so
    /// clients that failed together spread out but nobody retries at once.
    pub(crate) fn spread(&mut self, nominal_ms: u64) -> u64 {
        let half = nominal_ms / 2;
        let random = self.next_u64() % (nominal_ms - half + 1);
        half + random
    }
}

/// What to do with the answer to one attempt.
#[derive(Debug)]
pub enum RetryVerdict {
    /// A success: use the answer.
    Accept,
    /// A transient failure: sleep this long, then send the same request again.
    Retry {
        /// How long to wait, in milliseconds.
        after_ms: u64,
    },
    /// Stop: a permanent failure, or the retries are used up.
    Fail(Error),
}

/// Counts consecutive failures and decides on each: retry after a wait, or give up.
#[derive(Debug, Clone)]
pub struct Retrier {
    policy: RetryPolicy,
    jitter: Jitter,
    failures: u32,
    /// The key the requests carry, scrubbed from the server text kept in errors.
    key: Option<ApiKey>,
}

impl Retrier {
    /// A retrier with `policy`, whose jitter is drawn from `seed`. `key` is the API key
    /// the requests carry (if any): it is removed from every text kept in its errors.
    pub fn new(policy: RetryPolicy, seed: u64, key: Option<&ApiKey>) -> Self {
        Retrier {
            policy,
            jitter: Jitter::new(seed),
            failures: 0,
            key: key.cloned(),
        }
    }

    /// Judges a unary answer (`generateContent`, `files.get`, ...): 2xx is accepted,
    /// 408/429/5xx are retried after a wait, anything else fails at once with
    /// [`Error::Api`]. `response.body` only matters for failures, so a shell may leave
    /// it empty for a 2xx answer it streams elsewhere.
    pub fn on_response(&mut self, response: &Response) -> RetryVerdict {
        if response.is_success() {
            self.reset();
            return RetryVerdict::Accept;
        }
        let mut error =
            ApiError::from_response(response.status, response.capped_body(), self.key.as_ref());
        error.json_body = response
            .headers
            .get(crate::http::header::CONTENT_TYPE)
            .is_none_or(|kind| kind.to_ascii_lowercase().contains("application/json"));
        if !error.is_retryable() {
            return RetryVerdict::Fail(Error::Api(error));
        }
        self.verdict(Error::Api(error), retry_after_ms(&response.headers))
    }

    /// Judges a request that failed before any answer arrived: retried after a wait.
    pub fn on_transport_error(&mut self, message: &str) -> RetryVerdict {
        let failure = Error::transport(message, self.key.as_ref());
        self.verdict(failure, None)
    }

    /// Records a transient failure and returns how long to wait before the next
    /// attempt, or the error to end with: [`Error::RetryLater`] when the server asks
    /// for a longer wait than the policy allows, [`Error::RetriesExhausted`] when the
    /// retries are used up. The server's delay is the longer of `retry_after_ms` (the
    /// `Retry-After` header) and the `retryDelay` in `failure`'s body, if any.
    pub fn schedule(&mut self, failure: Error, retry_after_ms: Option<u64>) -> Result<u64, Error> {
        self.failures = self.failures.saturating_add(1);
        let in_body = failure.api().and_then(ApiError::retry_delay_ms);
        let retry_after_ms = retry_after_ms.max(in_body);
        if let Some(delay) = retry_after_ms.filter(|ms| *ms > self.policy.max_wait_ms) {
            return Err(Error::RetryLater {
                retry_after_ms: delay,
                max_wait_ms: self.policy.max_wait_ms,
                last: Box::new(failure),
            });
        }
        if self.failures > self.policy.max_retries {
            return Err(Error::RetriesExhausted {
                attempts: self.failures,
                last: Box::new(failure),
            });
        }
        Ok(match retry_after_ms {
            Some(ms) => ms,
            None => self
                .jitter
                .spread(self.policy.backoff.nominal_ms(self.failures)),
        })
    }

    /// Forgets past failures (call it when an attempt made progress).
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// Consecutive failures so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    fn verdict(&mut self, failure: Error, retry_after_ms: Option<u64>) -> RetryVerdict {
        match self.schedule(failure, retry_after_ms) {
            Ok(after_ms) => RetryVerdict::Retry { after_ms },
            Err(error) => RetryVerdict::Fail(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::header;
    use proptest::prelude::*;

    fn retrier() -> Retrier {
        Retrier::new(RetryPolicy::default(), 7, None)
    }

    fn transport_error(message: &str) -> Error {
        Error::transport(message, None)
    }

    #[test]
    fn success_is_accepted_and_forgets_failures() {
        let mut retrier = retrier();
        assert!(matches!(
            retrier.on_transport_error("reset"),
            RetryVerdict::Retry { .. }
        ));
        assert!(matches!(
            retrier.on_response(&Response::new(200)),
            RetryVerdict::Accept
        ));
        assert_eq!(retrier.failures(), 0);
    }

    #[test]
    fn retryable_statuses_are_retried() {
        for status in [408, 429, 500, 502, 503, 504] {
            let verdict = retrier().on_response(&Response::new(status));
            assert!(matches!(verdict, RetryVerdict::Retry { .. }), "{status}");
        }
    }

    #[test]
    fn other_client_errors_fail_at_once_with_the_api_error() {
        let body = r#"{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}}"#;
        let verdict = retrier().on_response(&Response::new(400).body(body));
        let RetryVerdict::Fail(Error::Api(api)) = verdict else {
            panic!("expected an API error, got {verdict:?}");
        };
        assert_eq!(api.status.as_deref(), Some("INVALID_ARGUMENT"));
    }

    #[test]
    fn retry_after_seconds_are_honoured_exactly() {
        let answer = Response::new(429).header(header::RETRY_AFTER, "3");
        let verdict = retrier().on_response(&answer);
        assert!(matches!(verdict, RetryVerdict::Retry { after_ms: 3000 }));
    }

    #[test]
    fn retry_after_http_date_uses_the_date_header() {
        let answer = Response::new(503)
            .header(header::RETRY_AFTER, "Fri, 31 Dec 1999 23:59:59 GMT")
            .header(header::DATE, "Fri, 31 Dec 1999 23:59:49 GMT");
        let verdict = retrier().on_response(&answer);
        assert!(matches!(verdict, RetryVerdict::Retry { after_ms: 10_000 }));
    }

    #[test]
    fn retry_after_longer_than_allowed_gives_up_now() {
        let answer = Response::new(503).header(header::RETRY_AFTER, "3600");
        let verdict = retrier().on_response(&answer);
        let RetryVerdict::Fail(error) = verdict else {
            panic!("expected to give up, got {verdict:?}");
        };
        assert_eq!(error.code(), "RETRY_LATER");
        assert_eq!(error.http_status(), Some(503));
        assert_eq!(error.retry_after_ms(), Some(3_600_000));
    }

    #[test]
    fn retries_are_bounded_and_keep_the_last_error() {
        let mut retrier = retrier();
        for _ in 0..RetryPolicy::default().max_retries {
            assert!(matches!(
                retrier.on_response(&Response::new(500)),
                RetryVerdict::Retry { .. }
            ));
        }
        let RetryVerdict::Fail(Error::RetriesExhausted { attempts, last }) =
            retrier.on_response(&Response::new(503))
        else {
            panic!("expected exhaustion");
        };
        assert_eq!(attempts, 7);
        assert_eq!(last.http_status(), Some(503));
    }

    #[test]
    fn transport_errors_are_retried_and_keep_their_message() {
        let mut retrier = Retrier::new(
            RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            },
            1,
            None,
        );
        let RetryVerdict::Fail(Error::RetriesExhausted { last, .. }) =
            retrier.on_transport_error("connection reset")
        else {
            panic!("expected exhaustion");
        };
        assert_eq!(last.to_string(), "network error: connection reset");
    }

    #[test]
    fn nominal_backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let waits: Vec<u64> = (1..=8).map(|n| policy.backoff.nominal_ms(n)).collect();
        assert_eq!(
            waits,
            [1000, 2000, 4000, 8000, 16_000, 32_000, 32_000, 32_000]
        );
    }

    #[test]
    fn absurd_multipliers_do_not_break_the_backoff() {
        for multiplier in [f64::NAN, f64::INFINITY, -3.0, 0.0, 1e300] {
            let backoff = Backoff {
                multiplier,
                ..RetryPolicy::default().backoff
            };
            assert!(backoff.nominal_ms(u32::MAX) <= backoff.max_ms);
        }
    }

    #[test]
    fn same_seed_gives_the_same_waits() {
        let waits = |seed| {
            let mut retrier = Retrier::new(RetryPolicy::default(), seed, None);
            (0..5)
                .map(|_| retrier.schedule(transport_error("x"), None).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(waits(42), waits(42));
        assert_ne!(waits(42), waits(43));
    }

    proptest! {
        #[test]
        fn jittered_wait_is_between_half_and_all_of_the_nominal(
            seed: u64, retry in 1u32..20,
        ) {
            let mut retrier = Retrier::new(RetryPolicy::default(), seed, None);
            for _ in 1..retry {
                let _ = retrier.schedule(transport_error("x"), None);
            }
            let nominal = retrier.policy().backoff.nominal_ms(retry);
            if let Ok(wait) = retrier.schedule(transport_error("x"), None) {
                prop_assert!(wait >= nominal / 2 && wait <= nominal);
            }
        }

        #[test]
        fn never_more_consecutive_retries_than_the_policy_allows(
            statuses in proptest::collection::vec(prop_oneof![Just(429u16), Just(500), Just(503)], 0..40),
        ) {
            let mut retrier = retrier();
            let mut retries = 0;
            for status in statuses {
                match retrier.on_response(&Response::new(status)) {
                    RetryVerdict::Retry { .. } => retries += 1,
                    RetryVerdict::Fail(_) => break,
                    RetryVerdict::Accept => unreachable!(),
                }
            }
            prop_assert!(retries <= RetryPolicy::default().max_retries);
        }
    }
}
