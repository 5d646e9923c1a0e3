//! The File API's resumable upload protocol, as a sans-I/O state machine.
//!
//! [`Upload`] decides which request to send next (method, URL, headers, and for a chunk
//! the byte range `start..end` of the source) and reads each answer; the shell moves
//! the bytes. In a browser the shell passes `Blob.slice(start, end)` straight to
//! `fetch`, so the file is never read into memory. [`ActivePoller`] then waits until
//! the file is `ACTIVE`. Both implement [`StateMachine`], so one loop drives either.
//!
//! What this module never does: network or file I/O, reading a clock, drawing random
//! numbers of its own (the shell passes a seed; waits come back as
//! [`Action::Wait`]), attaching the API key (the shell adds `x-goog-api-key` where
//! [`HttpRequest::api_key_header`] says so: on requests to the API's endpoint, never on
//! requests to a session URL), holding file bytes, or panicking on any
//! answer. Answers are bounded: the shell reads at most [`Response::BODY_CAP`]
//! (256 KiB) of a body, and [`ResponseHeaders`] keeps only the few headers the
//! protocol reads, each cut at 8 KiB.
//!
//! ## The protocol
//! 1. `POST {base}/upload/{version}/files` with `X-Goog-Upload-Command: start` and the
//!    size and MIME type; the answer's `X-Goog-Upload-URL` is the session.
//! 2. `POST <session>` with `upload` (the last chunk: `upload, finalize`) and
//!    `X-Goog-Upload-Offset`; every chunk but the last is a multiple of the
//!    granularity (`X-Goog-Upload-Chunk-Granularity`, else 256 KiB). Sizes adapt to
//!    the link (see [`ChunkSizing`]).
//! 3. After a failure, `query` says where to resume; a 404 means the session expired
//!    and the upload starts over (at most [`UploadConfig::max_restarts`] times).
//!    Failures wait with jittered exponential backoff, or exactly as long as the server
//!    asks (`Retry-After`, or a 429's `google.rpc.RetryInfo`) up to the caller's
//!    patience ([`RetryPolicy`], also usable for unary calls through [`Retrier`]).
//!
//! Only `X-Goog-Upload-URL` and `X-Goog-Upload-Status` are assumed readable (CORS hides
//! the rest unless exposed): without `X-Goog-Upload-Size-Received` the upload resumes
//! from the last offset the server confirmed, and the server ignores the overlap.
//!
//! ## Resuming after a reload
//! Store [`Upload::resume_record`] (JSON via [`ResumeRecord::to_json`]) under
//! [`resume_key`] after every [`Action::Progress`]; on the next page,
//! [`Upload::resume`] continues with a `query`, or starts afresh if the session expired.
//! Remove the record when the upload ends.
//!
//! ## Driving it
//! Any HTTP client will do; this loop is all a shell needs (here with an in-memory
//! source and a stand-in server):
//!
//! ```
//! use gemini_vision::endpoint::Endpoint;
//! use gemini_vision::http::{HttpRequest, RequestBody, Response};
//! use gemini_vision::upload::{Action, StateMachine, Upload, UploadConfig};
//! # fn send(request: &HttpRequest, body: &[u8]) -> Result<Response, String> {
//! #     // Stands in for `fetch` or any HTTP client: a one-session server that keeps
//! #     // every chunk, enough to run this example.
//! #     let command = request.header("X-Goog-Upload-Command").unwrap_or_default();
//! #     let offset: usize = request.header("X-Goog-Upload-Offset").map_or(0, |o| o.parse().unwrap());
//! #     let response = match command {
//! #         "start" => Response::new(200).header("X-Goog-Upload-URL", "/upload/v1beta/files?upload_id=1"),
//! #         "upload" => Response::new(200).header("X-Goog-Upload-Status", "active"),
//! #         _ => Response::new(200).header("X-Goog-Upload-Status", "final").body(format!(
//! #             r#"{{"file":{{"name":"files/abc","sizeBytes":"{}","state":"ACTIVE"}}}}"#,
//! #             offset + body.len()
//! #         )),
//! #     };
//! #     Ok(response)
//! # }
//!
//! fn upload(bytes: &[u8]) -> gemini_vision::Result<gemini_vision::wire::File> {
//!     let config = UploadConfig::new(Endpoint::default(), bytes.len() as u64, "video/mp4")
//!         .display_name("clip");
//!     let mut upload = Upload::new(config, 42, None)?;
//!     loop {
//!         match upload.next_action() {
//!             Action::Send(request) => {
//!                 let body: &[u8] = match &request.body {
//!                     RequestBody::Empty => &[],
//!                     RequestBody::Json(json) => json,
//!                     RequestBody::SourceRange { start, end } => {
//!                         bytes.get(*start as usize..*end as usize).unwrap_or_default()
//!                     }
//!                 };
//!                 match send(&request, body) {
//!                     Ok(response) => upload.on_response(response),
//!                     Err(message) => upload.on_transport_error(&message),
//!                 }
//!             }
//!             Action::Wait { millis } => std::thread::sleep(std::time::Duration::from_millis(millis)),
//!             Action::Progress(p) => println!("{} of {} bytes", p.confirmed, p.total),
//!             Action::Finished(file) => return Ok(*file),
//!             Action::Failed(error) => return Err(error),
//!         }
//!     }
//! }
//!
//! let file = upload(&vec![7u8; 20 * 1024 * 1024 + 1]).unwrap();
//! assert_eq!(file.size_bytes, Some(20 * 1024 * 1024 + 1));
//! ```
//!
//! [`HttpRequest::api_key_header`]: crate::http::HttpRequest::api_key_header
//! [`Response::BODY_CAP`]: crate::http::Response::BODY_CAP
//! [`ResponseHeaders`]: crate::http::ResponseHeaders
//! [`RetryPolicy`]: crate::retry::RetryPolicy
//! [`Retrier`]: crate::retry::Retrier

mod action;
mod answers;
mod chunk_sizing;
mod config;
mod machine;
mod poll;
mod resume;
mod session_url;

#[cfg(test)]
mod tests;

pub use action::{Action, Progress, StateMachine};
pub use chunk_sizing::{AdaptiveChunks, ChunkSizing};
pub use config::UploadConfig;
pub use machine::{Upload, UploadPhase};
pub use poll::{ActivePoller, PollPolicy};
pub use resume::{ResumeRecord, resume_key};
