//! `gemini-vision tokens`, run as a binary.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gemini-vision"))
        .arg("tokens")
        .args(args)
        .output()
        .unwrap()
}

fn tokens(args: &[&str]) -> String {
    let output = run(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_estimate_is_one_integer_line() {
    assert_eq!(tokens(&["--width", "620", "--height", "620"]), "1032\n");
}

#[test]
fn a_small_image_is_one_tile() {
    assert_eq!(
        tokens(&[
            "--width",
            "384",
            "--height",
            "200",
            "--model",
            "gemini-2.0-flash"
        ]),
        "258\n"
    );
}

#[test]
fn gemini_1_models_are_flat() {
    assert_eq!(
        tokens(&[
            "--width",
            "4000",
            "--height",
            "3000",
            "--model",
            "models/gemini-1.5-pro"
        ]),
        "258\n"
    );
}

#[test]
fn gemini_3_follows_the_media_resolution() {
    let args = [
        "--width",
        "4000",
        "--height",
        "3000",
        "--model",
        "gemini-3-pro-preview",
    ];
    assert_eq!(tokens(&args), "1120\n");
    assert_eq!(
        tokens(&[&args[..], &["--media-resolution", "low"]].concat()),
        "280\n"
    );
    assert_eq!(
        tokens(
            &[
                &args[..],
                &["--media-resolution", "MEDIA_RESOLUTION_MEDIUM"]
            ]
            .concat()
        ),
        "560\n"
    );
}

#[test]
fn a_missing_or_zero_size_is_a_usage_error() {
    assert_eq!(run(&["--width", "10"]).status.code(), Some(2));
    assert_eq!(
        run(&["--width", "0", "--height", "10"]).status.code(),
        Some(2)
    );
}
