//! Batch Mode: thousands of requests as one job, at half the price, without I/O.
//!
//! What a batch client has to decide lives here; the shells (browser, CLI) move bytes.
//!
//! - **Input.** [`BatchInput`] checks the requests ([`BatchItem`]: a
//!   [`RequestBuilder`](crate::request::RequestBuilder) and an optional key), settles
//!   unique keys, and measures everything exactly. [`BatchInput::plan`] decides inline
//!   or file by size ([`BatchPlan`], with its reason). Inline, the create body comes as
//!   [`BodyPieces`](crate::request::BodyPieces) ([`BatchInput::inline_body`]); as a
//!   file, [`JsonlWriter`] gives the JSONL line by line, or the pieces of any upload
//!   chunk ([`JsonlWriter::chunk`]), with the total size known first, and
//!   [`file_create_body`] names the uploaded file. Media base64 is written by the
//!   shell straight into the pieces.
//! - **The job.** [`BatchJob`] reads the Operation that create, get and list answer
//!   with: both state prefixes ([`BatchState`]), `batchStats` as strings, `response` or
//!   `metadata.output`, inline results or a result file whatever the input, the job's
//!   `error`. [`BatchJobList`] reads a list page.
//! - **Waiting.** [`BatchPoller`] polls with backoff until the job ends
//!   ([`BatchAction`]), through `SUCCEEDED`-before-output, failures, cancellation and
//!   the 48-hour expiry.
//! - **Results.** [`ResultReader`] streams a result file into [`BatchResult`]s (key,
//!   position, and a response as raw JSON, the API's error, or why the line could not
//!   be read); inline results come out as the same type. [`ResultJoin`] joins them to
//!   the requests by key. The text of a response goes to
//!   [`crate::spatial::parse_detections`] like any `generateContent` answer.
//! - **URLs** are methods of [`Endpoint`](crate::endpoint::Endpoint) (`batch_generate_content`,
//!   `batch_url`, `cancel_batch_url`, `list_batches_url`, `file_download_url`).
//!
//! What this module must never do: perform I/O or read a clock; hold a whole JSONL
//! file (input or results) as one string or buffer; build a JSON tree of a response it
//! only passes on; let one bad result line or inline entry spoil the others; panic on
//! anything a server or a file sends (a 2 GB line, 100,000 nested brackets, a state it
//! has never heard of).

mod chunk;
mod create;
mod error;
mod input;
mod job;
mod join;
mod jsonl;
mod line;
mod operation;
mod pieces;
mod plan;
mod poll;
mod reader;
mod result;
mod state;
mod timestamp;

#[cfg(test)]
mod tests;

pub use chunk::ChunkPiece;
pub use create::file_create_body;
pub use error::BatchError;
pub use input::{BatchInput, BatchItem};
pub use job::{BatchJob, BatchJobList, BatchOutput};
pub use join::{Joined, ResultJoin};
pub use jsonl::{JSONL_MIME_TYPE, JsonlWriter};
pub use plan::{BatchLimits, BatchPlan, BatchRoute, BatchRouteReason, MAX_JSONL_FILE_BYTES};
pub use poll::{BatchAction, BatchPollPolicy, BatchPoller};
pub use reader::{DEFAULT_MAX_LINE_BYTES, ResultReader};
pub use result::{BatchOutcome, BatchResult, LineError, RawResponse, ResultError};
pub use state::{BatchState, BatchStats};
