//! `gemini-vision tokens`: prints the estimated tokens of one image as one integer
//! line, by the rules of `gemini_vision::tokens` (`docs/contract.md`).

use crate::request_cmd::{parse_media_resolution, print_clap_error, write_line};
use clap::Parser;
use gemini_vision::tokens::image_tokens;
use gemini_vision::wire::MediaResolution;
use std::ffi::OsString;
use std::process::ExitCode;

/// Prints the estimated tokens of a W x H image.
#[derive(Debug, Parser)]
#[command(name = "gemini-vision tokens", bin_name = "gemini-vision tokens")]
struct TokensArgs {
    /// Image width in pixels.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    width: u32,
    /// Image height in pixels.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    height: u32,
    /// The model (its family picks the rule); without it, the Gemini 2.x rule.
    #[arg(long)]
    model: Option<String>,
    /// low, medium, high or ultra_high (per the model family's table; see gemini_vision::tokens).
    #[arg(long, value_name = "R", value_parser = parse_media_resolution)]
    media_resolution: Option<MediaResolution>,
}

/// Runs the subcommand with `args[0]` = program name.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let parsed = match TokensArgs::try_parse_from(args) {
        Ok(parsed) => parsed,
        Err(err) => return print_clap_error(&err),
    };
    let model = parsed.model.as_deref().unwrap_or_default();
    let tokens = image_tokens(
        model,
        parsed.width,
        parsed.height,
        parsed.media_resolution.as_ref(),
    );
    write_line(tokens.to_string().as_bytes())
}
