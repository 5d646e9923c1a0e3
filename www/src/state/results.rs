//! What a run produced: one card per request, and the upload in progress.

use crate::domain::failure::Problem;
use crate::domain::task::Task;
use crate::domain::upload_meter::UploadMeter;
use gemini_vision::spatial::Detection;
use leptos::prelude::*;

/// Where a card is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for an upload or its turn.
    Waiting,
    /// The answer is arriving.
    Streaming,
    /// Finished.
    Done,
    /// Failed (the alert says why).
    Failed(Problem),
    /// Cancelled by the person.
    Cancelled,
}

/// The image a card draws on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardImage {
    /// Object URL of the image.
    pub url: String,
    /// Displayed width in pixels.
    pub width: u32,
    /// Displayed height in pixels.
    pub height: u32,
}

/// One request's result.
#[derive(Debug, Clone)]
pub struct ResultCard {
    /// Unique on the page.
    pub key: u64,
    /// The files it covers.
    pub title: String,
    /// The image to draw on (spatial tasks on an image).
    pub image: Option<CardImage>,
    /// Where it is.
    pub phase: RwSignal<Phase>,
    /// The model's text so far.
    pub answer: RwSignal<String>,
    /// What the parser found in the answer.
    pub detections: RwSignal<Vec<Detection>>,
    /// What the parser repaired or dropped, and notes from drawing.
    pub warnings: RwSignal<Vec<String>>,
    /// The detection under the pointer (list or canvas).
    pub highlight: RwSignal<Option<usize>>,
    /// Milliseconds from the run's start to the overlay drawn.
    pub drawn_after_ms: RwSignal<Option<f64>>,
    /// Why a Segment answer's masks cannot be drawn, and which model to try.
    pub mask_note: RwSignal<Option<String>>,
    /// The card's chat, once its first turn was accepted (for follow-up questions).
    pub conversation: StoredValue<Option<crate::run::Conversation>, LocalStorage>,
    /// Follow-up questions asked in the card's chat, with their answers.
    pub follow_ups: RwSignal<Vec<FollowUp>>,
}

/// A follow-up question and its answer.
#[derive(Debug, Clone)]
pub struct FollowUp {
    /// Unique on the page.
    pub key: u64,
    /// What was asked.
    pub question: String,
    /// The answer so far.
    pub answer: RwSignal<String>,
    /// Where it is.
    pub phase: RwSignal<Phase>,
}

impl FollowUp {
    /// A question waiting for its answer.
    pub fn new(key: u64, question: String) -> Self {
        FollowUp {
            key,
            question,
            answer: RwSignal::new(String::new()),
            phase: RwSignal::new(Phase::Waiting),
        }
    }
}

impl ResultCard {
    /// A card waiting for its answer.
    pub fn new(key: u64, title: String, image: Option<CardImage>) -> Self {
        ResultCard {
            key,
            title,
            image,
            phase: RwSignal::new(Phase::Waiting),
            answer: RwSignal::new(String::new()),
            detections: RwSignal::new(Vec::new()),
            warnings: RwSignal::new(Vec::new()),
            highlight: RwSignal::new(None),
            drawn_after_ms: RwSignal::new(None),
            mask_note: RwSignal::new(None),
            conversation: StoredValue::new_local(None),
            follow_ups: RwSignal::new(Vec::new()),
        }
    }
}

/// A run: what was asked and one card per request.
#[derive(Debug, Clone)]
pub struct RunView {
    /// Unique on the page.
    pub id: u64,
    /// The task.
    pub task: Task,
    /// The model asked.
    pub model: String,
    /// `performance.now()` when the person asked.
    pub started_ms: f64,
    /// One per request.
    pub cards: Vec<ResultCard>,
}

/// Where an upload is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadPhase {
    /// Bytes are moving.
    Sending,
    /// Uploaded; the File API is processing it (video, PDF).
    Processing,
    /// The file is `ACTIVE`.
    Active,
    /// It failed or was cancelled (the alert says why).
    Stopped,
}

/// The upload panel.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadView {
    /// The file's name.
    pub name: String,
    /// Progress.
    pub meter: UploadMeter,
    /// Where it is.
    pub phase: UploadPhase,
    /// The file's state as the API last said it (`PROCESSING`, `ACTIVE`...).
    pub state: Option<String>,
    /// Whether the library continued a session an earlier page started (its resume
    /// record for this key and endpoint).
    pub resumed: bool,
}
