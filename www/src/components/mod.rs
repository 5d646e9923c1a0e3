//! The page's parts, one component per file. Each reads and writes [`crate::state`]
//! through context; none of them talks to the network itself (that is `run`'s job).
//!
//! Model text and file names are untrusted: they are only ever rendered as text nodes
//! (`{text}` in `view!`), never through `inner_html`.

pub mod alerts;
pub mod app;
pub mod batch_gallery;
pub mod batch_jobs;
pub mod batch_panel;
pub mod connection_panel;
pub mod example_gallery;
pub mod file_drop;
pub mod files_panel;
pub mod media_intake;
pub mod media_tray;
pub mod request_view;
pub mod results;
pub mod task_bar;
pub mod upload_panel;
