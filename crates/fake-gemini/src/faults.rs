//! Fault injection: what a test armed, and which request or chunk it hits.
//!
//! A fault counts the events of its [`Target`] from the moment it is armed and fires on
//! the `nth` one (1-based), then on the following ones until `times` are used up
//! (`sticky` faults never run out). Firing is decided here; acting on it is the job of
//! the pipeline and the handlers. This module never touches the network or the files.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// Which events a fault counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    /// Every Gemini API request (not `/__fake`, not preflights).
    #[default]
    Request,
    /// `generateContent` and `streamGenerateContent`.
    Generate,
    /// `countTokens`.
    Count,
    /// Everything under `/upload/`: starts, chunks, queries, cancels, multipart.
    Upload,
    /// Upload session requests that carry bytes (`upload`, `upload, finalize`, `finalize`).
    Chunk,
    /// `GET`/`DELETE` on `files`.
    Files,
    /// Everything under `cachedContents`.
    Caches,
}

/// What happens when a fault fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FaultKind {
    /// Answer with this HTTP status in Google's error shape; nothing is committed.
    #[serde(rename_all = "camelCase")]
    Status {
        /// 429, 500, 503 or any other code.
        status: u16,
        /// Seconds for `Retry-After`.
        #[serde(default)]
        retry_after: Option<u64>,
    },
    /// Cut the connection after this many bytes of the request body (bytes up to the
    /// last whole granule are kept, as the contract says).
    #[serde(rename_all = "camelCase")]
    Drop {
        /// Body bytes read before the cut.
        after_bytes: u64,
    },
    /// Answer without the `X-Goog-Upload-Status` header.
    MissingUploadStatus,
    /// The session of this upload request has expired (404).
    ExpireSession,
    /// The file made by this upload ends `FAILED` after processing.
    FailFile,
    /// Wait before answering.
    #[serde(rename_all = "camelCase")]
    Slow {
        /// Milliseconds to wait.
        delay_ms: u64,
    },
    /// The prompt is blocked: `promptFeedback.blockReason: SAFETY`, no candidates.
    SafetyBlock,
    /// The answer stops for safety: `finishReason: SAFETY`.
    SafetyFinish,
    /// The model answer is cut in the middle: `finishReason: MAX_TOKENS`.
    Truncate,
}

/// One armed fault, as `POST /__fake/faults` takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultSpec {
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// Which events are counted; each kind has a sensible default.
    #[serde(default)]
    pub target: Option<Target>,
    /// The first event that is hit, 1-based.
    #[serde(default = "one")]
    pub nth: u64,
    /// How many events are hit.
    #[serde(default = "one")]
    pub times: u64,
    /// Never runs out.
    #[serde(default)]
    pub sticky: bool,
}

fn one() -> u64 {
    1
}

impl FaultSpec {
    /// A fault hitting the `nth` event of its default target once.
    pub fn new(kind: FaultKind, nth: u64) -> Self {
        FaultSpec {
            kind,
            target: None,
            nth,
            times: 1,
            sticky: false,
        }
    }

    /// The same fault counting another target.
    pub fn on(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }

    /// The target counted, explicit or by kind.
    pub fn effective_target(&self) -> Target {
        self.target.unwrap_or(match self.kind {
            FaultKind::Drop { .. } | FaultKind::MissingUploadStatus | FaultKind::ExpireSession => {
                Target::Chunk
            }
            FaultKind::FailFile => Target::Upload,
            FaultKind::SafetyBlock | FaultKind::SafetyFinish | FaultKind::Truncate => {
                Target::Generate
            }
            FaultKind::Status { .. } | FaultKind::Slow { .. } => Target::Request,
        })
    }
}

/// An armed fault with its counters, as `GET /__fake/faults` shows it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmedFault {
    /// Its id, for the report.
    pub id: u64,
    /// What was asked.
    pub spec: FaultSpec,
    /// Events of its target seen since it was armed.
    pub seen: u64,
    /// Times it fired.
    pub fired: u64,
}

/// All armed faults, and those spent since the last reset (so that a test can prove its
/// fault fired even after it ran out).
#[derive(Debug, Default)]
pub struct Faults {
    armed: Mutex<Armed>,
}

#[derive(Debug, Default)]
struct Armed {
    last_id: u64,
    live: Vec<ArmedFault>,
    spent: Vec<ArmedFault>,
}

/// Spent faults kept for the report; older ones are dropped first.
const MAX_SPENT: usize = 10_000;

impl Faults {
    /// Arms a fault and returns its id.
    pub fn arm(&self, spec: FaultSpec) -> u64 {
        let Ok(mut guard) = self.armed.lock() else {
            return 0;
        };
        guard.last_id += 1;
        let id = guard.last_id;
        guard.live.push(ArmedFault {
            id,
            spec,
            seen: 0,
            fired: 0,
        });
        id
    }

    /// Disarms everything and forgets the spent ones.
    pub fn clear(&self) {
        if let Ok(mut guard) = self.armed.lock() {
            guard.live.clear();
            guard.spent.clear();
        }
    }

    /// The faults still armed.
    pub fn list(&self) -> Vec<ArmedFault> {
        self.armed
            .lock()
            .map(|guard| guard.live.clone())
            .unwrap_or_default()
    }

    /// Every fault armed since the last reset, live or spent, in the order armed, with
    /// how often each fired.
    pub fn history(&self) -> Vec<ArmedFault> {
        let Ok(guard) = self.armed.lock() else {
            return Vec::new();
        };
        let mut all: Vec<ArmedFault> = guard.spent.iter().chain(&guard.live).cloned().collect();
        all.sort_by_key(|fault| fault.id);
        all
    }

    /// Counts one event that belongs to all of `targets` and returns the kinds of the
    /// faults that fire on it. Spent faults are removed.
    pub fn on_event(&self, targets: &[Target]) -> Vec<FaultKind> {
        let Ok(mut guard) = self.armed.lock() else {
            return Vec::new();
        };
        let mut fired = Vec::new();
        for fault in guard.live.iter_mut() {
            if !targets.contains(&fault.spec.effective_target()) {
                continue;
            }
            fault.seen += 1;
            let live = fault.spec.sticky || fault.fired < fault.spec.times;
            if fault.seen >= fault.spec.nth && live {
                fault.fired += 1;
                fired.push(fault.spec.kind.clone());
            }
        }
        let (live, spent): (Vec<_>, Vec<_>) = std::mem::take(&mut guard.live)
            .into_iter()
            .partition(|fault| fault.spec.sticky || fault.fired < fault.spec.times);
        guard.live = live;
        guard.spent.extend(spent);
        let excess = guard.spent.len().saturating_sub(MAX_SPENT);
        guard.spent.drain(..excess);
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn status(code: u16) -> FaultKind {
        FaultKind::Status {
            status: code,
            retry_after: Some(1),
        }
    }

    #[test]
    fn fires_on_the_nth_event_only() {
        let faults = Faults::default();
        faults.arm(FaultSpec::new(status(503), 2));
        assert!(faults.on_event(&[Target::Request]).is_empty());
        assert_eq!(faults.on_event(&[Target::Request]), vec![status(503)]);
        assert!(faults.on_event(&[Target::Request]).is_empty());
        assert!(faults.list().is_empty());
    }

    #[test]
    fn ignores_events_of_other_targets() {
        let faults = Faults::default();
        faults.arm(FaultSpec::new(FaultKind::Drop { after_bytes: 10 }, 1));
        assert!(
            faults
                .on_event(&[Target::Request, Target::Generate])
                .is_empty()
        );
        assert_eq!(
            faults
                .on_event(&[Target::Request, Target::Upload, Target::Chunk])
                .len(),
            1
        );
    }

    #[test]
    fn sticky_faults_never_run_out() {
        let faults = Faults::default();
        let mut spec = FaultSpec::new(FaultKind::Truncate, 1);
        spec.sticky = true;
        faults.arm(spec);
        for _ in 0..5 {
            assert_eq!(faults.on_event(&[Target::Generate]).len(), 1);
        }
    }

    #[test]
    fn parses_the_admin_json() {
        let spec: FaultSpec = serde_json::from_str(
            r#"{"kind":"status","status":429,"retryAfter":3,"nth":2,"target":"chunk"}"#,
        )
        .unwrap();
        assert_eq!(
            spec.kind,
            FaultKind::Status {
                status: 429,
                retry_after: Some(3)
            }
        );
        assert_eq!(spec.effective_target(), Target::Chunk);
        assert_eq!(spec.nth, 2);
    }

    proptest! {
        #[test]
        fn a_fault_fires_exactly_times_times(nth in 1u64..20, times in 1u64..5, events in 0u64..60) {
            let faults = Faults::default();
            let mut spec = FaultSpec::new(FaultKind::SafetyBlock, nth);
            spec.times = times;
            faults.arm(spec);
            let fired: u64 = (0..events).map(|_| faults.on_event(&[Target::Generate]).len() as u64).sum();
            let expected = if events >= nth { (events - nth + 1).min(times) } else { 0 };
            prop_assert_eq!(fired, expected);
        }
    }
}
