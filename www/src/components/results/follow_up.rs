//! Follow-up questions under a card: the questions asked in the card's chat, their
//! answers as text (never HTML), and a field to ask the next one. Shown once the first
//! answer is in; the images stay in the chat's history.

use crate::run::ask_follow_up;
use crate::state::{AppState, Phase, ResultCard};
use leptos::prelude::*;

/// The conversation part of a card (`aria-label="Follow-up questions"`).
#[component]
pub fn FollowUps(
    /// The card whose chat is continued.
    card: ResultCard,
) -> impl IntoView {
    let state = AppState::get();
    let draft = RwSignal::new(String::new());
    let (card_phase, follow_ups) = (card.phase, card.follow_ups);
    let ready = move || card_phase.with(|p| *p == Phase::Done) && !state.busy.get();
    let submit = {
        let card = card.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let question = draft.get_untracked();
            if question.trim().is_empty() {
                return;
            }
            draft.set(String::new());
            ask_follow_up(state, card.clone(), question);
        }
    };
    view! {
        <Show when=move || card_phase.with(|p| *p == Phase::Done) || !follow_ups.with(Vec::is_empty)>
            <section class="follow-ups" aria-label="Follow-up questions">
                <ol class="turns">
                    <For
                        each=move || follow_ups.get()
                        key=|turn| turn.key
                        children=move |turn| {
                            let answer = turn.answer;
                            let phase = turn.phase;
                            view! {
                                <li class="turn">
                                    <p class="question">{turn.question.clone()}</p>
                                    <pre class="reply" aria-label="Follow-up answer" aria-busy=move || matches!(phase.get(), Phase::Waiting | Phase::Streaming).to_string()>
                                        {move || answer.get()}
                                    </pre>
                                    {move || match phase.get() {
                                        Phase::Failed(problem) => Some(view! { <p class="field-error">{problem.title}</p> }.into_any()),
                                        Phase::Cancelled => Some(view! { <p class="muted">"Cancelled"</p> }.into_any()),
                                        _ => None,
                                    }}
                                </li>
                            }
                        }
                    />
                </ol>
                <form class="follow-up-form" on:submit=submit.clone()>
                    <input
                        type="text"
                        aria-label="Follow-up question"
                        placeholder="Ask a follow-up question about this image\u{2026}"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                    />
                    <button type="submit" class="button" disabled=move || !ready()>"Ask"</button>
                </form>
            </section>
        </Show>
    }
}
