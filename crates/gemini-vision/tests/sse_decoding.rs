//! The SSE decoder and the stream decoder on the real streaming fixtures and
//! recordings, split at every byte position, and on the edge cases of the format.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::Error;
use gemini_vision::response::{ResponseStream, SseDecoder, SseEvent, aggregate};
use gemini_vision::wire::{FinishReason, GenerateContentResponse};
use io_support::{as_sse, files, read, recordings};
use proptest::prelude::*;

/// Decodes `body` fed in two pieces split at `at`.
fn decode_split(body: &[u8], at: usize) -> Vec<SseEvent> {
    let mut decoder = SseDecoder::new();
    let mut events = Vec::new();
    for piece in [&body[..at], &body[at..]] {
        decoder.push(piece);
        while let Some(event) = decoder.next_event() {
            events.push(event.unwrap());
        }
    }
    decoder.finish();
    while let Some(event) = decoder.next_event() {
        events.push(event.unwrap());
    }
    events
}

/// The `data:` payloads of a fixture, read line by line without the decoder.
fn data_lines(body: &[u8]) -> Vec<String> {
    String::from_utf8(body.to_vec())
        .unwrap()
        .lines()
        .filter_map(|line| line.strip_prefix("data: ").map(str::to_owned))
        .collect()
}

#[test]
fn every_streaming_fixture_decodes_the_same_at_every_split() {
    for path in files("fixtures/sdk-mock-responses", ".txt") {
        let body = read(&path);
        let expected = data_lines(&body);
        for at in 0..=body.len() {
            let data: Vec<String> = decode_split(&body, at)
                .into_iter()
                .map(|e| e.data)
                .collect();
            assert_eq!(data, expected, "{} split at {at}", path.display());
        }
    }
}

#[test]
fn every_recording_decodes_the_same_at_every_split() {
    for recording in recordings() {
        let body = as_sse(&recording.responses);
        let whole = decode_split(&body, 0);
        assert_eq!(whole.len(), recording.responses.len(), "{}", recording.name);
        for at in 1..=body.len() {
            assert_eq!(decode_split(&body, at), whole, "{} at {at}", recording.name);
        }
    }
}

#[test]
fn a_recorded_error_event_is_an_api_error() {
    let recording = recordings().into_iter().find(|r| r.status == 404).unwrap();
    let body = as_sse(&recording.responses);
    let results = ResponseStream::decode_all(&body, None);
    assert_eq!(results.len(), 1);
    let Err(Error::Api(api)) = &results[0] else {
        panic!("expected an API error, got {:?}", results[0]);
    };
    assert_eq!(api.http_status, 404);
    assert_eq!(api.status.as_deref(), Some("NOT_FOUND"));
    assert!(api.message.contains("custom-gemini-2.0-flash is not found"));
    assert_eq!(api.details.len(), 1);
}

#[test]
fn a_plain_json_error_body_is_an_api_error() {
    let recording = recordings().into_iter().find(|r| r.status == 404).unwrap();
    let body = serde_json::to_vec_pretty(&recording.responses[0]).unwrap();
    let mut stream = ResponseStream::with_options(404, 1 << 20, None);
    stream.push(&body);
    assert!(stream.next_response().is_none(), "undecided before the end");
    stream.finish();
    let Some(Err(Error::Api(api))) = stream.next_response() else {
        panic!("expected an API error");
    };
    assert_eq!(api.status.as_deref(), Some("NOT_FOUND"));
    assert!(stream.next_response().is_none());
}

#[test]
fn a_json_array_stream_without_sse_is_still_read() {
    let recording = recordings()
        .into_iter()
        .find(|r| r.url.contains("streamGenerateContent") && r.status == 200)
        .unwrap();
    let body = serde_json::to_vec(&recording.responses).unwrap();
    let chunks: Vec<_> = ResponseStream::decode_all(&body, None)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(chunks.len(), 3);
}

#[test]
fn a_recorded_stream_aggregates_into_one_answer() {
    let recording = recordings()
        .into_iter()
        .find(|r| r.url.contains("streamGenerateContent") && r.status == 200)
        .unwrap();
    let chunks: Vec<GenerateContentResponse> =
        ResponseStream::decode_all(&as_sse(&recording.responses), None)
            .into_iter()
            .map(Result::unwrap)
            .collect();
    let expected_text: String = chunks.iter().map(GenerateContentResponse::text).collect();
    let answer = aggregate(chunks);
    assert_eq!(answer.text(), expected_text);
    assert!(answer.text().starts_with("The sky is blue primarily"));
    assert_eq!(answer.finish_reason(), Some(&FinishReason::MaxTokens));
    assert_eq!(answer.usage_metadata.unwrap().total_token_count, Some(205));
    let parts = answer.candidates.unwrap()[0]
        .content
        .clone()
        .unwrap()
        .parts
        .unwrap();
    assert_eq!(parts.len(), 1, "the text chunks were joined into one part");
}

#[test]
fn citations_from_every_chunk_are_kept() {
    let path = io_support::shared(
        "fixtures/sdk-mock-responses/streaming-failure-recitation-no-content.txt",
    );
    let answer = aggregate(
        ResponseStream::decode_all(&read(&path), None)
            .into_iter()
            .map(Result::unwrap),
    );
    let candidate = answer.first_candidate().unwrap();
    let sources = candidate.citation_metadata.as_ref().unwrap()["citationSources"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(sources, 1);
    assert_eq!(candidate.finish_reason, Some(FinishReason::Recitation));
    assert_eq!(
        answer.text(),
        "Copyrighted text goes hereMore copyrighted text"
    );
    assert!(answer.is_blocked());
}

#[test]
fn multi_line_data_is_joined_with_newlines() {
    let events = SseDecoder::decode_all(b"data: {\"a\":\ndata:1}\n\n").unwrap();
    assert_eq!(events[0].data, "{\"a\":\n1}");
}

#[test]
fn comments_ids_and_retries_are_ignored_and_event_types_kept() {
    let body = b": keep-alive\nid: 7\nretry: 100\nevent: update\nfield-without-colon\ndata: x\n\n";
    let events = SseDecoder::decode_all(body).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event.as_deref(), Some("update"));
    assert_eq!(events[0].data, "x");
}

#[test]
fn cr_lf_and_crlf_line_ends_are_equivalent() {
    for body in [
        &b"data: a\n\ndata: b\n\n"[..],
        b"data: a\r\rdata: b\r\r",
        b"data: a\r\n\r\ndata: b\r\n\r\n",
    ] {
        let data: Vec<_> = SseDecoder::decode_all(body)
            .unwrap()
            .into_iter()
            .map(|e| e.data)
            .collect();
        assert_eq!(data, ["a", "b"], "{:?}", String::from_utf8_lossy(body));
    }
}

#[test]
fn a_cr_then_lf_in_the_next_chunk_is_one_line_end() {
    let mut decoder = SseDecoder::new();
    let mut data = Vec::new();
    for piece in [&b"data: a\r"[..], b"\n", b"\r\n", b"data: b\r\n\r\n"] {
        decoder.push(piece);
        while let Some(event) = decoder.next_event() {
            data.push(event.unwrap().data);
        }
    }
    assert_eq!(data, ["a", "b"]);
}

#[test]
fn a_leading_byte_order_mark_is_dropped() {
    let events = SseDecoder::decode_all(b"\xef\xbb\xbfdata: x\n\n").unwrap();
    assert_eq!(events[0].data, "x");
}

#[test]
fn a_final_event_without_its_blank_line_is_delivered() {
    let events = SseDecoder::decode_all(b"data: a\n\ndata: b").unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].data, "b");
}

#[test]
fn an_event_over_the_cap_is_refused_and_the_next_one_decoded() {
    let mut decoder = SseDecoder::with_max_event_bytes(64);
    let big = format!("data: {}\n\n", "x".repeat(200));
    decoder.push(big.as_bytes());
    decoder.push(b"data: small\n\n");
    decoder.finish();
    let first = decoder.next_event().unwrap();
    assert!(
        matches!(first, Err(Error::LimitExceeded { max: 64, .. })),
        "{first:?}"
    );
    assert_eq!(decoder.next_event().unwrap().unwrap().data, "small");
    assert!(decoder.next_event().is_none());
}

#[test]
fn an_endless_line_is_refused_before_it_is_buffered() {
    let mut decoder = SseDecoder::with_max_event_bytes(1024);
    let mut refused = false;
    for _ in 0..100 {
        decoder.push(&[b'x'; 100]);
        while let Some(event) = decoder.next_event() {
            refused |= matches!(event, Err(Error::LimitExceeded { .. }));
        }
    }
    assert!(refused);
}

#[test]
fn the_end_of_a_dropped_line_is_not_a_blank_line() {
    // Found by the `sse` fuzz target: an overlong line split across chunks, followed
    // by a second long line of the same event, was reported twice.
    let long = "x".repeat(100);
    let mut decoder = SseDecoder::with_max_event_bytes(64);
    let mut results = Vec::new();
    for piece in [
        format!("data: {long}"),
        format!("\r\ndata: {long}\r\n\r\ndata: ok\n\n"),
    ] {
        decoder.push(piece.as_bytes());
        while let Some(event) = decoder.next_event() {
            results.push(event.map(|e| e.data).map_err(|e| e.code()));
        }
    }
    assert_eq!(results, [Err("LIMIT_EXCEEDED"), Ok("ok".to_owned())]);
}

#[test]
fn a_broken_event_is_malformed_not_a_panic() {
    let results = ResponseStream::decode_all(b"data: {\"candidates\": [\n\n", None);
    assert!(matches!(results[0], Err(Error::Malformed { .. })));
}

/// An event: its data lines.
fn event_lines() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[^\r\n]{0,20}", 1..4)
}

proptest! {
    #[test]
    fn any_events_with_any_line_ends_and_splits_decode_back(
        events in prop::collection::vec(event_lines(), 0..6),
        line_end in prop::sample::select(vec!["\n", "\r", "\r\n"]),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let mut body = String::new();
        for lines in &events {
            for line in lines {
                body.push_str("data:");
                body.push_str(line);
                body.push_str(line_end);
            }
            body.push_str(line_end);
        }
        let bytes = body.as_bytes();
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut decoder = SseDecoder::new();
        let mut got = Vec::new();
        let mut from = 0;
        for point in points.into_iter().chain([bytes.len()]) {
            decoder.push(&bytes[from..point]);
            from = point;
            while let Some(event) = decoder.next_event() {
                got.push(event.unwrap().data);
            }
        }
        decoder.finish();
        while let Some(event) = decoder.next_event() {
            got.push(event.unwrap().data);
        }
        let expected: Vec<String> = events
            .iter()
            .map(|lines| {
                // One optional space after the colon is not part of the value.
                lines.iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
            })
            .collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_stream_decoder(
        body in prop::collection::vec(any::<u8>(), 0..512),
        cut in any::<prop::sample::Index>(),
    ) {
        let at = cut.index(body.len() + 1);
        let mut stream = ResponseStream::with_options(200, 128, None);
        stream.push(&body[..at]);
        while stream.next_response().is_some() {}
        stream.push(&body[at..]);
        stream.finish();
        while stream.next_response().is_some() {}
    }
}
