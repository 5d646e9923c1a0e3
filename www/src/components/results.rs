//! The results: overlay controls, then one card per request, side by side when there
//! are several.

mod answer;
mod card;
mod detection_list;
mod follow_up;
mod overlay_canvas;

use crate::domain::task::Task;
use crate::state::{AppState, OverlayControls};
use card::ResultCardView;
use leptos::prelude::*;

/// The results column's main part.
#[component]
pub fn Results() -> impl IntoView {
    let state = AppState::get();
    let has_run = move || state.run.with(Option::is_some);
    let spatial = move || {
        state
            .run
            .with(|r| r.as_ref().is_some_and(|r| r.task.is_spatial()))
    };
    let three_d = move || {
        state
            .run
            .with(|r| r.as_ref().is_some_and(|r| r.task == Task::Boxes3d))
    };
    view! {
        <Show
            when=has_run
            fallback=|| view! {
                <div class="empty card">
                    <h2>"Results appear here"</h2>
                    <p>"Add an image (or pick an example), then choose a task: "
                        <strong>"Detect"</strong> " draws boxes, " <strong>"Segment"</strong>
                        " draws masks, " <strong>"Point"</strong> " marks items."</p>
                </div>
            }
        >
            <Show when=spatial>
                <OverlayControlsBar three_d/>
            </Show>
            <div class="cards" class:single=move || state.run.with(|r| r.as_ref().is_some_and(|r| r.cards.len() == 1))>
                <For
                    each=move || state.run.with(|r| r.as_ref().map(|r| r.cards.clone()).unwrap_or_default())
                    key=|card| card.key
                    children=move |card| view! { <ResultCardView card/> }
                />
            </div>
        </Show>
    }
}

#[component]
fn OverlayControlsBar(
    /// Whether the run drew 3D boxes (the field-of-view slider shows then).
    three_d: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let state = AppState::get();
    let overlay = state.overlay;
    let toggle = move |label: &'static str,
                       get: fn(&OverlayControls) -> bool,
                       set: fn(&mut OverlayControls, bool)| {
        view! {
            <label class="toggle">
                <input
                    type="checkbox"
                    prop:checked=move || overlay.with(get)
                    on:change=move |ev| overlay.update(|o| set(o, event_target_checked(&ev)))
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <div class="overlay-controls" role="group" aria-label="Overlay">
            {toggle("Boxes", |o| o.boxes, |o, v| o.boxes = v)}
            {toggle("Labels", |o| o.labels, |o, v| o.labels = v)}
            {toggle("Masks", |o| o.masks, |o, v| o.masks = v)}
            {toggle("Points", |o| o.points, |o, v| o.points = v)}
            <label class="slider">
                <span>"Mask threshold " <output>{move || overlay.with(|o| o.threshold)}</output></span>
                <input
                    type="range"
                    min="0"
                    max="254"
                    step="1"
                    prop:value=move || overlay.with(|o| o.threshold.to_string())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u8>() {
                            overlay.update(|o| o.threshold = v);
                        }
                    }
                />
            </label>
            <label class="slider">
                <span>"Opacity " <output>{move || format!("{:.0} %", overlay.with(|o| o.opacity) * 100.0)}</output></span>
                <input
                    type="range"
                    min="0"
                    max="1"
                    step="0.05"
                    prop:value=move || overlay.with(|o| o.opacity.to_string())
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            overlay.update(|o| o.opacity = v.clamp(0.0, 1.0));
                        }
                    }
                />
            </label>
            <Show when=three_d>
                <label class="slider">
                    <span>"Field of view " <output>{move || format!("{:.0}\u{b0}", overlay.with(|o| o.fov_degrees))}</output></span>
                    <input
                        type="range"
                        min="20"
                        max="120"
                        step="1"
                        aria-label="Field of view"
                        prop:value=move || overlay.with(|o| o.fov_degrees.to_string())
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                overlay.update(|o| o.fov_degrees = v.clamp(20.0, 120.0));
                            }
                        }
                    />
                </label>
            </Show>
        </div>
    }
}
