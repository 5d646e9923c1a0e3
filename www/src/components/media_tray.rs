//! Thumbnails of the added files: size, type, pixel size and token estimate, and a
//! button to remove each.

use crate::domain::media_facts::token_estimate;
use crate::domain::units::{human_bytes, human_duration};
use crate::intake;
use crate::state::{AppState, MediaEntry};
use gemini_vision::media::MediaKind;
use leptos::prelude::*;

/// The list of added files.
#[component]
pub fn MediaTray() -> impl IntoView {
    let state = AppState::get();
    let total_tokens = move || {
        let settings = state.settings.get();
        state.media.with(|media| {
            media
                .iter()
                .map(|m| {
                    token_estimate(
                        &m.facts,
                        settings.model_id(),
                        settings.media_resolution.as_ref(),
                        m.seconds,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || state.media.with(|m| !m.is_empty())>
            <div class="tray-head">
                <h2>"Your files"</h2>
                <span class="muted">
                    {move || {
                        let estimates = total_tokens();
                        let known: u64 = estimates
                            .iter()
                            .filter_map(|e| match e {
                                crate::domain::media_facts::TokenEstimate::Total(n) => Some(*n),
                                _ => None,
                            })
                            .sum();
                        format!(
                            "{} file{} \u{b7} ~{} tokens",
                            estimates.len(),
                            if estimates.len() == 1 { "" } else { "s" },
                            crate::domain::media_facts::thousands(known),
                        )
                    }}
                </span>
                <button
                    class="button subtle"
                    on:click=move |_| {
                        let ids: Vec<u64> = state.media.with_untracked(|m| m.iter().map(|e| e.id).collect());
                        for id in ids {
                            intake::remove(state, id);
                        }
                    }
                >
                    "Clear all"
                </button>
            </div>
            <ul class="tray" aria-label="Added files">
                <For
                    each=move || state.media.get()
                    key=|entry| (entry.id, entry.seconds.map(f64::to_bits))
                    children=move |entry| view! { <Thumbnail entry/> }
                />
            </ul>
        </Show>
    }
}

#[component]
fn Thumbnail(entry: MediaEntry) -> impl IntoView {
    let state = AppState::get();
    let id = entry.id;
    let facts = entry.facts.clone();
    let seconds = entry.seconds;
    let tokens = move || {
        state.settings.with(|s| {
            token_estimate(&facts, s.model_id(), s.media_resolution.as_ref(), seconds).label()
        })
    };
    let kind = entry.facts.kind;
    let short_type = short_mime(&entry.facts.mime);
    let dimensions = match (entry.facts.pixel_size, entry.seconds, entry.facts.pages) {
        (Some((w, h)), _, _) => Some(format!("{w}\u{d7}{h}")),
        (_, Some(s), _) => Some(human_duration(s)),
        (_, _, Some(pages)) => Some(format!("{pages} page{}", if pages == 1 { "" } else { "s" })),
        _ => None,
    };
    let preview =
        match kind {
            MediaKind::Image => entry.thumb.clone().or(entry.url.clone()).map(|src| {
                view! { <img src=src alt="" loading="lazy" decoding="async"/> }.into_any()
            }),
            MediaKind::Video => entry.url.clone().map(|src| {
                view! { <video src=src muted=true preload="metadata" aria-hidden="true"></video> }
                    .into_any()
            }),
            _ => None,
        }
        .unwrap_or_else(|| {
            view! { <span class="kind-badge">{kind.as_str().to_uppercase()}</span> }.into_any()
        });
    let name = entry.name.clone();
    let remove_label = format!("Remove {name}");
    view! {
        <li class="thumb">
            <div class="thumb-preview">{preview}</div>
            <div class="thumb-info">
                <span class="thumb-name" title=name.clone()>{name.clone()}</span>
                <span class="thumb-facts">
                    {short_type} " \u{b7} " {human_bytes(entry.facts.size)}
                    {dimensions.map(|d| format!(" \u{b7} {d}"))}
                </span>
                <span class="thumb-tokens">{tokens}</span>
            </div>
            <button
                class="icon-button thumb-remove"
                aria-label=remove_label
                title="Remove"
                on:click=move |_| intake::remove(state, id)
            >
                "\u{2715}"
            </button>
        </li>
    }
}

/// `image/png` -> `PNG`, `video/quicktime` -> `QUICKTIME`.
fn short_mime(mime: &str) -> String {
    mime.rsplit('/').next().unwrap_or(mime).to_uppercase()
}
