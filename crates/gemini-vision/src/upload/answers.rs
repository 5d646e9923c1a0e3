//! How each answer moves the upload machine.
//!
//! The rules, in the order they apply:
//! - 404 on a session request: the session expired; start over (bounded).
//! - 408, 429, 5xx, or a transport error: wait (backoff or `Retry-After`), then `query`
//!   (or `start` again, for the start request).
//! - any other non-2xx: fail at once with the API's error.
//! - 2xx: read `X-Goog-Upload-Status`. A missing or unexpected status is a failure
//!   like a 5xx: the chunk may or may not have landed, so `query` decides. Only
//!   `X-Goog-Upload-URL` and `X-Goog-Upload-Status` are assumed readable; when
//!   `X-Goog-Upload-Size-Received` is hidden, a whole `active` chunk counts as received
//!   and a `query` resumes from the last confirmed offset (the server ignores overlap).

use super::action::Progress;
use super::chunk_sizing::ChunkSizing;
use super::machine::{Next, State, Upload};
use super::session_url;
use crate::api_key::ApiKey;
use crate::error::{ApiError, Error};
use crate::http::{Response, header};
use crate::retry::retry_after_ms;
use crate::wire::{JsonLimits, UploadFileResponse, read_with};

/// An answer sorted by what it means for the protocol.
enum Verdict {
    Success,
    Expired(ApiError),
    Transient(Error, Option<u64>),
    Fatal(Error),
}

fn verdict(response: &Response, key: Option<&ApiKey>) -> Verdict {
    if response.is_success() {
        return Verdict::Success;
    }
    let error = ApiError::from_response(response.status, response.capped_body(), key);
    if response.status == 404 {
        Verdict::Expired(error)
    } else if error.is_retryable() {
        Verdict::Transient(Error::Api(error), retry_after_ms(&response.headers))
    } else {
        Verdict::Fatal(Error::Api(error))
    }
}

/// `X-Goog-Upload-Status`, lower-cased; `None` when missing.
fn upload_status(response: &Response) -> Option<String> {
    response
        .headers
        .get(header::UPLOAD_STATUS)
        .map(str::to_ascii_lowercase)
}

/// `X-Goog-Upload-Size-Received`: `None` when missing, `Some(None)` when unreadable.
fn size_received(response: &Response) -> Option<Option<u64>> {
    let value = response.headers.get(header::UPLOAD_SIZE_RECEIVED)?;
    Some(value.parse().ok())
}

impl Upload {
    /// [`Error::UploadProtocol`]; the reason may quote a header the server sent.
    fn protocol(&self, reason: impl AsRef<str>) -> Error {
        Error::upload_protocol(reason.as_ref(), self.key.as_ref())
    }

    fn verdict(&self, response: &Response) -> Verdict {
        verdict(response, self.key.as_ref())
    }

    pub(super) fn on_start_answer(&mut self, response: &Response) {
        match self.verdict(response) {
            Verdict::Success => {}
            Verdict::Transient(failure, retry_after) => {
                return self.retry_later(failure, retry_after, Next::Start);
            }
            Verdict::Expired(error) => return self.fail(Error::Api(error)),
            Verdict::Fatal(error) => return self.fail(error),
        }
        let Some(reference) = response.headers.get(header::UPLOAD_URL) else {
            return self.fail(self.protocol(
                "the start answer has no readable X-Goog-Upload-URL (a proxy must forward \
                 the X-Goog-Upload-* headers and expose them to CORS)",
            ));
        };
        let session = match session_url::resolve(&self.start_url, reference) {
            Ok(session) => session,
            Err(error) => return self.fail(error),
        };
        let granularity = match response.headers.get(header::UPLOAD_CHUNK_GRANULARITY) {
            None => self.granularity,
            Some(value) => match value.parse::<u64>() {
                Ok(g) if (1..=ChunkSizing::MAX_GRANULARITY).contains(&g) => g,
                _ => {
                    return self.fail(self.protocol(format!(
                        "X-Goog-Upload-Chunk-Granularity {value:?} is not a size from 1 to 1 GiB"
                    )));
                }
            },
        };
        self.session = Some(session);
        self.granularity = granularity;
        self.confirmed = 0;
        self.high_water = 0;
        self.retrier.reset();
        self.pending_progress = Some(self.progress());
        self.state = State::Ready(Next::Chunk);
    }

    pub(super) fn on_chunk_answer(
        &mut self,
        response: &Response,
        start: u64,
        end: u64,
        finalize: bool,
    ) {
        match self.verdict(response) {
            Verdict::Success => {}
            Verdict::Expired(error) => return self.restart(error),
            Verdict::Transient(failure, retry_after) => {
                self.sizer.on_failure();
                return self.retry_later(failure, retry_after, Next::Query);
            }
            Verdict::Fatal(error) => return self.fail(error),
        }
        match upload_status(response).as_deref() {
            Some("final") => self.accept_final(response, finalize),
            Some("cancelled") => self.state = State::Cancelled,
            Some("active") if !finalize => {
                // Hidden by CORS: an `active` answer to a whole chunk means it landed.
                // Present, it may exceed the chunk when the server already had more.
                let received = match size_received(response) {
                    None => end,
                    Some(Some(received)) if received <= self.config.size => received,
                    Some(_) => {
                        let failure = self.protocol(
                            "a chunk answer's X-Goog-Upload-Size-Received is not a byte count within the file",
                        );
                        return self.retry_later(failure, None, Next::Query);
                    }
                };
                let advanced = received > self.confirmed;
                self.confirm(received);
                if !advanced {
                    let failure = self.protocol("a chunk answer confirmed no new bytes");
                    return self.retry_later(failure, None, Next::Query);
                }
                if received == end && end > start {
                    self.sizer.on_success(response.elapsed_ms);
                }
                self.state = State::Ready(Next::Chunk);
            }
            // A proxy that strips the status still passes the final body through.
            None if finalize && final_file_in(response).is_some() => {
                self.accept_final(response, finalize)
            }
            other => {
                let failure = self.protocol(match other {
                    None => "a chunk answer has no readable X-Goog-Upload-Status".to_owned(),
                    Some(status) => format!("a chunk answer has X-Goog-Upload-Status {status:?}"),
                });
                self.retry_later(failure, None, Next::Query);
            }
        }
    }

    pub(super) fn on_query_answer(&mut self, response: &Response) {
        match self.verdict(response) {
            Verdict::Success => {}
            Verdict::Expired(error) => return self.restart(error),
            Verdict::Transient(failure, retry_after) => {
                return self.retry_later(failure, retry_after, Next::Query);
            }
            Verdict::Fatal(error) => return self.fail(error),
        }
        let status = upload_status(response);
        match status.as_deref() {
            Some("final") => self.accept_final(response, true),
            Some("cancelled") => self.state = State::Cancelled,
            Some("active") | None => match size_received(response) {
                Some(Some(received)) if received <= self.config.size => self.resync(received),
                Some(_) => self.fail(self.protocol(
                    "a query answer's X-Goog-Upload-Size-Received is not a byte count within the file",
                )),
                // Hidden by CORS: resume from what the server confirmed before.
                None if status.is_some() => self.resync(self.confirmed),
                None => {
                    let failure = self.protocol("a query answer has no readable X-Goog-Upload-Status");
                    self.retry_later(failure, None, Next::Query);
                }
            },
            Some(other) => {
                let failure = self.protocol(format!("a query answer has X-Goog-Upload-Status {other:?}"));
                self.retry_later(failure, None, Next::Query);
            }
        }
    }

    /// The server holds `received` bytes after a query: continue from there, even if
    /// it is less than it confirmed before (it is the authority on what it holds).
    fn resync(&mut self, received: u64) {
        self.confirm(received);
        self.state = State::Ready(Next::Chunk);
    }

    /// The server says it holds `received` bytes. Progress is reported, and past
    /// failures forgiven, only when that beats the best of this session, so a server
    /// that goes back and forth cannot keep us retrying forever.
    fn confirm(&mut self, received: u64) {
        if received > self.high_water {
            self.high_water = received;
            self.retrier.reset();
            self.pending_progress = Some(self.progress());
        }
        self.confirmed = received;
    }

    fn accept_final(&mut self, response: &Response, finalize: bool) {
        let Some(file) = final_file_in(response) else {
            let failure =
                Error::malformed("final upload answer", "the body is not {\"file\": {...}}");
            // Re-sending the last chunk makes the server repeat its final answer.
            return self.retry_later(failure, None, Next::Chunk);
        };
        let total = self.config.size;
        match file.size_bytes {
            Some(stored) if stored != total => {
                return self.fail(self.protocol(format!(
                    "the server stored {stored} bytes of a {total}-byte file"
                )));
            }
            None if !finalize => {
                return self
                    .fail(self.protocol("the server finalized the upload before the last chunk"));
            }
            _ => {}
        }
        self.high_water = total;
        self.confirmed = total;
        self.pending_progress = Some(Progress {
            confirmed: total,
            total,
        });
        self.state = State::Finished(Box::new(file));
    }

    fn restart(&mut self, expired: ApiError) {
        self.restarts = self.restarts.saturating_add(1);
        if self.restarts > self.config.max_restarts {
            return self.fail(Error::RetriesExhausted {
                attempts: self.restarts,
                last: Box::new(Error::Api(expired)),
            });
        }
        self.session = None;
        self.confirmed = 0;
        self.high_water = 0;
        self.retrier.reset();
        self.state = State::Ready(Next::Start);
    }
}

fn final_file_in(response: &Response) -> Option<crate::wire::File> {
    read_with(
        response.capped_body(),
        "final upload answer",
        &JsonLimits::RESOURCE,
        None,
        UploadFileResponse::from_value,
    )
    .ok()
    .map(|answer| answer.file)
}
