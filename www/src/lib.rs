//! # gemini-vision demo
//!
//! A Leptos single-page app: drop in images (or a video, or a PDF), pick a task, and
//! see what Gemini sees, drawn over the image. It talks to the local emulator
//! (`fake-gemini`) or to the Gemini API with the person's own key, through the public
//! API of `gemini-vision` and `gemini-vision-web` only.
//!
//! - [`domain`]: pure decisions (prompts, routing, error wording), tested natively.
//! - [`state`]: the signals everything is derived from.
//! - [`components`]: the page, one component per file.
//! - [`run`]: uploads and streaming requests, the only code that talks to the network.
//! - [`intake`]: files in, thumbnails out.
//! - [`browser`]: storage, file reading, downloads.
//!
//! Model text and file names are untrusted: they are rendered as text nodes only; the
//! app has no `inner_html` anywhere. The API key lives in `sessionStorage` (or
//! `localStorage` when remembered), travels only in the `x-goog-api-key` header, and is
//! shown as its last 4 characters.

pub mod browser;
pub mod components;
pub mod domain;
pub mod intake;
pub mod run;
pub mod state;

/// Mounts the app on the page's `<body>`, replacing the static "Loading" note.
pub fn start() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(components::app::App);
}
