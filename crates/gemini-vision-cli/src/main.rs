//! `gemini-vision`: the core library from the command line.
//!
//! ```text
//! gemini-vision parse [--width W --height H] [--threshold T] [--masks DIR] < response.txt
//! gemini-vision request --model M [--image PATH]... [--file-uri URI --mime M]... --text T ...
//! gemini-vision tokens --width W --height H [--model M]
//! gemini-vision batch DIR -o OUTPUT --model M [--task detect|segment|points|caption] [--png]
//! ```

use std::ffi::OsString;
use std::process::ExitCode;

mod api_client;
mod batch;
mod detection_report;
mod parse_cmd;
mod request_cmd;
mod tokens_cmd;

const USAGE: &str =
    "usage: gemini-vision <parse|request|tokens|batch> [options]   (--help on each for details)";

fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    if args.len() < 2 {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let command = args.remove(1);
    match command.to_str() {
        Some("parse") => parse_cmd::run(args),
        Some("request") => request_cmd::run(args),
        Some("tokens") => tokens_cmd::run(args),
        Some("batch") => batch::run(args),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("unknown command {command:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
