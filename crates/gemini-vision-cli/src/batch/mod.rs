//! `gemini-vision batch`: a directory of images through Batch Mode, end to end.
//!
//! ```text
//! GEMINI_API_KEY=... gemini-vision batch PHOTOS -o OUT --model gemini-2.5-flash --task detect [--png]
//! ```
//!
//! The stages, each recorded in the state file before the next begins ([`state::Stage`]):
//! scan the directory ([`scan`]) -> plan inline or file through the core's
//! [`BatchInput`](gemini_vision::batch::BatchInput) -> upload the JSONL file with the
//! core's resumable [`Upload`](gemini_vision::upload::Upload) machine, each chunk built
//! from the images on disk ([`upload`], [`body`]) -> create the job, once
//! ([`create`]) -> wait with the core's [`BatchPoller`](gemini_vision::batch::BatchPoller)
//! ([`wait`]) -> stream the results through the core's
//! [`ResultReader`](gemini_vision::batch::ResultReader), join them to the images by
//! key and write each image's files ([`results`], [`image_output`], [`annotate`]) ->
//! COCO ([`coco`]). A rerun with the same arguments continues from the recorded stage.
//!
//! What this command must never do: take the key from anywhere but `GEMINI_API_KEY`
//! or write it anywhere; hold the JSONL file or a result file whole; create a second
//! job for the same state file; lose the other images' results over one bad one.

mod annotate;
mod args;
mod body;
mod coco;
mod console;
mod create;
mod image_output;
mod results;
mod run;
mod scan;
mod state;
mod upload;
mod wait;

use crate::request_cmd::print_clap_error;
use clap::Parser;
use std::ffi::OsString;
use std::process::ExitCode;

/// Why the command stopped, and its exit code.
#[derive(Debug)]
pub struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    /// The batch could not be run, or the job did not succeed (exit 1).
    pub fn run(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// The command line or the environment is wrong (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::run(error.to_string())
    }
}

/// Runs the subcommand with `args[0]` = program name.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let args = match args::BatchArgs::try_parse_from(args) {
        Ok(args) => args,
        Err(error) => return print_clap_error(&error),
    };
    match run::run(&args) {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(3),
        Err(failure) => {
            // Failures are built from our own text and the server's; the key is in
            // neither, and the run scrubbed what it printed. This line never saw it.
            eprintln!("gemini-vision batch: error: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
