//! `gemini-vision parse` end to end: real answers in, JSON and mask files out.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn samples() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples"
    ))
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(samples().join("responses").join(name)).unwrap()
}

const SEGMENTATION_20: &str =
    "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt";

fn parse(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gemini-vision"))
        .arg("parse")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits without reading: the pipe may break.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gemini-vision-parse-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Width, height, colour type and pixels of a PNG file.
fn read_png(path: &Path) -> (u32, u32, png::ColorType, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    (info.width, info.height, info.color_type, pixels)
}

#[test]
fn every_sample_answer_prints_its_detections_and_exits_zero() {
    for entry in std::fs::read_dir(samples().join("responses")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let out = json(&parse(&[], &std::fs::read(&path).unwrap()));
            assert!(
                !out["detections"].as_array().unwrap().is_empty(),
                "{}",
                path.display()
            );
            assert_eq!(out["warnings"], serde_json::json!([]), "{}", path.display());
        }
    }
}

#[test]
fn boxes_keep_the_models_numbers_and_gain_pixels_when_a_size_is_given() {
    let text =
        sample("cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt");
    let out = parse(&["--width", "640", "--height", "482"], &text);
    let printed = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(printed.starts_with(concat!(
        r#"{"detections":[{"label":"light blue sock with cat face on left","box_2d":[46,246,385,526],"#,
        r#""point":null,"box_3d":null,"pixelBox":{"x":157,"y":22,"width":179,"height":163},"#,
        r#""pixelPoint":null,"mask":{"kind":"none"},"extra":{}}"#
    )), "{printed}");
    assert_eq!(json(&out)["detections"].as_array().unwrap().len(), 2);
}

#[test]
fn without_a_size_there_is_no_pixel_box() {
    let out = json(&parse(
        &[],
        &sample("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_socks_with_face_bbox.txt"),
    ));
    assert!(out["detections"][0].get("pixelBox").is_none());
    assert!(out["detections"][0].get("pixelPoint").is_none());
}

#[test]
fn points_are_printed_y_first() {
    let out = json(&parse(
        &[],
        &sample("cookbook3d_gemini-2_0-flash-exp_tool_points.txt"),
    ));
    assert_eq!(out["detections"][0]["point"], serde_json::json!([130, 760]));
    assert_eq!(out["detections"][0]["box_2d"], Value::Null);
}

#[test]
fn bytes_that_are_not_utf8_still_exit_zero() {
    let mut input = b"[{\"box_2d\": [1, 2, 3, 4], \"label\": \"caf\xe9\"}] \xff\xfe".to_vec();
    input.extend([0u8, 0x80, 0xc3]);
    let out = json(&parse(&[], &input));
    assert_eq!(out["detections"][0]["label"], "caf\u{fffd}");
}

#[test]
fn empty_input_exits_zero_with_a_warning() {
    let out = json(&parse(&[], b""));
    assert_eq!(out["detections"], serde_json::json!([]));
    assert_eq!(
        out["warnings"],
        serde_json::json!([{"kind": "no_detections", "item": null,
                            "message": "no detections were found in the text"}])
    );
}

#[test]
fn unsupported_masks_say_why_and_extra_keys_pass_through() {
    let input =
        br#"[{"box_2d": [1, 2, 3, 4], "mask": [true, false], "score": 0.75, "box": "mine"}]"#;
    let out = json(&parse(&["--width", "10", "--height", "10"], input));
    let d = &out["detections"][0];
    assert_eq!(d["mask"]["kind"], "unsupported");
    assert!(d["mask"]["reason"].as_str().unwrap().contains("booleans"));
    assert_eq!(
        d["extra"],
        serde_json::json!({"score": 0.75, "box": "mine"})
    );
    assert_eq!(out["warnings"][0]["kind"], "mask_unsupported");
    assert_eq!(out["warnings"][0]["item"], 0);
}

#[test]
fn the_output_is_the_shape_the_core_writes_for_the_browser() {
    let text = sample(SEGMENTATION_20);
    let out = parse(&["--width", "320", "--height", "240"], &text);
    let outcome = gemini_vision::spatial::parse_detections(&String::from_utf8(text).unwrap());
    let size = gemini_vision::geometry::ImageSize::new(320, 240).unwrap();
    let expected = outcome.to_json(&gemini_vision::spatial::JsonOptions::for_image(size));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{expected}\n")
    );
}

#[test]
fn box_3d_is_printed_as_its_nine_numbers() {
    let out = json(&parse(
        &[],
        br#"[{"label": "chair", "box_3d": [0.5, 2, -0.25, 1, 1, 1.5, 0, 0, 90]}]"#,
    ));
    assert_eq!(
        out["detections"][0]["box_3d"],
        serde_json::json!([0.5, 2, -0.25, 1, 1, 1.5, 0, 0, 90])
    );
}

#[test]
fn masks_are_written_as_image_sized_binary_pngs_named_by_index() {
    let dir = temp_dir("masks");
    let out = parse(
        &[
            "--width",
            "320",
            "--height",
            "240",
            "--masks",
            dir.to_str().unwrap(),
        ],
        &sample(SEGMENTATION_20),
    );
    let detections = json(&out)["detections"].as_array().unwrap().clone();
    assert_eq!(detections.len(), 20);
    for (index, detection) in detections.iter().enumerate() {
        let (w, h, color, pixels) = read_png(&dir.join(format!("{index}.png")));
        assert_eq!((w, h, color), (320, 240, png::ColorType::Grayscale));
        assert!(pixels.iter().all(|v| *v == 0 || *v == 255));
        let set = pixels.iter().filter(|v| **v == 255).count() as u64;
        assert!(set > 0, "mask {index} is empty");
        assert_eq!(
            detection["mask"]["area"], set,
            "mask {index}: area = pixels set"
        );
    }
    assert!(!dir.join("20.png").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_higher_threshold_sets_fewer_pixels() {
    let count = |threshold: &str| {
        let dir = temp_dir(&format!("threshold-{threshold}"));
        let out = parse(
            &[
                "--width",
                "200",
                "--height",
                "200",
                "--threshold",
                threshold,
                "--masks",
                dir.to_str().unwrap(),
            ],
            &sample(SEGMENTATION_20),
        );
        assert!(out.status.success());
        let set = read_png(&dir.join("0.png"))
            .3
            .iter()
            .filter(|v| **v == 255)
            .count();
        std::fs::remove_dir_all(dir).unwrap();
        set
    };
    let (low, default, high) = (count("10"), count("127"), count("250"));
    assert!(low > default && default > high, "{low} {default} {high}");
}

#[test]
fn polygon_masks_are_written_too() {
    let dir = temp_dir("polygon");
    let input = br#"[{"label": "tri", "mask": [[0, 0], [1000, 0], [0, 1000]]}]"#;
    let out = json(&parse(
        &[
            "--width",
            "8",
            "--height",
            "8",
            "--masks",
            dir.to_str().unwrap(),
        ],
        input,
    ));
    assert_eq!(out["detections"][0]["mask"]["kind"], "polygon");
    assert_eq!(out["detections"][0]["mask"]["area"], 28);
    let pixels = read_png(&dir.join("0.png")).3;
    assert_eq!(
        pixels.iter().filter(|v| **v == 255).count(),
        28,
        "the 7 + 6 + ... + 1 pixels whose centres are inside"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_arguments_exit_two() {
    for args in [
        &["--masks", "/tmp/x"][..],
        &["--width", "10"],
        &["--width", "0", "--height", "5"],
        &["--pillow", "eleven"],
        &["--threshold", "300"],
    ] {
        let out = parse(args, b"[]");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn an_unwritable_mask_directory_exits_one() {
    let blocker = temp_dir("blocker");
    std::fs::write(&blocker, b"a file, not a directory").unwrap();
    let out = parse(
        &[
            "--width",
            "50",
            "--height",
            "50",
            "--masks",
            blocker.to_str().unwrap(),
        ],
        &sample(SEGMENTATION_20),
    );
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_file(blocker).unwrap();
}
