//! One stored file and its JSON form, field for field as the File API answers.
//!
//! The state is derived from time: a file that starts `PROCESSING` becomes `ACTIVE` (or
//! `FAILED`, when a fault asked for it) once its processing time is over. Nothing here
//! touches the disk.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::media_probe::Probe;

/// How long a file lives.
pub const LIFETIME: Duration = Duration::from_secs(48 * 3600);

/// `state` of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// Still being processed.
    Processing,
    /// Usable in prompts.
    Active,
    /// Processing failed.
    Failed,
}

impl FileState {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            FileState::Processing => "PROCESSING",
            FileState::Active => "ACTIVE",
            FileState::Failed => "FAILED",
        }
    }
}

/// A stored file.
#[derive(Debug, Clone)]
pub struct FileRecord {
    /// The id in `files/{id}`.
    pub id: String,
    /// `displayName`, if the client gave one.
    pub display_name: Option<String>,
    /// `mimeType`.
    pub mime_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes.
    pub sha256: [u8; 32],
    /// `createTime`.
    pub created: SystemTime,
    /// When processing ends; equal to `created` for files that are active at once.
    pub ready_at: SystemTime,
    /// Processing ends `FAILED`.
    pub fails: bool,
    /// Where the bytes are.
    pub path: PathBuf,
    /// What token counting needs.
    pub probe: Probe,
    /// Creation order, for listing newest first.
    pub seq: u64,
    /// Render `sha256Hash` as base64 of the hex digest, as the real API does.
    pub hash_of_hex: bool,
    /// Made by the service (a batch's result file), not uploaded: `source: GENERATED`
    /// with a `downloadUri`, and the only kind of file that can be downloaded.
    pub generated: bool,
}

impl FileRecord {
    /// The state at `now`.
    pub fn state(&self, now: SystemTime) -> FileState {
        if now < self.ready_at {
            FileState::Processing
        } else if self.fails {
            FileState::Failed
        } else {
            FileState::Active
        }
    }

    /// `sha256Hash`: base64 of the digest (the rule) or of its hex form (what
    /// the real API was seen to answer, googleapis/js-genai#381).
    pub fn sha256_hash(&self) -> String {
        if self.hash_of_hex {
            let hex: String = self
                .sha256
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect();
            STANDARD.encode(hex)
        } else {
            STANDARD.encode(self.sha256)
        }
    }

    /// `expirationTime`.
    pub fn expires(&self) -> SystemTime {
        self.created + LIFETIME
    }

    /// The JSON the API returns; `base` is `scheme://host`, `version` the API version of
    /// the request being answered.
    pub fn to_json(&self, base: &str, version: &str, now: SystemTime) -> Value {
        let state = self.state(now);
        let updated = if state == FileState::Processing {
            self.created
        } else {
            self.ready_at
        };
        let mut file = json!({
            "name": format!("files/{}", self.id),
            "mimeType": self.mime_type,
            "sizeBytes": self.size.to_string(),
            "createTime": rfc3339(self.created),
            "updateTime": rfc3339(updated),
            "expirationTime": rfc3339(self.expires()),
            "sha256Hash": self.sha256_hash(),
            "uri": format!("{base}/{version}/files/{}", self.id),
            "state": state.name(),
            "source": if self.generated { "GENERATED" } else { "UPLOADED" },
        });
        if let Some(object) = file.as_object_mut() {
            if self.generated {
                let uri = format!(
                    "{base}/download/{version}/files/{}:download?alt=media",
                    self.id
                );
                object.insert("downloadUri".into(), Value::String(uri));
            }
            if let Some(name) = &self.display_name {
                object.insert("displayName".into(), Value::String(name.clone()));
            }
            if state == FileState::Failed {
                object.insert(
                    "error".into(),
                    json!({ "code": 400, "message": "File processing failed." }),
                );
            }
            if state == FileState::Active
                && self.mime_type.starts_with("video/")
                && let Some(seconds) = self.probe.seconds
            {
                object.insert(
                    "videoMetadata".into(),
                    json!({ "videoDuration": format!("{}s", trim_float(seconds)) }),
                );
            }
        }
        file
    }
}

fn trim_float(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(processing: Duration, fails: bool) -> FileRecord {
        let created = SystemTime::UNIX_EPOCH + Duration::from_secs(1_761_291_909);
        FileRecord {
            id: "abc123def456".into(),
            display_name: Some("big".into()),
            mime_type: "video/mp4".into(),
            size: 20_971_643,
            sha256: [0; 32],
            created,
            ready_at: created + processing,
            fails,
            path: PathBuf::new(),
            probe: Probe {
                seconds: Some(12.5),
                ..Probe::default()
            },
            seq: 1,
            hash_of_hex: false,
            generated: false,
        }
    }

    #[test]
    fn renders_the_api_fields() {
        let file = record(Duration::ZERO, false);
        let json = file.to_json("http://127.0.0.1:9", "v1beta", file.created);
        assert_eq!(json["name"], "files/abc123def456");
        assert_eq!(json["sizeBytes"], "20971643");
        assert_eq!(json["uri"], "http://127.0.0.1:9/v1beta/files/abc123def456");
        assert_eq!(json["expirationTime"], "2025-10-26T07:45:09.000000Z");
        assert_eq!(json["source"], "UPLOADED");
        assert_eq!(json["state"], "ACTIVE");
        assert_eq!(json["videoMetadata"]["videoDuration"], "12.5s");
    }

    #[test]
    fn processing_ends_failed_when_asked() {
        let file = record(Duration::from_secs(2), true);
        assert_eq!(file.state(file.created), FileState::Processing);
        let later = file.created + Duration::from_secs(3);
        assert_eq!(file.state(later), FileState::Failed);
        assert_eq!(file.to_json("http://h", "v1", later)["error"]["code"], 400);
    }

    #[test]
    fn the_hash_can_be_the_real_apis_base64_of_hex() {
        let mut file = record(Duration::ZERO, false);
        assert_eq!(
            file.sha256_hash(),
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        );
        file.hash_of_hex = true;
        let decoded = STANDARD.decode(file.sha256_hash()).unwrap();
        assert_eq!(decoded, "0".repeat(64).as_bytes());
    }

    proptest! {
        #[test]
        fn state_is_processing_exactly_before_ready(ms in 0u64..10_000, at in 0u64..20_000) {
            let file = record(Duration::from_millis(ms), false);
            let now = file.created + Duration::from_millis(at);
            prop_assert_eq!(file.state(now) == FileState::Processing, at < ms);
        }
    }
}
