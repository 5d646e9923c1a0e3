//! The detections of one card: colour, label, where; hovering an item highlights it on
//! the canvas, and hovering the canvas highlights the item.

use gemini_vision::overlay::label_color;
use gemini_vision::spatial::{Detection, Mask};
use leptos::prelude::*;

/// The list (`aria-label="Detections"`).
#[component]
pub fn DetectionList(
    /// What the parser found.
    detections: RwSignal<Vec<Detection>>,
    /// The highlighted item, shared with the canvas.
    highlight: RwSignal<Option<usize>>,
) -> impl IntoView {
    let numbered =
        move || -> Vec<(usize, Detection)> { detections.get().into_iter().enumerate().collect() };
    view! {
        <ul class="detections" aria-label="Detections">
            <For
                each=numbered
                key=|(i, d)| (*i, d.label.clone())
                children=move |(i, detection)| {
                    let color = label_color(&detection.label).to_css_hex();
                    let swatch = format!("background: {color}");
                    let place = describe_place(&detection);
                    view! {
                        <li
                            class="detection"
                            class:active=move || highlight.get() == Some(i)
                            data-color=color.clone()
                            tabindex="0"
                            on:mouseenter=move |_| highlight.set(Some(i))
                            on:mouseleave=move |_| highlight.set(None)
                            on:focus=move |_| highlight.set(Some(i))
                            on:blur=move |_| highlight.set(None)
                        >
                            <span class="swatch" style=swatch aria-hidden="true"></span>
                            <span class="detection-label">
                                {if detection.label.is_empty() { "(no label)".to_owned() } else { detection.label.clone() }}
                            </span>
                            <span class="detection-place">{place}</span>
                        </li>
                    }
                }
            />
        </ul>
    }
}

/// `"box 390,64\u{2013}574,203 \u{b7} mask"`: where the model put it, in its own 0-1000 units.
fn describe_place(detection: &Detection) -> String {
    let mut parts = Vec::new();
    if let Some(b) = detection.box_2d {
        let [ymin, xmin, ymax, xmax] = b.to_array();
        parts.push(format!(
            "box {ymin:.0},{xmin:.0}\u{2013}{ymax:.0},{xmax:.0}"
        ));
    }
    if let Some(p) = detection.point {
        parts.push(format!("point {:.0},{:.0}", p.y(), p.x()));
    }
    if detection.box_3d.is_some() {
        parts.push("3D box".to_owned());
    }
    match &detection.mask {
        Mask::None => {}
        Mask::Png(_) | Mask::Polygon(_) => parts.push("mask".to_owned()),
        Mask::Unsupported { .. } => parts.push("mask not drawable".to_owned()),
    }
    parts.join(" \u{b7} ")
}
