//! Batch Mode: `batchGenerateContent` jobs that answer many requests (inline or from an
//! uploaded JSONL file) on a configurable clock, with their results inline or in a
//! generated file, and the faults that real clients must survive.
//!
//! Every request of a job is answered by the same pipeline as `generateContent`
//! (`answer`). Nothing here may depend on the client core (`gemini-vision`).

pub mod answer;
pub mod create;
pub mod download;
pub mod faults;
pub mod handlers;
pub mod input;
pub mod job;
pub mod jsonl;
pub mod routes;
pub mod runner;
pub mod schedule;
pub mod store;
