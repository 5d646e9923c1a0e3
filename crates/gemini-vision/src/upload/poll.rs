//! Waiting until an uploaded file is `ACTIVE`: video and PDF are `PROCESSING` for a
//! while after upload and cannot be referenced until then.
//!
//! The poller sends `GET {base}/{version}/files/{id}` and reads each answer: `ACTIVE`
//! finishes, `FAILED` fails with the server's reason, anything else waits a growing,
//! jittered interval and asks again. Transient errors (408, 429, 5xx, transport) are
//! retried by the same [`RetryPolicy`] as uploads; a 404 or any other error ends it.
//! Without a clock, time is what the answers' `elapsed_ms` and our own waits add up to;
//! the overall timeout is measured on that.

use super::action::{Action, StateMachine};
use crate::api_key::ApiKey;
use crate::endpoint::{Endpoint, file_resource_name};
use crate::error::{ApiError, Error, Redacted, Result};
use crate::http::{Credential, HttpRequest, Method, RequestBody, Response};
use crate::retry::retry_after_ms;
use crate::retry::{Backoff, Jitter, Retrier, RetryPolicy};
use crate::wire::{File, FileState, JsonLimits, read_with};

/// How often to ask and for how long.
#[derive(Debug, Clone, PartialEq)]
pub struct PollPolicy {
    /// Waits between polls while the file is processing (jittered).
    pub interval: Backoff,
    /// Give up with [`Error::Timeout`] after this long in total.
    pub timeout_ms: u64,
    /// Retries of failed polls.
    pub retry: RetryPolicy,
}

impl Default for PollPolicy {
    /// Polls after 1 s, growing by half each time to at most 10 s, for up to 10
    /// minutes: images are usually `ACTIVE` at once, long videos take minutes.
    fn default() -> Self {
        PollPolicy {
            interval: Backoff {
                initial_ms: 1_000,
                max_ms: 10_000,
                multiplier: 1.5,
            },
            timeout_ms: 10 * 60 * 1000,
            retry: RetryPolicy::default(),
        }
    }
}

#[derive(Debug)]
enum PollState {
    Ready,
    Waiting(u64),
    Sent,
    Finished(Box<File>),
    Failed(Option<Error>),
}

/// Polls one file until it is `ACTIVE`.
#[derive(Debug)]
pub struct ActivePoller {
    name: String,
    url: String,
    policy: PollPolicy,
    jitter: Jitter,
    retrier: Retrier,
    processing_answers: u32,
    spent_ms: u64,
    state: PollState,
    /// The key the polls carry, scrubbed from the server text kept in errors.
    key: Option<ApiKey>,
}

impl ActivePoller {
    /// A poller for the file `name` (`files/{id}` or `{id}`); `seed` feeds the jitter;
    /// `key` is the API key the shell adds to the polls (if any), removed from the
    /// server text kept in errors.
    pub fn new(
        endpoint: &Endpoint,
        name: &str,
        policy: PollPolicy,
        seed: u64,
        key: Option<&ApiKey>,
    ) -> Result<Self> {
        Ok(ActivePoller {
            name: file_resource_name(name)?,
            url: endpoint.file_url(name)?,
            retrier: Retrier::new(policy.retry.clone(), seed, key),
            key: key.cloned(),
            jitter: Jitter::new(seed.rotate_left(32)),
            policy,
            processing_answers: 0,
            spent_ms: 0,
            state: PollState::Ready,
        })
    }

    /// A poller that starts from a `File` we already have (the upload's answer): done
    /// at once, without a request, if it is already `ACTIVE` or `FAILED`.
    pub fn for_file(
        endpoint: &Endpoint,
        file: &File,
        policy: PollPolicy,
        seed: u64,
        key: Option<&ApiKey>,
    ) -> Result<Self> {
        let mut poller = ActivePoller::new(endpoint, &file.name, policy, seed, key)?;
        poller.judge(file.clone());
        if matches!(poller.state, PollState::Waiting(_)) {
            // Still processing: the first poll need not wait.
            poller.state = PollState::Ready;
            poller.spent_ms = 0;
            poller.processing_answers = 0;
        }
        Ok(poller)
    }

    fn request(&self) -> HttpRequest {
        HttpRequest {
            method: Method::Get,
            url: self.url.clone(),
            headers: Vec::new(),
            body: RequestBody::Empty,
            credential: Credential::ApiKey,
        }
    }

    fn judge(&mut self, file: File) {
        match file.state {
            Some(FileState::Active) => self.state = PollState::Finished(Box::new(file)),
            Some(FileState::Failed) => {
                let message = match file.error.and_then(|status| status.message) {
                    Some(text) => Redacted::new(&text, self.key.as_ref(), ApiError::MESSAGE_CAP),
                    None => Redacted::new("the server gave no reason", None, 64),
                };
                // The name asked for (checked), not whatever the server put there.
                let name = self.name.clone();
                self.state = PollState::Failed(Some(Error::FileFailed { name, message }));
            }
            _ => {
                self.retrier.reset();
                self.processing_answers = self.processing_answers.saturating_add(1);
                let nominal = self.policy.interval.nominal_ms(self.processing_answers);
                let wait = self.jitter.spread(nominal);
                self.wait(wait);
            }
        }
    }

    fn retry_later(&mut self, failure: Error, retry_after: Option<u64>) {
        match self.retrier.schedule(failure, retry_after) {
            Ok(wait) => self.wait(wait),
            Err(error) => self.state = PollState::Failed(Some(error)),
        }
    }

    /// Waits `millis`, cut so the last poll happens right at the timeout.
    fn wait(&mut self, millis: u64) {
        let remaining = self.policy.timeout_ms.saturating_sub(self.spent_ms);
        if remaining == 0 {
            let timeout = Error::Timeout {
                millis: self.spent_ms,
            };
            self.state = PollState::Failed(Some(timeout));
            return;
        }
        let millis = millis.min(remaining);
        self.spent_ms = self.spent_ms.saturating_add(millis);
        self.state = PollState::Waiting(millis);
    }
}

impl StateMachine for ActivePoller {
    fn next_action(&mut self) -> Action {
        match self.state {
            PollState::Ready | PollState::Sent | PollState::Waiting(0) => {
                self.state = PollState::Sent;
                Action::Send(self.request())
            }
            PollState::Waiting(millis) => {
                self.state = PollState::Ready;
                Action::Wait { millis }
            }
            PollState::Finished(ref file) => Action::Finished(file.clone()),
            PollState::Failed(ref mut error) => Action::Failed(error.take().unwrap_or_else(|| {
                Error::invalid("poller", "it already failed; the error was returned once")
            })),
        }
    }

    fn on_response(&mut self, response: Response) {
        if !matches!(self.state, PollState::Sent) {
            return;
        }
        self.spent_ms = self.spent_ms.saturating_add(response.elapsed_ms);
        if !response.is_success() {
            let key = self.key.as_ref();
            let error = ApiError::from_response(response.status, response.capped_body(), key);
            if error.is_retryable() {
                return self.retry_later(Error::Api(error), retry_after_ms(&response.headers));
            }
            self.state = PollState::Failed(Some(Error::Api(error)));
            return;
        }
        match read_with(
            response.capped_body(),
            "file resource",
            &JsonLimits::RESOURCE,
            self.key.as_ref(),
            File::from_value,
        ) {
            Ok(file) => self.judge(file),
            Err(error) => self.retry_later(error, None),
        }
    }

    fn on_transport_error(&mut self, message: &str) {
        if matches!(self.state, PollState::Sent) {
            let failure = Error::transport(message, self.key.as_ref());
            self.retry_later(failure, None);
        }
    }
}
