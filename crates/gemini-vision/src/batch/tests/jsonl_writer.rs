//! The JSONL input file: exact sizes up front, lines that are the requests, and any
//! byte range rebuilt from pieces equal to the same bytes of the whole file.

use crate::base64::encode_slice;
use crate::batch::{BatchInput, BatchItem, ChunkPiece};
use crate::request::RequestBuilder;
use proptest::prelude::*;
use serde_json::Value;

/// The media of the batch: slot `n` holds bytes derived from `n`, of the given sizes.
fn media_bytes(slot: usize, len: u64) -> Vec<u8> {
    (0..len)
        .map(|i| (i as usize * 31 + slot * 7) as u8)
        .collect()
}

/// A batch of `specs`: each request has a text and media of the given sizes.
fn batch(specs: &[(Option<String>, String, Vec<u64>)]) -> (BatchInput, Vec<u64>) {
    let mut sizes = Vec::new();
    let items = specs
        .iter()
        .map(|(key, text, media)| {
            let mut request = RequestBuilder::new();
            for &size in media {
                request.inline_slot("image/png", size);
                sizes.push(size);
            }
            request.text(text.clone());
            BatchItem {
                key: key.clone(),
                request,
            }
        })
        .collect();
    (BatchInput::new(items).unwrap(), sizes)
}

/// The whole file, written line by line.
fn whole_file(input: &BatchInput, sizes: &[u64]) -> Vec<u8> {
    let writer = input.jsonl();
    let mut file = Vec::new();
    let mut line = Vec::new();
    for index in 0..writer.line_count() {
        writer
            .write_line(index, |slot| Ok(media_bytes(slot, sizes[slot])), &mut line)
            .unwrap();
        file.extend_from_slice(&line);
    }
    file
}

/// The bytes `start..end` of the file, rebuilt from the chunk's pieces.
fn chunk_bytes(input: &BatchInput, sizes: &[u64], start: u64, end: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut piece_bytes = Vec::new();
    for piece in input.jsonl().chunk(start, end).unwrap() {
        let raw = match &piece {
            ChunkPiece::Json(_) => Vec::new(),
            ChunkPiece::Media {
                slot,
                raw_start,
                raw_end,
                ..
            } => media_bytes(*slot, sizes[*slot])[*raw_start as usize..*raw_end as usize].to_vec(),
        };
        assert!(piece.write_into(&raw, &mut piece_bytes));
        assert_eq!(piece_bytes.len() as u64, piece.len());
        out.extend_from_slice(&piece_bytes);
    }
    out
}

fn spec() -> impl Strategy<Value = Vec<(Option<String>, String, Vec<u64>)>> {
    let key = proptest::option::of("[a-z0-9./ é\"\\\\-]{1,12}");
    let text = "[ -~é✓\"\\\\\n]{1,30}";
    let media = proptest::collection::vec(1u64..40, 0..3);
    proptest::collection::vec((key, text, media), 1..6).prop_filter("unique keys", |items| {
        let keys: Vec<_> = items.iter().filter_map(|(k, _, _)| k.as_ref()).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        unique.len() == keys.len()
    })
}

proptest! {
    #[test]
    fn the_declared_size_is_the_written_size(specs in spec()) {
        let (input, sizes) = batch(&specs);
        let file = whole_file(&input, &sizes);
        prop_assert_eq!(file.len() as u64, input.jsonl().total_len());
    }

    #[test]
    fn every_line_is_the_key_and_the_request(specs in spec()) {
        let (input, sizes) = batch(&specs);
        let file = whole_file(&input, &sizes);
        let text = String::from_utf8(file).unwrap();
        prop_assert!(text.ends_with('\n'));
        let lines: Vec<&str> = text.lines().collect();
        prop_assert_eq!(lines.len(), specs.len());
        let mut slot = 0;
        for ((line, key), (_, prompt, media)) in lines.iter().zip(input.keys()).zip(&specs) {
            let json: Value = serde_json::from_str(line).unwrap();
            let members: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
            prop_assert_eq!(members.len(), 2);
            prop_assert_eq!(json["key"].as_str(), Some(key.as_str()));
            let parts = json["request"]["contents"][0]["parts"].as_array().unwrap();
            for (part, &size) in parts.iter().zip(media) {
                let mut expected = Vec::new();
                encode_slice(&media_bytes(slot, size), &mut expected);
                prop_assert_eq!(part["inlineData"]["data"].as_str().unwrap().as_bytes(), &expected[..]);
                slot += 1;
            }
            prop_assert_eq!(parts.last().unwrap()["text"].as_str(), Some(prompt.as_str()));
        }
    }

    #[test]
    fn any_range_rebuilt_from_its_pieces_is_those_bytes_of_the_file(
        specs in spec(), cut_a in any::<prop::sample::Index>(), cut_b in any::<prop::sample::Index>(),
    ) {
        let (input, sizes) = batch(&specs);
        let file = whole_file(&input, &sizes);
        let (a, b) = (cut_a.index(file.len() + 1), cut_b.index(file.len() + 1));
        let (start, end) = (a.min(b), a.max(b));
        prop_assert_eq!(chunk_bytes(&input, &sizes, start as u64, end as u64), &file[start..end]);
    }

    #[test]
    fn consecutive_chunks_rebuild_the_whole_file(specs in spec(), size in 1u64..50) {
        let (input, sizes) = batch(&specs);
        let file = whole_file(&input, &sizes);
        let total = input.jsonl().total_len();
        let mut rebuilt = Vec::new();
        let mut start = 0;
        while start < total {
            let end = (start + size).min(total);
            rebuilt.extend(chunk_bytes(&input, &sizes, start, end));
            start = end;
        }
        prop_assert_eq!(rebuilt, file);
    }
}

#[test]
fn every_byte_of_a_media_run_can_start_or_end_a_chunk() {
    // One image of 10 bytes (16 base64 characters, 2 of them padding): every range.
    let (input, sizes) = batch(&[(Some("k".into()), "t".into(), vec![10])]);
    let file = whole_file(&input, &sizes);
    for start in 0..=file.len() {
        for end in start..=file.len() {
            assert_eq!(
                chunk_bytes(&input, &sizes, start as u64, end as u64),
                &file[start..end],
                "{start}..{end}"
            );
        }
    }
}

#[test]
fn line_spans_tile_the_file() {
    let (input, _) = batch(&[
        (None, "a".into(), vec![3]),
        (None, "bb".into(), vec![]),
        (None, "ccc".into(), vec![5, 6]),
    ]);
    let writer = input.jsonl();
    let mut at = 0;
    for index in 0..writer.line_count() {
        let span = writer.line_span(index).unwrap();
        assert_eq!(span.start, at);
        assert_eq!(span.end - span.start, writer.line(index).unwrap().len());
        at = span.end;
    }
    assert_eq!(at, writer.total_len());
    assert!(writer.line_span(3).is_none());
}

#[test]
fn ranges_outside_the_file_are_refused() {
    let (input, _) = batch(&[(None, "a".into(), vec![])]);
    let total = input.jsonl().total_len();
    assert!(input.jsonl().chunk(0, total + 1).is_err());
    assert!(input.jsonl().chunk(5, 4).is_err());
    assert!(input.jsonl().chunk(total, total).unwrap().is_empty());
}

#[test]
fn media_of_the_wrong_size_is_refused_when_writing() {
    let (input, _) = batch(&[(None, "a".into(), vec![4])]);
    let mut line = Vec::new();
    let err = input
        .jsonl()
        .write_line(0, |_| Ok(vec![0; 3]), &mut line)
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    let piece = ChunkPiece::Media {
        slot: 0,
        raw_start: 0,
        raw_end: 3,
        skip: 0,
        take: 4,
    };
    assert!(!piece.write_into(&[1, 2], &mut line));
}

#[test]
fn the_lines_iterator_lays_out_one_line_at_a_time() {
    let (input, _) = batch(&[(None, "a".into(), vec![2]), (None, "b".into(), vec![])]);
    let lens: Vec<u64> = input
        .jsonl()
        .lines()
        .map(|line| line.unwrap().len())
        .collect();
    assert_eq!(lens.iter().sum::<u64>(), input.jsonl().total_len());
}
