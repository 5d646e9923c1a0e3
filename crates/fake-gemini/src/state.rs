//! The state shared by every handler: settings, files, upload sessions, context caches,
//! faults and the report. Handlers reach it as `State<Shared>`; nothing else is global.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use crate::caches::store::CacheStore;
use crate::config::Settings;
use crate::faults::Faults;
use crate::files::store::FileStore;
use crate::report::Recorder;
use crate::upload::session::Sessions;

/// Everything the server knows.
#[derive(Debug)]
pub struct AppState {
    /// Run-time settings.
    pub settings: RwLock<Settings>,
    /// Stored files.
    pub files: FileStore,
    /// Open upload sessions.
    pub sessions: Sessions,
    /// Context caches.
    pub caches: CacheStore,
    /// Armed faults.
    pub faults: Faults,
    /// What was received.
    pub recorder: Recorder,
    /// Log requests on stderr.
    pub verbose: bool,
}

/// The handle handlers share.
pub type Shared = Arc<AppState>;

impl AppState {
    /// A fresh state storing bytes under `data_dir`.
    pub fn new(settings: Settings, data_dir: PathBuf, verbose: bool) -> Self {
        AppState {
            settings: RwLock::new(settings),
            files: FileStore::new(data_dir),
            sessions: Sessions::default(),
            caches: CacheStore::default(),
            faults: Faults::default(),
            recorder: Recorder::default(),
            verbose,
        }
    }

    /// A copy of the current settings.
    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .map(|settings| settings.clone())
            .unwrap_or_default()
    }
}
