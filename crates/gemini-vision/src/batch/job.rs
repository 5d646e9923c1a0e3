//! A batch job as the API describes it: the Operation that create, get and list
//! answer with, read into one flat [`BatchJob`].
//!
//! What the official SDKs lose is kept: `batchStats` (counts as strings or numbers),
//! the Operation's `error`, and the output whatever the input was (inline results can
//! come back for a file input, and a file for an inline one). The output is read from
//! `response`, falling back to `metadata.output`. Inline results are kept as raw JSON,
//! each read like a result file's line, so one odd entry spoils only itself.

use super::line::read_result;
use super::result::BatchResult;
use super::state::{BatchState, BatchStats};
use super::timestamp::parse_rfc3339_ms;
use crate::error::{Error, Result};
use crate::wire::Status;
use serde::Deserialize;
use serde_json::value::RawValue;

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
        expect_object(json, "batch operation")?;
        let wire: OperationWire = serde_json::from_slice(json)
            .map_err(|err| Error::malformed("batch operation", err.to_string()))?;
        Ok(wire.into_job())
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
        expect_object(json, "batch list")?;
        let wire: ListWire = serde_json::from_slice(json)
            .map_err(|err| Error::malformed("batch list", err.to_string()))?;
        Ok(BatchJobList {
            jobs: wire
                .operations
                .into_iter()
                .map(OperationWire::into_job)
                .collect(),
            next_page_token: wire.next_page_token.filter(|t| !t.is_empty()),
        })
    }
}

/// Serde reads a struct from a JSON array too; an answer that is an array is not ours.
fn expect_object(json: &[u8], what: &'static str) -> Result<()> {
    match json.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Ok(()),
        _ => Err(Error::malformed(what, "expected a JSON object")),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListWire {
    #[serde(default)]
    operations: Vec<OperationWire>,
    #[serde(default, alias = "next_page_token")]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OperationWire {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    done: Option<bool>,
    #[serde(default)]
    metadata: Option<MetadataWire>,
    #[serde(default)]
    response: Option<OutputWire>,
    #[serde(default)]
    error: Option<Status>,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MetadataWire {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    model: Option<String>,
    #[serde(default, alias = "display_name")]
    display_name: Option<String>,
    #[serde(default, alias = "create_time")]
    create_time: Option<String>,
    #[serde(default, alias = "update_time")]
    update_time: Option<String>,
    #[serde(default, alias = "end_time")]
    end_time: Option<String>,
    #[serde(default)]
    state: Option<BatchState>,
    #[serde(default, alias = "batch_stats")]
    batch_stats: Option<BatchStats>,
    #[serde(default)]
    output: Option<OutputWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OutputWire {
    #[serde(default, alias = "responses_file")]
    responses_file: Option<String>,
    #[serde(default, alias = "inlined_responses")]
    inlined_responses: Option<InlinedWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InlinedWire {
    #[serde(default, alias = "inlined_responses")]
    inlined_responses: Vec<Box<RawValue>>,
}

impl OutputWire {
    /// The output this holds, if any: inline results when there are some, else the
    /// file (an empty `response` object, as a job shows before its output is filled
    /// in, is no output).
    fn into_output(self) -> Option<BatchOutput> {
        let inline = self
            .inlined_responses
            .map(|list| list.inlined_responses)
            .filter(|list| !list.is_empty());
        if let Some(entries) = inline {
            let results = entries
                .iter()
                .zip(1u64..)
                .map(|(entry, position)| read_result(entry.get().as_bytes(), position))
                .collect();
            return Some(BatchOutput::Inline(results));
        }
        let name = self.responses_file.filter(|name| !name.trim().is_empty())?;
        Some(BatchOutput::File { name })
    }
}

impl OperationWire {
    fn into_job(self) -> BatchJob {
        let mut metadata = self.metadata;
        let metadata_output = metadata.as_mut().and_then(|m| m.output.take());
        let output = self
            .response
            .and_then(OutputWire::into_output)
            .or_else(|| metadata_output.and_then(OutputWire::into_output));
        let metadata_name = metadata.as_mut().and_then(|m| m.name.take());
        let name = self
            .name
            .filter(|name| !name.is_empty())
            .or(metadata_name)
            .unwrap_or_default();
        let metadata = metadata.unwrap_or_default();
        BatchJob {
            name,
            display_name: metadata.display_name,
            model: metadata.model,
            state: metadata.state.unwrap_or_default(),
            stats: metadata.batch_stats,
            create_time: metadata.create_time,
            update_time: metadata.update_time,
            end_time: metadata.end_time,
            done: self.done.unwrap_or(false),
            error: self.error,
            output,
        }
    }
}
