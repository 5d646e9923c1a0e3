//! Context caches in memory, expiring on the emulator's clock.
//!
//! A cache keeps the checked contents, system instruction and tools it was made from
//! (generateContent answers from them) and their token count; it is gone once its
//! expiry passes, exactly as if it had been deleted. Nothing here touches HTTP.

use std::sync::Mutex;
use std::time::SystemTime;

use serde_json::{Value, json};

use crate::clock;
use crate::wire::{Content, Tool, ToolConfig};

/// One context cache.
#[derive(Debug, Clone)]
pub struct CacheEntry {
    /// The id after `cachedContents/`.
    pub id: String,
    /// The model it was made for.
    pub model: &'static str,
    /// `displayName`.
    pub display_name: Option<String>,
    /// `createTime`.
    pub create_time: SystemTime,
    /// `updateTime`.
    pub update_time: SystemTime,
    /// `expireTime`.
    pub expire_time: SystemTime,
    /// The cached turns.
    pub contents: Vec<Content>,
    /// The cached system instruction.
    pub system_instruction: Option<Content>,
    /// The cached tools.
    pub tools: Vec<Tool>,
    /// The cached tool config.
    pub tool_config: Option<ToolConfig>,
    /// `usageMetadata.totalTokenCount`.
    pub total_tokens: u64,
}

impl CacheEntry {
    /// `cachedContents/{id}`.
    pub fn name(&self) -> String {
        format!("cachedContents/{}", self.id)
    }

    /// The resource as the API shows it (the cached contents are never returned).
    pub fn resource(&self) -> Value {
        let mut resource = json!({
            "name": self.name(),
            "model": format!("models/{}", self.model),
            "createTime": clock::rfc3339(self.create_time),
            "updateTime": clock::rfc3339(self.update_time),
            "expireTime": clock::rfc3339(self.expire_time),
            "usageMetadata": { "totalTokenCount": self.total_tokens },
        });
        if let Some(display_name) = &self.display_name {
            resource["displayName"] = json!(display_name);
        }
        resource
    }
}

/// Every live cache, oldest first.
#[derive(Debug, Default)]
pub struct CacheStore {
    entries: Mutex<Vec<CacheEntry>>,
}

impl CacheStore {
    fn live<T>(&self, now: SystemTime, work: impl FnOnce(&mut Vec<CacheEntry>) -> T) -> Option<T> {
        let mut entries = self.entries.lock().ok()?;
        entries.retain(|entry| entry.expire_time > now);
        Some(work(&mut entries))
    }

    /// Keeps a new cache.
    pub fn insert(&self, entry: CacheEntry) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.push(entry);
        }
    }

    /// A live cache by id.
    pub fn get(&self, id: &str, now: SystemTime) -> Option<CacheEntry> {
        self.live(now, |entries| {
            entries.iter().find(|entry| entry.id == id).cloned()
        })
        .flatten()
    }

    /// Every live cache, oldest first.
    pub fn list(&self, now: SystemTime) -> Vec<CacheEntry> {
        self.live(now, |entries| entries.clone())
            .unwrap_or_default()
    }

    /// Moves a live cache's expiry; `None` when there is no such cache.
    pub fn set_expiry(&self, id: &str, expire: SystemTime, now: SystemTime) -> Option<CacheEntry> {
        self.live(now, |entries| {
            let entry = entries.iter_mut().find(|entry| entry.id == id)?;
            entry.expire_time = expire;
            entry.update_time = now;
            Some(entry.clone())
        })
        .flatten()
    }

    /// Forgets a live cache; `false` when there was none.
    pub fn remove(&self, id: &str, now: SystemTime) -> bool {
        self.live(now, |entries| {
            let before = entries.len();
            entries.retain(|entry| entry.id != id);
            entries.len() < before
        })
        .unwrap_or(false)
    }

    /// Forgets every cache.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn entry(id: &str, expire: SystemTime) -> CacheEntry {
        CacheEntry {
            id: id.into(),
            model: "gemini-2.5-flash",
            display_name: None,
            create_time: SystemTime::UNIX_EPOCH,
            update_time: SystemTime::UNIX_EPOCH,
            expire_time: expire,
            contents: Vec::new(),
            system_instruction: None,
            tools: Vec::new(),
            tool_config: None,
            total_tokens: 3000,
        }
    }

    #[test]
    fn caches_vanish_when_they_expire() {
        let store = CacheStore::default();
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        store.insert(entry("a", start + Duration::from_secs(10)));
        assert!(store.get("a", start).is_some());
        assert!(store.get("a", start + Duration::from_secs(10)).is_none());
        assert!(store.list(start).is_empty());
    }

    #[test]
    fn a_new_expiry_keeps_a_cache_alive() {
        let store = CacheStore::default();
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        store.insert(entry("a", start + Duration::from_secs(10)));
        let later = start + Duration::from_secs(100);
        assert!(store.set_expiry("a", later, start).is_some());
        assert!(store.get("a", start + Duration::from_secs(50)).is_some());
        assert!(store.remove("a", start));
        assert!(!store.remove("a", start));
    }
}
