//! The lenient parser keeps a bounded amount of model text's structure, however the
//! text is laid out: the detections it collects stop at the cap (not after the whole
//! text was read into nodes), and one JSON block holds a bounded number of values.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
#![allow(unsafe_code)] // the counting allocator

mod alloc_support;

use alloc_support::{Counting, MIB, Meter};
use gemini_vision::spatial::{ParseOptions, WarningKind, parse_detections};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn bare_boxes_in_many_blocks_are_collected_only_up_to_the_cap() {
    let meter = Meter::exclusive();
    let text = "[1, 2, 3, 4]\n".repeat(500_000); // 6.5 MB of separate blocks
    let (outcome, peak) = meter.peak_during(|| parse_detections(&text));
    assert_eq!(
        outcome.detections.len(),
        ParseOptions::default().max_detections
    );
    let capped = outcome
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::LimitReached);
    assert_eq!(capped.count(), 1, "{:?}", outcome.warnings.last());
    assert!(peak < 8 * MIB, "peak {peak} bytes");
}

#[test]
fn one_block_of_many_items_is_read_to_a_bounded_size() {
    let meter = Meter::exclusive();
    let text = format!("[{}]", r#"{"point": [1, 2]},"#.repeat(300_000)); // 5.4 MB
    let (outcome, peak) = meter.peak_during(|| parse_detections(&text));
    assert_eq!(
        outcome.detections.len(),
        ParseOptions::default().max_detections
    );
    assert!(peak < 16 * MIB, "peak {peak} bytes");
}
