//! The page: header with the connection, the inputs column and the results column.

use super::alerts::Alerts;
use super::batch_panel::BatchPanel;
use super::connection_panel::ConnectionPanel;
use super::example_gallery::ExampleGallery;
use super::files_panel::FilesPanel;
use super::media_intake::MediaIntake;
use super::media_tray::MediaTray;
use super::request_view::RequestView;
use super::results::Results;
use super::task_bar::TaskBar;
use super::upload_panel::UploadPanel;
use crate::browser::page;
use crate::state::AppState;
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(&page::hostname());
    // Before anything is sent: connections only to the API, loopback and the proxy.
    crate::browser::csp::install(
        state
            .connection
            .with_untracked(|c| c.proxy_url.clone())
            .as_deref(),
    );
    provide_context(state);
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <div>
                    <h1>"gemini-vision"</h1>
                    <p class="tagline">"Drop in images and see what Gemini sees."</p>
                </div>
            </div>
            <ConnectionPanel/>
        </header>
        <main class="layout">
            <section class="inputs" aria-label="Inputs">
                <MediaIntake/>
                <MediaTray/>
                <ExampleGallery/>
                <TaskBar/>
                <RequestView/>
            </section>
            <section class="outputs" aria-label="Results">
                <UploadPanel/>
                <Results/>
                <FilesPanel/>
            </section>
        </main>
        <BatchPanel/>
        <Alerts/>
        <footer class="foot">
            <span>"Built with Rust, WebAssembly and Leptos on "</span>
            <code>"gemini-vision"</code>
            <span>". Model answers are shown as text, never as HTML."</span>
        </footer>
    }
}
