//! Alerts: every failure the person should see, with what to do about it.

use crate::state::AppState;
use leptos::prelude::*;

/// The alert stack (`role="alert"` on each, so screen readers announce it).
#[component]
pub fn Alerts() -> impl IntoView {
    let state = AppState::get();
    view! {
        <div class="alerts">
            <For
                each=move || state.alerts.get()
                key=|alert| alert.id
                children=move |alert| {
                    let id = alert.id;
                    let problem = alert.problem;
                    view! {
                        <div class="alert" role="alert">
                            <div class="alert-text">
                                <strong>{problem.title}</strong>
                                <p class="alert-detail">{problem.detail}</p>
                                {problem.hint.map(|hint| view! { <p class="alert-hint">{hint}</p> })}
                            </div>
                            <button
                                class="icon-button"
                                aria-label="Dismiss"
                                on:click=move |_| state.dismiss(id)
                            >
                                "\u{2715}"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
