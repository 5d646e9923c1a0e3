//! `gemini-vision request`, run as a binary.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use gemini_vision::wire::GenerateContentRequest;

use gemini_vision::base64::decode;
use std::path::PathBuf;
use std::process::{Command, Output};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples/images"
    ))
    .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gemini-vision"))
        .arg("request")
        .args(args)
        .output()
        .unwrap()
}

fn body(args: &[&str]) -> serde_json::Value {
    let output = run(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_image_and_text_become_the_documented_body() {
    let png = sample("cupcakes.png");
    let body = body(&[
        "--model",
        "gemini-2.5-flash",
        "--image",
        png.to_str().unwrap(),
        "--text",
        "Detect",
    ]);
    let part = &body["contents"][0]["parts"][0]["inlineData"];
    assert_eq!(part["mimeType"], "image/png");
    let data = decode(part["data"].as_str().unwrap().as_bytes()).unwrap();
    assert_eq!(data, std::fs::read(&png).unwrap());
    assert!(
        !part["data"].as_str().unwrap().contains(['-', '_']),
        "standard alphabet"
    );
    assert_eq!(body["contents"][0]["parts"][1]["text"], "Detect");
}

#[test]
fn parts_follow_the_order_of_the_options() {
    let jpg = sample("socks.jpg");
    let body = body(&[
        "--text",
        "Compare",
        "--file-uri",
        "https://x/files/a",
        "--model",
        "m",
        "--image",
        jpg.to_str().unwrap(),
        "--mime",
        "video/mp4",
    ]);
    let parts = body["contents"][0]["parts"].as_array().unwrap();
    assert_eq!(parts[0]["text"], "Compare");
    assert_eq!(parts[1]["fileData"]["fileUri"], "https://x/files/a");
    assert_eq!(parts[1]["fileData"]["mimeType"], "video/mp4");
    assert_eq!(parts[2]["inlineData"]["mimeType"], "image/jpeg");
}

#[test]
fn settings_go_into_the_generation_config() {
    let body = body(&[
        "--model",
        "gemini-2.5-flash",
        "--text",
        "hi",
        "--system",
        "Be terse",
        "--json",
        "--thinking-budget",
        "-1",
        "--temperature",
        "0.5",
        "--media-resolution",
        "high",
    ]);
    assert_eq!(body["systemInstruction"]["parts"][0]["text"], "Be terse");
    assert_eq!(
        body["generationConfig"],
        serde_json::json!({
            "responseMimeType": "application/json",
            "temperature": 0.5,
            "mediaResolution": "MEDIA_RESOLUTION_HIGH",
            "thinkingConfig": {"thinkingBudget": -1}
        })
    );
}

#[test]
fn the_output_is_a_body_the_wire_types_accept() {
    let output = run(&[
        "--model",
        "m",
        "--image",
        sample("spill.jpg").to_str().unwrap(),
        "--text",
        "hi",
    ]);
    let request: GenerateContentRequest = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(request.contents[0].parts().len(), 2);
}

#[test]
fn a_gif_is_refused_with_exit_code_1() {
    let gif = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("request_cli_refused.gif");
    std::fs::write(
        &gif,
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00;",
    )
    .unwrap();
    let output = run(&[
        "--model",
        "m",
        "--image",
        gif.to_str().unwrap(),
        "--text",
        "hi",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("image/gif"), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
}

#[test]
fn an_unreadable_image_is_refused_with_exit_code_1() {
    let output = run(&[
        "--model",
        "m",
        "--image",
        "/nonexistent/x.png",
        "--text",
        "hi",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read /nonexistent/x.png"));
}

#[test]
fn a_file_uri_without_its_mime_is_refused() {
    let output = run(&[
        "--model",
        "m",
        "--file-uri",
        "https://x/files/a",
        "--text",
        "hi",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--mime"));
}

#[test]
fn an_out_of_range_temperature_is_refused() {
    let output = run(&["--model", "m", "--text", "hi", "--temperature", "3"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("temperature"));
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let jpg = sample("cat.jpg");
    let output = run(&[
        "--model",
        "m",
        "--image",
        jpg.to_str().unwrap(),
        "--text",
        "hi",
        "--max-request-bytes",
        "1000",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("File API"), "{}", stderr(&output));
}

#[test]
fn an_empty_model_is_refused() {
    let output = run(&["--model", "models/", "--text", "hi"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_missing_required_option_is_a_usage_error() {
    let output = run(&["--text", "hi"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--model"));
}

#[test]
fn an_unknown_media_resolution_is_a_usage_error() {
    let output = run(&["--model", "m", "--text", "hi", "--media-resolution", "huge"]);
    assert_eq!(output.status.code(), Some(2));
}
