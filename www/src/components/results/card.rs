//! One result card: the overlay (or the media's name), the detections, the answer and
//! the exports.

use super::answer::{AnswerView, Notes};
use super::detection_list::DetectionList;
use super::follow_up::FollowUps;
use super::overlay_canvas::{CanvasHandle, OverlayCanvas};
use crate::browser::download;
use crate::domain::export::{detections_json, export_file_name};
use crate::domain::failure::Problem;
use crate::state::{AppState, Phase, ResultCard};
use gemini_vision::geometry::ImageSize;
use leptos::prelude::*;

/// A card.
#[component]
pub fn ResultCardView(
    /// The card shown.
    card: ResultCard,
) -> impl IntoView {
    let state = AppState::get();
    let (run_id, started_ms, spatial, model) = state.run.with_untracked(|r| {
        r.as_ref().map_or((0, 0.0, false, String::new()), |r| {
            (r.id, r.started_ms, r.task.is_spatial(), r.model.clone())
        })
    });
    let handle = CanvasHandle::new();
    let phase_text = move || match card.phase.get() {
        Phase::Waiting => "Waiting\u{2026}".to_owned(),
        Phase::Streaming => "Answering\u{2026}".to_owned(),
        Phase::Done => {
            let n = card.detections.with(Vec::len);
            let time = card
                .drawn_after_ms
                .get()
                .map(|ms| format!(" \u{b7} {:.2} s", ms / 1000.0))
                .unwrap_or_default();
            if spatial {
                format!("{n} found{time}")
            } else {
                "Done".to_owned()
            }
        }
        Phase::Failed(problem) => problem.title,
        Phase::Cancelled => "Cancelled".to_owned(),
    };
    let phase_class = move || match card.phase.get() {
        Phase::Waiting | Phase::Streaming => "badge busy",
        Phase::Done => "badge ok",
        Phase::Failed(_) | Phase::Cancelled => "badge bad",
    };
    let title = card.title.clone();
    let image = card.image.clone();
    let export_png = {
        let title = title.clone();
        move |_| {
            let name = export_file_name(&title, "annotated.png");
            leptos::task::spawn_local(async move {
                let result = match handle.export_png().await {
                    Ok(blob) => download::save_blob(&blob, &name),
                    Err(message) => Err(message),
                };
                if let Err(message) = result {
                    state.alert(Problem::new("The PNG could not be exported", message));
                }
            });
        }
    };
    let export_json = {
        let (title, image, model) = (title.clone(), image.clone(), model.clone());
        move |_| {
            let size = image
                .as_ref()
                .and_then(|i| ImageSize::new(i.width, i.height).ok());
            let Some(size) = size else { return };
            let json = card
                .detections
                .with(|d| detections_json(&title, size, &model, d));
            let name = export_file_name(&title, "detections.json");
            if let Err(message) = download::save_text(&json, "application/json", &name) {
                state.alert(Problem::new("The JSON could not be exported", message));
            }
        }
    };
    let (phase, detections, warnings, highlight) =
        (card.phase, card.detections, card.warnings, card.highlight);
    let has_detections = move || detections.with(|d| !d.is_empty());
    let done = move || phase.with(|p| *p == Phase::Done);
    let drawn = card.clone();
    let answered = card.clone();
    let asked = card.clone();
    let mask_note = card.mask_note;
    view! {
        <article class="card result" data-phase=move || format!("{:?}", phase.get()).to_lowercase()>
            <header class="result-head">
                <h3 class="result-title" title=title.clone()>{title.clone()}</h3>
                <span class=phase_class>{phase_text}</span>
            </header>
            <Show when=move || spatial>
                <div class="result-body">
                    {image.clone().map(|image| view! {
                        <div class="result-visual">
                            <div class="figure">
                                <OverlayCanvas card=drawn.clone() image handle started_ms run_id/>
                            </div>
                            <div class="result-actions">
                                <button class="button" disabled=move || !done() on:click=export_png.clone()>"Export PNG"</button>
                                <button class="button" disabled=move || !has_detections() on:click=export_json.clone()>"Export JSON"</button>
                            </div>
                        </div>
                    })}
                    <div class="result-side">
                        {move || mask_note.get().map(|note| view! {
                            <p class="mask-note" role="note">{note}</p>
                        })}
                        <DetectionList detections highlight/>
                        <Show when=move || done() && !has_detections()>
                            <p class="muted">"Nothing was found in the answer."</p>
                        </Show>
                        <Notes warnings/>
                    </div>
                </div>
            </Show>
            <Show when=move || !spatial>
                <Notes warnings/>
            </Show>
            <AnswerView card=answered.clone() raw=spatial/>
            <FollowUps card=asked.clone()/>
        </article>
    }
}
