//! Resume records in `localStorage`, so that an upload of a `File` interrupted by a page
//! reload continues where the server is (as tus-js-client does).
//!
//! The storage key is the core's [`resume_key`] (the file's name, size and
//! `lastModified`, and the endpoint's upload URL). The stored value wraps the core's
//! [`ResumeRecord`] with its owner, a SHA-256 fingerprint of the endpoint and the API key
//! (never the key itself), and the time it was written: a record written for another key
//! or endpoint is not reused, and one older than an upload session lives (7 days) is
//! dropped. A record is written after every confirmed chunk and removed when the upload
//! finishes or is cancelled.
//!
//! What this module never does: store the API key, or fail an upload because storage or
//! `crypto.subtle` is missing, full or forbidden (workers have no `localStorage`; private
//! modes refuse writes; plain-http pages have no `crypto.subtle`): that only disables
//! resuming.

use gemini_vision::ApiKey;
use gemini_vision::json::Fields;
use gemini_vision::upload::{ResumeRecord, resume_key};
use js_sys::{Reflect, Uint8Array};
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, Storage};

/// How long an upload session lives on the server, at most: older records are dropped.
pub const MAX_RECORD_AGE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;
/// Clock skew tolerated for a record written "in the future".
const FUTURE_SLACK_MS: f64 = 24.0 * 3600.0 * 1000.0;
/// The stored format (the bare core record of format 1 had no owner).
const STORED_VERSION: u32 = 2;

/// What is kept under a file's key.
#[derive(Debug, Clone, PartialEq)]
struct StoredRecord {
    version: u32,
    /// Fingerprint of the endpoint and key the session was started with.
    owner: String,
    /// `Date.now()` when written.
    saved_at: f64,
    session: ResumeRecord,
}

impl StoredRecord {
    /// Reads a stored value: every member required, none other allowed.
    fn from_json(json: &str) -> Option<StoredRecord> {
        let value = gemini_vision::json::parse(json.as_bytes()).ok()?;
        let fields = Fields::of(&value, "a stored record").ok()?;
        if fields
            .unknown(&["version", "owner", "savedAt", "session"])
            .is_some()
        {
            return None;
        }
        Some(StoredRecord {
            version: u32::try_from(fields.get(&["version"])?.as_u64()?).ok()?,
            owner: fields.get(&["owner"])?.as_str()?.to_owned(),
            saved_at: fields.get(&["savedAt"])?.as_f64()?,
            session: ResumeRecord::from_value(fields.get(&["session"])?).ok()?,
        })
    }

    fn to_json(&self) -> String {
        let mut map = Map::new();
        map.insert("version".to_owned(), Value::from(self.version));
        map.insert("owner".to_owned(), Value::from(self.owner.as_str()));
        map.insert("savedAt".to_owned(), Value::from(self.saved_at));
        map.insert("session".to_owned(), self.session.to_value());
        gemini_vision::json::to_string(&Value::Object(map))
    }
}

/// What a stored value means for an upload by `owner` at `now_ms`.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Continue this session.
    Usable(ResumeRecord),
    /// Written for another key or endpoint: leave it alone, start afresh.
    Foreign,
    /// Unreadable, of an old format, or stale: remove it, start afresh.
    Drop,
}

/// Judges the stored `json` for an upload by `owner` at `now_ms` (ms since the epoch).
pub fn judge(json: &str, owner: &str, now_ms: f64) -> Verdict {
    if json.len() > ResumeRecord::MAX_JSON_LEN {
        return Verdict::Drop;
    }
    let Some(stored) = StoredRecord::from_json(json) else {
        return Verdict::Drop;
    };
    let age = now_ms - stored.saved_at;
    let fresh = stored.saved_at.is_finite() && age < MAX_RECORD_AGE_MS && age > -FUTURE_SLACK_MS;
    if stored.version != STORED_VERSION || !fresh {
        Verdict::Drop
    } else if stored.owner != owner {
        Verdict::Foreign
    } else {
        Verdict::Usable(stored.session)
    }
}

/// The value stored for `session`, written by `owner` at `now_ms`.
pub fn stored_json(session: &ResumeRecord, owner: &str, now_ms: f64) -> String {
    let stored = StoredRecord {
        version: STORED_VERSION,
        owner: owner.to_owned(),
        saved_at: now_ms,
        session: session.clone(),
    };
    stored.to_json()
}

/// The resume record of one file towards one endpoint, for one key.
#[derive(Debug, Clone)]
pub(crate) struct ResumeSlot {
    storage: Storage,
    key: String,
    owner: String,
}

impl ResumeSlot {
    /// The slot of `file` for uploads to `upload_url` with `api_key`, or `None` where
    /// there is no usable `localStorage` or `crypto.subtle`.
    pub(crate) async fn for_file(
        file: &File,
        upload_url: &str,
        api_key: Option<&ApiKey>,
    ) -> Option<Self> {
        let storage = local_storage()?;
        let size = crate::blob::blob_size(file).ok()?;
        let (name, last_modified) = crate::blob::file_facts(file).ok()?;
        if !last_modified.is_finite() {
            return None;
        }
        let key = resume_key(&name, size, last_modified as i64, upload_url);
        let secret = api_key.map(ApiKey::expose).unwrap_or_default();
        let owner = sha256_hex(&format!(
            "gemini-vision.upload-owner\n{upload_url}\n{secret}"
        ))
        .await?;
        Some(ResumeSlot {
            storage,
            key,
            owner,
        })
    }

    /// The stored record, if it is this owner's and fresh (a stale or unreadable one is
    /// removed; another owner's is left alone).
    pub(crate) fn load(&self) -> Option<ResumeRecord> {
        let json = self.storage.get_item(&self.key).ok()??;
        match judge(&json, &self.owner, js_sys::Date::now()) {
            Verdict::Usable(record) => Some(record),
            Verdict::Foreign => None,
            Verdict::Drop => {
                self.remove();
                None
            }
        }
    }

    /// Stores `record` (a full storage only means no resume after a reload).
    pub(crate) fn save(&self, record: &ResumeRecord) {
        let json = stored_json(record, &self.owner, js_sys::Date::now());
        let _ = self.storage.set_item(&self.key, &json);
    }

    /// Forgets the record.
    pub(crate) fn remove(&self) {
        let _ = self.storage.remove_item(&self.key);
    }
}

/// `globalThis.localStorage`, when it exists and may be used.
fn local_storage() -> Option<Storage> {
    // Reading the property throws in sandboxed frames; Reflect turns that into Err.
    let value = Reflect::get(&js_sys::global(), &JsValue::from_str("localStorage")).ok()?;
    value.dyn_into::<Storage>().ok()
}

/// The SHA-256 of `text` in hex, from `crypto.subtle` (absent outside secure contexts).
async fn sha256_hex(text: &str) -> Option<String> {
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .ok()?
        .dyn_into::<web_sys::SubtleCrypto>()
        .ok()?;
    let digest = subtle
        .digest_with_str_and_u8_array("SHA-256", text.as_bytes())
        .ok()?;
    let digest = JsFuture::from(digest).await.ok()?;
    let digest = Uint8Array::new(&digest).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_780_000_000_000.0;

    fn session() -> ResumeRecord {
        ResumeRecord {
            version: ResumeRecord::VERSION,
            session_url: "https://h/upload/v1beta/files?upload_id=x".into(),
            size: 1000,
            mime_type: "video/mp4".into(),
            granularity: 262_144,
            confirmed: 262_144,
        }
    }

    #[test]
    fn a_fresh_record_of_the_same_owner_is_used() {
        let json = stored_json(&session(), "me", NOW - 1000.0);
        assert_eq!(judge(&json, "me", NOW), Verdict::Usable(session()));
    }

    #[test]
    fn a_record_of_another_key_or_endpoint_is_not_used_nor_removed() {
        let json = stored_json(&session(), "someone else", NOW);
        assert_eq!(judge(&json, "me", NOW), Verdict::Foreign);
    }

    #[test]
    fn records_older_than_a_session_lives_are_dropped() {
        let old = stored_json(&session(), "me", NOW - MAX_RECORD_AGE_MS - 1.0);
        assert_eq!(judge(&old, "me", NOW), Verdict::Drop);
        let future = stored_json(&session(), "me", NOW + 2.0 * FUTURE_SLACK_MS);
        assert_eq!(judge(&future, "me", NOW), Verdict::Drop);
    }

    #[test]
    fn old_format_and_tampered_records_are_dropped() {
        assert_eq!(judge(&session().to_json(), "me", NOW), Verdict::Drop);
        let json = stored_json(&session(), "me", NOW).replace("\"version\":2", "\"version\":3");
        assert_eq!(judge(&json, "me", NOW), Verdict::Drop);
        assert_eq!(judge("{", "me", NOW), Verdict::Drop);
        let huge = " ".repeat(ResumeRecord::MAX_JSON_LEN + 1);
        assert_eq!(judge(&huge, "me", NOW), Verdict::Drop);
    }

    #[test]
    fn the_stored_value_never_holds_a_key() {
        let json = stored_json(&session(), "0123abcd", NOW);
        assert!(json.contains("\"owner\":\"0123abcd\""));
        assert!(!json.to_lowercase().contains("apikey"));
    }
}
