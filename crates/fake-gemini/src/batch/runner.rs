//! Running one batch job on its schedule: `PENDING`, then `RUNNING` while each request
//! goes through the answer pipeline and the counts move, then `SUCCEEDED` with inline
//! results or a result file.
//!
//! The job record in the store is the only truth: the runner checks it at every step
//! and stops as soon as the job was cancelled, deleted or forgotten, so cancelled
//! requests are never run. Results of file input go to disk line by line and become a
//! generated file only when the job succeeds.

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncWriteExt, BufReader, BufWriter};

use super::answer::{self, Outcome, rpc_status};
use super::faults::record_effect;
use super::input::InlineRequest;
use super::job::{Job, JobState, Output};
use super::jsonl::{self, LineReader};
use super::schedule::Schedule;
use crate::clock;
use crate::errors::{ApiError, Status};
use crate::faults::BatchEffect;
use crate::files::record::FileRecord;
use crate::media_probe::Probe;
use crate::state::Shared;

/// Where a job's requests are.
#[derive(Debug)]
pub enum Work {
    /// The create body's requests.
    Inline(Vec<InlineRequest>),
    /// An uploaded JSONL file, opened at creation (so deleting the file later does not
    /// take the job's input away); lines longer than `cap` are refused.
    File {
        /// The file, at its start.
        file: tokio::fs::File,
        /// The longest line answered.
        cap: u64,
    },
}

/// Everything a runner needs.
#[derive(Debug)]
pub struct Plan {
    /// The job's id.
    pub id: String,
    /// The model answering.
    pub model: &'static str,
    /// The API version of the create, for error wording.
    pub version: String,
    /// The pace.
    pub schedule: Schedule,
    /// How many requests the job has.
    pub requests: u64,
}

/// What the end of `PENDING` leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Begin {
    Run,
    Fail,
    Expired,
    Stop,
}

/// Leaves `PENDING`, unless the job is already over.
fn begin(job: &mut Job) -> Begin {
    if job.state != JobState::Pending {
        return Begin::Stop;
    }
    let now = clock::now();
    if job.has(BatchEffect::BatchExpired) {
        job.enter(JobState::Expired, now);
        return Begin::Expired;
    }
    job.enter(JobState::Running, now);
    if job.has(BatchEffect::BatchFailed) {
        Begin::Fail
    } else {
        Begin::Run
    }
}

/// Runs the job to its end.
pub async fn run(state: Shared, plan: Plan, work: Work) {
    tokio::time::sleep(plan.schedule.pending).await;
    let name = format!("batches/{}", plan.id);
    match state.batches.with(&plan.id, begin) {
        None | Some(Begin::Stop) => return,
        Some(Begin::Expired) => return record_effect(&state, &name, BatchEffect::BatchExpired),
        Some(Begin::Fail) => {
            tokio::time::sleep(plan.schedule.running).await;
            let error = json!({
                "code": 13,
                "message": "The batch job failed (a batchFailed fault of fake-gemini).",
            });
            if fail(&state, &plan.id, error) {
                record_effect(&state, &name, BatchEffect::BatchFailed);
            }
            return;
        }
        Some(Begin::Run) => {}
    }
    let running_at = Instant::now();
    match work {
        Work::Inline(items) => run_inline(&state, &plan, &items, running_at).await,
        Work::File { file, cap } => run_file(&state, &plan, file, cap, running_at).await,
    }
}

/// Ends a running job `FAILED`; `false` when it was no longer running.
fn fail(state: &Shared, id: &str, error: Value) -> bool {
    state
        .batches
        .with(id, |job| {
            if job.state != JobState::Running {
                return false;
            }
            job.error = Some(error);
            job.enter(JobState::Failed, clock::now());
            true
        })
        .unwrap_or(false)
}

/// Waits until request `index` is due, then counts its outcome; `false` when the job
/// stopped running meanwhile.
async fn complete(
    state: &Shared,
    plan: &Plan,
    running_at: Instant,
    index: u64,
    outcome: &Outcome,
) -> bool {
    let after = plan.schedule.done_after(index, plan.requests);
    // A clock set absurdly long (the settings are the caller's) must not overflow.
    match running_at.checked_add(after) {
        Some(due) => tokio::time::sleep_until(due.into()).await,
        None => tokio::time::sleep(after).await,
    }
    state
        .batches
        .with(&plan.id, |job| {
            if job.state != JobState::Running {
                return false;
            }
            if outcome.succeeded() {
                job.stats.succeeded += 1;
            } else {
                job.stats.failed += 1;
            }
            job.updated = clock::now();
            true
        })
        .unwrap_or(false)
}

/// Ends a running job `SUCCEEDED` with `output`; `false` when it was no longer running.
fn succeed(state: &Shared, id: &str, output: Output) -> bool {
    let name = format!("batches/{id}");
    let done = state.batches.with(id, |job| {
        if job.state != JobState::Running {
            return None;
        }
        let mut fired = Vec::new();
        let output = match output {
            Output::Inline(mut results) if job.has(BatchEffect::BatchOutOfOrder) => {
                results.reverse();
                fired.push(BatchEffect::BatchOutOfOrder);
                Output::Inline(results)
            }
            output => output,
        };
        job.output = Some(output);
        job.hidden_polls = u32::from(job.has(BatchEffect::BatchLateOutput));
        job.enter(JobState::Succeeded, clock::now());
        Some(fired)
    });
    match done.flatten() {
        Some(fired) => {
            for effect in fired {
                record_effect(state, &name, effect);
            }
            true
        }
        None => false,
    }
}

/// One inline result: the request's metadata beside its response or error. Inline
/// errors carry `code` and `message` only: google-genai 3.6.1 reads `details` as a list
/// of strings and would refuse the whole job over `google.rpc` detail objects.
fn inline_result(metadata: Option<&Value>, outcome: Outcome) -> Value {
    let mut result = json!({});
    if let Some(metadata) = metadata {
        result["metadata"] = metadata.clone();
    }
    match outcome {
        Outcome::Response(response) => result["response"] = response,
        Outcome::Error(mut error) => {
            if let Some(fields) = error.as_object_mut() {
                fields.remove("details");
            }
            result["error"] = error;
        }
    }
    result
}

async fn run_inline(state: &Shared, plan: &Plan, items: &[InlineRequest], running_at: Instant) {
    let mut results = Vec::with_capacity(items.len());
    for (index, item) in (0u64..).zip(items) {
        let outcome = answer::answer(state, plan.model, item.request.clone(), &plan.version).await;
        if !complete(state, plan, running_at, index, &outcome).await {
            return;
        }
        results.push(inline_result(item.metadata.as_ref(), outcome));
    }
    succeed(state, &plan.id, Output::Inline(results));
}

/// The result file as written: its size and hash.
struct Written {
    size: u64,
    sha256: [u8; 32],
}

async fn run_file(
    state: &Shared,
    plan: &Plan,
    input: tokio::fs::File,
    cap: u64,
    running_at: Instant,
) {
    let part = state.files.path_for(&format!("batch-{}.part", plan.id));
    let written = answer_lines(state, plan, input, cap, &part, running_at).await;
    let written = match written {
        Ok(Some(written)) => written,
        Ok(None) => {
            let _ = tokio::fs::remove_file(&part).await;
            return;
        }
        Err(error) => {
            let _ = tokio::fs::remove_file(&part).await;
            let error = ApiError::new(
                Status::Internal,
                format!("Reading or writing the batch files failed: {error}"),
            );
            fail(state, &plan.id, rpc_status(&error));
            return;
        }
    };
    let file_id = format!("batch-{}", plan.id);
    match publish(state, &file_id, &part, written).await {
        Ok(()) => {
            if !succeed(state, &plan.id, Output::File(format!("files/{file_id}"))) {
                state.files.delete(&file_id);
            }
        }
        Err(error) => {
            let _ = tokio::fs::remove_file(&part).await;
            fail(state, &plan.id, rpc_status(&error));
        }
    }
}

/// Answers every line of the input into the result file at `part`; `None` when the
/// job stopped running before the end.
async fn answer_lines(
    state: &Shared,
    plan: &Plan,
    input: tokio::fs::File,
    cap: u64,
    part: &Path,
    running_at: Instant,
) -> std::io::Result<Option<Written>> {
    let reader = BufReader::with_capacity(64 * 1024, input);
    let mut lines = LineReader::new(reader, cap);
    let mut out = BufWriter::new(tokio::fs::File::create(part).await?);
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut index = 0u64;
    while let Some(line) = lines.next_line().await? {
        if line.is_blank() {
            continue;
        }
        let request = jsonl::parse_line(&line, cap);
        let outcome = match request.request {
            Ok(body) => answer::answer(state, plan.model, body, &plan.version).await,
            Err(error) => Outcome::refused(&error),
        };
        let bytes = jsonl::result_line(request.key.as_deref(), &outcome);
        out.write_all(&bytes).await?;
        hasher.update(&bytes);
        size += bytes.len() as u64;
        if !complete(state, plan, running_at, index, &outcome).await {
            return Ok(None);
        }
        index += 1;
    }
    out.flush().await?;
    Ok(Some(Written {
        size,
        sha256: hasher.finalize().into(),
    }))
}

/// Makes the written results a generated file of the project.
async fn publish(
    state: &Shared,
    file_id: &str,
    part: &Path,
    written: Written,
) -> Result<(), ApiError> {
    let settings = state.settings();
    if !state
        .files
        .reserve(written.size, settings.max_project_bytes)
    {
        return Err(ApiError::new(
            Status::ResourceExhausted,
            "The project's file storage is full: the batch results cannot be stored.",
        ));
    }
    let path = state.files.path_for(&format!("file-{file_id}"));
    if let Err(error) = tokio::fs::rename(part, &path).await {
        state.files.release(written.size);
        return Err(ApiError::new(
            Status::Internal,
            format!("Storing the batch results failed: {error}"),
        ));
    }
    let now = clock::now();
    state.files.insert(FileRecord {
        id: file_id.to_string(),
        display_name: None,
        mime_type: "application/jsonl".into(),
        size: written.size,
        sha256: written.sha256,
        created: now,
        ready_at: now,
        fails: false,
        path,
        probe: Probe::default(),
        seq: 0,
        hash_of_hex: settings.sha256_hash_of_hex,
        generated: true,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(effects: &[BatchEffect]) -> Job {
        let mut job = Job::new("a".into(), "gemini-2.5-flash", None, 1, clock::now());
        job.effects = effects.to_vec();
        job
    }

    #[test]
    fn a_pending_job_starts_running() {
        let mut pending = job(&[]);
        assert_eq!(begin(&mut pending), Begin::Run);
        assert_eq!(pending.state, JobState::Running);
    }

    #[test]
    fn faults_decide_how_pending_ends() {
        let mut expiring = job(&[BatchEffect::BatchExpired]);
        assert_eq!(begin(&mut expiring), Begin::Expired);
        assert_eq!(expiring.state, JobState::Expired);
        assert!(expiring.ended.is_some());
        let mut failing = job(&[BatchEffect::BatchFailed]);
        assert_eq!(begin(&mut failing), Begin::Fail);
        assert_eq!(failing.state, JobState::Running);
    }

    #[test]
    fn inline_errors_leave_their_details_out() {
        let error = ApiError::bad_field("contents", "contents is not specified");
        let result = inline_result(Some(&json!({"key": "a"})), Outcome::refused(&error));
        assert_eq!(
            result,
            json!({"metadata": {"key": "a"}, "error": {"code": 3, "message": "contents is not specified"}})
        );
    }

    #[test]
    fn a_cancelled_job_never_runs() {
        let mut cancelled = job(&[]);
        cancelled.enter(JobState::Cancelled, clock::now());
        assert_eq!(begin(&mut cancelled), Begin::Stop);
        assert_eq!(cancelled.state, JobState::Cancelled);
    }
}
