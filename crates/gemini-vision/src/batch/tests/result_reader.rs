//! The result reader: the same results however the file is split, bad lines costing
//! only themselves, overlong lines skipped without being held, results out of order
//! joined to their requests.

use crate::batch::{BatchOutcome, BatchResult, LineError, ResultJoin, ResultReader};
use proptest::prelude::*;

/// Reads `file` pushed in `chunks`, draining between pushes; also returns the most
/// bytes the reader held at once.
fn read_in(file: &[u8], chunks: &[usize], max_line: usize) -> (Vec<BatchResult>, usize) {
    let mut reader = ResultReader::with_max_line_bytes(max_line);
    let mut results = Vec::new();
    let mut held = 0;
    let mut rest = file;
    let mut sizes = chunks.iter().cycle();
    while !rest.is_empty() {
        let size = sizes
            .next()
            .copied()
            .unwrap_or(rest.len())
            .clamp(1, rest.len());
        let (chunk, tail) = rest.split_at(size);
        reader.push(chunk);
        held = held.max(reader.buffered());
        results.extend(std::iter::from_fn(|| reader.next_result()));
        rest = tail;
    }
    reader.finish();
    results.extend(std::iter::from_fn(|| reader.next_result()));
    (results, held)
}

fn read_whole(file: &[u8]) -> Vec<BatchResult> {
    read_in(file, &[file.len().max(1)], 1 << 20).0
}

const SAMPLE: &str = "\u{feff}{\"key\":\"req-2\",\"response\":{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"[]\"}]}}]}}\r\n\
\r\n\
   \n\
{\"key\":\"req-1\",\"error\":{\"code\":3,\"message\":\"Unsupported MIME type\",\"details\":[]}}\n\
not json at all\n\
{\"key\":\"req-3\",\"response\":{\"candidates\":[]}}";

#[test]
fn the_sample_reads_with_every_shape_of_line() {
    let results = read_whole(SAMPLE.as_bytes());
    let summary: Vec<_> = results
        .iter()
        .map(|r| (r.key.as_deref(), r.position, r.outcome_code()))
        .collect();
    assert_eq!(
        summary,
        [
            (Some("req-2"), 1, "RESPONSE"),
            (Some("req-1"), 4, "ERROR"),
            (None, 5, "MALFORMED_RESULT"),
            (Some("req-3"), 6, "RESPONSE"),
        ]
    );
    assert_eq!(results[1].error().unwrap().message, "Unsupported MIME type");
}

#[test]
fn a_split_at_every_byte_gives_the_same_results() {
    let whole = read_whole(SAMPLE.as_bytes());
    for split in 1..SAMPLE.len() {
        let (split_results, _) = read_in(SAMPLE.as_bytes(), &[split, SAMPLE.len()], 1 << 20);
        assert_eq!(split_results, whole, "split at {split}");
    }
}

#[test]
fn one_byte_at_a_time_gives_the_same_results() {
    let (results, _) = read_in(SAMPLE.as_bytes(), &[1], 1 << 20);
    assert_eq!(results, read_whole(SAMPLE.as_bytes()));
}

#[test]
fn an_overlong_line_is_reported_with_its_key_and_the_next_line_reads() {
    let big = "x".repeat(10_000);
    let file = format!(
        "{{\"key\":\"huge\",\"response\":{{\"text\":\"{big}\"}}}}\n{{\"key\":\"small\",\"response\":{{}}}}\n"
    );
    for chunk in [1, 7, 100, 4096, file.len()] {
        let (results, held) = read_in(file.as_bytes(), &[chunk], 1000);
        assert_eq!(results.len(), 2, "chunk {chunk}");
        assert_eq!(results[0].key.as_deref(), Some("huge"));
        let BatchOutcome::Unreadable(LineError::TooLong { len, max }) = &results[0].outcome else {
            panic!("expected too long, got {:?}", results[0].outcome);
        };
        assert_eq!((*len, *max), (file.find('\n').unwrap() as u64, 1000));
        assert_eq!(results[1].key.as_deref(), Some("small"));
        assert_eq!(results[1].position, 2);
        // Never more than the cap plus one chunk (or the whole line if it came at once).
        assert!(held <= 1000 + chunk, "chunk {chunk}: held {held}");
    }
}

#[test]
fn an_overlong_last_line_without_newline_is_reported_at_the_end() {
    let file = format!("{{\"key\":\"k\",\"response\":\"{}\"}}", "y".repeat(500));
    let (results, _) = read_in(file.as_bytes(), &[64], 100);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].outcome_code(), "LINE_TOO_LONG");
    assert_eq!(results[0].key.as_deref(), Some("k"));
}

#[test]
fn a_line_of_any_length_streams_through_in_bounded_memory() {
    // 256 MiB of one line, pushed as the same 1 MiB chunk again and again, against a
    // 1 MiB cap: once over the cap only its length is counted.
    let mut reader = ResultReader::with_max_line_bytes(1 << 20);
    let chunk = vec![b'a'; 1 << 20];
    reader.push(b"{\"key\":\"giant\",\"response\":\"");
    for _ in 0..256 {
        reader.push(&chunk);
        assert!(reader.next_result().is_none());
        assert!(reader.buffered() <= 2 << 20);
    }
    reader.push(b"\"}\n{\"key\":\"after\",\"response\":{}}\n");
    let first = reader.next_result().unwrap();
    assert_eq!(first.key.as_deref(), Some("giant"));
    assert!(
        matches!(first.outcome, BatchOutcome::Unreadable(LineError::TooLong { len, .. }) if len > 256 << 20)
    );
    assert_eq!(reader.next_result().unwrap().key.as_deref(), Some("after"));
}

#[test]
fn inline_results_out_of_order_join_to_their_keys() {
    let file = "{\"key\":\"c\",\"response\":{}}\n{\"key\":\"a\",\"response\":{}}\n{\"key\":\"b\",\"error\":{\"code\":13}}\n";
    let mut join = ResultJoin::new(["a", "b", "c"]).unwrap();
    let indexes: Vec<_> = read_whole(file.as_bytes())
        .iter()
        .map(|r| join.join(r))
        .collect();
    assert_eq!(
        indexes,
        [
            crate::batch::Joined::Matched { index: 2 },
            crate::batch::Joined::Matched { index: 0 },
            crate::batch::Joined::Matched { index: 1 },
        ]
    );
    assert!(join.is_complete());
}

/// One result line: (key, is it a response?, payload text).
fn line_strategy() -> impl Strategy<Value = (String, bool, String)> {
    ("[a-z0-9-]{1,8}", any::<bool>(), "[ -~é]{0,40}")
}

fn write_line((key, ok, text): &(String, bool, String)) -> String {
    let key = serde_json::to_string(key).unwrap();
    let text = serde_json::to_string(text).unwrap();
    if *ok {
        format!(
            "{{\"key\":{key},\"response\":{{\"candidates\":[{{\"content\":{{\"parts\":[{{\"text\":{text}}}]}}}}]}}}}"
        )
    } else {
        format!("{{\"key\":{key},\"error\":{{\"code\":3,\"message\":{text}}}}}")
    }
}

proptest! {
    #[test]
    fn written_results_read_back_whatever_the_chunks_and_line_ends(
        lines in proptest::collection::vec(line_strategy(), 0..12),
        chunks in proptest::collection::vec(1usize..64, 1..8),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut file = lines.iter().map(write_line).collect::<Vec<_>>().join(end);
        if final_newline && !lines.is_empty() {
            file.push_str(end);
        }
        let (results, _) = read_in(file.as_bytes(), &chunks, 1 << 20);
        prop_assert_eq!(results.len(), lines.len());
        for (result, (key, ok, text)) in results.iter().zip(&lines) {
            prop_assert_eq!(result.key.as_deref(), Some(key.as_str()));
            match &result.outcome {
                BatchOutcome::Response(raw) => {
                    prop_assert!(*ok);
                    prop_assert_eq!(raw.text().unwrap(), text.clone());
                }
                BatchOutcome::Error(error) => {
                    prop_assert!(!*ok);
                    prop_assert_eq!(&error.message, text);
                }
                BatchOutcome::Unreadable(error) => prop_assert!(false, "unreadable: {error}"),
            }
        }
    }

    #[test]
    fn a_bad_line_costs_only_itself(
        lines in proptest::collection::vec(line_strategy(), 1..10),
        bad in proptest::collection::vec("[^\n]{1,30}", 1..4),
        at in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
        chunks in proptest::collection::vec(1usize..64, 1..4),
    ) {
        let mut file_lines: Vec<String> = lines.iter().map(write_line).collect();
        let mut bad_positions = Vec::new();
        for (garbage, index) in bad.iter().zip(&at) {
            let position = index.index(file_lines.len() + 1);
            // A line of JSON cut short: never a whole result.
            file_lines.insert(position, format!("{{\"key\": \"bad\", \"response\": {garbage}"));
            bad_positions.push(position);
        }
        let file = file_lines.join("\n");
        let (results, _) = read_in(file.as_bytes(), &chunks, 1 << 20);
        prop_assert_eq!(results.len(), file_lines.len());
        let good: Vec<_> = results.iter().filter(|r| !matches!(r.outcome, BatchOutcome::Unreadable(_))).collect();
        prop_assert_eq!(good.len(), lines.len());
        for (result, (key, _, _)) in good.iter().zip(&lines) {
            prop_assert_eq!(result.key.as_deref(), Some(key.as_str()));
        }
        for result in results.iter().filter(|r| matches!(r.outcome, BatchOutcome::Unreadable(_))) {
            prop_assert_eq!(result.key.as_deref(), Some("bad"));
        }
    }

    #[test]
    fn huge_lines_are_capped_wherever_the_file_is_split(
        sizes in proptest::collection::vec(0usize..300, 1..8),
        chunks in proptest::collection::vec(1usize..80, 1..4),
    ) {
        let max = 120;
        let lines: Vec<String> = sizes
            .iter()
            .enumerate()
            .map(|(i, size)| format!("{{\"key\":\"k{i}\",\"response\":\"{}\"}}", "z".repeat(*size)))
            .collect();
        let file = lines.join("\n");
        let (results, held) = read_in(file.as_bytes(), &chunks, max);
        prop_assert_eq!(results.len(), lines.len());
        for (i, (result, line)) in results.iter().zip(&lines).enumerate() {
            let key = format!("k{i}");
            prop_assert_eq!(result.key.as_deref(), Some(key.as_str()));
            let too_long = matches!(result.outcome, BatchOutcome::Unreadable(LineError::TooLong { .. }));
            prop_assert_eq!(too_long, line.len() > max);
        }
        prop_assert!(held <= max + 80 + 1);
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_lose_nothing_after_a_newline(
        junk in proptest::collection::vec(any::<u8>(), 0..400),
        chunks in proptest::collection::vec(1usize..50, 1..4),
    ) {
        let mut file = junk.clone();
        file.extend_from_slice(b"\n{\"key\":\"last\",\"response\":{}}\n");
        let (results, _) = read_in(&file, &chunks, 64);
        let last = results.last().unwrap();
        prop_assert_eq!(last.key.as_deref(), Some("last"));
        prop_assert_eq!(last.outcome_code(), "RESPONSE");
    }
}

impl BatchResult {
    /// The outcome in one word, for compact assertions.
    fn outcome_code(&self) -> &'static str {
        match &self.outcome {
            BatchOutcome::Response(_) => "RESPONSE",
            BatchOutcome::Error(_) => "ERROR",
            BatchOutcome::Unreadable(error) => error.code(),
        }
    }
}
