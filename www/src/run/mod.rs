//! Running a task: uploads what the library's plan routes through the File API (with
//! progress), sends one streaming chat turn per group of media, fills the result cards
//! as the answer arrives, and sends follow-up questions in the same chat. The only
//! module that talks to the network (through `gemini-vision-web`).

pub mod batch;
mod chunks;
mod connect;
mod follow_up;
mod models;
mod params;
mod plan;
mod request;
mod upload;

use connect::check_emulator;
pub use connect::client_for;
pub use follow_up::{Conversation, ask_follow_up};
use gemini_vision_web::GoogleGenAI;
pub use models::load_model_names;
pub use plan::preview;

use crate::browser::page;
use crate::domain::failure::Problem;
use crate::domain::run_settings::request_groups;
use crate::domain::task::Task;
use crate::state::{AppState, CardImage, MediaEntry, Phase, ResultCard, RunView};
use gemini_vision::media::MediaKind;
use gemini_vision::request::Settings;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// What one run asks, fixed when the person clicks.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The task.
    pub task: Task,
    /// The prompt sent with the media.
    pub prompt: String,
    /// The model asked.
    pub model: String,
    /// The core's settings, converted once from the page's choices.
    pub settings: Settings,
    /// Where requests go (for the hints of failures).
    pub mode: crate::domain::connection::ConnectionMode,
}

impl Ask {
    /// What the page would ask now (the request view previews it).
    pub fn current(state: AppState) -> Ask {
        let task = state.task.get();
        let settings = state.settings.get();
        Ask {
            task,
            prompt: state.prompt.get().trim().to_owned(),
            model: settings.model_id().to_owned(),
            settings: settings.to_settings(task),
            mode: state.connection.with(|c| c.mode),
        }
    }
}

/// Starts the current task on the current files (does nothing while a run is going).
pub fn start(state: AppState) {
    if state.busy.get_untracked() {
        return;
    }
    match prepare(state) {
        Ok(prepared) => launch(state, prepared),
        Err(problem) => state.alert(problem),
    }
}

/// Stops the run in progress: requests and uploads are aborted.
pub fn stop(state: AppState) {
    for controller in [state.run_abort, state.upload_abort] {
        controller.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    }
}

type Prepared = (
    Ask,
    crate::state::ConnectionState,
    Vec<MediaEntry>,
    Vec<Vec<usize>>,
    GoogleGenAI,
);

fn prepare(state: AppState) -> Result<Prepared, Problem> {
    let task = state.task.get_untracked();
    let prompt = state.prompt.get_untracked().trim().to_owned();
    let media = state.media.get_untracked();
    if task.needs_media() && media.is_empty() {
        return Err(Problem::new(
            "Add an image first",
            format!(
                "{task} needs at least one image: drop one, pick one, paste one or choose an example."
            ),
        ));
    }
    if prompt.is_empty() {
        return Err(Problem::new(
            "The prompt is empty",
            "Type a question or pick a task to fill in its template.",
        ));
    }
    let connection = state.connection.get_untracked();
    connection
        .readiness()
        .map_err(|message| Problem::new("Not connected", message))?;
    let client = client_for(&connection)?;
    let kinds: Vec<MediaKind> = media.iter().map(|m| m.facts.kind).collect();
    let groups = request_groups(task, &kinds);
    let settings = state.settings.get_untracked();
    let ask = Ask {
        task,
        prompt,
        model: settings.model_id().to_owned(),
        settings: settings.to_settings(task),
        mode: connection.mode,
    };
    Ok((ask, connection, media, groups, client))
}

fn launch(state: AppState, prepared: Prepared) {
    let (ask, connection, media, groups, client) = prepared;
    let started_ms = page::now_ms();
    let cards: Vec<ResultCard> = groups
        .iter()
        .map(|group| card_for(state, &ask, &media, group))
        .collect();
    let run = RunView {
        id: state.next_id(),
        task: ask.task,
        model: ask.model.clone(),
        started_ms,
        cards: cards.clone(),
    };
    page::mark(&format!("gv:run-start:{}", run.id));
    state.run.set(Some(run));
    state.alerts.set(Vec::new());
    page::reveal_results();
    let Ok(controller) = web_sys::AbortController::new() else {
        state.alert(Problem::new(
            "The browser refused to start a request",
            "AbortController is unavailable.",
        ));
        return;
    };
    let signal = controller.signal();
    state.run_abort.set_value(Some(controller));
    state.busy.set(true);
    leptos::task::spawn_local(async move {
        if let Err(problem) = check_emulator(&connection).await {
            for card in &cards {
                card.phase.set(Phase::Failed(problem.clone()));
            }
            state.alert(problem);
            state.busy.set(false);
            return;
        }
        let uploads =
            upload::upload_planned(state, &client, &ask, &media, &groups, &cards, &signal).await;
        let remaining = Rc::new(Cell::new(groups.len()));
        let finish = move || {
            remaining.set(remaining.get().saturating_sub(1));
            if remaining.get() == 0 {
                state.busy.set(false);
                state.files_version.update(|v| *v += 1);
            }
        };
        for (group, card) in groups.into_iter().zip(cards) {
            let entries: Vec<MediaEntry> = group
                .iter()
                .filter_map(|&i| media.get(i).cloned())
                .map(|mut entry| {
                    if let Some(file) = uploads.get(&entry.id) {
                        entry.uploaded = Some(file.clone());
                    }
                    entry
                })
                .collect();
            let (client, ask, signal, finish) =
                (client.clone(), ask.clone(), signal.clone(), finish.clone());
            leptos::task::spawn_local(async move {
                if !matches!(
                    card.phase.get_untracked(),
                    Phase::Failed(_) | Phase::Cancelled
                ) {
                    request::stream_into_card(state, &client, &ask, &entries, &card, &signal).await;
                }
                finish();
            });
        }
    });
}

fn card_for(state: AppState, ask: &Ask, media: &[MediaEntry], group: &[usize]) -> ResultCard {
    let entries: Vec<&MediaEntry> = group.iter().filter_map(|&i| media.get(i)).collect();
    let title = match entries.as_slice() {
        [] => "Your question".to_owned(),
        [one] => one.name.clone(),
        many => format!(
            "{} files: {}",
            many.len(),
            many.iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let image = match entries.as_slice() {
        [one] if ask.task.is_spatial() && one.facts.kind == MediaKind::Image => {
            match (&one.url, one.facts.pixel_size) {
                (Some(url), Some((width, height))) => Some(CardImage {
                    url: url.clone(),
                    width,
                    height,
                }),
                _ => None,
            }
        }
        _ => None,
    };
    ResultCard::new(state.next_id(), title, image)
}
