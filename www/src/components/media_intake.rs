//! The drop zone: drop files, pick them ("Add images"), or paste from the clipboard.

use super::file_drop::FileDrop;
use crate::intake::{self, files_of};
use crate::state::{AppState, MediaOrigin};
use leptos::ev;
use leptos::prelude::*;

/// The drop zone with its file picker; also listens for pastes anywhere on the page.
#[component]
pub fn MediaIntake() -> impl IntoView {
    let state = AppState::get();
    let take = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        let files = files
            .into_iter()
            .map(|file| (file, MediaOrigin::Local, None))
            .collect();
        leptos::task::spawn_local(intake::add_files(state, files));
    };
    let paste = window_event_listener(ev::paste, move |ev| {
        // Pasting text into the prompt is not a file paste.
        let files = files_of(ev.clipboard_data().and_then(|data| data.files()));
        if !files.is_empty() {
            ev.prevent_default();
            take(files);
        }
    });
    on_cleanup(move || paste.remove());
    view! {
        <FileDrop
            class="dropzone"
            input_id="add-images"
            accept="image/*,video/*,audio/*,application/pdf"
            on_files=take
        >
            <label for="add-images" class="button primary">"Add images"</label>
            <p class="drop-hint">
                "or drop them here, or paste from the clipboard. Videos and PDFs work too: large files go through the File API."
            </p>
        </FileDrop>
    }
}
