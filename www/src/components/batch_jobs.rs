//! Recent batch jobs, as `batches.list` gives them (the API keeps them, so they are
//! there after a reload); choosing one shows it: its results once it succeeded.

use crate::domain::units::short_timestamp;
use crate::run::batch;
use crate::state::{AppState, BatchState};
use leptos::prelude::*;

/// The list of recent jobs.
#[component]
pub fn BatchJobs() -> impl IntoView {
    let state = AppState::get();
    let batch = expect_context::<BatchState>();
    view! {
        <div class="batch-jobs">
            <div class="field-head">
                <h3>"Recent jobs"</h3>
                <button class="link-button" type="button" on:click=move |_| batch::refresh_jobs(state, batch)>
                    "Refresh"
                </button>
            </div>
            <Show when=move || batch.jobs.with(Vec::is_empty)>
                <p class="muted">"No batch jobs yet."</p>
            </Show>
            <ul class="batch-job-list" aria-label="Recent batch jobs">
                <For each=move || batch.jobs.get() key=|job| (job.name.clone(), job.state.clone()) let:job>
                    {
                        let title = job.display_name.clone().unwrap_or_else(|| job.name.clone());
                        let when = job.create_time.as_deref().map(short_timestamp).unwrap_or_default();
                        let state_label = job.state_label().to_owned();
                        let name = job.name.clone();
                        let data_state = state_label.clone();
                        let chosen = job.clone();
                        view! {
                            <li data-name=name.clone() data-state=data_state>
                                <button
                                    class="link-button"
                                    type="button"
                                    on:click=move |_| batch::open_job(state, batch, chosen.clone())
                                >
                                    {title}
                                </button>
                                <span class="badge">{state_label}</span>
                                <span class="muted">{when}</span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}
