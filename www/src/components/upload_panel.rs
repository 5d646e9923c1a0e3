//! The upload in progress: a progress bar with bytes, percent, speed and time left, the
//! file's processing state, and "Cancel upload".

use crate::state::{AppState, UploadPhase};
use leptos::prelude::*;

/// Shown while a file goes through the File API (and after, with its final state).
#[component]
pub fn UploadPanel() -> impl IntoView {
    let state = AppState::get();
    let upload = state.upload;
    let percent = move || upload.with(|u| u.as_ref().map_or(0, |u| u.meter.percent()));
    let cancel = move |_| {
        state.upload_abort.with_value(|controller| {
            if let Some(controller) = controller {
                controller.abort();
            }
        });
    };
    view! {
        <Show when=move || upload.with(Option::is_some)>
            <section class="upload card" aria-label="Upload">
                <div class="upload-head">
                    <strong class="upload-name">{move || upload.with(|u| u.as_ref().map(|u| u.name.clone()))}</strong>
                    <span class="upload-state" data-state=move || upload.with(|u| u.as_ref().and_then(|u| u.state.clone()))>
                        {move || upload.with(|u| u.as_ref().map(|u| match (&u.phase, &u.state) {
                            (UploadPhase::Sending, _) => "Uploading".to_owned(),
                            (UploadPhase::Processing, Some(s)) => format!("{s}: processing\u{2026}"),
                            (UploadPhase::Processing, None) => "Processing\u{2026}".to_owned(),
                            (_, Some(s)) => s.clone(),
                            (UploadPhase::Active, None) => "ACTIVE".to_owned(),
                            (UploadPhase::Stopped, None) => "Stopped".to_owned(),
                        }))}
                    </span>
                </div>
                <div
                    class="progress"
                    role="progressbar"
                    aria-label="Upload progress"
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || percent().to_string()
                >
                    <div class="progress-fill" style=move || format!("width: {}%", percent())></div>
                </div>
                <div class="upload-foot">
                    <span class="upload-summary">{move || upload.with(|u| u.as_ref().map(|u| u.meter.summary()))}</span>
                    {move || upload.with(|u| u.as_ref().and_then(|u| (u.meter.restarts() > 0).then(|| {
                        let n = u.meter.restarts();
                        format!(" \u{b7} restarted {n} time{}", if n == 1 { "" } else { "s" })
                    })))}
                    {move || upload.with(|u| u.as_ref().is_some_and(|u| u.resumed)).then_some(
                        " \u{b7} resumed where an earlier upload stopped"
                    )}
                    <Show when=move || upload.with(|u| u.as_ref().is_some_and(|u| matches!(u.phase, UploadPhase::Sending | UploadPhase::Processing)))>
                        <button class="button" on:click=cancel>"Cancel upload"</button>
                    </Show>
                </div>
            </section>
        </Show>
    }
}
