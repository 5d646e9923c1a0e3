//! Waiting for the job with the core's [`BatchPoller`], its state and `batchStats` on
//! stderr whenever they change.
//!
//! A job that ends without results (failed, cancelled, expired) is recorded in the
//! state file as ended, with the job's own message, so that a rerun says so again
//! instead of creating a new job.

use super::Failure;
use super::run::{Session, now_ms};
use super::state::Stage;
use crate::api_client::{Call, Payload};
use gemini_vision::batch::{
    BatchAction, BatchError, BatchJob, BatchPollPolicy, BatchPoller, BatchStats,
};
use gemini_vision::retry::Backoff;
use std::time::Duration;

/// Waits until the job `name` has ended and returns it with its output.
pub fn wait_for(session: &mut Session<'_>, name: &str) -> Result<BatchJob, Failure> {
    let initial = session.args.poll_ms;
    let policy = BatchPollPolicy {
        interval: Backoff {
            initial_ms: initial,
            max_ms: initial.saturating_mul(12),
            multiplier: 1.5,
        },
        ..BatchPollPolicy::default()
    };
    let cap = policy.max_operation_bytes;
    let seed = session.seed();
    let mut poller = BatchPoller::new(
        &session.endpoint,
        name,
        policy,
        seed,
        Some(session.client.key()),
    )
    .map_err(|e| Failure::run(e.to_string()))?;
    let mut shown = String::new();
    loop {
        match poller.next_action() {
            BatchAction::Send(request) => {
                let call = Call::for_request(&request, Payload::Empty, true);
                match session.client.send(call, cap) {
                    Ok(response) => poller.on_response(response, now_ms()),
                    Err(error) if error.is_fatal() => return Err(Failure::run(error.to_string())),
                    Err(error) => poller.on_transport_error(error.message()),
                }
            }
            BatchAction::Wait { millis } => std::thread::sleep(Duration::from_millis(millis)),
            BatchAction::Update(job) => {
                let line = describe(&job);
                if line != shown {
                    session.console.say(&line);
                    shown = line;
                }
            }
            BatchAction::Finished(job) => {
                session.console.say(&describe(&job));
                return Ok(*job);
            }
            BatchAction::Failed(error) => return Err(ended(session, name, error)),
        }
    }
}

/// `batches/abc: BATCH_STATE_RUNNING, 120 of 200 done (3 failed), 80 pending`.
fn describe(job: &BatchJob) -> String {
    let mut line = format!("{}: {}", job.name, job.state.as_str());
    if let Some(stats) = &job.stats {
        line.push_str(&format!(", {}", counts(stats)));
    }
    line
}

fn counts(stats: &BatchStats) -> String {
    let n = |v: Option<u64>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
    let done = match (stats.successful_request_count, stats.failed_request_count) {
        (Some(ok), Some(failed)) => Some(ok + failed),
        (Some(ok), None) => Some(ok),
        _ => None,
    };
    format!(
        "{} of {} done ({} failed), {} pending",
        n(done),
        n(stats.request_count),
        n(stats.failed_request_count),
        n(stats.pending_request_count)
    )
}

/// The failure to end with; a job that ended without results is recorded as such.
fn ended(session: &mut Session<'_>, name: &str, error: BatchError) -> Failure {
    let job = match &error {
        BatchError::JobFailed { job }
        | BatchError::JobCancelled { job }
        | BatchError::JobExpired { job, .. } => Some(job.as_ref().clone()),
        _ => None,
    };
    let Some(job) = job else {
        return Failure::run(format!("waiting for {name} failed: {error}"));
    };
    let message = job.error_message();
    let stage = Stage::Ended {
        job: if job.name.is_empty() {
            name.to_owned()
        } else {
            job.name.clone()
        },
        state: job.state.as_str().to_owned(),
        message: message.clone(),
    };
    if let Err(failure) = session.enter(stage) {
        return failure;
    }
    let stats = job.stats.as_ref().map(counts).unwrap_or_default();
    Failure::run(format!("{error} [{}] {stats}", job.state.as_str()))
}
