//! The demo's decisions, as pure functions tested natively: task prompts, connection
//! rules, what a file is, the request preview, upload progress, error explanations,
//! export formats. Nothing here touches the DOM, the network or storage.

pub mod batch_job;
pub mod connection;
pub mod csp;
pub mod export;
pub mod failure;
pub mod media_facts;
pub mod request_preview;
pub mod run_settings;
pub mod segmentation;
pub mod task;
pub mod units;
pub mod upload_meter;
