//! Hostile input: the parser stays bounded and still finds what is there.
//! (How fast it does so is measured in `benches/`, not asserted here.)
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use gemini_vision::spatial::{Mask, ParseOptions, WarningKind, parse_detections};

/// Deterministic bracket-heavy garbage of `len` bytes.
fn garbage(len: usize, seed: u64) -> String {
    const ALPHABET: &[u8] = b"[]{}\",:0123456789.-eE truefalsnul\n\\box_2d";
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ALPHABET[(state >> 33) as usize % ALPHABET.len()] as char
        })
        .collect()
}

const ANSWER: &str = r#"[{"box_2d": [100, 200, 300, 400], "label": "needle"}]"#;

#[test]
fn ten_megabytes_of_garbage_yield_bounded_output() {
    let outcome = parse_detections(&garbage(10 * 1024 * 1024, 1));
    let options = ParseOptions::default();
    assert!(outcome.detections.len() <= options.max_detections);
    assert!(outcome.warnings.len() <= options.max_warnings + 1);
}

#[test]
fn an_answer_after_a_megabyte_of_garbage_is_still_found() {
    let text = format!("{}\n{ANSWER}", garbage(1024 * 1024, 2));
    let outcome = parse_detections(&text);
    assert!(
        outcome.detections.iter().any(|d| d.label == "needle"),
        "{:?}",
        outcome.warnings.first()
    );
}

#[test]
fn a_hundred_thousand_nested_brackets_are_refused_and_what_follows_is_read() {
    let text = format!("{}\n{ANSWER}", "[".repeat(100_000));
    let outcome = parse_detections(&text);
    assert_eq!(outcome.detections.len(), 1);
    assert_eq!(outcome.detections[0].label, "needle");
}

#[test]
fn a_hundred_thousand_nested_objects_do_not_overflow_the_stack() {
    let text = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert!(parse_detections(&text).detections.is_empty());
}

#[test]
fn a_fifty_megabyte_mask_string_is_refused_without_being_copied() {
    let mask = "A".repeat(50 * 1024 * 1024);
    let text = format!(
        r#"[{{"box_2d": [1, 2, 3, 4], "label": "big", "mask": "data:image/png;base64,{mask}"}}]"#
    );
    let outcome = parse_detections(&text);
    let d = &outcome.detections[0];
    assert_eq!(d.label, "big");
    assert!(matches!(&d.mask, Mask::Unsupported { reason } if reason.contains("over the")));
}

#[test]
fn a_hundred_thousand_items_are_capped_with_one_warning() {
    let text = format!("[{}]", vec!["[1, 2, 3, 4]"; 100_000].join(","));
    let outcome = parse_detections(&text);
    assert_eq!(
        outcome.detections.len(),
        ParseOptions::default().max_detections
    );
    assert_eq!(
        outcome
            .warnings
            .iter()
            .filter(|w| w.kind == WarningKind::LimitReached)
            .count(),
        1
    );
}

#[test]
fn a_long_number_is_refused_instead_of_parsed() {
    let text = format!("[{{\"box_2d\": [1{}, 2, 3, 4]}}]", "0".repeat(5_000_000));
    assert!(parse_detections(&text).detections.is_empty());
}

#[test]
fn an_oversized_png_is_unsupported_from_its_header_alone() {
    // A PNG header claiming 100,000 x 100,000 pixels and nothing else.
    let mut png = vec![
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13,
    ];
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let crc = crc32(&ihdr);
    png.extend(&ihdr);
    png.extend(crc.to_be_bytes());
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(&png);
    let outcome = parse_detections(&format!(
        r#"[{{"box_2d": [1, 2, 3, 4], "mask": "data:image/png;base64,{data}"}}]"#
    ));
    assert!(
        matches!(&outcome.detections[0].mask, Mask::Unsupported { reason } if reason.contains("PNG mask side"))
    );
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
