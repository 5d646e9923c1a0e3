//! The project's files: metadata in memory, bytes on disk under the data folder.
//!
//! Also keeps the project's byte usage (stored files, bytes committed by open upload
//! sessions and bytes being written) for the per-project limit. Bytes are held against
//! the limit before they are written ([`Reservation`]), so the data folder never grows
//! past it, however many uploads run at once. It never holds file contents in memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use super::record::FileRecord;

/// All files of the (single) project.
#[derive(Debug)]
pub struct FileStore {
    dir: PathBuf,
    files: Mutex<(u64, HashMap<String, FileRecord>)>,
    usage: AtomicU64,
}

impl FileStore {
    /// A store keeping bytes under `dir`.
    pub fn new(dir: PathBuf) -> Self {
        FileStore {
            dir,
            files: Mutex::new((0, HashMap::new())),
            usage: AtomicU64::new(0),
        }
    }

    /// Where a file's bytes live.
    pub fn path_for(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The folder of all bytes.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Bytes in use by files and open sessions.
    pub fn usage(&self) -> u64 {
        self.usage.load(Ordering::SeqCst)
    }

    /// Reserves `bytes` of the project limit; `false` when it would be exceeded.
    pub fn reserve(&self, bytes: u64, limit: u64) -> bool {
        self.usage
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                used.checked_add(bytes).filter(|total| *total <= limit)
            })
            .is_ok()
    }

    /// Gives back `bytes` of the project limit.
    pub fn release(&self, bytes: u64) {
        let _ = self
            .usage
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                Some(used.saturating_sub(bytes))
            });
    }

    /// A reservation against `limit` that grows as bytes are written.
    pub fn reservation(&self, limit: u64) -> Reservation<'_> {
        Reservation {
            store: self,
            limit,
            held: 0,
        }
    }

    /// Adds a file (its bytes already reserved); assigns its creation order.
    pub fn insert(&self, mut record: FileRecord) -> FileRecord {
        let Ok(mut guard) = self.files.lock() else {
            return record;
        };
        guard.0 += 1;
        record.seq = guard.0;
        guard.1.insert(record.id.clone(), record.clone());
        record
    }

    /// A file that exists and has not expired.
    pub fn get(&self, id: &str, now: SystemTime) -> Option<FileRecord> {
        let record = self.files.lock().ok()?.1.get(id).cloned()?;
        if record.expires() <= now {
            self.delete(id);
            return None;
        }
        Some(record)
    }

    /// Removes a file and its bytes; `false` if there was none.
    pub fn delete(&self, id: &str) -> bool {
        let removed = self
            .files
            .lock()
            .ok()
            .and_then(|mut guard| guard.1.remove(id));
        match removed {
            Some(record) => {
                let _ = std::fs::remove_file(&record.path);
                self.release(record.size);
                true
            }
            None => false,
        }
    }

    /// Removes every file.
    pub fn clear(&self) {
        let ids: Vec<String> = self
            .files
            .lock()
            .map(|guard| guard.1.keys().cloned().collect())
            .unwrap_or_default();
        for id in ids {
            self.delete(&id);
        }
    }

    /// One page of files, newest first. The token is the creation order of the last file
    /// returned, so pages stay stable when files are added or deleted in between.
    pub fn page(
        &self,
        size: usize,
        token: Option<u64>,
        now: SystemTime,
    ) -> (Vec<FileRecord>, Option<String>) {
        let Ok(guard) = self.files.lock() else {
            return (Vec::new(), None);
        };
        let mut files: Vec<&FileRecord> = guard
            .1
            .values()
            .filter(|file| file.expires() > now && token.is_none_or(|token| file.seq < token))
            .collect();
        files.sort_by_key(|file| std::cmp::Reverse(file.seq));
        let more = files.len() > size;
        let page: Vec<FileRecord> = files.into_iter().take(size).cloned().collect();
        let next = if more {
            page.last().map(|file| file.seq.to_string())
        } else {
            None
        };
        (page, next)
    }
}

/// Bytes of the project limit held for an upload while it is written: given back when
/// dropped, but for what [`Reservation::keep`] keeps for good.
#[derive(Debug)]
pub struct Reservation<'a> {
    store: &'a FileStore,
    limit: u64,
    held: u64,
}

impl Reservation<'_> {
    /// The limit held against.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Holds `bytes` more; `false` (holding nothing more) when the limit would be passed.
    pub fn grow(&mut self, bytes: u64) -> bool {
        let held = self.store.reserve(bytes, self.limit);
        if held {
            self.held += bytes;
        }
        held
    }

    /// Keeps `bytes` for good (holding more first if needed) and gives back the rest;
    /// `false`, keeping nothing, when the limit would be passed.
    pub fn keep(&mut self, bytes: u64) -> bool {
        if bytes > self.held && !self.grow(bytes - self.held) {
            return false;
        }
        self.store.release(self.held - bytes);
        self.held = 0;
        true
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.store.release(self.held);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media_probe::Probe;
    use proptest::prelude::*;

    fn file(id: &str) -> FileRecord {
        FileRecord {
            id: id.into(),
            display_name: None,
            mime_type: "text/plain".into(),
            size: 1,
            sha256: [0; 32],
            created: SystemTime::now(),
            ready_at: SystemTime::now(),
            fails: false,
            path: PathBuf::from("/nonexistent"),
            probe: Probe::default(),
            seq: 0,
            hash_of_hex: false,
            generated: false,
        }
    }

    #[test]
    fn pages_newest_first_with_tokens() {
        let store = FileStore::new(PathBuf::new());
        for id in ["a", "b", "c"] {
            store.insert(file(id));
        }
        let now = SystemTime::now();
        let (first, token) = store.page(2, None, now);
        assert_eq!(
            first.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["c", "b"]
        );
        let token = token.unwrap().parse().ok();
        let (second, token) = store.page(2, token, now);
        assert_eq!(
            second.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
        assert_eq!(token, None);
    }

    #[test]
    fn a_reservation_holds_while_writing_and_keeps_what_is_committed() {
        let store = FileStore::new(PathBuf::from("/nonexistent"));
        let mut first = store.reservation(100);
        assert!(first.grow(60));
        let mut second = store.reservation(100);
        assert!(!second.grow(41), "bytes being written count");
        assert!(second.grow(40));
        assert!(first.keep(50));
        assert_eq!(store.usage(), 90);
        drop(second);
        assert_eq!(
            store.usage(),
            50,
            "a dropped reservation gives back what it held"
        );
        drop(first);
        assert_eq!(store.usage(), 50, "what was kept stays");
    }

    #[test]
    fn reserve_respects_the_limit() {
        let store = FileStore::new(PathBuf::new());
        assert!(store.reserve(60, 100));
        assert!(!store.reserve(41, 100));
        store.release(60);
        assert!(store.reserve(100, 100));
    }

    proptest! {
        #[test]
        fn paging_visits_every_file_once(count in 0usize..40, size in 1usize..10) {
            let store = FileStore::new(PathBuf::new());
            for index in 0..count {
                store.insert(file(&format!("f{index}")));
            }
            let now = SystemTime::now();
            let mut seen = Vec::new();
            let mut token = None;
            loop {
                let (page, next) = store.page(size, token, now);
                seen.extend(page.into_iter().map(|f| f.id));
                match next {
                    Some(next) => token = next.parse().ok(),
                    None => break,
                }
            }
            seen.sort();
            seen.dedup();
            prop_assert_eq!(seen.len(), count);
        }
    }
}
