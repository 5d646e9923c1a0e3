//! A batch job as the API describes it: the Operation that create, get and list
//! answer with, read into one flat [`BatchJob`].
//!
//! What the official SDKs lose is kept: `batchStats` (counts as strings or numbers),
//! the Operation's `error`, and the output whatever the input was (inline results can
//! come back for a file input, and a file for an inline one). The output is read from
//! `response`, falling back to `metadata.output`. Inline results are kept as raw JSON,
//! each read like a result file's line, so one odd entry spoils only itself. The JSON
//! itself is read in `operation.rs`.

use super::operation::{read_list, read_operation};
use super::result::BatchResult;
use super::state::{BatchState, BatchStats};
use super::timestamp::parse_rfc3339_ms;
use crate::error::Result;
use crate::wire::Status;

/// A batch job.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchJob {
    /// `batches/{id}` (the Operation's `name`, else `metadata.name`).
    pub name: String,
    /// The name given at creation.
    pub display_name: Option<String>,
    /// `models/{model}`.
    pub model: Option<String>,
    /// Where the job is.
    pub state: BatchState,
    /// Request counts.
    pub stats: Option<BatchStats>,
    /// RFC 3339 creation time.
    pub create_time: Option<String>,
    /// RFC 3339 time of the last change.
    pub update_time: Option<String>,
    /// RFC 3339 time the job ended.
    pub end_time: Option<String>,
    /// The Operation's `done`.
    pub done: bool,
    /// Why the job failed as a whole (the Operation's `error`).
    pub error: Option<Status>,
    /// The results, once the server has filled them in.
    pub output: Option<BatchOutput>,
}

/// Where a job's results are.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchOutput {
    /// In the Operation itself (`inlinedResponses`), in the server's order.
    Inline(Vec<BatchResult>),
    /// In a JSONL file (`responsesFile`, `files/{id}`): download it with
    /// [`crate::endpoint::Endpoint::file_download_url`] and read it with
    /// [`super::ResultReader`].
    File {
        /// The file's name.
        name: String,
    },
}

impl BatchJob {
    /// Reads an Operation (the answer of create and get).
    pub fn from_json(json: &[u8]) -> Result<Self> {
        read_operation(json)
    }

    /// Whether the job can no longer change.
    pub fn is_terminal(&self) -> bool {
        self.state.is_terminal()
    }

    /// Whether the results are there to read: a result file, or as many inline results
    /// as the job has requests (any, when the count is unknown). A job of no requests
    /// is ready with none.
    pub fn output_ready(&self) -> bool {
        let expected = self.stats.as_ref().and_then(|s| s.request_count);
        match (&self.output, expected) {
            (Some(BatchOutput::File { .. }), _) => true,
            (Some(BatchOutput::Inline(results)), Some(count)) => results.len() as u64 >= count,
            (Some(BatchOutput::Inline(results)), None) => !results.is_empty(),
            (None, Some(0)) => true,
            (None, _) => false,
        }
    }

    /// The result file's name, when the results are in one.
    pub fn results_file(&self) -> Option<&str> {
        match &self.output {
            Some(BatchOutput::File { name }) => Some(name),
            _ => None,
        }
    }

    /// The inline results (empty when there are none).
    pub fn inline_results(&self) -> &[BatchResult] {
        match &self.output {
            Some(BatchOutput::Inline(results)) => results,
            _ => &[],
        }
    }

    /// The creation time in milliseconds since the Unix epoch, when it can be read.
    pub fn created_unix_ms(&self) -> Option<i64> {
        parse_rfc3339_ms(self.create_time.as_deref()?)
    }

    /// The server's reason for a failed job, or a stand-in saying it gave none.
    pub fn error_message(&self) -> String {
        self.error
            .as_ref()
            .and_then(|status| status.message.clone())
            .filter(|message| !message.is_empty())
            .unwrap_or_else(|| "the server gave no reason".to_owned())
    }
}

/// One page of `batches.list`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchJobList {
    /// The jobs of this page.
    pub jobs: Vec<BatchJob>,
    /// The token of the next page; `None` on the last one.
    pub next_page_token: Option<String>,
}

impl BatchJobList {
    /// Reads a list answer: `{"operations": [...], "nextPageToken": "..."}`, the only
    /// shape both official SDKs read (neither reads a `batches` member). An empty
    /// token is no token.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        read_list(json)
    }
}
