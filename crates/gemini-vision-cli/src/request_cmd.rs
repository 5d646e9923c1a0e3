//! `gemini-vision request`: prints a `generateContent` body built by the core's
//! [`RequestBuilder`], parts in the order their options were given.
//!
//! Exit codes: 0 with the body on stdout; 1 with a message on stderr when the
//! request cannot be built (unreadable file, unsupported MIME type, a value out of
//! range, a body over the limit); 2 for a malformed command line.

use clap::{CommandFactory, FromArgMatches, Parser};
use gemini_vision::endpoint::model_id;
use gemini_vision::request::RequestBuilder;
use gemini_vision::wire::MediaResolution;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints the JSON body of a generateContent request (standard base64 for images).
#[derive(Debug, Parser)]
#[command(name = "gemini-vision request", bin_name = "gemini-vision request")]
struct RequestArgs {
    /// The model the request is for (`gemini-2.5-flash` or `models/gemini-2.5-flash`).
    #[arg(long)]
    model: String,
    /// An image (or other media) to send inline; its MIME type is sniffed. Repeatable.
    #[arg(long = "image", value_name = "PATH")]
    images: Vec<PathBuf>,
    /// A File API URI to reference; pair each with a --mime. Repeatable.
    #[arg(long = "file-uri", value_name = "URI")]
    file_uris: Vec<String>,
    /// The MIME type of the --file-uri at the same position.
    #[arg(long = "mime", value_name = "MIME")]
    mimes: Vec<String>,
    /// The prompt text.
    #[arg(long)]
    text: String,
    /// A system instruction.
    #[arg(long)]
    system: Option<String>,
    /// Ask for JSON output (responseMimeType application/json).
    #[arg(long)]
    json: bool,
    /// thinkingConfig.thinkingBudget (0 turns thinking off, -1 lets the model decide).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    thinking_budget: Option<i64>,
    /// Sampling temperature, 0 to 2.
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    temperature: Option<f64>,
    /// low, medium or high (or MEDIA_RESOLUTION_LOW...).
    #[arg(long, value_name = "R", value_parser = parse_media_resolution)]
    media_resolution: Option<MediaResolution>,
    /// The inline request size limit in bytes (default 20971520).
    #[arg(long, value_name = "BYTES")]
    max_request_bytes: Option<u64>,
}

/// Reads `low`, `Medium`, `MEDIA_RESOLUTION_HIGH`...
pub fn parse_media_resolution(text: &str) -> Result<MediaResolution, String> {
    MediaResolution::parse_lenient(text)
        .ok_or_else(|| format!("{text:?} is not low, medium, high, ultra_high or unspecified"))
}

/// One part, by where its option stood on the command line.
enum PartArg<'a> {
    Image(&'a PathBuf),
    File { uri: &'a str, mime: &'a str },
    Text(&'a str),
}

/// Runs the subcommand with `args[0]` = program name.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let matches = match RequestArgs::command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(err) => return print_clap_error(&err),
    };
    let parsed = match RequestArgs::from_arg_matches(&matches) {
        Ok(parsed) => parsed,
        Err(err) => return print_clap_error(&err),
    };
    let positions = |id: &str| -> Vec<usize> {
        matches
            .indices_of(id)
            .map(Iterator::collect)
            .unwrap_or_default()
    };
    match build(
        &parsed,
        &positions("images"),
        &positions("file_uris"),
        &positions("text"),
    ) {
        Ok(body) => write_line(&body),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a command-line error the way clap does, with its exit code (2, or 0 for
/// `--help`).
pub fn print_clap_error(err: &clap::Error) -> ExitCode {
    // Printing can only fail when stderr is gone; the exit code still tells.
    let _ = err.print();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

fn build(
    args: &RequestArgs,
    image_at: &[usize],
    file_at: &[usize],
    text_at: &[usize],
) -> Result<Vec<u8>, String> {
    model_id(&args.model).map_err(|e| e.to_string())?;
    if args.mimes.len() != args.file_uris.len() {
        return Err(format!(
            "every --file-uri needs its --mime: {} --file-uri and {} --mime given",
            args.file_uris.len(),
            args.mimes.len()
        ));
    }
    let mut parts: Vec<(usize, PartArg<'_>)> = Vec::new();
    parts.extend(
        image_at
            .iter()
            .copied()
            .zip(args.images.iter().map(PartArg::Image)),
    );
    let files = args.file_uris.iter().zip(&args.mimes);
    parts.extend(
        file_at
            .iter()
            .copied()
            .zip(files.map(|(uri, mime)| PartArg::File { uri, mime })),
    );
    parts.extend(text_at.iter().copied().zip([PartArg::Text(&args.text)]));
    parts.sort_by_key(|(position, _)| *position);

    let mut builder = RequestBuilder::new();
    for (_, part) in parts {
        match part {
            PartArg::Image(path) => {
                let bytes = std::fs::read(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                builder.inline(bytes);
            }
            PartArg::File { uri, mime } => {
                builder.file(uri, mime);
            }
            PartArg::Text(text) => {
                builder.text(text);
            }
        }
    }
    apply_settings(&mut builder, args);
    builder.build().map_err(|e| e.to_string())
}

fn apply_settings(builder: &mut RequestBuilder, args: &RequestArgs) {
    if let Some(system) = &args.system {
        builder.system_instruction(system.as_str());
    }
    if args.json {
        builder.json_output();
    }
    if let Some(budget) = args.thinking_budget {
        builder.thinking_budget(budget);
    }
    if let Some(temperature) = args.temperature {
        builder.temperature(temperature);
    }
    if let Some(resolution) = &args.media_resolution {
        builder.media_resolution(resolution.clone());
    }
    if let Some(max) = args.max_request_bytes {
        builder.max_body_bytes(max);
    }
}

/// Writes `bytes` and a newline to stdout; a closed stdout is an error, not a panic.
pub fn write_line(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(bytes)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: cannot write the output: {err}");
            ExitCode::FAILURE
        }
    }
}
