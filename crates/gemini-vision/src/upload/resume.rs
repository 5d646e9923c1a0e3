//! Surviving a page reload: a small, versioned record of an open session that the shell
//! keeps in `localStorage`, and the key it keeps it under.
//!
//! The flow, as tus-js-client does it: after every progress report the shell stores
//! [`Upload::resume_record`](super::Upload::resume_record) under [`resume_key`]; when the
//! same file is picked again it looks the key up and calls
//! [`Upload::resume`](super::Upload::resume), which first asks the server where it is
//! (`query`) and falls back to a fresh start if the session expired (404); on success or
//! cancellation the shell removes the record. A record holds no API key.

use super::chunk_sizing::ChunkSizing;
use super::config::UploadConfig;
use crate::error::{Error, Result};
use crate::json::Fields;
use crate::wire::{JsonLimits, read_with};
use serde_json::{Map, Value};

/// What a new page needs to continue an upload session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeRecord {
    /// The record format; [`ResumeRecord::VERSION`] is the only one read.
    pub version: u32,
    /// The session URL (a credential for this upload only; never the API key).
    pub session_url: String,
    /// The file's size; a record for another size is refused.
    pub size: u64,
    /// The file's MIME type; a record for another type is refused.
    pub mime_type: String,
    /// The session's chunk granularity.
    pub granularity: u64,
    /// Bytes the server had confirmed when the record was written.
    pub confirmed: u64,
}

crate::json::serde_through_value!(ResumeRecord);

impl ResumeRecord {
    /// The current record format.
    pub const VERSION: u32 = 1;
    /// The longest stored record read back (a real one is a few hundred bytes).
    pub const MAX_JSON_LEN: usize = 16 * 1024;

    /// The record's members (camelCase), every one required on reading.
    const FIELDS: [&str; 6] = [
        "version",
        "sessionUrl",
        "size",
        "mimeType",
        "granularity",
        "confirmed",
    ];

    /// The record as JSON, for `localStorage`.
    pub fn to_json(&self) -> String {
        crate::json::to_string(&self.to_value())
    }

    /// The record as a JSON object (its numbers as numbers).
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("version".to_owned(), Value::from(self.version));
        map.insert(
            "sessionUrl".to_owned(),
            Value::from(self.session_url.as_str()),
        );
        map.insert("size".to_owned(), Value::from(self.size));
        map.insert("mimeType".to_owned(), Value::from(self.mime_type.as_str()));
        map.insert("granularity".to_owned(), Value::from(self.granularity));
        map.insert("confirmed".to_owned(), Value::from(self.confirmed));
        Value::Object(map)
    }

    /// Reads a record from a JSON object: every member required, none other allowed.
    pub fn from_value(value: &Value) -> std::result::Result<Self, String> {
        let fields = Fields::of(value, "a resume record")?;
        if let Some(name) = fields.unknown(&Self::FIELDS) {
            return Err(format!("unknown field `{name}`"));
        }
        let number = |name: &str| {
            fields
                .get(&[name])
                .and_then(Value::as_u64)
                .ok_or_else(|| format!("`{name}` is missing or not a non-negative integer"))
        };
        let text = |name: &str| {
            fields
                .get(&[name])
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| format!("`{name}` is missing or not a string"))
        };
        Ok(ResumeRecord {
            version: u32::try_from(number("version")?)
                .map_err(|_| "`version` is too large".to_owned())?,
            session_url: text("sessionUrl")?,
            size: number("size")?,
            mime_type: text("mimeType")?,
            granularity: number("granularity")?,
            confirmed: number("confirmed")?,
        })
    }

    /// Reads a stored record. Anything written by another version or tampered with is
    /// an error: the shell then forgets it and starts afresh.
    pub fn from_json(json: &str) -> Result<Self> {
        if json.len() > Self::MAX_JSON_LEN {
            return Err(Error::LimitExceeded {
                what: "resume record",
                actual: json.len() as u64,
                max: Self::MAX_JSON_LEN as u64,
            });
        }
        let record = read_with(
            json.as_bytes(),
            "resume record",
            &JsonLimits::RESOURCE,
            None,
            ResumeRecord::from_value,
        )?;
        if record.version != Self::VERSION {
            return Err(Error::malformed(
                "resume record",
                format!("version {} is not {}", record.version, Self::VERSION),
            ));
        }
        Ok(record)
    }

    /// Checks that this record belongs to the upload `config` describes.
    pub(crate) fn check(&self, config: &UploadConfig) -> Result<()> {
        let consistent = self.version == Self::VERSION
            && self.size == config.size
            && self.mime_type == config.mime_type
            && (1..=ChunkSizing::MAX_GRANULARITY).contains(&self.granularity)
            && self.confirmed <= self.size;
        if consistent {
            Ok(())
        } else {
            Err(Error::invalid(
                "resume record",
                "it was written for another file or is inconsistent",
            ))
        }
    }
}

/// The `localStorage` key of a file's resume record: the file's name, size and
/// `lastModified` (ms since the epoch) and the endpoint's upload URL. The same file
/// picked again gives the same key; another file, or the same file towards another
/// endpoint, gives another. It is a JSON array behind a fixed prefix, so no choice of
/// name can make two different files collide.
pub fn resume_key(file_name: &str, size: u64, last_modified_ms: i64, endpoint: &str) -> String {
    let parts = Value::Array(vec![
        Value::from(endpoint),
        Value::from(file_name),
        Value::from(size),
        Value::from(last_modified_ms),
    ]);
    format!(
        "gemini-vision.upload.v{}:{}",
        ResumeRecord::VERSION,
        crate::json::to_string(&parts)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;
    use proptest::prelude::*;

    fn record() -> ResumeRecord {
        ResumeRecord {
            version: ResumeRecord::VERSION,
            session_url: "https://h/upload/v1beta/files?upload_id=x".into(),
            size: 1000,
            mime_type: "video/mp4".into(),
            granularity: 262_144,
            confirmed: 0,
        }
    }

    #[test]
    fn record_round_trips_through_json() {
        let json = record().to_json();
        assert!(json.contains("\"sessionUrl\""));
        assert_eq!(ResumeRecord::from_json(&json).unwrap(), record());
    }

    #[test]
    fn another_version_is_refused() {
        let json = record().to_json().replace("\"version\":1", "\"version\":2");
        assert_eq!(
            ResumeRecord::from_json(&json).unwrap_err().code(),
            "MALFORMED"
        );
    }

    #[test]
    fn tampered_or_oversized_json_is_refused() {
        assert!(ResumeRecord::from_json("{\"version\":1}").is_err());
        assert!(ResumeRecord::from_json("not json").is_err());
        let huge = " ".repeat(ResumeRecord::MAX_JSON_LEN + 1);
        assert_eq!(
            ResumeRecord::from_json(&huge).unwrap_err().code(),
            "LIMIT_EXCEEDED"
        );
    }

    #[test]
    fn record_for_another_file_does_not_match() {
        let config = UploadConfig::new(Endpoint::default(), 1000, "video/mp4");
        assert!(record().check(&config).is_ok());
        let other_size = UploadConfig::new(Endpoint::default(), 999, "video/mp4");
        assert!(record().check(&other_size).is_err());
        let other_type = UploadConfig::new(Endpoint::default(), 1000, "image/png");
        assert!(record().check(&other_type).is_err());
        let absurd_granularity = ResumeRecord {
            granularity: u64::MAX,
            ..record()
        };
        assert!(absurd_granularity.check(&config).is_err());
    }

    #[test]
    fn key_has_a_fixed_prefix_and_every_part() {
        let key = resume_key(
            "cat.mp4",
            1000,
            1_700_000_000_000,
            "https://h/upload/v1beta/files",
        );
        assert_eq!(
            key,
            r#"gemini-vision.upload.v1:["https://h/upload/v1beta/files","cat.mp4",1000,1700000000000]"#
        );
    }

    proptest! {
        #[test]
        fn different_files_never_share_a_key(
            a in ("\\PC{0,12}", 0u64..4, -2i64..2, "[a-c/:\"]{0,6}"),
            b in ("\\PC{0,12}", 0u64..4, -2i64..2, "[a-c/:\"]{0,6}"),
        ) {
            let key_a = resume_key(&a.0, a.1, a.2, &a.3);
            let key_b = resume_key(&b.0, b.1, b.2, &b.3);
            prop_assert_eq!(key_a == key_b, a == b);
        }

        #[test]
        fn reading_arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = ResumeRecord::from_json(&text);
        }
    }
}
