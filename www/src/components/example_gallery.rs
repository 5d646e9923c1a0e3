//! The example gallery: the sample images from `../shared/samples/images`, served from
//! `assets/examples/` with small WebP thumbnails. Picking one adds it like a dropped file.

use crate::browser::blob_read;
use crate::domain::failure::Problem;
use crate::intake;
use crate::state::{AppState, MediaOrigin};
use leptos::prelude::*;

/// One example image.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// File name under `assets/examples/`.
    pub file: &'static str,
    /// What it shows (the thumbnail's alt text).
    pub title: &'static str,
    /// Whether the emulator replays real recorded Gemini answers for it.
    pub recorded: bool,
}

/// The gallery, in display order: the three with recorded answers first.
pub const EXAMPLES: [Example; 7] = [
    Example {
        file: "cupcakes.png",
        title: "Cupcakes with many toppings",
        recorded: true,
    },
    Example {
        file: "socks.jpg",
        title: "Socks, one with a face",
        recorded: true,
    },
    Example {
        file: "spill.jpg",
        title: "A spill on a table",
        recorded: true,
    },
    Example {
        file: "breakfast.jpg",
        title: "A breakfast table",
        recorded: false,
    },
    Example {
        file: "fruit.jpg",
        title: "Fruit",
        recorded: false,
    },
    Example {
        file: "baklava.jpg",
        title: "Baklava",
        recorded: false,
    },
    Example {
        file: "cat.jpg",
        title: "A cat",
        recorded: false,
    },
];

impl Example {
    /// The full image's URL.
    pub fn url(&self) -> String {
        format!("examples/{}", self.file)
    }

    /// The thumbnail's URL.
    pub fn thumb_url(&self) -> String {
        let stem = self
            .file
            .rsplit_once('.')
            .map_or(self.file, |(stem, _)| stem);
        format!("examples/thumbs/{stem}.webp")
    }
}

/// Adds an example to the files.
pub async fn add_example(state: AppState, example: Example) {
    match blob_read::fetch_asset(&example.url(), example.file).await {
        Ok(file) => {
            intake::add_files(
                state,
                vec![(file, MediaOrigin::Example, Some(example.thumb_url()))],
            )
            .await;
        }
        Err(message) => state.alert(Problem::new("The example could not be loaded", message)),
    }
}

/// The gallery.
#[component]
pub fn ExampleGallery() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">"Examples"</h2>
            <ul class="gallery-grid">
                {EXAMPLES
                    .into_iter()
                    .map(|example| {
                        let label = format!("Add example {}", example.file);
                        view! {
                            <li>
                                <button
                                    class="example"
                                    aria-label=label
                                    title=example.title
                                    on:click=move |_| leptos::task::spawn_local(add_example(state, example))
                                >
                                    <img src=example.thumb_url() alt=example.title loading="lazy" decoding="async"/>
                                    {example.recorded.then(|| view! { <span class="example-tag">"recorded"</span> })}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="note">"Examples tagged \u{201c}recorded\u{201d} get real Gemini answers replayed by the emulator."</p>
        </section>
    }
}
