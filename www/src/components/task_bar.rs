//! Choosing what to ask: the task buttons, what to find, the label language, the
//! editable prompt, the model settings, and Run.

use crate::domain::connection::ConnectionMode;
use crate::domain::run_settings::{MODELS, SEGMENT_MODEL, THINKING_CHOICES, segments};
use crate::domain::task::Task;
use crate::run;
use crate::state::AppState;
use gemini_vision::wire::MediaResolution;
use leptos::html;
use leptos::prelude::*;

/// Languages offered for labels (any other can be typed).
const LANGUAGES: [&str; 8] = [
    "English",
    "Deutsch",
    "Español",
    "Français",
    "Italiano",
    "Português",
    "日本語",
    "中文",
];

/// The task bar.
#[component]
pub fn TaskBar() -> impl IntoView {
    let state = AppState::get();
    let prompt_ref = NodeRef::<html::Textarea>::new();
    let choose = move |task: Task| {
        state.task.set(task);
        // Segment needs a model that segments (Gemini 3.x does not).
        if task == Task::Segment && !state.settings.with_untracked(|s| segments(s.model_id())) {
            state
                .settings
                .update(|s| s.model = SEGMENT_MODEL.to_owned());
        }
        if task == Task::Ask {
            state.prompt.set(String::new());
            if let Some(textarea) = prompt_ref.get_untracked() {
                let _ = textarea.focus();
            }
            return;
        }
        state.reset_prompt();
        run::start(state);
    };
    let set_option = move |edit: fn(&mut crate::domain::task::TaskOptions, String),
                           value: String| {
        state.options.update(|o| edit(o, value));
        if state.task.get_untracked() != Task::Ask {
            state.reset_prompt();
        }
    };
    view! {
        <section class="task" aria-labelledby="task-title">
            <h2 id="task-title">"Task"</h2>
            <div class="task-buttons" role="group" aria-label="Task">
                {Task::ALL
                    .into_iter()
                    .map(|task| {
                        view! {
                            <button
                                class="chip"
                                title=task.hint()
                                aria-pressed=move || (state.task.get() == task).to_string()
                                on:click=move |_| choose(task)
                            >
                                {task.name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="task-options">
                <label class="field grow">
                    <span>"What to find"</span>
                    <input
                        type="text"
                        placeholder="the most prominent items"
                        prop:value=move || state.options.with(|o| o.target.clone())
                        on:change=move |ev| set_option(|o, v| o.target = v, event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>"Label language"</span>
                    <input
                        type="text"
                        list="languages"
                        placeholder="English"
                        prop:value=move || state.options.with(|o| o.language.clone())
                        on:change=move |ev| set_option(|o, v| o.language = v, event_target_value(&ev))
                    />
                    <datalist id="languages">
                        {LANGUAGES.into_iter().map(|l| view! { <option value=l></option> }).collect_view()}
                    </datalist>
                </label>
            </div>
            <div class="field">
                <div class="field-head">
                    <label for="prompt">"Prompt"</label>
                    <button class="link-button" type="button" on:click=move |_| state.reset_prompt()>
                        "Reset to template"
                    </button>
                </div>
                <textarea
                    id="prompt"
                    node_ref=prompt_ref
                    rows="4"
                    placeholder="Ask anything about your images\u{2026}"
                    prop:value=move || state.prompt.get()
                    on:input=move |ev| state.prompt.set(event_target_value(&ev))
                ></textarea>
            </div>
            <ModelSettings/>
            <div class="run-row">
                <button
                    class="button primary"
                    disabled=move || state.busy.get()
                    on:click=move |_| run::start(state)
                >
                    "Run"
                </button>
                <Show when=move || state.busy.get()>
                    <button class="button" on:click=move |_| run::stop(state)>"Stop"</button>
                    <span class="spinner" aria-hidden="true"></span>
                    <span class="muted">"Working\u{2026}"</span>
                </Show>
            </div>
        </section>
    }
}

#[component]
fn ModelSettings() -> impl IntoView {
    let state = AppState::get();
    let settings = state.settings;
    // With the real API, the picker offers what `models.list` says this key can use.
    Effect::new(move |_| {
        let connection = state.connection.get();
        let usable = connection.mode == ConnectionMode::GeminiApi && connection.readiness().is_ok();
        if !usable {
            state.model_names.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(names) = run::load_model_names(&connection).await {
                state.model_names.set(names);
            }
        });
    });
    let offered = move || {
        let listed = state.model_names.get();
        if listed.is_empty() {
            MODELS.iter().map(|m| (*m).to_owned()).collect()
        } else {
            listed
        }
    };
    let summary = move || {
        settings.with(|s| {
            let temperature = s
                .temperature
                .map_or("default".to_owned(), |t| format!("{t:.1}"));
            format!("{} \u{b7} temperature {temperature}", s.model_id())
        })
    };
    view! {
        <details class="settings">
            <summary>
                <span>"Model and settings"</span>
                <span class="muted">{summary}</span>
            </summary>
            <div class="settings-grid">
                <label class="field">
                    <span>"Model"</span>
                    <input
                        type="text"
                        list="models"
                        spellcheck="false"
                        prop:value=move || settings.with(|s| s.model.clone())
                        on:change=move |ev| settings.update(|s| s.model = event_target_value(&ev))
                    />
                    <datalist id="models">
                        {move || offered().into_iter().map(|m| view! { <option value=m></option> }).collect_view()}
                    </datalist>
                </label>
                <label class="field">
                    <span>
                        "Temperature "
                        <output>{move || settings.with(|s| s.temperature.map_or("default".to_owned(), |t| format!("{t:.1}")))}</output>
                    </span>
                    <input
                        type="range"
                        min="0"
                        max="2"
                        step="0.1"
                        prop:value=move || settings.with(|s| s.temperature.unwrap_or(1.0).to_string())
                        on:input=move |ev| {
                            let value = event_target_value(&ev).parse::<f64>().ok();
                            settings.update(|s| s.temperature = value.filter(|t| (0.0..=2.0).contains(t)));
                        }
                    />
                </label>
                <label class="field">
                    <span>"Thinking budget"</span>
                    <select on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        let budget = THINKING_CHOICES.get(index).and_then(|(b, _)| *b);
                        settings.update(|s| s.thinking_budget = budget);
                    }>
                        {THINKING_CHOICES
                            .into_iter()
                            .enumerate()
                            .map(|(i, (budget, label))| {
                                view! {
                                    <option
                                        value=i.to_string()
                                        selected=move || settings.with(|s| s.thinking_budget == budget)
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"Media resolution"</span>
                    <select on:change=move |ev| {
                        let value = event_target_value(&ev);
                        settings.update(|s| s.media_resolution = MediaResolution::parse_lenient(&value)
                            .filter(|r| *r != MediaResolution::Unspecified));
                    }>
                        <option value="">"Model default"</option>
                        <option value="LOW">"Low"</option>
                        <option value="MEDIUM">"Medium"</option>
                        <option value="HIGH">"High"</option>
                    </select>
                </label>
                <label class="check" title="Send the detection schema (detectionSchema()) as responseSchema, with JSON output">
                    <input
                        type="checkbox"
                        prop:checked=move || settings.with(|s| s.structured)
                        on:change=move |ev| settings.update(|s| s.structured = event_target_checked(&ev))
                    />
                    <span>"Structured output (detection schema)"</span>
                </label>
            </div>
        </details>
    }
}
