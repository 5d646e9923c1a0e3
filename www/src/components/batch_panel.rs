//! Batch Mode: pick or drop many images, choose a task, submit them as one job, watch
//! its state and counts, cancel it; recent jobs and the results gallery below. Folded
//! by default, so that the interactive page stays as it was.

use super::batch_gallery::BatchGallery;
use super::batch_jobs::BatchJobs;
use super::file_drop::FileDrop;
use crate::browser::blob_read;
use crate::domain::batch_job::image_key;
use crate::domain::failure::Problem;
use crate::domain::task::Task;
use crate::domain::units::{human_bytes, percent};
use crate::run::batch;
use crate::state::{AppState, BatchImage, BatchState};
use leptos::prelude::*;

/// The most images one batch holds on this page (the file upload takes up to 2 GB; the
/// page's thumbnails are lazy, so this bounds memory for object URLs and the gallery).
const MAX_BATCH_IMAGES: usize = 5_000;

/// Adds the image files of `files` to the batch; alerts for what was left out.
fn take(state: AppState, batch: BatchState, files: Vec<web_sys::File>) {
    let start = batch.images.with_untracked(Vec::len);
    let mut added = Vec::new();
    let mut skipped = 0usize;
    for file in files {
        if !file.type_().starts_with("image/") || start + added.len() >= MAX_BATCH_IMAGES {
            skipped += 1;
            continue;
        }
        let name = file.name();
        let blob: web_sys::Blob = file.into();
        added.push(BatchImage {
            key: image_key(start + added.len(), &name),
            name,
            url: blob_read::object_url(&blob),
            blob,
            size: RwSignal::new(None),
        });
    }
    batch.images.update(|images| images.extend(added));
    if skipped > 0 {
        state.alert(Problem::new(
            "Some files were left out",
            format!(
                "{skipped} file(s) were not images, or over the batch's {MAX_BATCH_IMAGES} images."
            ),
        ));
    }
}

/// Forgets the picked images and releases their object URLs.
fn clear(batch: BatchState) {
    for image in batch.images.get_untracked() {
        if let Some(url) = image.url {
            blob_read::revoke_object_url(&url);
        }
    }
    batch.images.set(Vec::new());
}

/// The Batch Mode section.
#[component]
pub fn BatchPanel() -> impl IntoView {
    let state = AppState::get();
    let batch = BatchState::new();
    provide_context(batch);
    let open = RwSignal::new(false);
    // Recent jobs come from the API: listed when opened and when the connection changes.
    Effect::new(move |_| {
        state.connection.track();
        if open.get() {
            batch::refresh_jobs(state, batch);
        }
    });
    let count = move || batch.images.with(Vec::len);
    // Submitting: the JSONL file uploading, or the job being created (no job yet).
    let submitting = move || batch.busy.get() && batch.job.with(Option::is_none);
    let running = move || {
        batch
            .job
            .with(|j| j.as_ref().is_some_and(|j| !j.has_ended()))
    };
    view! {
        <details
            class="card batch"
            on:toggle=move |ev| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(details.open());
            }
        >
            <summary>
                <h2 class="batch-title">"Batch mode"</h2>
                <span class="muted">" Hundreds of images as one job, at half the price"</span>
            </summary>
            <FileDrop
                class="batch-drop"
                input_id="batch-images"
                accept="image/*"
                on_files=move |files| take(state, batch, files)
            >
                <label for="batch-images" class="button">"Add batch images"</label>
                <span class="batch-count" aria-live="polite">
                    {move || format!("{} images in the batch", count())}
                </span>
                <button class="link-button" type="button" disabled=move || count() == 0 on:click=move |_| clear(batch)>
                    "Clear"
                </button>
            </FileDrop>
            <div class="batch-controls">
                <label for="batch-task">"Task"</label>
                <select
                    id="batch-task"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(task) = Task::ALL.into_iter().find(|t| t.name() == chosen) {
                            batch.task.set(task);
                        }
                    }
                >
                    {Task::ALL
                        .into_iter()
                        .map(|task| {
                            view! {
                                <option value=task.name() selected=move || batch.task.get() == task>
                                    {task.name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button
                    class="button primary"
                    type="button"
                    disabled=move || count() == 0 || batch.busy.get()
                    on:click=move |_| batch::submit(state, batch)
                >
                    "Submit batch"
                </button>
                <button
                    class="button"
                    type="button"
                    disabled=move || !submitting()
                    on:click=move |_| batch::stop_submitting(batch)
                >
                    "Stop submitting"
                </button>
                <button
                    class="button"
                    type="button"
                    disabled=move || !running()
                    on:click=move |_| batch::cancel(state, batch)
                >
                    "Cancel job"
                </button>
            </div>
            <p class="muted batch-note">
                "Each image is asked the task's prompt with the model and settings of the page. Small batches are sent inline; bigger ones as a JSONL file, uploaded first."
            </p>
            <BatchStatus/>
            <BatchJobs/>
            <BatchGallery/>
        </details>
    }
}

/// The upload and the job's state and counts.
#[component]
fn BatchStatus() -> impl IntoView {
    let batch = expect_context::<BatchState>();
    let upload = move || {
        batch.upload.get().map(|upload| {
            let (sent, total) = (upload.sent as u64, upload.total as u64);
            view! {
                <div class="batch-upload" role="status" aria-label="Batch upload">
                    <span>
                        {if total > 0 && sent >= total {
                            format!("JSONL file uploaded: {}", human_bytes(total))
                        } else {
                            format!("Uploading the JSONL file: {} of {}", human_bytes(sent), human_bytes(total))
                        }}
                    </span>
                    <progress max="100" value=percent(sent, total)></progress>
                </div>
            }
        })
    };
    let job = move || {
        batch.job.get().map(|job| {
            let counts = job.counts();
            let state = job.state_label().to_owned();
            let class = match state.as_str() {
                "SUCCEEDED" => "badge ok",
                "FAILED" | "CANCELLED" | "EXPIRED" => "badge bad",
                _ => "badge busy",
            };
            let title = job.display_name.clone().unwrap_or_else(|| job.name.clone());
            let data_state = state.clone();
            view! {
                <div class="batch-job" role="status" aria-label="Batch job" data-state=data_state>
                    <div class="batch-job-head">
                        <strong>{title}</strong>
                        <code class="muted">{job.name.clone()}</code>
                        <span class=class>{state}</span>
                    </div>
                    <p class="batch-stats">
                        {format!(
                            "{} succeeded \u{b7} {} failed \u{b7} {} pending \u{b7} {} requests",
                            counts.succeeded, counts.failed, counts.pending, counts.total
                        )}
                    </p>
                    <progress max="100" value=percent(counts.succeeded + counts.failed, counts.total)></progress>
                    {job.error.map(|error| view! { <p class="error-text">{error}</p> })}
                </div>
            }
        })
    };
    view! { {upload} {job} }
}
