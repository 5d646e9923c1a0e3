//! The upload state machine: which request comes next, and the state between answers.
//! How each answer moves it is in `answers.rs`.

use super::action::{Action, Progress, StateMachine};
use super::chunk_sizing::{ChunkSizer, ChunkSizing};
use super::config::UploadConfig;
use super::resume::ResumeRecord;
use super::session_url::{self, SessionUrl};
use crate::api_key::ApiKey;
use crate::error::{Error, Result};
use crate::http::{Credential, HttpRequest, Method, RequestBody, Response, header};
use crate::retry::Retrier;
use crate::wire::File;

/// One resumable upload, from `start` to the final `File`. See the module docs for the
/// loop that drives it.
#[derive(Debug)]
pub struct Upload {
    pub(super) config: UploadConfig,
    pub(super) start_url: String,
    pub(super) start_body: Vec<u8>,
    pub(super) session: Option<SessionUrl>,
    pub(super) granularity: u64,
    /// Where the next chunk resumes: what the server last said it holds.
    pub(super) confirmed: u64,
    /// The most the server has confirmed in this session: what progress shows. Retries
    /// are only forgiven when it grows, so a server that lies cannot loop us forever.
    pub(super) high_water: u64,
    pub(super) sizer: ChunkSizer,
    pub(super) retrier: Retrier,
    pub(super) restarts: u32,
    pub(super) pending_progress: Option<Progress>,
    pub(super) state: State,
    /// The key the start request carries, scrubbed from the server text kept in errors
    /// (it is never sent to the session URL).
    pub(super) key: Option<ApiKey>,
}

/// Where the machine is.
#[derive(Debug)]
pub(super) enum State {
    /// This request goes out at the next `next_action`.
    Ready(Next),
    /// A wait is owed before `then`.
    Waiting {
        millis: u64,
        then: Next,
    },
    /// This request is out; its answer is awaited.
    Sent(Sent),
    Finished(Box<File>),
    /// The error is handed out once.
    Failed(Option<Error>),
    Cancelled,
}

/// A request to be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    Start,
    Chunk,
    Query,
    Cancel,
}

/// A request in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sent {
    Start,
    Chunk {
        start: u64,
        end: u64,
        finalize: bool,
    },
    Query,
    Cancel,
}

/// What an upload is doing, for a UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadPhase {
    /// Opening a session.
    Starting,
    /// Sending chunks.
    Uploading,
    /// Asking the server where it is after a failure or a reload.
    Recovering,
    /// Telling the server to drop the session.
    Cancelling,
    /// The file is stored.
    Finished,
    /// The upload failed.
    Failed,
    /// The upload was cancelled.
    Cancelled,
}

impl Upload {
    /// A new upload. `seed` feeds the retry jitter (the shell passes something random,
    /// e.g. from `crypto.getRandomValues`; tests pass a constant). `key` is the API key
    /// the shell adds to the start request (if any): the machine never sends it, it
    /// only removes it from the server text kept in errors.
    pub fn new(config: UploadConfig, seed: u64, key: Option<&ApiKey>) -> Result<Self> {
        config.validate()?;
        let start_url = config.endpoint.upload_url();
        let resource = File {
            display_name: config.display_name.clone(),
            mime_type: Some(config.mime_type.clone()),
            size_bytes: Some(config.size),
            ..File::default()
        };
        // `{"file": {...}}`: the metadata the start request announces.
        let mut body = serde_json::Map::new();
        body.insert("file".to_owned(), resource.to_value());
        let start_body = crate::json::to_string(&serde_json::Value::Object(body)).into_bytes();
        Ok(Upload {
            sizer: ChunkSizer::new(config.chunking.clone()),
            retrier: Retrier::new(config.retry.clone(), seed, key),
            key: key.cloned(),
            config,
            start_url,
            start_body,
            session: None,
            granularity: ChunkSizing::DEFAULT_GRANULARITY,
            confirmed: 0,
            high_water: 0,
            restarts: 0,
            pending_progress: None,
            state: State::Ready(Next::Start),
        })
    }

    /// Continues the session in `record` (written by an earlier page). The first
    /// request asks the server where it is; an expired session starts over. `seed` and
    /// `key` as in [`Upload::new`].
    pub fn resume(
        config: UploadConfig,
        record: &ResumeRecord,
        seed: u64,
        key: Option<&ApiKey>,
    ) -> Result<Self> {
        record.check(&config)?;
        let mut upload = Upload::new(config, seed, key)?;
        let session = session_url::resolve(&upload.start_url, &record.session_url)
            .map_err(|e| Error::malformed("resume record", e.to_string()))?;
        upload.session = Some(session);
        upload.granularity = record.granularity;
        upload.confirmed = record.confirmed;
        upload.high_water = record.confirmed;
        upload.pending_progress = Some(upload.progress());
        upload.state = State::Ready(Next::Query);
        Ok(upload)
    }

    /// The bytes confirmed so far, out of the total.
    pub fn progress(&self) -> Progress {
        Progress {
            confirmed: self.high_water,
            total: self.config.size,
        }
    }

    /// What the upload is doing.
    pub fn phase(&self) -> UploadPhase {
        let next = match &self.state {
            State::Ready(next) | State::Waiting { then: next, .. } => *next,
            State::Sent(Sent::Start) => Next::Start,
            State::Sent(Sent::Chunk { .. }) => Next::Chunk,
            State::Sent(Sent::Query) => Next::Query,
            State::Sent(Sent::Cancel) => Next::Cancel,
            State::Finished(_) => return UploadPhase::Finished,
            State::Failed(_) => return UploadPhase::Failed,
            State::Cancelled => return UploadPhase::Cancelled,
        };
        match next {
            Next::Start => UploadPhase::Starting,
            Next::Chunk => UploadPhase::Uploading,
            Next::Query => UploadPhase::Recovering,
            Next::Cancel => UploadPhase::Cancelling,
        }
    }

    /// How many times an expired session made the upload start over.
    pub fn restarts(&self) -> u32 {
        self.restarts
    }

    /// What a new page needs to continue this upload, while a session is open.
    pub fn resume_record(&self) -> Option<ResumeRecord> {
        if self.is_over()
            || matches!(
                self.state,
                State::Ready(Next::Cancel) | State::Sent(Sent::Cancel)
            )
        {
            return None;
        }
        let session = self.session.as_ref()?;
        Some(ResumeRecord {
            version: ResumeRecord::VERSION,
            session_url: session.url.clone(),
            size: self.config.size,
            mime_type: self.config.mime_type.clone(),
            granularity: self.granularity,
            confirmed: self.confirmed,
        })
    }

    /// Cancels the upload (the shell has aborted any request in flight and drops its
    /// answer). With an open session the next action is the `cancel` command, whose
    /// answer, whatever it is, ends the upload as cancelled; without one it ends now.
    pub fn cancel(&mut self) {
        if self.is_over() {
            return;
        }
        self.pending_progress = None;
        self.state = match self.session {
            Some(_) => State::Ready(Next::Cancel),
            None => State::Cancelled,
        };
    }

    /// The shell aborted the request in flight without an answer (a pause, a hidden
    /// page) and drops whatever answer still comes. Not counted as a failure: the next
    /// action asks the server where it is (or starts again, if no session was open).
    pub fn interrupt(&mut self) {
        self.state = match self.state {
            State::Sent(Sent::Start) => State::Ready(Next::Start),
            State::Sent(Sent::Chunk { .. } | Sent::Query) => State::Ready(Next::Query),
            State::Sent(Sent::Cancel) => State::Cancelled,
            _ => return,
        };
    }

    pub(super) fn is_over(&self) -> bool {
        matches!(
            self.state,
            State::Finished(_) | State::Failed(_) | State::Cancelled
        )
    }

    pub(super) fn fail(&mut self, error: Error) {
        self.pending_progress = None;
        self.state = State::Failed(Some(error));
    }

    /// A transient failure: wait (backoff or `Retry-After`) and then do `then`, or fail
    /// when the retries are used up.
    pub(super) fn retry_later(&mut self, failure: Error, retry_after_ms: Option<u64>, then: Next) {
        match self.retrier.schedule(failure, retry_after_ms) {
            Ok(0) => self.state = State::Ready(then),
            Ok(millis) => self.state = State::Waiting { millis, then },
            Err(error) => self.fail(error),
        }
    }

    /// Where the next chunk starts: the confirmed offset, rounded down to a granule so
    /// every chunk stays aligned (the server ignores the overlap) unless it is the end.
    fn resume_offset(&self) -> u64 {
        let confirmed = self.confirmed.min(self.config.size);
        if confirmed == self.config.size {
            confirmed
        } else {
            confirmed / self.granularity * self.granularity
        }
    }

    fn plan(&self, next: Next) -> Sent {
        match next {
            Next::Start => Sent::Start,
            Next::Chunk => {
                let start = self.resume_offset();
                let len = self.sizer.len(self.granularity);
                let end = start.saturating_add(len).min(self.config.size);
                Sent::Chunk {
                    start,
                    end,
                    finalize: end == self.config.size,
                }
            }
            Next::Query => Sent::Query,
            Next::Cancel => Sent::Cancel,
        }
    }

    fn request(&self, sent: Sent) -> Option<HttpRequest> {
        match sent {
            Sent::Start => Some(HttpRequest {
                method: Method::Post,
                url: self.start_url.clone(),
                headers: vec![
                    (header::UPLOAD_PROTOCOL, "resumable".to_owned()),
                    (header::UPLOAD_COMMAND, "start".to_owned()),
                    (header::UPLOAD_CONTENT_LENGTH, self.config.size.to_string()),
                    (header::UPLOAD_CONTENT_TYPE, self.config.mime_type.clone()),
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                ],
                body: RequestBody::Json(self.start_body.clone()),
                credential: Credential::ApiKey,
            }),
            Sent::Chunk {
                start,
                end,
                finalize,
            } => {
                let command = if finalize {
                    "upload, finalize"
                } else {
                    "upload"
                };
                let body = RequestBody::SourceRange { start, end };
                self.session_request(command, Some(start), body)
            }
            Sent::Query => self.session_request("query", None, RequestBody::Empty),
            Sent::Cancel => self.session_request("cancel", None, RequestBody::Empty),
        }
    }

    fn session_request(
        &self,
        command: &str,
        offset: Option<u64>,
        body: RequestBody,
    ) -> Option<HttpRequest> {
        let session = self.session.as_ref()?;
        let mut headers = vec![(header::UPLOAD_COMMAND, command.to_owned())];
        if let Some(offset) = offset {
            headers.push((header::UPLOAD_OFFSET, offset.to_string()));
        }
        Some(HttpRequest {
            method: Method::Post,
            url: session.url.clone(),
            headers,
            body,
            credential: Credential::SessionUrl,
        })
    }

    fn send(&mut self, sent: Sent) -> Action {
        match self.request(sent) {
            Some(request) => {
                self.state = State::Sent(sent);
                Action::Send(request)
            }
            // Only reachable if a session-less state asked for a session request.
            None if sent == Sent::Cancel => {
                self.state = State::Cancelled;
                Action::Failed(Error::UploadCancelled)
            }
            None => self.send(Sent::Start),
        }
    }
}

impl StateMachine for Upload {
    fn next_action(&mut self) -> Action {
        if let Some(progress) = self.pending_progress.take() {
            return Action::Progress(progress);
        }
        match self.state {
            State::Ready(next) => {
                let sent = self.plan(next);
                self.send(sent)
            }
            State::Waiting { millis, then } => {
                self.state = State::Ready(then);
                Action::Wait { millis }
            }
            // Asked again without an answer: the same request again is harmless (a
            // chunk's overlap is ignored by the server).
            State::Sent(sent) => self.send(sent),
            State::Finished(ref file) => Action::Finished(file.clone()),
            State::Failed(ref mut error) => Action::Failed(error.take().unwrap_or_else(|| {
                Error::invalid("upload", "it already failed; the error was returned once")
            })),
            State::Cancelled => Action::Failed(Error::UploadCancelled),
        }
    }

    fn on_response(&mut self, response: Response) {
        let State::Sent(sent) = self.state else {
            return;
        };
        match sent {
            Sent::Start => self.on_start_answer(&response),
            Sent::Chunk {
                start,
                end,
                finalize,
            } => self.on_chunk_answer(&response, start, end, finalize),
            Sent::Query => self.on_query_answer(&response),
            Sent::Cancel => self.state = State::Cancelled,
        }
    }

    fn on_transport_error(&mut self, message: &str) {
        let State::Sent(sent) = self.state else {
            return;
        };
        let failure = Error::transport(message, self.key.as_ref());
        match sent {
            Sent::Start => self.retry_later(failure, None, Next::Start),
            Sent::Chunk { .. } => {
                self.sizer.on_failure();
                self.retry_later(failure, None, Next::Query);
            }
            Sent::Query => self.retry_later(failure, None, Next::Query),
            Sent::Cancel => self.state = State::Cancelled,
        }
    }
}
