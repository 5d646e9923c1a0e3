//! A batch's results as they are read: one thumbnail per result, joined to its image by
//! key, with its boxes and points drawn over it (CSS boxes in the model's 0-1000 frame:
//! no canvas per tile, so hundreds stay cheap). A tile opens into the demo's full result
//! card (the overlay canvas, the detection list, the answer and the exports); "Export
//! all" saves every result in the core's detection shape.

use crate::browser::{download, page};
use crate::domain::batch_job::{ExportedImage, batch_json, name_in_key};
use crate::domain::export::export_file_name;
use crate::domain::failure::Problem;
use crate::state::{
    AppState, BatchImage, BatchOutcome, BatchState, CardImage, Phase, ResultCard, RunView,
};
use gemini_vision::geometry::ImageSize;
use gemini_vision::spatial::Detection;
use leptos::prelude::*;

/// The pixel size of `image`: known once its thumbnail was decoded, else decoded now
/// (a tile's thumbnail is lazy and may not have loaded yet).
async fn size_of(image: &BatchImage) -> Option<(u32, u32)> {
    if let Some(size) = image.size.get_untracked() {
        return Some(size);
    }
    let element = web_sys::HtmlImageElement::new().ok()?;
    element.set_src(image.url.as_deref()?);
    wasm_bindgen_futures::JsFuture::from(element.decode())
        .await
        .ok()?;
    let size = (element.natural_width(), element.natural_height());
    image.size.set(Some(size));
    Some(size)
}

/// Opens `outcome` in the results column as a full result card.
async fn open(
    state: AppState,
    batch: BatchState,
    outcome: BatchOutcome,
    image: Option<BatchImage>,
) {
    let mut card_image = None;
    if let Some(image) = &image
        && let (Some(url), Some((width, height))) = (image.url.clone(), size_of(image).await)
    {
        card_image = Some(CardImage { url, width, height });
    }
    let card = ResultCard::new(
        state.next_id(),
        name_in_key(&outcome.key).to_owned(),
        card_image,
    );
    card.answer.set(outcome.text.clone());
    card.detections.set(outcome.detections.clone());
    card.phase.set(match &outcome.error {
        Some(error) => Phase::Failed(Problem::new("The request failed", error.clone())),
        None => Phase::Done,
    });
    state.run.set(Some(RunView {
        id: state.next_id(),
        task: batch.job_task.get_untracked(),
        model: batch.job_model.get_untracked(),
        started_ms: page::now_ms(),
        cards: vec![card],
    }));
    page::reveal_results();
}

/// Saves every result of the job shown as one JSON document, with pixel values for
/// every image the page holds (those whose lazy thumbnail has not loaded yet are
/// decoded first, one at a time).
async fn export_all(state: AppState, batch: BatchState) {
    let keys: std::collections::HashSet<String> = batch
        .results
        .with_untracked(|results| results.iter().map(|o| o.key.clone()).collect());
    let images = batch.images.get_untracked();
    for image in images.iter().filter(|image| keys.contains(&image.key)) {
        size_of(image).await;
    }
    let job = batch
        .job
        .with_untracked(|j| j.as_ref().map(|j| j.name.clone()))
        .unwrap_or_default();
    let model = batch.job_model.get_untracked();
    let json = batch.results.with_untracked(|results| {
        batch.images.with_untracked(|images| {
            let exported: Vec<ExportedImage<'_>> = results
                .iter()
                .map(|outcome| {
                    let size = images
                        .iter()
                        .find(|image| image.key == outcome.key)
                        .and_then(|image| image.size.get_untracked())
                        .and_then(|(w, h)| ImageSize::new(w, h).ok());
                    ExportedImage {
                        key: &outcome.key,
                        size,
                        detections: &outcome.detections,
                        error: outcome.error.as_deref(),
                    }
                })
                .collect();
            batch_json(&job, &model, &exported)
        })
    });
    let name = export_file_name(job.trim_start_matches("batches/"), "batch-detections.json");
    if let Err(message) = download::save_text(&json, "application/json", &name) {
        state.alert(Problem::new("The JSON could not be exported", message));
    }
}

/// The gallery of results.
#[component]
pub fn BatchGallery() -> impl IntoView {
    let state = AppState::get();
    let batch = expect_context::<BatchState>();
    let count = move || batch.results.with(Vec::len);
    view! {
        <Show when=move || { count() != 0 }>
            <div class="field-head batch-gallery-head">
                <h3>{move || format!("Results ({})", count())}</h3>
                <button class="button" type="button" on:click=move |_| leptos::task::spawn_local(export_all(state, batch))>
                    "Export all (JSON)"
                </button>
            </div>
        </Show>
        <ul class="batch-gallery" aria-label="Batch results">
            <For each=move || batch.results.get() key=|outcome| outcome.key.clone() let:outcome>
                <BatchTile outcome/>
            </For>
        </ul>
    }
}

/// One result's thumbnail.
#[component]
fn BatchTile(outcome: BatchOutcome) -> impl IntoView {
    let state = AppState::get();
    let batch = expect_context::<BatchState>();
    let image = batch
        .images
        .with_untracked(|images| images.iter().find(|i| i.key == outcome.key).cloned());
    let name = name_in_key(&outcome.key).to_owned();
    let badge = match &outcome.error {
        Some(_) => "failed".to_owned(),
        None if batch.job_task.get_untracked().is_spatial() => {
            format!("{} found", outcome.detections.len())
        }
        None => "answered".to_owned(),
    };
    let thumb = image.as_ref().and_then(|image| {
        let size = image.size;
        image.url.clone().map(|url| {
            view! {
                <img
                    src=url
                    alt=""
                    loading="lazy"
                    decoding="async"
                    on:load=move |ev| {
                        let img: web_sys::HtmlImageElement = event_target(&ev);
                        size.set(Some((img.natural_width(), img.natural_height())));
                    }
                />
            }
        })
    });
    let marks = outcome.detections.iter().map(mark).collect_view();
    let caption = (!batch.job_task.get_untracked().is_spatial())
        .then(|| outcome.text.chars().take(120).collect::<String>());
    let opened = outcome.clone();
    view! {
        <li class="batch-tile" data-key=outcome.key.clone() data-count=outcome.detections.len()>
            <button
                class="batch-open"
                type="button"
                aria-label=format!("Open {name}")
                on:click=move |_| {
                    leptos::task::spawn_local(open(state, batch, opened.clone(), image.clone()))
                }
            >
                <span class="batch-thumb">{thumb}{marks}</span>
                <span class="batch-name" title=name.clone()>{name.clone()}</span>
                <span class="badge">{badge}</span>
                {caption.map(|text| view! { <span class="batch-caption">{text}</span> })}
            </button>
        </li>
    }
}

/// A box (or a point) over the thumbnail, placed in percent of the image.
fn mark(detection: &Detection) -> impl IntoView + use<> {
    let percent = |v: f64| format!("{:.2}%", v / 10.0);
    if let Some(b) = detection.box_2d {
        Some(
            view! {
                <span
                    class="batch-box"
                    style:top=percent(b.ymin())
                    style:left=percent(b.xmin())
                    style:height=percent(b.ymax() - b.ymin())
                    style:width=percent(b.xmax() - b.xmin())
                ></span>
            }
            .into_any(),
        )
    } else {
        detection.point.map(|p| {
            view! { <span class="batch-point" style:top=percent(p.y()) style:left=percent(p.x())></span> }
                .into_any()
        })
    }
}
