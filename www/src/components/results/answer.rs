//! The model's answer as text (never HTML), and the notes from parsing and drawing.

use crate::state::{Phase, ResultCard};
use leptos::prelude::*;

/// The answer (`aria-label="Answer"`). For spatial tasks it is the raw JSON, folded away
/// under the drawing; for captions and questions it is the result itself.
#[component]
pub fn AnswerView(
    /// The card whose answer is shown.
    card: ResultCard,
    /// Whether this is a spatial task's raw answer.
    raw: bool,
) -> impl IntoView {
    let busy = move || matches!(card.phase.get(), Phase::Waiting | Phase::Streaming);
    let section = move || {
        view! {
            <section class="answer" class:prose=!raw aria-label="Answer" aria-busy=move || busy().to_string()>
                <pre>{move || card.answer.get()}</pre>
            </section>
        }
    };
    if raw {
        let size = move || {
            let chars = card.answer.with(|a| a.chars().count());
            format!(
                " \u{b7} {} characters",
                crate::domain::media_facts::thousands(chars as u64)
            )
        };
        view! {
            <details class="raw">
                <summary>"Raw answer"<span class="muted">{size}</span></summary>
                {section()}
            </details>
        }
        .into_any()
    } else {
        view! {
            <div class="answer-block">
                <h4>"Answer"</h4>
                {section()}
            </div>
        }
        .into_any()
    }
}

/// What the parser repaired or dropped and what the renderer could not draw.
#[component]
pub fn Notes(
    /// The notes.
    warnings: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <Show when=move || warnings.with(|w| !w.is_empty())>
            <details class="warnings">
                <summary>{move || {
                    let n = warnings.with(Vec::len);
                    format!("{n} note{} from the parser and renderer", if n == 1 { "" } else { "s" })
                }}</summary>
                <ul>
                    {move || warnings.get().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                </ul>
            </details>
        </Show>
    }
}
