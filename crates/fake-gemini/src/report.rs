//! What the emulator received, for `GET /__fake/report`.
//!
//! Tests use it to prove wire behaviour: which requests came, with which status, and,
//! per upload session, every chunk's offset and length, what was committed and how many
//! bytes arrived twice. It records paths without the `key` query parameter and never
//! records headers, so no API key can end up here.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

/// Requests kept; older ones are dropped first so a long run cannot grow without bound.
const MAX_REQUESTS: usize = 10_000;
/// Chunks kept per session.
const MAX_CHUNKS: usize = 100_000;

/// One request as received.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    /// 1-based arrival number.
    pub seq: u64,
    /// HTTP method.
    pub method: String,
    /// Path and query, without `key`.
    pub path: String,
    /// Answer status; 0 when the connection was cut before an answer.
    pub status: u16,
    /// Request body bytes read off the wire.
    pub bytes: u64,
    /// Names of the faults that fired on it.
    pub faults: Vec<String>,
}

/// What happened to one chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChunkOutcome {
    /// Every new byte was committed.
    Committed,
    /// The connection broke; bytes up to the last whole granule were kept.
    Partial,
    /// Refused (offset, granularity, size or a fault); nothing committed.
    Rejected,
}

/// One chunk of an upload session.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkRecord {
    /// `X-Goog-Upload-Offset` as sent.
    pub offset: u64,
    /// Body bytes that arrived.
    pub received: u64,
    /// Bytes of this chunk below what the session already had (sent twice).
    pub overlap: u64,
    /// Bytes newly committed.
    pub committed: u64,
    /// The command as sent.
    pub command: String,
    /// What happened.
    pub outcome: ChunkOutcome,
}

/// One upload session.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionReport {
    /// The session's upload id.
    pub upload_id: String,
    /// `files/{id}` once finalized.
    pub file: Option<String>,
    /// The declared total size, if any.
    pub declared_size: Option<u64>,
    /// Body bytes received on the wire over all chunks.
    pub bytes_received: u64,
    /// Bytes committed to the file.
    pub bytes_committed: u64,
    /// Bytes that arrived more than once (overlapping chunks).
    pub overlap_bytes: u64,
    /// Every chunk in arrival order.
    pub chunks: Vec<ChunkRecord>,
    /// `active`, `final`, `cancelled` or `expired`.
    pub status: String,
}

/// One batch job, or `batches` for requests that name none (create, list).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchReport {
    /// The faults that acted on it, in order (`batchFailed`, `status 503 on GET`, ...).
    pub faults: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Requests in arrival order (the most recent 10,000).
    pub requests: Vec<RequestRecord>,
    /// Upload sessions by upload id.
    pub uploads: BTreeMap<String, SessionReport>,
    /// Batch jobs that faults acted on, by name.
    pub batches: BTreeMap<String, BatchReport>,
}

/// The recorder shared by the pipeline and the upload handlers.
#[derive(Debug, Default)]
pub struct Recorder {
    inner: Mutex<(u64, Report)>,
}

impl Recorder {
    /// Records a finished request.
    pub fn request(&self, mut record: RequestRecord) {
        let Ok(mut guard) = self.inner.lock() else {
            return;
        };
        guard.0 += 1;
        record.seq = guard.0;
        let requests = &mut guard.1.requests;
        if requests.len() >= MAX_REQUESTS {
            requests.remove(0);
        }
        requests.push(record);
    }

    /// Runs `change` on a session's report, creating it if needed.
    pub fn session(&self, upload_id: &str, change: impl FnOnce(&mut SessionReport)) {
        let Ok(mut guard) = self.inner.lock() else {
            return;
        };
        let entry = guard
            .1
            .uploads
            .entry(upload_id.to_string())
            .or_insert_with(|| SessionReport {
                upload_id: upload_id.to_string(),
                status: "active".into(),
                ..SessionReport::default()
            });
        change(entry);
    }

    /// Records one chunk of a session.
    pub fn chunk(&self, upload_id: &str, chunk: ChunkRecord) {
        self.session(upload_id, |session| {
            session.bytes_received += chunk.received;
            session.bytes_committed += chunk.committed;
            session.overlap_bytes += chunk.overlap;
            if session.chunks.len() < MAX_CHUNKS {
                session.chunks.push(chunk);
            }
        });
    }

    /// Records that a fault acted on a batch job (or on `batches`).
    pub fn batch_fault(&self, name: &str, fault: String) {
        let Ok(mut guard) = self.inner.lock() else {
            return;
        };
        let faults = &mut guard.1.batches.entry(name.to_string()).or_default().faults;
        if faults.len() < MAX_CHUNKS {
            faults.push(fault);
        }
    }

    /// A copy of everything recorded.
    pub fn snapshot(&self) -> Report {
        self.inner
            .lock()
            .map(|guard| guard.1.clone())
            .unwrap_or_default()
    }

    /// Forgets everything.
    pub fn clear(&self) {
        if let Ok(mut guard) = self.inner.lock() {
            *guard = (0, Report::default());
        }
    }
}

/// A path and query with the `key` parameter removed.
pub fn redact_key(path_and_query: &str) -> String {
    let Some((path, query)) = path_and_query.split_once('?') else {
        return path_and_query.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && *pair != "key" && !pair.starts_with("key="))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn redacts_the_key_parameter() {
        assert_eq!(
            redact_key("/v1beta/models?key=SECRET&pageSize=2"),
            "/v1beta/models?pageSize=2"
        );
        assert_eq!(redact_key("/v1beta/files?key=SECRET"), "/v1beta/files");
        assert_eq!(redact_key("/v1beta/files"), "/v1beta/files");
    }

    #[test]
    fn sums_chunks_per_session() {
        let recorder = Recorder::default();
        for (offset, overlap) in [(0, 0), (262_144, 0), (262_144, 262_144)] {
            recorder.chunk(
                "u1",
                ChunkRecord {
                    offset,
                    received: 262_144,
                    overlap,
                    committed: 262_144 - overlap,
                    command: "upload".into(),
                    outcome: ChunkOutcome::Committed,
                },
            );
        }
        let report = recorder.snapshot();
        let session = &report.uploads["u1"];
        assert_eq!(session.bytes_received, 3 * 262_144);
        assert_eq!(session.bytes_committed, 2 * 262_144);
        assert_eq!(session.overlap_bytes, 262_144);
    }

    proptest! {
        #[test]
        fn a_redacted_path_never_contains_the_key(key in "[A-Za-z0-9_-]{8,40}", other in "[a-z]{1,8}=[0-9]{1,4}") {
            let path = format!("/v1beta/files?{other}&key={key}");
            let redacted = redact_key(&path);
            prop_assert!(!redacted.contains(&key));
            prop_assert!(redacted.contains(&other));
        }
    }
}
