//! Batch Mode's signals: the images picked for a batch, the job being watched, its
//! results as they are read, and the recent jobs the API lists.

use crate::domain::batch_job::JobSummary;
use crate::domain::task::Task;
use gemini_vision::spatial::Detection;
use leptos::prelude::*;

/// An image picked for a batch. Not decoded: the thumbnail's `<img loading="lazy">`
/// decodes it when it scrolls into view.
#[derive(Debug, Clone)]
pub struct BatchImage {
    /// The key it is sent under (`0001-name.png`).
    pub key: String,
    /// The file's name.
    pub name: String,
    /// The bytes (a `File`: not read into memory until sent).
    pub blob: web_sys::Blob,
    /// An object URL for the thumbnail.
    pub url: Option<String>,
    /// Its pixel size, once the thumbnail was decoded.
    pub size: RwSignal<Option<(u32, u32)>>,
}

/// One request's result.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchOutcome {
    /// The key it was sent under.
    pub key: String,
    /// The answer's text.
    pub text: String,
    /// What the parser found (spatial tasks).
    pub detections: Vec<Detection>,
    /// The request's error, if it failed.
    pub error: Option<String>,
}

/// The upload of a batch too big for inline.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BatchUpload {
    /// Bytes sent.
    pub sent: f64,
    /// Bytes in the JSONL file.
    pub total: f64,
}

/// Every Batch Mode signal. `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct BatchState {
    /// The images picked, in order.
    pub images: RwSignal<Vec<BatchImage>, LocalStorage>,
    /// The task asked of every image.
    pub task: RwSignal<Task>,
    /// The JSONL upload in progress, if any.
    pub upload: RwSignal<Option<BatchUpload>>,
    /// The job shown, as last read.
    pub job: RwSignal<Option<JobSummary>>,
    /// The task the shown job asked (how its answers are read).
    pub job_task: RwSignal<Task>,
    /// The model the shown job asked.
    pub job_model: RwSignal<String>,
    /// Its results, in the order they were read.
    pub results: RwSignal<Vec<BatchOutcome>>,
    /// Recent jobs, from `batches.list`.
    pub jobs: RwSignal<Vec<JobSummary>>,
    /// Whether a submit, wait or read is in progress.
    pub busy: RwSignal<bool>,
    /// Aborts the upload or wait in progress.
    pub abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
}

impl BatchState {
    /// Nothing picked, no job.
    pub fn new() -> Self {
        BatchState {
            images: RwSignal::new_local(Vec::new()),
            task: RwSignal::new(Task::Detect),
            upload: RwSignal::new(None),
            job: RwSignal::new(None),
            job_task: RwSignal::new(Task::Detect),
            job_model: RwSignal::new(String::new()),
            results: RwSignal::new(Vec::new()),
            jobs: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            abort: StoredValue::new_local(None),
        }
    }
}

impl Default for BatchState {
    fn default() -> Self {
        BatchState::new()
    }
}
