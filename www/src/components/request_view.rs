//! The "request" view: the body that will be sent (base64 elided) and whether each file
//! goes inline or through the File API, and why. Built by the core's request builder
//! and planner (`domain::request_preview`), so it matches what `run` sends.

use crate::domain::request_preview::{PreviewMedia, PreviewPrompt, RequestPreview, preview};
use crate::domain::run_settings::request_groups;
use crate::domain::units::human_bytes;
use crate::state::AppState;
use gemini_vision::request::{DEFAULT_MAX_BODY_BYTES, Route};
use leptos::prelude::*;

/// The preview of the next request, folded by default.
#[component]
pub fn RequestView() -> impl IntoView {
    let state = AppState::get();
    let open = RwSignal::new(false);
    let computed = move || -> Option<(Result<RequestPreview, String>, usize)> {
        if !open.get() {
            return None;
        }
        let task = state.task.get();
        let prompt = state.prompt.get();
        let settings = state.settings.get();
        let media: Vec<(PreviewMedia, gemini_vision::media::MediaKind)> =
            state.media.with(|media| {
                media
                    .iter()
                    .map(|m| {
                        (
                            PreviewMedia {
                                name: m.name.clone(),
                                mime: m.facts.mime.clone(),
                                size: m.facts.size,
                                uploaded_uri: m.uploaded.as_ref().and_then(|f| f.uri.clone()),
                            },
                            m.facts.kind,
                        )
                    })
                    .collect()
            });
        let kinds: Vec<_> = media.iter().map(|(_, k)| *k).collect();
        let groups = request_groups(task, &kinds);
        let first: Vec<PreviewMedia> = groups
            .first()
            .map(|g| {
                g.iter()
                    .filter_map(|&i| media.get(i).map(|(m, _)| m.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let request = PreviewPrompt {
            text: &prompt,
            system: task.system_instruction(),
            settings: &settings,
            max_inline_bytes: DEFAULT_MAX_BODY_BYTES,
        };
        Some((
            preview(&request, &first).map_err(|e| e.to_string()),
            groups.len(),
        ))
    };
    view! {
        <details class="request" on:toggle=move |ev| {
            let details: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(details.open());
        }>
            <summary>"Request"<span class="muted">" \u{b7} what will be sent"</span></summary>
            {move || computed().map(|(result, count)| match result {
                Ok(preview) => view! { <PreviewBody preview count/> }.into_any(),
                Err(message) => view! { <p class="field-error">{message}</p> }.into_any(),
            })}
        </details>
    }
}

#[component]
fn PreviewBody(preview: RequestPreview, count: usize) -> impl IntoView {
    let routes = preview.routes.clone();
    view! {
        <p class="endpoint"><code>{preview.endpoint.clone()}</code></p>
        {(count > 1).then(|| view! {
            <p class="note">{format!("One request per image: {count} requests, sent side by side. The first is shown.")}</p>
        })}
        <p class="muted">
            {format!(
                "Body: {} of {} inline limit",
                human_bytes(preview.body_len),
                human_bytes(preview.limit)
            )}
        </p>
        {(!routes.is_empty()).then(|| view! {
            <ul class="routes">
                {routes
                    .into_iter()
                    .map(|line| {
                        let (class, route) = match line.route {
                            Route::Inline => ("route inline", "inline"),
                            Route::FileApi => ("route upload", "File API"),
                        };
                        view! {
                            <li>
                                <span class=class>{route}</span>
                                <span class="route-name">{line.name}</span>
                                <span class="muted">{line.reason}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        })}
        <pre class="code">{preview.body}</pre>
    }
}
