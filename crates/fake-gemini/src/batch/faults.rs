//! Faults on Batch Mode: `status` and `slow` faults armed for the `batch` target act on
//! the batch request they hit; batch job faults (`batchFailed`, ...) are read at
//! creation and acted on by the runner and the handlers. Every fault that acts is
//! written to the report under the job's name.
//!
//! Deciding which fault fires stays in `crate::faults`; this module only acts.

use std::time::Duration;

use crate::errors::{ApiError, Status};
use crate::faults::{BatchEffect, FaultKind, Target};
use crate::state::Shared;

/// The report key of requests that name no job.
pub const COLLECTION: &str = "batches";

/// The report name of a batch job fault.
pub fn effect_name(effect: BatchEffect) -> &'static str {
    match effect {
        BatchEffect::BatchFailed => "batchFailed",
        BatchEffect::BatchExpired => "batchExpired",
        BatchEffect::BatchLateOutput => "batchLateOutput",
        BatchEffect::BatchOutOfOrder => "batchOutOfOrder",
    }
}

/// Records that a batch job fault acted on job `name`.
pub fn record_effect(state: &Shared, name: &str, effect: BatchEffect) {
    state
        .recorder
        .batch_fault(name, effect_name(effect).to_string());
}

/// The answer of a `status` fault, in Google's words for the common codes.
fn status_answer(status: u16, retry_after: Option<u64>) -> ApiError {
    let message = match status {
        429 => "Resource has been exhausted (e.g. check quota).",
        500 => "Internal error encountered.",
        503 => "The service is currently unavailable.",
        _ => "Injected fault.",
    };
    let mut error = ApiError::new(Status::from_http(status), message);
    error.retry_after = retry_after;
    error
}

/// Counts one Batch Mode request (`method` on job `name`, or on the collection) for the
/// `batch` target: waits for `slow` faults and fails with a `status` fault.
pub async fn gate(state: &Shared, method: &str, name: Option<&str>) -> Result<(), ApiError> {
    let fired = state.faults.on_event(&[Target::Batch]);
    let name = name.unwrap_or(COLLECTION);
    for kind in &fired {
        match kind {
            FaultKind::Slow { delay_ms } => {
                state
                    .recorder
                    .batch_fault(name, format!("slow {delay_ms} ms on {method}"));
                tokio::time::sleep(Duration::from_millis(*delay_ms)).await;
            }
            FaultKind::Status {
                status,
                retry_after,
            } => {
                state
                    .recorder
                    .batch_fault(name, format!("status {status} on {method}"));
                return Err(status_answer(*status, *retry_after));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_503_says_when_to_come_back() {
        let error = status_answer(503, Some(2));
        assert_eq!(error.status, Status::Unavailable);
        assert_eq!(error.retry_after, Some(2));
    }
}
