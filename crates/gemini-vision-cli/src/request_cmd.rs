//! `gemini-vision request` (being written).

use std::ffi::OsString;
use std::process::ExitCode;

/// Runs the subcommand with `args[0]` = program name.
pub fn run(_args: Vec<OsString>) -> ExitCode {
    eprintln!("not implemented yet");
    ExitCode::from(2)
}
