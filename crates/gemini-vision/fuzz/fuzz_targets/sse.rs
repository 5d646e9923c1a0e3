#![no_main]
//! The SSE and response-stream decoders on arbitrary bytes in arbitrary splits:
//! never a panic, and the same events, answers and errors however the bytes are cut.

use gemini_vision::Result;
use gemini_vision::response::{ResponseStream, SseDecoder, SseEvent};
use gemini_vision::wire::GenerateContentResponse;
use libfuzzer_sys::fuzz_target;

/// Small, so that the cap is hit often.
const MAX_EVENT: usize = 256;

/// Cut points from the first bytes of the input; the rest is the body.
fn split(data: &[u8]) -> (Vec<usize>, &[u8]) {
    let (seeds, body) = data.split_at(data.len().min(8));
    let mut cuts: Vec<usize> = seeds
        .iter()
        .map(|&s| usize::from(s) * body.len() / 255)
        .collect();
    cuts.sort_unstable();
    (cuts, body)
}

fn pieces<'a>(cuts: &[usize], body: &'a [u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([&body.len()]) {
        out.push(&body[from..cut]);
        from = cut;
    }
    out
}

fn summary_events(results: Vec<Result<SseEvent>>) -> Vec<std::result::Result<SseEvent, &'static str>> {
    results.into_iter().map(|r| r.map_err(|e| e.code())).collect()
}

fn summary_answers(
    results: Vec<Result<GenerateContentResponse>>,
) -> Vec<std::result::Result<GenerateContentResponse, &'static str>> {
    results.into_iter().map(|r| r.map_err(|e| e.code())).collect()
}

fn events(parts: &[&[u8]]) -> Vec<Result<SseEvent>> {
    let mut decoder = SseDecoder::with_max_event_bytes(MAX_EVENT);
    let mut out = Vec::new();
    for part in parts {
        decoder.push(part);
        while let Some(event) = decoder.next_event() {
            out.push(event);
        }
    }
    decoder.finish();
    while let Some(event) = decoder.next_event() {
        out.push(event);
    }
    out
}

fn answers(parts: &[&[u8]]) -> Vec<Result<GenerateContentResponse>> {
    let mut stream = ResponseStream::with_options(200, MAX_EVENT, None);
    let mut out = Vec::new();
    for part in parts {
        stream.push(part);
        while let Some(answer) = stream.next_response() {
            out.push(answer);
        }
    }
    stream.finish();
    while let Some(answer) = stream.next_response() {
        out.push(answer);
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (cuts, body) = split(data);
    let split_parts = pieces(&cuts, body);
    assert_eq!(
        summary_events(events(&split_parts)),
        summary_events(events(&[body])),
        "SSE events depend on where the bytes were cut"
    );
    assert_eq!(
        summary_answers(answers(&split_parts)),
        summary_answers(answers(&[body])),
        "answers depend on where the bytes were cut"
    );
});
