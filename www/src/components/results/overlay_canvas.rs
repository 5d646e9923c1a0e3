//! The overlay canvas of one card: the image with the detections drawn by the browser
//! crate's `OverlayRenderer`, redrawn when the controls or the highlight change, and
//! hit-tested under the pointer.

use crate::browser::{blob_read, page};
use crate::state::{AppState, CardImage, OverlayControls, ResultCard};
use gemini_vision_web::render::{ImageSource, OverlayRenderer, OverlayStyle};
use leptos::html;
use leptos::prelude::*;
use web_sys::HtmlImageElement;

/// The renderer and its image, shared with the export buttons.
#[derive(Clone, Copy)]
pub struct CanvasHandle {
    renderer: StoredValue<Option<OverlayRenderer>, LocalStorage>,
}

impl Default for CanvasHandle {
    fn default() -> Self {
        CanvasHandle {
            renderer: StoredValue::new_local(None),
        }
    }
}

impl CanvasHandle {
    /// A handle with no renderer yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The annotated image as a PNG at the image's size.
    pub async fn export_png(self) -> Result<web_sys::Blob, String> {
        // The renderer is taken out for the await, so no borrow spans it.
        let renderer = self.renderer.try_update_value(Option::take).flatten();
        let Some(renderer) = renderer else {
            return Err("nothing is drawn yet".to_owned());
        };
        let blob = renderer.to_blob().await.map_err(|e| e.to_string());
        self.renderer.set_value(Some(renderer));
        blob
    }
}

fn style_of(controls: &OverlayControls, highlight: Option<usize>) -> OverlayStyle {
    OverlayStyle {
        show_boxes: controls.boxes,
        show_labels: controls.labels,
        show_masks: controls.masks,
        show_points: controls.points,
        mask_alpha: controls.opacity,
        mask_threshold: controls.threshold,
        fov_degrees: controls.fov_degrees,
        highlight,
        ..OverlayStyle::default()
    }
}

/// The canvas (`aria-label="Result overlay"`).
#[component]
pub fn OverlayCanvas(
    /// The card drawn.
    card: ResultCard,
    /// Its image.
    image: CardImage,
    /// Filled in with the renderer once it exists.
    handle: CanvasHandle,
    /// `performance.now()` when the run started, for the drawn-after figure.
    started_ms: f64,
    /// The run's id, for the performance mark.
    run_id: u64,
) -> impl IntoView {
    let state = AppState::get();
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let decoded: StoredValue<Option<HtmlImageElement>, LocalStorage> = StoredValue::new_local(None);
    let image_ready = RwSignal::new(false);
    let url = image.url.clone();
    leptos::task::spawn_local(async move {
        match blob_read::decoded_image(&url).await {
            Ok(element) => {
                decoded.set_value(Some(element));
                image_ready.set(true);
            }
            Err(message) => card.warnings.update(|w| w.push(message)),
        }
    });

    // Full draws: when the image is ready and whenever the detections change.
    Effect::new(move |_| {
        let ready = image_ready.get();
        let detections = card.detections.get();
        let finished = !matches!(
            card.phase.get(),
            crate::state::Phase::Waiting | crate::state::Phase::Streaming
        );
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        if !ready {
            return;
        }
        let style = style_of(
            &state.overlay.get_untracked(),
            card.highlight.get_untracked(),
        );
        let Some(element) = decoded.with_value(Clone::clone) else {
            return;
        };
        handle.renderer.update_value(|renderer| {
            if renderer.is_none() {
                *renderer = OverlayRenderer::new(canvas.clone()).ok();
            }
        });
        let source = ImageSource::Image(element);
        let report = handle
            .renderer
            .try_update_value(|renderer| {
                renderer
                    .as_mut()
                    .map(|r| r.draw(&source, &detections, &style))
            })
            .flatten();
        match report {
            Some(Ok(report)) => {
                // For tests and tools: what the last draw put on the canvas.
                let _ = canvas.set_attribute("data-drawn", &report.drawn.to_string());
                let _ = canvas.set_attribute("data-masks", &report.masks.to_string());
                if finished {
                    if !report.warnings.is_empty() {
                        card.warnings.update(|w| w.extend(report.warnings));
                    }
                    if card.drawn_after_ms.get_untracked().is_none() {
                        page::mark(&format!("gv:overlay-drawn:{run_id}"));
                        card.drawn_after_ms.set(Some(page::now_ms() - started_ms));
                        let _ = canvas.set_attribute("data-state", "done");
                    }
                }
            }
            Some(Err(err)) => card
                .warnings
                .update(|w| w.push(format!("drawing failed: {err}"))),
            None => {}
        }
    });

    // Cheap redraws: the same image and detections with another style.
    Effect::new(move |first: Option<()>| {
        let style = style_of(&state.overlay.get(), card.highlight.get());
        if first.is_some() {
            handle.renderer.update_value(|renderer| {
                if let Some(renderer) = renderer {
                    // Before the first draw there is nothing to restyle.
                    if renderer.redraw(&style).is_ok()
                        && let Some(canvas) = canvas_ref.get_untracked()
                    {
                        // For tests and tools: the field of view last drawn with.
                        let fov = style.fov_degrees.to_string();
                        let _ = canvas.set_attribute("data-fov", &fov);
                    }
                }
            });
        }
    });

    let on_move = move |ev: web_sys::PointerEvent| {
        let hit = handle.renderer.with_value(|r| {
            r.as_ref()
                .and_then(|r| r.hit_test(f64::from(ev.offset_x()), f64::from(ev.offset_y())))
        });
        if card.highlight.get_untracked() != hit {
            card.highlight.set(hit);
        }
    };
    // An inline width keeps the renderer from sizing the canvas to the image's pixels:
    // the canvas fills its card, and a tall image stays within the screen's height.
    let (w, h) = (image.width.max(1), image.height.max(1));
    let sizing = format!("width: min(100%, calc(68vh * {w} / {h})); aspect-ratio: {w} / {h}");
    view! {
        <canvas
            node_ref=canvas_ref
            class="overlay"
            role="img"
            aria-label="Result overlay"
            style=sizing
            data-image-width=image.width.to_string()
            data-image-height=image.height.to_string()
            on:pointermove=on_move
            on:pointerleave=move |_| card.highlight.set(None)
        ></canvas>
    }
}
