//! A faithful in-memory model of the File API's resumable upload server, as
//! `docs/contract.md` describes it, with the faults a real network and server produce.
//!
//! It keeps real bytes: what the machine asked the shell to send (ranges of a
//! deterministic source) is appended to the session, so a test can compare the stored
//! file with the source byte for byte. Anything the machine does that a real server
//! would refuse with a 400 is recorded in `violations`.

use std::collections::VecDeque;

use crate::http::{HttpRequest, Response, header};

/// Byte `i` of the test source: deterministic, and different from its neighbours so a
/// shifted or skipped range cannot go unnoticed.
pub(crate) fn source_byte(i: u64) -> u8 {
    (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8
}

pub(crate) fn source(start: u64, end: u64) -> Vec<u8> {
    (start..end).map(source_byte).collect()
}

/// What goes wrong with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Nothing.
    None,
    /// The server answers this status without doing anything, maybe with a
    /// `Retry-After` in seconds (as a number, or as an HTTP-date with a `Date`).
    Status {
        code: u16,
        retry_after: Option<u64>,
        as_date: bool,
    },
    /// The connection drops after this many body bytes reached the server.
    DropAfter(u64),
    /// The server does the work, then the answer is lost.
    LoseAnswer,
    /// The server does the work and answers without `X-Goog-Upload-Status`.
    HideStatus,
    /// The session expires just before this request.
    Expire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionState {
    Open,
    Final,
    Cancelled,
    Expired,
}

#[derive(Debug)]
struct Session {
    total: u64,
    mime_type: String,
    data: Vec<u8>,
    state: SessionState,
}

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seen {
    Start,
    Chunk {
        session: usize,
        offset: u64,
        len: u64,
        finalize: bool,
    },
    Query,
    Cancel,
    Other(String),
}

#[derive(Debug)]
pub(crate) struct ModelServer {
    pub(crate) granularity: u64,
    /// Send `X-Goog-Upload-Chunk-Granularity` in start answers.
    pub(crate) announce_granularity: bool,
    /// CORS without exposed headers: only the URL and status headers are readable.
    pub(crate) hide_headers: bool,
    /// Session URLs are path-absolute instead of absolute.
    pub(crate) relative_urls: bool,
    /// Simulated link speed for `elapsed_ms`.
    pub(crate) bytes_per_ms: u64,
    pub(crate) faults: VecDeque<Fault>,
    pub(crate) faults_fired: u32,
    pub(crate) seen: Vec<Seen>,
    pub(crate) violations: Vec<String>,
    sessions: Vec<Session>,
}

pub(crate) const ORIGIN: &str = "http://127.0.0.1:20401";

impl ModelServer {
    pub(crate) fn new(granularity: u64) -> Self {
        ModelServer {
            granularity,
            announce_granularity: true,
            hide_headers: false,
            relative_urls: false,
            bytes_per_ms: 50_000,
            faults: VecDeque::new(),
            faults_fired: 0,
            seen: Vec::new(),
            violations: Vec::new(),
            sessions: Vec::new(),
        }
    }

    /// The bytes of the session that finished, if one did.
    pub(crate) fn finalized_bytes(&self) -> Option<&[u8]> {
        self.sessions
            .iter()
            .find(|s| s.state == SessionState::Final)
            .map(|s| s.data.as_slice())
    }

    pub(crate) fn sessions_started(&self) -> usize {
        self.sessions.len()
    }

    /// Handles one request; `Err` is a transport failure.
    pub(crate) fn handle(
        &mut self,
        request: &HttpRequest,
        body: &[u8],
    ) -> Result<Response, String> {
        let fault = self.faults.pop_front().unwrap_or(Fault::None);
        if fault != Fault::None {
            self.faults_fired += 1;
        }
        let elapsed = body.len() as u64 / self.bytes_per_ms.max(1);
        let command = request
            .header(header::UPLOAD_COMMAND)
            .unwrap_or_default()
            .to_owned();
        let answer = if command == "start" {
            self.seen.push(Seen::Start);
            self.start(request, body, &fault)
        } else {
            self.session_request(request, &command, body, &fault)
        };
        let answer = answer?.elapsed_ms(elapsed);
        Ok(if self.hide_headers {
            self.through_cors(answer)
        } else {
            answer
        })
    }

    fn through_cors(&self, answer: Response) -> Response {
        let mut visible = Response::new(answer.status)
            .body(answer.body)
            .elapsed_ms(answer.elapsed_ms);
        for name in [header::UPLOAD_URL, header::UPLOAD_STATUS] {
            if let Some(value) = answer.headers.get(name) {
                visible = visible.header(name, value);
            }
        }
        visible
    }

    fn start(
        &mut self,
        request: &HttpRequest,
        body: &[u8],
        fault: &Fault,
    ) -> Result<Response, String> {
        if let Some(answer) = Self::status_fault(fault) {
            return Ok(answer);
        }
        if matches!(fault, Fault::DropAfter(_)) {
            return Err("connection reset".into());
        }
        let total = request
            .header(header::UPLOAD_CONTENT_LENGTH)
            .and_then(|v| v.parse().ok());
        let mime_type = request
            .header(header::UPLOAD_CONTENT_TYPE)
            .map(str::to_owned);
        let json_ok =
            serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|v| v["file"].is_object());
        let (Some(total), Some(mime_type), true, Some("resumable")) = (
            total,
            mime_type,
            json_ok,
            request.header(header::UPLOAD_PROTOCOL),
        ) else {
            return Ok(self.refuse("start request without protocol, length, type or JSON body"));
        };
        self.sessions.push(Session {
            total,
            mime_type,
            data: Vec::new(),
            state: SessionState::Open,
        });
        let id = self.sessions.len() - 1;
        let path = format!("/upload/v1beta/files?upload_id=s{id}&upload_protocol=resumable");
        let url = if self.relative_urls {
            path
        } else {
            format!("{ORIGIN}{path}")
        };
        let mut answer = Response::new(200).header(header::UPLOAD_URL, &url);
        if *fault != Fault::HideStatus {
            answer = answer.header(header::UPLOAD_STATUS, "active");
        }
        if self.announce_granularity {
            answer = answer.header(
                header::UPLOAD_CHUNK_GRANULARITY,
                &self.granularity.to_string(),
            );
        }
        if *fault == Fault::LoseAnswer {
            return Err("answer lost".into());
        }
        Ok(answer)
    }

    fn session_request(
        &mut self,
        request: &HttpRequest,
        command: &str,
        body: &[u8],
        fault: &Fault,
    ) -> Result<Response, String> {
        let id = request
            .url
            .split("upload_id=s")
            .nth(1)
            .and_then(|rest| rest.split('&').next())
            .and_then(|id| id.parse::<usize>().ok());
        let Some(id) = id.filter(|id| *id < self.sessions.len()) else {
            self.seen.push(Seen::Other(command.to_owned()));
            return Ok(self.refuse("request to an unknown URL"));
        };
        if *fault == Fault::Expire {
            self.sessions[id].state = SessionState::Expired;
        }
        let offset = request
            .header(header::UPLOAD_OFFSET)
            .and_then(|v| v.parse::<u64>().ok());
        self.seen.push(match (command, offset) {
            ("upload" | "upload, finalize", Some(offset)) => Seen::Chunk {
                session: id,
                offset,
                len: body.len() as u64,
                finalize: command == "upload, finalize",
            },
            ("query", _) => Seen::Query,
            ("cancel", _) => Seen::Cancel,
            _ => Seen::Other(command.to_owned()),
        });
        if matches!(
            self.sessions[id].state,
            SessionState::Expired | SessionState::Cancelled
        ) {
            return Ok(Response::new(404).body(
                r#"{"error":{"code":404,"message":"upload session not found","status":"NOT_FOUND"}}"#,
            ));
        }
        if let Some(answer) = Self::status_fault(fault) {
            return Ok(answer);
        }
        let answer = match (command, offset) {
            ("upload" | "upload, finalize", Some(offset)) => {
                let finalize = command == "upload, finalize";
                let keep = match fault {
                    Fault::DropAfter(k) if (*k as usize) < body.len() => Some(*k as usize),
                    _ => None,
                };
                self.chunk(id, offset, body, finalize, keep)
            }
            ("query", _) => self.status_answer(id),
            ("cancel", _) => {
                self.sessions[id].state = SessionState::Cancelled;
                Response::new(200).header(header::UPLOAD_STATUS, "cancelled")
            }
            _ => self.refuse("unknown command or missing offset"),
        };
        match fault {
            Fault::DropAfter(_) | Fault::LoseAnswer => Err("connection reset".into()),
            Fault::HideStatus => {
                let mut hidden = Response::new(answer.status).body(answer.body);
                if let Some(size) = answer.headers.get(header::UPLOAD_SIZE_RECEIVED) {
                    hidden = hidden.header(header::UPLOAD_SIZE_RECEIVED, size);
                }
                Ok(hidden)
            }
            _ => Ok(answer),
        }
    }

    /// A chunk: overlap below what we hold is ignored, a gap is refused, and a body cut
    /// off after `keep` bytes is kept up to its last whole granule.
    fn chunk(
        &mut self,
        id: usize,
        offset: u64,
        body: &[u8],
        finalize: bool,
        keep: Option<usize>,
    ) -> Response {
        let granularity = self.granularity;
        let session = &self.sessions[id];
        if session.state == SessionState::Final {
            return self.status_answer(id);
        }
        let held = session.data.len() as u64;
        let end = offset + body.len() as u64;
        if offset > held {
            return self.refuse(&format!(
                "chunk at {offset} skips bytes: the server holds {held}"
            ));
        }
        if !finalize && !(body.len() as u64).is_multiple_of(granularity) {
            return self.refuse(&format!(
                "non-final chunk of {} bytes is not aligned",
                body.len()
            ));
        }
        if end > session.total {
            return self.refuse("chunk goes past the declared size");
        }
        let arrived_end = match keep {
            Some(k) => (offset + k as u64) / granularity * granularity,
            None => end,
        };
        if arrived_end > held {
            let from = (held - offset) as usize;
            let to = (arrived_end - offset) as usize;
            self.sessions[id].data.extend_from_slice(&body[from..to]);
        }
        if keep.is_none() && finalize {
            if self.sessions[id].data.len() as u64 != self.sessions[id].total {
                return self.refuse("finalize before every byte arrived");
            }
            self.sessions[id].state = SessionState::Final;
        }
        self.status_answer(id)
    }

    fn status_answer(&self, id: usize) -> Response {
        let session = &self.sessions[id];
        match session.state {
            SessionState::Final => Response::new(200)
                .header(header::UPLOAD_STATUS, "final")
                .header(header::UPLOAD_SIZE_RECEIVED, &session.total.to_string())
                .body(format!(
                    r#"{{"file":{{"name":"files/s{id}","mimeType":"{}","sizeBytes":"{}","state":"ACTIVE","uri":"{ORIGIN}/v1beta/files/s{id}"}}}}"#,
                    session.mime_type, session.total
                )),
            _ => Response::new(200)
                .header(header::UPLOAD_STATUS, "active")
                .header(header::UPLOAD_SIZE_RECEIVED, &session.data.len().to_string()),
        }
    }

    fn status_fault(fault: &Fault) -> Option<Response> {
        let Fault::Status {
            code,
            retry_after,
            as_date,
        } = fault
        else {
            return None;
        };
        let mut answer = Response::new(*code).body(format!(
            r#"{{"error":{{"code":{code},"message":"try later","status":"UNAVAILABLE"}}}}"#
        ));
        if let Some(seconds) = retry_after {
            if *as_date {
                answer = answer
                    .header(header::DATE, "Thu, 01 Jan 2026 00:00:00 GMT")
                    .header(
                        header::RETRY_AFTER,
                        &format!("Thu, 01 Jan 2026 00:00:{seconds:02} GMT"),
                    );
            } else {
                answer = answer.header(header::RETRY_AFTER, &seconds.to_string());
            }
        }
        Some(answer)
    }

    fn refuse(&mut self, why: &str) -> Response {
        self.violations.push(why.to_owned());
        Response::new(400).body(format!(
            r#"{{"error":{{"code":400,"message":"{why}","status":"INVALID_ARGUMENT"}}}}"#
        ))
    }
}
