//! The app's state: signals, grouped by what they describe, provided once as context.
//!
//! Everything the person sees is derived from these signals; components read and write
//! them, `run` drives them during a request. Browser objects (files, decoded images,
//! abort controllers) live in local (non-`Send`) signals and stored values.

mod batch;
mod connection;
mod media;
mod overlay;
mod results;

pub use batch::{BatchImage, BatchOutcome, BatchState, BatchUpload};
pub use connection::{ConnectionState, KeptKey};
pub use media::{MediaEntry, MediaOrigin};
pub use overlay::OverlayControls;
pub use results::{CardImage, FollowUp, Phase, ResultCard, RunView, UploadPhase, UploadView};

use crate::domain::failure::Problem;
use crate::domain::run_settings::RunSettings;
use crate::domain::task::{Task, TaskOptions};
use leptos::prelude::*;

/// An alert on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// Stable id, for dismissing.
    pub id: u64,
    /// What went wrong.
    pub problem: Problem,
}

/// Every signal of the app. `Copy`: pass it around freely.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The files added, in order.
    pub media: RwSignal<Vec<MediaEntry>, LocalStorage>,
    /// The task picked.
    pub task: RwSignal<Task>,
    /// What to find and the label language.
    pub options: RwSignal<TaskOptions>,
    /// The prompt that will be sent (the task's template until the person edits it).
    pub prompt: RwSignal<String>,
    /// Model and generation settings.
    pub settings: RwSignal<RunSettings>,
    /// Where requests go.
    pub connection: RwSignal<ConnectionState>,
    /// Overlay toggles and sliders.
    pub overlay: RwSignal<OverlayControls>,
    /// The latest run's results.
    pub run: RwSignal<Option<RunView>, LocalStorage>,
    /// The upload in progress, if any.
    pub upload: RwSignal<Option<UploadView>>,
    /// Alerts on screen.
    pub alerts: RwSignal<Vec<Alert>>,
    /// Whether a run is in progress.
    pub busy: RwSignal<bool>,
    /// Aborts the run in progress (requests and uploads).
    pub run_abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Aborts the upload in progress only.
    pub upload_abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Bumped when the uploaded files may have changed (the files panel reloads).
    pub files_version: RwSignal<u32>,
    /// The models the API lists (empty until loaded, and with the emulator).
    pub model_names: RwSignal<Vec<String>>,
    ids: StoredValue<u64>,
}

impl AppState {
    /// Fresh state for a page on `hostname`.
    pub fn new(hostname: &str) -> Self {
        let task = Task::default();
        let options = TaskOptions::default();
        AppState {
            media: RwSignal::new_local(Vec::new()),
            prompt: RwSignal::new(task.prompt(&options)),
            task: RwSignal::new(task),
            options: RwSignal::new(options),
            settings: RwSignal::new(RunSettings::default()),
            connection: RwSignal::new(ConnectionState::load(hostname)),
            overlay: RwSignal::new(OverlayControls::default()),
            run: RwSignal::new_local(None),
            upload: RwSignal::new(None),
            alerts: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            run_abort: StoredValue::new_local(None),
            upload_abort: StoredValue::new_local(None),
            files_version: RwSignal::new(0),
            model_names: RwSignal::new(Vec::new()),
            ids: StoredValue::new(0),
        }
    }

    /// The app's state from context.
    ///
    /// # Panics
    /// When called outside the app (a programming error, not a data error).
    pub fn get() -> Self {
        expect_context::<AppState>()
    }

    /// A new id, unique for this page.
    pub fn next_id(&self) -> u64 {
        self.ids.update_value(|id| *id += 1);
        self.ids.get_value()
    }

    /// Shows an alert.
    pub fn alert(&self, problem: Problem) {
        let id = self.next_id();
        self.alerts.update(|alerts| {
            // The same problem twice in a row is shown once.
            alerts.retain(|a| a.problem != problem);
            alerts.push(Alert { id, problem });
            // A burst of failures (one per image) must not bury the page.
            if alerts.len() > 4 {
                alerts.remove(0);
            }
        });
    }

    /// Removes an alert.
    pub fn dismiss(&self, id: u64) {
        self.alerts.update(|alerts| alerts.retain(|a| a.id != id));
    }

    /// Resets the prompt to the current task's template.
    pub fn reset_prompt(&self) {
        let prompt = self
            .task
            .with_untracked(|task| self.options.with_untracked(|options| task.prompt(options)));
        self.prompt.set(prompt);
    }
}
