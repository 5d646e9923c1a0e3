//! The "request" view: the library's own preview of the next request (`models.preview`:
//! the body as it would be sent, base64 elided, and whether each file goes inline or
//! through the File API, and why). The run sends exactly this request.

use crate::domain::request_preview::RequestPreview;
use crate::domain::run_settings::request_groups;
use crate::domain::units::human_bytes;
use crate::run::{Ask, client_for, preview};
use crate::state::{AppState, MediaEntry};
use gemini_vision::request::Route;
use leptos::prelude::*;

/// The preview of the next request, folded by default.
#[component]
pub fn RequestView() -> impl IntoView {
    let state = AppState::get();
    let open = RwSignal::new(false);
    let shown = RwSignal::new(None::<(Result<RequestPreview, String>, usize)>);
    // Each change of what would be sent asks the library again; an answer to an older
    // question is dropped.
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let ask = Ask::current(state);
        let connection = state.connection.get();
        let media: Vec<MediaEntry> = state.media.get();
        let kinds: Vec<_> = media.iter().map(|m| m.facts.kind).collect();
        let groups = request_groups(ask.task, &kinds);
        let first: Vec<MediaEntry> = groups
            .first()
            .map(|g| g.iter().filter_map(|&i| media.get(i).cloned()).collect())
            .unwrap_or_default();
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        let count = groups.len();
        let client = match client_for(&connection) {
            Ok(client) => client,
            Err(problem) => {
                shown.set(Some((Err(problem.detail), count)));
                return;
            }
        };
        leptos::task::spawn_local(async move {
            let refs: Vec<&MediaEntry> = first.iter().collect();
            let result = preview(&client, &ask, &refs)
                .await
                .map_err(|e| e.to_string());
            if asked.get_value() == this {
                shown.set(Some((result, count)));
            }
        });
    });
    view! {
        <details class="request" on:toggle=move |ev| {
            let details: web_sys::HtmlDetailsElement = event_target(&ev);
            open.set(details.open());
        }>
            <summary>"Request"<span class="muted">" \u{b7} what will be sent"</span></summary>
            {move || open.get().then(|| shown.get()).flatten().map(|(result, count)| match result {
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
