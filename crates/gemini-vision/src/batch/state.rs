//! A batch job's state and its request counts, as the API and the SDKs spell them.
//!
//! The API says `BATCH_STATE_RUNNING`; the official SDKs rename the same values
//! `JOB_STATE_RUNNING`, and jobs stored by them come back that way. Both prefixes read
//! as the same state; anything else is kept verbatim as [`BatchState::Unknown`].
//!
//! Both are read by hand from a parsed [`Value`] ([`BatchState::from_value`],
//! [`BatchStats::from_value`]); their serde impls, kept for native users, delegate to
//! those readers so that there is one reading of each.

use crate::json::{self, Fields};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Where a batch job is in its life.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum BatchState {
    /// Not set (also what a job without a state reads as).
    #[default]
    Unspecified,
    /// Accepted, waiting to run.
    Pending,
    /// Running.
    Running,
    /// Done; the output may still be on its way (see
    /// [`BatchJob::output_ready`](super::BatchJob::output_ready)).
    Succeeded,
    /// The job failed as a whole; the Operation's `error` says why.
    Failed,
    /// Cancelled (terminal at once).
    Cancelled,
    /// Pending or running for more than 48 hours.
    Expired,
    /// A value this version does not know (`JOB_STATE_QUEUED`, ...), kept verbatim.
    Unknown(String),
}

const API_PREFIX: &str = "BATCH_STATE_";
const SDK_PREFIX: &str = "JOB_STATE_";

impl BatchState {
    /// Reads a state with either prefix (`BATCH_STATE_SUCCEEDED`, `JOB_STATE_SUCCEEDED`).
    pub fn from_wire(value: &str) -> Self {
        let bare = value
            .strip_prefix(API_PREFIX)
            .or_else(|| value.strip_prefix(SDK_PREFIX));
        match bare {
            Some("UNSPECIFIED") => Self::Unspecified,
            Some("PENDING") => Self::Pending,
            Some("RUNNING") => Self::Running,
            Some("SUCCEEDED") => Self::Succeeded,
            Some("FAILED") => Self::Failed,
            Some("CANCELLED") => Self::Cancelled,
            Some("EXPIRED") => Self::Expired,
            _ => Self::Unknown(value.to_owned()),
        }
    }

    /// Reads a state from its JSON value: a string with either prefix; anything else
    /// (proto3 JSON may give an enum as its number) is kept as [`BatchState::Unknown`]
    /// in its JSON text.
    pub fn from_value(value: &Value) -> Self {
        match value {
            Value::String(text) => Self::from_wire(text),
            other => Self::Unknown(json::to_string(other)),
        }
    }

    /// The state as the API spells it (`BATCH_STATE_...`); unknown values verbatim.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Unspecified => "BATCH_STATE_UNSPECIFIED",
            Self::Pending => "BATCH_STATE_PENDING",
            Self::Running => "BATCH_STATE_RUNNING",
            Self::Succeeded => "BATCH_STATE_SUCCEEDED",
            Self::Failed => "BATCH_STATE_FAILED",
            Self::Cancelled => "BATCH_STATE_CANCELLED",
            Self::Expired => "BATCH_STATE_EXPIRED",
            Self::Unknown(other) => other,
        }
    }

    /// The state as the official SDKs spell it (`JOB_STATE_...`), which is what a
    /// drop-in for `@google/genai` must show; unknown values verbatim.
    pub fn sdk_name(&self) -> String {
        match self {
            Self::Unknown(other) => other.clone(),
            known => known.as_str().replacen(API_PREFIX, SDK_PREFIX, 1),
        }
    }

    /// Whether the job can no longer change: succeeded, failed, cancelled or expired.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Succeeded | Self::Failed | Self::Cancelled | Self::Expired
        )
    }
}

impl std::fmt::Display for BatchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for BatchState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BatchState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|value| Self::from_value(&value))
    }
}

/// How many requests of a job are in which state (`batchStats`). The API sends the
/// counts as strings; numbers are read too. Absent counts are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchStats {
    /// Requests in the job.
    #[serde(
        serialize_with = "crate::wire::int64::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_count: Option<u64>,
    /// Requests answered successfully.
    #[serde(
        serialize_with = "crate::wire::int64::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub successful_request_count: Option<u64>,
    /// Requests that failed.
    #[serde(
        serialize_with = "crate::wire::int64::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub failed_request_count: Option<u64>,
    /// Requests not answered yet.
    #[serde(
        serialize_with = "crate::wire::int64::option::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub pending_request_count: Option<u64>,
}

impl BatchStats {
    /// Reads `batchStats` from its JSON value (an object; each count a decimal string or
    /// a non-negative integer, in camelCase or snake_case). Errors name the count.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        let fields = Fields::of(value, "`batchStats`")?;
        Ok(BatchStats {
            request_count: fields.uint64(&["requestCount", "request_count"])?,
            successful_request_count: fields
                .uint64(&["successfulRequestCount", "successful_request_count"])?,
            failed_request_count: fields.uint64(&["failedRequestCount", "failed_request_count"])?,
            pending_request_count: fields
                .uint64(&["pendingRequestCount", "pending_request_count"])?,
        })
    }
}

impl<'de> Deserialize<'de> for BatchStats {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_prefixes_read_as_the_same_state() {
        for (api, sdk, state) in [
            (
                "BATCH_STATE_PENDING",
                "JOB_STATE_PENDING",
                BatchState::Pending,
            ),
            (
                "BATCH_STATE_RUNNING",
                "JOB_STATE_RUNNING",
                BatchState::Running,
            ),
            (
                "BATCH_STATE_SUCCEEDED",
                "JOB_STATE_SUCCEEDED",
                BatchState::Succeeded,
            ),
            ("BATCH_STATE_FAILED", "JOB_STATE_FAILED", BatchState::Failed),
            (
                "BATCH_STATE_CANCELLED",
                "JOB_STATE_CANCELLED",
                BatchState::Cancelled,
            ),
            (
                "BATCH_STATE_EXPIRED",
                "JOB_STATE_EXPIRED",
                BatchState::Expired,
            ),
            (
                "BATCH_STATE_UNSPECIFIED",
                "JOB_STATE_UNSPECIFIED",
                BatchState::Unspecified,
            ),
        ] {
            assert_eq!(BatchState::from_wire(api), state);
            assert_eq!(BatchState::from_wire(sdk), state);
            assert_eq!(state.as_str(), api);
            assert_eq!(state.sdk_name(), sdk);
        }
    }

    #[test]
    fn unknown_states_are_kept_verbatim_and_not_terminal() {
        for value in ["JOB_STATE_QUEUED", "BATCH_STATE_PAUSED", "RUNNING", ""] {
            let state = BatchState::from_wire(value);
            assert_eq!(state, BatchState::Unknown(value.to_owned()));
            assert_eq!(state.as_str(), value);
            assert_eq!(state.sdk_name(), value);
            assert!(!state.is_terminal());
        }
    }

    #[test]
    fn a_numeric_state_is_unknown_rather_than_an_error() {
        let state: BatchState = serde_json::from_str("3").unwrap();
        assert_eq!(state, BatchState::Unknown("3".into()));
    }

    #[test]
    fn terminal_states_are_the_four_ends() {
        let terminal: Vec<_> = [
            BatchState::Unspecified,
            BatchState::Pending,
            BatchState::Running,
            BatchState::Succeeded,
            BatchState::Failed,
            BatchState::Cancelled,
            BatchState::Expired,
        ]
        .into_iter()
        .filter(BatchState::is_terminal)
        .collect();
        assert_eq!(
            terminal,
            [
                BatchState::Succeeded,
                BatchState::Failed,
                BatchState::Cancelled,
                BatchState::Expired
            ]
        );
    }

    #[test]
    fn counts_are_read_from_strings_and_numbers_and_written_as_strings() {
        let stats: BatchStats = serde_json::from_str(
            r#"{"requestCount":"2","successful_request_count":1,"failedRequestCount":"0"}"#,
        )
        .unwrap();
        assert_eq!(stats.request_count, Some(2));
        assert_eq!(stats.successful_request_count, Some(1));
        assert_eq!(stats.failed_request_count, Some(0));
        assert_eq!(stats.pending_request_count, None);
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["requestCount"], "2");
    }

    #[test]
    fn the_hand_reader_and_serde_read_the_same() {
        for json in [r#""JOB_STATE_FAILED""#, "3", "null", r#"{"a":[1]}"#] {
            let value = crate::json::parse(json.as_bytes()).unwrap();
            let by_serde: BatchState = serde_json::from_str(json).unwrap();
            assert_eq!(BatchState::from_value(&value), by_serde, "{json}");
        }
        assert_eq!(
            BatchState::from_value(&serde_json::json!({"a": [1]})),
            BatchState::Unknown(r#"{"a":[1]}"#.into())
        );
    }

    #[test]
    fn a_count_of_the_wrong_kind_is_an_error_naming_it() {
        let value = crate::json::parse(br#"{"pendingRequestCount": "-1"}"#).unwrap();
        assert_eq!(
            BatchStats::from_value(&value),
            Err("`pendingRequestCount` is not a non-negative integer".to_owned())
        );
        let by_serde = serde_json::from_str::<BatchStats>(r#"{"pendingRequestCount": "-1"}"#);
        assert!(
            by_serde
                .unwrap_err()
                .to_string()
                .contains("pendingRequestCount")
        );
        assert!(BatchStats::from_value(&serde_json::json!([1])).is_err());
    }
}
