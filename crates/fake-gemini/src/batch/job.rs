//! One batch job and its wire form: the long-running `Operation` that create, get and
//! list answer, field for field as `wire/batch.md` describes it.
//!
//! The state moves only through [`Job::enter`], which keeps `updateTime` and `endTime`
//! right. Nothing here reads a clock or touches the store.

use std::time::SystemTime;

use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::faults::BatchEffect;

/// `metadata.@type` of a batch operation.
pub const METADATA_TYPE: &str =
    "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch";
/// `response.@type` of a finished batch operation.
pub const OUTPUT_TYPE: &str =
    "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput";

/// `metadata.state` of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    /// Queued, nothing run yet.
    Pending,
    /// Requests are being answered.
    Running,
    /// Every request has its result.
    Succeeded,
    /// The job failed as a whole; `error` says why.
    Failed,
    /// Cancelled by the client; requests not run yet never will be.
    Cancelled,
    /// Pending or running for longer than 48 hours.
    Expired,
}

impl JobState {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            JobState::Pending => "BATCH_STATE_PENDING",
            JobState::Running => "BATCH_STATE_RUNNING",
            JobState::Succeeded => "BATCH_STATE_SUCCEEDED",
            JobState::Failed => "BATCH_STATE_FAILED",
            JobState::Cancelled => "BATCH_STATE_CANCELLED",
            JobState::Expired => "BATCH_STATE_EXPIRED",
        }
    }

    /// Whether the job can no longer change (`done: true`).
    pub fn is_terminal(self) -> bool {
        !matches!(self, JobState::Pending | JobState::Running)
    }
}

/// `metadata.batchStats`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests in the job.
    pub requests: u64,
    /// Requests answered with a response.
    pub succeeded: u64,
    /// Requests answered with an error.
    pub failed: u64,
}

impl Stats {
    /// Requests without a result yet.
    pub fn pending(&self) -> u64 {
        self.requests
            .saturating_sub(self.succeeded)
            .saturating_sub(self.failed)
    }

    /// The wire form: int64 counts are strings.
    pub fn to_json(&self) -> Value {
        json!({
            "requestCount": self.requests.to_string(),
            "successfulRequestCount": self.succeeded.to_string(),
            "failedRequestCount": self.failed.to_string(),
            "pendingRequestCount": self.pending().to_string(),
        })
    }
}

/// Where a finished job's results are.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// `inlinedResponses`: one `{metadata, response | error}` per request.
    Inline(Vec<Value>),
    /// `responsesFile`: the `files/batch-...` name of a JSONL file.
    File(String),
}

impl Output {
    /// The `GenerateContentBatchOutput` union, without `@type`.
    pub fn to_json(&self) -> Value {
        match self {
            Output::Inline(results) => {
                json!({ "inlinedResponses": { "inlinedResponses": results } })
            }
            Output::File(name) => json!({ "responsesFile": name }),
        }
    }
}

/// A batch job as the emulator keeps it.
#[derive(Debug, Clone)]
pub struct Job {
    /// The id in `batches/{id}`.
    pub id: String,
    /// Creation order, for listing newest first.
    pub seq: u64,
    /// The model id (without `models/`).
    pub model: &'static str,
    /// `displayName`, if the client gave one.
    pub display_name: Option<String>,
    /// `createTime`.
    pub created: SystemTime,
    /// `updateTime`: the last change of state or counts.
    pub updated: SystemTime,
    /// `endTime`, once terminal.
    pub ended: Option<SystemTime>,
    /// The current state.
    pub state: JobState,
    /// The counts.
    pub stats: Stats,
    /// The results, once `SUCCEEDED`.
    pub output: Option<Output>,
    /// `error` of a `FAILED` job, as a `google.rpc.Status`.
    pub error: Option<Value>,
    /// The batch faults that fired on its creation.
    pub effects: Vec<BatchEffect>,
    /// `get`s still to answer `SUCCEEDED` without output (the late-output fault).
    pub hidden_polls: u32,
}

impl Job {
    /// A new `PENDING` job of `requests` requests.
    pub fn new(
        id: String,
        model: &'static str,
        display_name: Option<String>,
        requests: u64,
        now: SystemTime,
    ) -> Self {
        Job {
            id,
            seq: 0,
            model,
            display_name,
            created: now,
            updated: now,
            ended: None,
            state: JobState::Pending,
            stats: Stats {
                requests,
                ..Stats::default()
            },
            output: None,
            error: None,
            effects: Vec::new(),
            hidden_polls: 0,
        }
    }

    /// `batches/{id}`.
    pub fn name(&self) -> String {
        format!("batches/{}", self.id)
    }

    /// Whether a fault asked for this effect.
    pub fn has(&self, effect: BatchEffect) -> bool {
        self.effects.contains(&effect)
    }

    /// Moves to `state` at `now`; terminal states also end the job.
    pub fn enter(&mut self, state: JobState, now: SystemTime) {
        self.state = state;
        self.updated = now;
        if state.is_terminal() {
            self.ended = Some(now);
        }
    }

    /// Whether the output would be shown now (the late-output fault hides it).
    pub fn output_visible(&self) -> bool {
        self.hidden_polls == 0
    }

    /// The `Operation`; `show_output` is false while the late-output fault holds the
    /// results back.
    pub fn to_operation(&self, show_output: bool) -> Value {
        let name = self.name();
        let mut metadata = json!({
            "@type": METADATA_TYPE,
            "name": name,
            "model": format!("models/{}", self.model),
            "createTime": rfc3339(self.created),
            "updateTime": rfc3339(self.updated),
            "state": self.state.name(),
            "batchStats": self.stats.to_json(),
        });
        let mut operation = json!({
            "name": name,
            "done": self.state.is_terminal(),
        });
        if let Some(fields) = metadata.as_object_mut() {
            if let Some(display_name) = &self.display_name {
                fields.insert("displayName".into(), json!(display_name));
            }
            if let Some(ended) = self.ended {
                fields.insert("endTime".into(), json!(rfc3339(ended)));
            }
        }
        if let (Some(output), true) = (&self.output, show_output) {
            let union = output.to_json();
            metadata["output"] = union.clone();
            let mut response = json!({ "@type": OUTPUT_TYPE });
            if let (Some(response), Value::Object(union)) = (response.as_object_mut(), union) {
                response.extend(union);
            }
            operation["response"] = response;
        }
        operation["metadata"] = metadata;
        if let Some(error) = &self.error {
            operation["error"] = error.clone();
        }
        operation
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::Duration;

    fn job() -> Job {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_761_291_909);
        Job::new(
            "abc".into(),
            "gemini-2.5-flash",
            Some("job-1".into()),
            2,
            now,
        )
    }

    #[test]
    fn a_new_job_is_pending_with_string_counts() {
        let operation = job().to_operation(true);
        assert_eq!(operation["name"], "batches/abc");
        assert_eq!(operation["done"], false);
        let metadata = &operation["metadata"];
        assert_eq!(metadata["@type"], METADATA_TYPE);
        assert_eq!(metadata["state"], "BATCH_STATE_PENDING");
        assert_eq!(metadata["model"], "models/gemini-2.5-flash");
        assert_eq!(metadata["displayName"], "job-1");
        assert_eq!(metadata["batchStats"]["requestCount"], "2");
        assert_eq!(metadata["batchStats"]["pendingRequestCount"], "2");
        assert_eq!(metadata["createTime"], "2025-10-24T07:45:09.000000Z");
        assert!(metadata.get("endTime").is_none());
        assert!(operation.get("response").is_none());
    }

    #[test]
    fn a_finished_job_carries_its_output_twice() {
        let mut job = job();
        job.output = Some(Output::File("files/batch-abc".into()));
        job.enter(JobState::Succeeded, job.created + Duration::from_secs(1));
        let operation = job.to_operation(true);
        assert_eq!(operation["done"], true);
        assert_eq!(operation["response"]["@type"], OUTPUT_TYPE);
        assert_eq!(operation["response"]["responsesFile"], "files/batch-abc");
        assert_eq!(
            operation["metadata"]["output"]["responsesFile"],
            "files/batch-abc"
        );
        assert_eq!(
            operation["metadata"]["endTime"],
            "2025-10-24T07:45:10.000000Z"
        );
        let hidden = job.to_operation(false);
        assert!(hidden.get("response").is_none());
        assert!(hidden["metadata"].get("output").is_none());
    }

    proptest! {
        #[test]
        fn counts_always_add_up(requests in 0u64..1000, succeeded in 0u64..1000, failed in 0u64..1000) {
            let stats = Stats { requests, succeeded: succeeded.min(requests), failed: failed.min(requests - succeeded.min(requests)) };
            prop_assert_eq!(stats.succeeded + stats.failed + stats.pending(), stats.requests);
            let json = stats.to_json();
            let expected = requests.to_string();
            prop_assert_eq!(json["requestCount"].as_str(), Some(expected.as_str()));
        }
    }
}
