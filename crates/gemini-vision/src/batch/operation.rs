//! Reading the Operation that create, get and list answer with into a [`BatchJob`].
//!
//! The Operation is read member by member ([`Reader::object`]): the members the job
//! needs become small values read with [`Fields`], inline results stay the text the
//! server sent ([`Reader::skip`]; no tree of a response is built, and each is read like
//! a result file's line), and every other member (an echoed `inputConfig` with its
//! requests, `@type`) is checked and skipped without being built. `null` reads as
//! absent wherever a member is optional.

use super::job::{BatchJob, BatchJobList, BatchOutput};
use super::line::read_result;
use super::result::BatchResult;
use super::state::{BatchState, BatchStats};
use crate::error::{Error, Result};
use crate::json::{Fields, JsonError, Reader, within};
use crate::wire::{JsonLimits, Status};
use serde_json::{Map, Value};

/// Reads an Operation (the answer of create and get).
pub(super) fn read_operation(json: &[u8]) -> Result<BatchJob> {
    let malformed = |reason: String| Error::malformed("batch operation", reason);
    // The answer may be tens of MB of inline results, kept as text; the members built
    // as trees (metadata, error) are a resource's worth at most.
    let mut reader = Reader::with_budget(json, JsonLimits::RESOURCE.max_values);
    let parts = OperationParts::read(&mut reader)
        .and_then(|parts| reader.end().map(|()| parts))
        .map_err(|err| malformed(err.to_string()))?;
    parts.into_job().map_err(malformed)
}

/// Reads a list page (`{"operations": [...], "nextPageToken": "..."}`).
pub(super) fn read_list(json: &[u8]) -> Result<BatchJobList> {
    let malformed = |reason: String| Error::malformed("batch list", reason);
    let mut operations = Vec::new();
    let mut members = Map::new();
    let mut reader = Reader::with_budget(json, JsonLimits::FILE_LIST.max_values);
    reader
        .object(|reader, name| {
            if name == "operations" {
                operations.clear();
                if !reader.null() {
                    reader.array(|reader| {
                        operations.push(OperationParts::read(reader)?);
                        Ok(())
                    })?;
                }
                Ok(())
            } else {
                keep(
                    &mut members,
                    &["nextPageToken", "next_page_token"],
                    reader,
                    name,
                )
            }
        })
        .and_then(|()| reader.end())
        .map_err(|err| malformed(err.to_string()))?;
    let members = Value::Object(members);
    let next_page_token = Fields::of(&members, "the list")
        .and_then(|fields| fields.string(&["nextPageToken", "next_page_token"]))
        .map_err(malformed)?;
    Ok(BatchJobList {
        jobs: operations
            .into_iter()
            .zip(1..)
            .map(|(parts, n)| {
                (parts.into_job()).map_err(|reason| format!("in operation {n}, {reason}"))
            })
            .collect::<std::result::Result<_, _>>()
            .map_err(malformed)?,
        next_page_token: next_page_token.filter(|t| !t.is_empty()),
    })
}

/// The members of an Operation the job reads (the others are checked and skipped).
const OPERATION_MEMBERS: &[&str] = &["name", "done", "error"];

/// The members of its `metadata` the job reads, in both spellings.
const METADATA_MEMBERS: &[&str] = &[
    "name",
    "model",
    "displayName",
    "display_name",
    "createTime",
    "create_time",
    "updateTime",
    "update_time",
    "endTime",
    "end_time",
    "state",
    "batchStats",
    "batch_stats",
];

/// The members of an output the job reads besides its inline results.
const OUTPUT_MEMBERS: &[&str] = &["responsesFile", "responses_file"];

/// An Operation as read, before its fields are checked: the members the job needs
/// as values, and its outputs with their inline results as raw text.
#[derive(Default)]
struct OperationParts<'a> {
    members: Map<String, Value>,
    /// `None` when absent or `null`.
    metadata: Option<Map<String, Value>>,
    response: Option<OutputParts<'a>>,
    metadata_output: Option<OutputParts<'a>>,
}

/// An output (`response` or `metadata.output`) as read.
#[derive(Default)]
struct OutputParts<'a> {
    members: Map<String, Value>,
    /// The text of each `inlinedResponses.inlinedResponses` entry.
    inlined: Vec<&'a str>,
}

impl<'a> OperationParts<'a> {
    /// Reads the Operation at `reader`.
    fn read(reader: &mut Reader<'a>) -> std::result::Result<Self, JsonError> {
        let mut parts = OperationParts::default();
        reader.object(|reader, name| match name.as_str() {
            "response" => {
                parts.response = OutputParts::read(reader)?;
                Ok(())
            }
            "metadata" => {
                parts.metadata = None;
                parts.metadata_output = None;
                if reader.null() {
                    return Ok(());
                }
                let mut metadata = Map::new();
                reader.object(|reader, name| {
                    if name == "output" {
                        parts.metadata_output = OutputParts::read(reader)?;
                        Ok(())
                    } else {
                        keep(&mut metadata, METADATA_MEMBERS, reader, name)
                    }
                })?;
                parts.metadata = Some(metadata);
                Ok(())
            }
            _ => keep(&mut parts.members, OPERATION_MEMBERS, reader, name),
        })?;
        Ok(parts)
    }

    /// The job, its fields checked.
    fn into_job(self) -> std::result::Result<BatchJob, String> {
        let output = match self.response.map(OutputParts::into_output).transpose()? {
            Some(Some(output)) => Some(output),
            _ => self
                .metadata_output
                .map(OutputParts::into_output)
                .transpose()?
                .flatten(),
        };
        let members = Value::Object(self.members);
        let fields = Fields::of(&members, "the operation")?;
        let metadata = Value::Object(self.metadata.unwrap_or_default());
        let metadata = Fields::of(&metadata, "`metadata`")?;
        let in_metadata = within("metadata");
        let metadata_string = |names: &[&str]| metadata.string(names).map_err(&in_metadata);
        let name = fields
            .string(&["name"])?
            .filter(|name| !name.is_empty())
            .or(metadata_string(&["name"])?)
            .unwrap_or_default();
        let done = match fields.get(&["done"]) {
            None => false,
            Some(Value::Bool(done)) => *done,
            Some(_) => return Err("`done` is not a boolean".to_owned()),
        };
        let error: Option<Status> = match fields.get(&["error"]) {
            None => None,
            Some(error) => Some(Status::from_value(error)?),
        };
        let stats = match metadata.get(&["batchStats", "batch_stats"]) {
            None => None,
            Some(stats) => Some(BatchStats::from_value(stats).map_err(&in_metadata)?),
        };
        Ok(BatchJob {
            name,
            display_name: metadata_string(&["displayName", "display_name"])?,
            model: metadata_string(&["model"])?,
            state: metadata
                .get(&["state"])
                .map(BatchState::from_value)
                .unwrap_or_default(),
            stats,
            create_time: metadata_string(&["createTime", "create_time"])?,
            update_time: metadata_string(&["updateTime", "update_time"])?,
            end_time: metadata_string(&["endTime", "end_time"])?,
            done,
            error,
            output,
        })
    }
}

impl<'a> OutputParts<'a> {
    /// Reads the output at `reader`; `null` is none.
    fn read(reader: &mut Reader<'a>) -> std::result::Result<Option<Self>, JsonError> {
        if reader.null() {
            return Ok(None);
        }
        let mut output = OutputParts::default();
        reader.object(|reader, name| {
            if matches!(name.as_str(), "inlinedResponses" | "inlined_responses") {
                output.inlined = read_inlined(reader)?;
                Ok(())
            } else {
                keep(&mut output.members, OUTPUT_MEMBERS, reader, name)
            }
        })?;
        Ok(Some(output))
    }

    /// The output this holds, if any: inline results when there are some, else the
    /// file (an empty `response` object, as a job shows before its output is filled
    /// in, is no output).
    fn into_output(self) -> std::result::Result<Option<BatchOutput>, String> {
        let members = Value::Object(self.members);
        let file = Fields::of(&members, "the output")?
            .string(&["responsesFile", "responses_file"])
            .map_err(within("output"))?;
        if !self.inlined.is_empty() {
            let results: Vec<BatchResult> = self
                .inlined
                .iter()
                .zip(1u64..)
                .map(|(entry, position)| read_result(entry.as_bytes(), position))
                .collect();
            return Ok(Some(BatchOutput::Inline(results)));
        }
        Ok(file
            .filter(|name| !name.trim().is_empty())
            .map(|name| BatchOutput::File { name }))
    }
}

/// `inlinedResponses`: `{"inlinedResponses": [entry, ...]}` (or `null`), each entry
/// kept as its text.
fn read_inlined<'a>(reader: &mut Reader<'a>) -> std::result::Result<Vec<&'a str>, JsonError> {
    let mut entries = Vec::new();
    if reader.null() {
        return Ok(entries);
    }
    reader.object(|reader, name| {
        if matches!(name.as_str(), "inlinedResponses" | "inlined_responses") {
            entries.clear();
            if !reader.null() {
                reader.array(|reader| {
                    entries.push(reader.skip()?);
                    Ok(())
                })?;
            }
        } else {
            reader.skip()?;
        }
        Ok(())
    })?;
    Ok(entries)
}

/// Keeps the member `name` in `map` when it is one of `known`; checks and skips it
/// without building it otherwise.
fn keep(
    map: &mut Map<String, Value>,
    known: &[&str],
    reader: &mut Reader,
    name: String,
) -> std::result::Result<(), JsonError> {
    if known.contains(&name.as_str()) {
        map.insert(name, reader.value()?);
    } else {
        reader.skip()?;
    }
    Ok(())
}
