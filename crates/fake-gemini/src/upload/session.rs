//! Open upload sessions: what each has received, its running SHA-256, where its bytes
//! go, and the origin that started it (CORS pins the session to it).
//!
//! A session is locked for the whole of a chunk, so two chunks of one session never
//! interleave. Expired and cancelled sessions answer 404 and give their bytes back.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

/// Where a session is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Taking chunks.
    Active,
    /// Finalized into `files/{id}`.
    Final(String),
}

/// One resumable upload.
#[derive(Debug)]
pub struct UploadSession {
    /// The upload id in the session URL.
    pub id: String,
    /// API version of the start request.
    pub version: String,
    /// `displayName` from the start request.
    pub display_name: Option<String>,
    /// The file's MIME type.
    pub mime_type: String,
    /// `X-Goog-Upload-Header-Content-Length`, if sent.
    pub declared: Option<u64>,
    /// Bytes committed (always whole granules until finalized).
    pub committed: u64,
    /// SHA-256 of the committed bytes.
    pub hasher: Sha256,
    /// Where the bytes go.
    pub path: PathBuf,
    /// When the session URL stops working.
    pub expires_at: Instant,
    /// Active or final.
    pub phase: Phase,
    /// A fault asked for the file to end `FAILED`.
    pub fails: bool,
}

/// A session with its fixed CORS origin, reachable without waiting for its lock.
#[derive(Debug)]
pub struct SessionEntry {
    /// The `Origin` of the start request.
    pub origin: Option<String>,
    /// The session, locked per request.
    pub session: tokio::sync::Mutex<UploadSession>,
}

/// All sessions by upload id.
#[derive(Debug, Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, Arc<SessionEntry>>>,
}

impl UploadSession {
    /// A new session writing to `path`.
    pub fn new(
        id: String,
        version: String,
        mime_type: String,
        path: PathBuf,
        ttl: Duration,
    ) -> Self {
        UploadSession {
            id,
            version,
            display_name: None,
            mime_type,
            declared: None,
            committed: 0,
            hasher: Sha256::new(),
            path,
            expires_at: Instant::now() + ttl,
            phase: Phase::Active,
            fails: false,
        }
    }

    /// Whether the session URL has expired.
    pub fn expired(&self) -> bool {
        Instant::now() >= self.expires_at
    }
}

impl Sessions {
    /// Registers a session.
    pub fn insert(&self, origin: Option<String>, session: UploadSession) {
        let id = session.id.clone();
        let entry = Arc::new(SessionEntry {
            origin,
            session: tokio::sync::Mutex::new(session),
        });
        if let Ok(mut map) = self.map.lock() {
            map.insert(id, entry);
        }
    }

    /// A session by upload id (expired or not: the caller decides).
    pub fn get(&self, id: &str) -> Option<Arc<SessionEntry>> {
        self.map.lock().ok()?.get(id).cloned()
    }

    /// Forgets a session.
    pub fn remove(&self, id: &str) -> Option<Arc<SessionEntry>> {
        self.map.lock().ok()?.remove(id)
    }

    /// The start origin of a session, for CORS.
    pub fn origin(&self, id: &str) -> Option<String> {
        self.get(id)?.origin.clone()
    }

    /// Every session id.
    pub fn ids(&self) -> Vec<String> {
        self.map
            .lock()
            .map(|map| map.keys().cloned().collect())
            .unwrap_or_default()
    }
}
