//! Waiting for a batch job to end, as a sans-I/O machine shaped like the upload's
//! [`ActivePoller`](crate::upload::ActivePoller): it says what to send and how long to
//! sleep, the shell does it and hands back the answers.
//!
//! `GET {base}/{version}/batches/{id}` is sent again and again with jittered,
//! growing waits; every answer that does not end the wait comes out as
//! [`BatchAction::Update`] (state and `batchStats` for a progress display). The wait
//! ends with [`BatchAction::Finished`] when the job has `SUCCEEDED` *and* its output is
//! there (the API can say `SUCCEEDED` a poll or more before it fills the output in, so
//! a bounded number of extra polls is made; if by then only some inline results are
//! there, it finishes with those), or with [`BatchAction::Failed`]: the job
//! `FAILED` (with its error), was `CANCELLED`, `EXPIRED`, or is still not done 48 hours
//! after its `createTime`; the output never appeared; or a call failed for good.
//! Transient failures (408, 429, 5xx, the network, a garbled answer) are retried with
//! the upload's [`RetryPolicy`], honouring `Retry-After`.
//!
//! There is no clock here: the shell passes the time with each answer, and the answer's
//! own `Date` header is preferred when the shell can read it, because `createTime`
//! comes from the same server clock.

use super::error::BatchError;
use super::job::BatchJob;
use crate::api_key::ApiKey;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::http::{Credential, HttpRequest, Method, RequestBody, Response, header};
use crate::retry::{Backoff, Retrier, RetryPolicy, RetryVerdict, parse_http_date};

/// How often to ask, how hard to retry, and when to give up.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPollPolicy {
    /// The waits between polls while the job runs (jittered).
    pub interval: Backoff,
    /// Retries of failed polls.
    pub retry: RetryPolicy,
    /// How many more polls to make after `SUCCEEDED` while the output is missing.
    pub max_output_polls: u32,
    /// A job not done this long after its `createTime` is given up as expired.
    pub expire_after_ms: u64,
    /// The largest Operation body read (inline results make it big); the shell reads
    /// up to this much of a get's body.
    pub max_operation_bytes: usize,
}

impl BatchPollPolicy {
    /// 48 hours: the API expires a job pending or running for longer.
    pub const EXPIRY_MS: u64 = 48 * 3600 * 1000;
}

impl Default for BatchPollPolicy {
    /// Polls after 5 s, growing by half each time to at most 60 s (batches take
    /// minutes to hours; a minute between polls keeps a page responsive without
    /// spending quota); 10 extra polls for a late output; 48 h expiry; 64 MiB bodies.
    fn default() -> Self {
        BatchPollPolicy {
            interval: Backoff {
                initial_ms: 5_000,
                max_ms: 60_000,
                multiplier: 1.5,
            },
            retry: RetryPolicy::default(),
            max_output_polls: 10,
            expire_after_ms: Self::EXPIRY_MS,
            max_operation_bytes: 64 * 1024 * 1024,
        }
    }
}

/// What the shell must do next.
#[derive(Debug)]
pub enum BatchAction {
    /// Send this request (read the whole body, up to
    /// [`BatchPollPolicy::max_operation_bytes`], into [`Response::body`] directly: the
    /// `Response::body` setter cuts at the upload's 256 KiB), then pass the answer to
    /// [`BatchPoller::on_response`] or the failure to
    /// [`BatchPoller::on_transport_error`].
    Send(HttpRequest),
    /// Sleep this long, then ask again.
    Wait {
        /// How long, in milliseconds.
        millis: u64,
    },
    /// The job as just read, still going: show its state and `batchStats`.
    Update(Box<BatchJob>),
    /// Done: the job succeeded and its output is there.
    Finished(Box<BatchJob>),
    /// Done: the job did not succeed, or we could not find out.
    Failed(BatchError),
}

#[derive(Debug)]
enum PollState {
    Ready,
    Waiting(u64),
    Sent,
    Finished(Box<BatchJob>),
    Failed(Option<BatchError>),
}

/// Polls one batch job until it ends.
#[derive(Debug)]
pub struct BatchPoller {
    url: String,
    policy: BatchPollPolicy,
    /// Counts the answers that said "not yet" and spreads the waits between polls.
    interval: Retrier,
    retrier: Retrier,
    update: Option<Box<BatchJob>>,
    last_job: Option<BatchJob>,
    answers: u32,
    output_polls: u32,
    state: PollState,
    /// The key the gets carry, scrubbed from the server text kept in errors.
    key: Option<ApiKey>,
}

impl BatchPoller {
    /// A poller for the job `name` (`batches/{id}` or `{id}`); `seed` feeds the jitter;
    /// `key` (the one the shell adds to the gets, if any) is scrubbed from errors.
    pub fn new(
        endpoint: &Endpoint,
        name: &str,
        policy: BatchPollPolicy,
        seed: u64,
        key: Option<&ApiKey>,
    ) -> Result<Self, BatchError> {
        let interval = RetryPolicy {
            // Never "exhausted": this retrier only measures out the waits between polls.
            max_retries: u32::MAX,
            backoff: policy.interval.clone(),
            max_wait_ms: u64::MAX,
        };
        Ok(BatchPoller {
            url: endpoint.batch_url(name)?,
            interval: Retrier::new(interval, seed.rotate_left(32), None),
            retrier: Retrier::new(policy.retry.clone(), seed, key),
            key: key.cloned(),
            policy,
            update: None,
            last_job: None,
            answers: 0,
            output_polls: 0,
            state: PollState::Ready,
        })
    }

    /// A poller that starts from a job we already have (create's answer): done at once
    /// if it has already ended, else the first poll comes after the first interval.
    pub fn for_job(
        endpoint: &Endpoint,
        job: BatchJob,
        policy: BatchPollPolicy,
        seed: u64,
        now_unix_ms: i64,
        key: Option<&ApiKey>,
    ) -> Result<Self, BatchError> {
        let mut poller = BatchPoller::new(endpoint, &job.name, policy, seed, key)?;
        poller.judge(job, now_unix_ms);
        // The caller holds this job already.
        poller.update = None;
        Ok(poller)
    }

    /// The job as last read (after the end, the job it ended with, until a failure
    /// has been taken by [`BatchPoller::next_action`]).
    pub fn last_job(&self) -> Option<&BatchJob> {
        match &self.state {
            PollState::Finished(job) => Some(job),
            PollState::Failed(Some(error)) => error.job().or(self.last_job.as_ref()),
            _ => self.last_job.as_ref(),
        }
    }

    /// How many answers with a job were read.
    pub fn answers(&self) -> u32 {
        self.answers
    }

    /// What to do next.
    pub fn next_action(&mut self) -> BatchAction {
        if let Some(job) = self.update.take() {
            return BatchAction::Update(job);
        }
        match self.state {
            PollState::Ready | PollState::Sent | PollState::Waiting(0) => {
                self.state = PollState::Sent;
                BatchAction::Send(HttpRequest {
                    method: Method::Get,
                    url: self.url.clone(),
                    headers: Vec::new(),
                    body: RequestBody::Empty,
                    credential: Credential::ApiKey,
                })
            }
            PollState::Waiting(millis) => {
                self.state = PollState::Ready;
                BatchAction::Wait { millis }
            }
            PollState::Finished(ref job) => BatchAction::Finished(job.clone()),
            PollState::Failed(ref mut error) => {
                BatchAction::Failed(error.take().unwrap_or_else(|| {
                    Error::invalid(
                        "batch poller",
                        "it already failed; the error was returned once",
                    )
                    .into()
                }))
            }
        }
    }

    /// The answer to the get last sent, received at `now_unix_ms` (the shell's clock,
    /// used when the answer's `Date` header cannot be read). An answer when none is
    /// awaited is ignored.
    pub fn on_response(&mut self, response: Response, now_unix_ms: i64) {
        if !matches!(self.state, PollState::Sent) {
            return;
        }
        if !response.is_success() {
            match self.retrier.on_response(&response) {
                RetryVerdict::Retry { after_ms } => self.state = PollState::Waiting(after_ms),
                RetryVerdict::Fail(error) => self.fail(error.into()),
                // Not for a non-2xx answer; read as "try again now" if it ever were.
                RetryVerdict::Accept => self.state = PollState::Ready,
            }
            return;
        }
        if response.body.len() > self.policy.max_operation_bytes {
            let error = Error::LimitExceeded {
                what: "batch operation size",
                actual: response.body.len() as u64,
                max: self.policy.max_operation_bytes as u64,
            };
            return self.fail(error.into());
        }
        match BatchJob::from_json(&response.body) {
            Ok(job) => {
                let now = response
                    .headers
                    .get(header::DATE)
                    .and_then(parse_http_date)
                    .map_or(now_unix_ms, |seconds| seconds.saturating_mul(1000));
                self.answers = self.answers.saturating_add(1);
                self.judge(job, now);
            }
            Err(error) => {
                let error = if response.body.len() == Response::BODY_CAP {
                    Error::malformed(
                        "batch operation",
                        format!(
                            "{error} (the body is exactly 256 KiB: was it cut by Response::body?)"
                        ),
                    )
                } else {
                    error
                };
                self.retry_later(error);
            }
        }
    }

    /// The get last sent failed before an answer arrived; it is retried.
    pub fn on_transport_error(&mut self, message: &str) {
        if matches!(self.state, PollState::Sent) {
            let failure = Error::transport(message, self.key.as_ref());
            self.retry_later(failure);
        }
    }

    fn retry_later(&mut self, failure: Error) {
        match self.retrier.schedule(failure, None) {
            Ok(wait) => self.state = PollState::Waiting(wait),
            Err(error) => self.fail(error.into()),
        }
    }

    fn fail(&mut self, error: BatchError) {
        self.state = PollState::Failed(Some(error));
    }

    fn judge(&mut self, job: BatchJob, now_unix_ms: i64) {
        use super::state::BatchState as S;
        // Only a job still going is copied (for the update); an ending one, which may
        // hold megabytes of inline results, moves into the end state.
        let job = Box::new(job);
        let failed_operation = job.done && job.error.is_some() && !job.is_terminal();
        match job.state {
            S::Failed => return self.fail(BatchError::JobFailed { job }),
            _ if failed_operation => return self.fail(BatchError::JobFailed { job }),
            S::Cancelled => return self.fail(BatchError::JobCancelled { job }),
            S::Expired => return self.fail(BatchError::JobExpired { job, age_ms: None }),
            _ if job.output_ready() && (job.state == S::Succeeded || job.done) => {
                return self.state = PollState::Finished(job);
            }
            S::Succeeded => {
                self.output_polls = self.output_polls.saturating_add(1);
                if self.output_polls > self.policy.max_output_polls {
                    // Fewer inline results than requests, for good: the caller joins
                    // what there is and reports the rest as missing.
                    if job.output.is_some() {
                        return self.state = PollState::Finished(job);
                    }
                    let polls = self.policy.max_output_polls;
                    return self.fail(BatchError::OutputMissing { job, polls });
                }
            }
            _ => {
                let age = job
                    .created_unix_ms()
                    .map(|created| now_unix_ms.saturating_sub(created));
                if let Some(age) = age.and_then(|age| u64::try_from(age).ok())
                    && age >= self.policy.expire_after_ms
                {
                    return self.fail(BatchError::JobExpired {
                        job,
                        age_ms: Some(age),
                    });
                }
            }
        }
        self.retrier.reset();
        let wait = self
            .interval
            .schedule(
                Error::invalid("batch poll", "the job is not done yet"),
                None,
            )
            .unwrap_or(self.policy.interval.max_ms);
        self.last_job = Some((*job).clone());
        self.update = Some(job);
        self.state = PollState::Waiting(wait);
    }
}
