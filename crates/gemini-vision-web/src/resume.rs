//! Resume records in `localStorage`, so an upload of a `File` interrupted by a page
//! reload continues where the server is (as tus-js-client does).
//!
//! The record's format and key are the core's ([`ResumeRecord`], [`resume_key`]): the
//! key is made from the file's name, size and `lastModified` and the endpoint's upload
//! URL. A record is written after every confirmed chunk and removed when the upload
//! finishes or is cancelled.
//!
//! What this module never does: store the API key (a record holds the session URL only),
//! fail an upload because storage is missing, full or forbidden (workers have no
//! `localStorage`; private modes may refuse writes): storage errors only disable
//! resuming.

use gemini_vision::upload::{ResumeRecord, resume_key};
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{File, Storage};

/// The resume records of one file towards one endpoint.
#[derive(Debug, Clone)]
pub struct ResumeSlot {
    storage: Storage,
    key: String,
}

impl ResumeSlot {
    /// The slot of `file` for uploads to `upload_url`, or `None` where there is no
    /// usable `localStorage` (a worker, a sandboxed frame).
    pub fn for_file(file: &File, upload_url: &str) -> Option<Self> {
        let storage = local_storage()?;
        let size = file.size();
        let last_modified = file.last_modified();
        if !(size.is_finite() && size >= 0.0 && last_modified.is_finite()) {
            return None;
        }
        let key = resume_key(&file.name(), size as u64, last_modified as i64, upload_url);
        Some(ResumeSlot { storage, key })
    }

    /// The stored record, if any and readable (an unreadable one is removed).
    pub fn load(&self) -> Option<ResumeRecord> {
        let json = self.storage.get_item(&self.key).ok()??;
        match ResumeRecord::from_json(&json) {
            Ok(record) => Some(record),
            Err(_) => {
                self.remove();
                None
            }
        }
    }

    /// Stores `record` (a full storage only means no resume after a reload).
    pub fn save(&self, record: &ResumeRecord) {
        let _ = self.storage.set_item(&self.key, &record.to_json());
    }

    /// Forgets the record.
    pub fn remove(&self) {
        let _ = self.storage.remove_item(&self.key);
    }

    /// The `localStorage` key (for tests and debugging).
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// `globalThis.localStorage`, when it exists and may be used.
fn local_storage() -> Option<Storage> {
    // Reading the property throws in sandboxed frames; Reflect turns that into Err.
    let value = Reflect::get(&js_sys::global(), &JsValue::from_str("localStorage")).ok()?;
    value.dyn_into::<Storage>().ok()
}
