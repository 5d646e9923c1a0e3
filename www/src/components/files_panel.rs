//! Uploaded files: what the File API holds for this key (state, size, expiry), with
//! delete. Loaded when opened and after every run that uploaded.

use crate::domain::failure::{Problem, explain};
use crate::domain::units::{human_bytes, short_timestamp};
use crate::run::client_for;
use crate::state::AppState;
use gemini_vision::wire::File;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The most files listed (one page).
const PAGE_SIZE: u32 = 100;

/// `{ config: { pageSize } }` for `files.list`.
fn list_params() -> JsValue {
    let config = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&config, &"pageSize".into(), &JsValue::from(PAGE_SIZE));
    let params = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&params, &"config".into(), &config);
    params.into()
}

/// The first page of a `files.list` pager as the core's `File`s (a small list, read
/// once for display), and whether there are more.
fn read_page(pager: &JsValue) -> (Vec<File>, bool) {
    let page = js_sys::Reflect::get(pager, &"page".into()).unwrap_or(JsValue::NULL);
    let files = js_sys::JSON::stringify(&page)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str::<Vec<File>>(&text).ok())
        .unwrap_or_default();
    let more = js_sys::Reflect::get(pager, &"hasNextPage".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(pager).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    (files, more)
}

/// The files panel, folded by default.
#[component]
pub fn FilesPanel() -> impl IntoView {
    let state = AppState::get();
    let open = RwSignal::new(false);
    let files = RwSignal::new(Vec::<File>::new());
    let loading = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let load = move || {
        let connection = state.connection.get_untracked();
        let client = match client_for(&connection) {
            Ok(client) => client,
            Err(problem) => {
                message.set(Some(problem.detail));
                return;
            }
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            match client.files().list(list_params()).await {
                Ok(pager) => {
                    let (page, more) = read_page(&pager);
                    message.set(more.then(|| format!("Showing the newest {PAGE_SIZE} files.")));
                    files.set(page);
                }
                Err(err) => {
                    files.set(Vec::new());
                    let problem = explain(&err, connection.mode);
                    message.set(Some(format!("{}: {}", problem.title, problem.detail)));
                }
            }
            loading.set(false);
        });
    };
    // Reload when opened, when the connection changes, and after uploads.
    Effect::new(move |_| {
        state.files_version.track();
        state.connection.track();
        if open.get() {
            load();
        }
    });
    let delete = move |name: String| {
        let connection = state.connection.get_untracked();
        let Ok(client) = client_for(&connection) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let params = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&params, &"name".into(), &name.as_str().into());
            match client.files().delete(params.into()).await {
                Ok(_) => {
                    state.media.update(|media| {
                        for entry in media.iter_mut() {
                            if entry.uploaded.as_ref().is_some_and(|f| f.name == name) {
                                entry.uploaded = None;
                            }
                        }
                    });
                    files.update(|f| f.retain(|file| file.name != name));
                }
                Err(err) => {
                    let problem = explain(&err, connection.mode);
                    state.alert(Problem::new(
                        "The file could not be deleted",
                        format!("{}: {}", problem.title, problem.detail),
                    ));
                }
            }
        });
    };
    view! {
        <details class="files card" on:toggle=move |ev| {
            let details: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(details.open());
        }>
            <summary>
                "Uploaded files"
                <span class="muted">" \u{b7} File API, kept 48 hours"</span>
            </summary>
            <div class="files-head">
                <button class="button subtle" disabled=move || loading.get() on:click=move |_| load()>"Refresh"</button>
                {move || message.get().map(|m| view! { <span class="muted">{m}</span> })}
            </div>
            <Show
                when=move || !files.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="muted">{move || if loading.get() { "Loading\u{2026}" } else { "No uploaded files." }}</p>
                }
            >
                <table class="files-table" aria-label="Uploaded files">
                    <thead>
                        <tr><th>"File"</th><th>"State"</th><th>"Size"</th><th>"Expires"</th><th><span class="visually-hidden">"Actions"</span></th></tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || files.get()
                            key=|file| (file.name.clone(), format!("{:?}", file.state))
                            children=move |file| {
                                let name = file.name.clone();
                                let shown = file.display_name.clone().unwrap_or_else(|| file.name.clone());
                                let state_text = file
                                    .state
                                    .as_ref()
                                    .map_or_else(|| "\u{2013}".to_owned(), |s| s.as_wire().to_owned());
                                let label = format!("Delete {shown}");
                                view! {
                                    <tr>
                                        <td>
                                            <span class="file-name">{shown}</span>
                                            <span class="muted file-id">{file.name.clone()}</span>
                                        </td>
                                        <td><span class="state" data-state=state_text.clone()>{state_text.clone()}</span></td>
                                        <td>{file.size_bytes.map(human_bytes).unwrap_or_default()}</td>
                                        <td>{file.expiration_time.as_deref().map(short_timestamp).unwrap_or_default()}</td>
                                        <td>
                                            <button class="button subtle" aria-label=label on:click=move |_| delete(name.clone())>
                                                "Delete"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </Show>
        </details>
    }
}
