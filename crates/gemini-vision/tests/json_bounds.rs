//! Answers from a server are bounded by what they may make us allocate, not only by
//! their size in bytes: three bytes of JSON (`{},`) become a ~200-byte `Candidate` or
//! `Part` on wasm32 (~380 natively), so a capped body could still ask for gigabytes.
//! Every parse of server JSON is preceded by a structural pre-scan.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
#![allow(unsafe_code)] // the counting allocator

mod alloc_support;

use alloc_support::{Counting, MIB, Meter};
use gemini_vision::ApiError;
use gemini_vision::response::{ResponseStream, parse_event};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// `{"candidates":[{},{},...]}` with `n` empty candidates (3 bytes each).
fn empty_candidates(n: usize) -> Vec<u8> {
    let mut body = b"{\"candidates\":[".to_vec();
    body.extend(b"{},".repeat(n));
    body.extend(b"{}]}");
    body
}

/// `n` empty parts in one candidate's content.
fn empty_parts(n: usize) -> Vec<u8> {
    let mut body = b"{\"candidates\":[{\"content\":{\"parts\":[".to_vec();
    body.extend(b"{},".repeat(n));
    body.extend(b"{}]}}]}");
    body
}

#[test]
fn a_stream_event_of_empty_candidates_is_refused_before_it_is_built() {
    let meter = Meter::exclusive();
    let body = empty_candidates(500_000); // 1.5 MB, well under the 32 MiB event cap
    let (result, peak) = meter.peak_during(|| parse_event(&body, 200, None).map(|_| ()));
    assert_eq!(result.unwrap_err().code(), "LIMIT_EXCEEDED");
    assert!(peak < 4 * MIB, "peak {peak} bytes");
}

#[test]
fn a_stream_event_of_empty_parts_is_refused_before_it_is_built() {
    let meter = Meter::exclusive();
    let body = empty_parts(500_000);
    let (result, peak) = meter.peak_during(|| parse_event(&body, 200, None).map(|_| ()));
    assert_eq!(result.unwrap_err().code(), "LIMIT_EXCEEDED");
    assert!(peak < 4 * MIB, "peak {peak} bytes");
}

#[test]
fn a_non_sse_stream_body_of_empty_objects_is_refused_before_it_is_built() {
    let meter = Meter::exclusive();
    let mut body = b"[".to_vec();
    body.extend(b"{},".repeat(500_000));
    body.extend(b"{}]");
    let (results, peak) = meter.peak_during(|| ResponseStream::decode_all(&body, None));
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap_err().code(), "LIMIT_EXCEEDED");
    // The body itself is copied once by the decoder (it is read back at the end).
    assert!(peak < body.len() * 3 + 4 * MIB, "peak {peak} bytes");
}

#[test]
fn an_error_body_of_empty_details_keeps_its_text_and_builds_nothing_big() {
    let meter = Meter::exclusive();
    let mut body = b"{\"error\":{\"code\":500,\"message\":\"m\",\"details\":[".to_vec();
    body.extend(b"{},".repeat(80_000)); // what fits the machines' 256 KiB body cap
    body.extend(b"{}]}}");
    let (error, peak) = meter.peak_during(|| ApiError::from_response(500, &body, None));
    assert!(
        error.details.len() <= 10_000,
        "{} details",
        error.details.len()
    );
    assert_eq!(error.raw_body.len(), ApiError::RAW_BODY_CAP);
    assert!(peak < 2 * MIB, "peak {peak} bytes");
}

#[test]
fn the_recorded_answers_still_parse() {
    let _meter = Meter::exclusive();
    for name in [
        "unary-success-basic-reply-long.json",
        "unary-success-search-grounding.json",
        "unary-success-logprobs.json",
        "unary-success-citations.json",
        "unary-unknown-enum.json",
    ] {
        let path = format!(
            "{}/../../../shared/fixtures/sdk-mock-responses/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let body = std::fs::read(&path).unwrap();
        assert!(parse_event(&body, 200, None).is_ok(), "{name}");
    }
}

/// The shell parses `generateContent` answers itself; `read_json` gives it the same bound.
#[test]
fn an_answer_read_by_the_shell_is_refused_before_it_is_built() {
    let meter = Meter::exclusive();
    use gemini_vision::wire::{GenerateContentResponse, JsonLimits, read_json};
    let body = empty_parts(500_000);
    let (result, peak) = meter.peak_during(|| {
        read_json::<GenerateContentResponse>(
            &body,
            "generateContent answer",
            &JsonLimits::ANSWER,
            None,
        )
        .map(|_| ())
    });
    assert_eq!(result.unwrap_err().code(), "LIMIT_EXCEEDED");
    assert!(peak < 4 * MIB, "peak {peak} bytes");
}

/// The largest legitimate page (100 files, every field set) fits the file-list limits.
#[test]
fn a_full_page_of_files_fits_the_file_list_limits() {
    let _meter = Meter::exclusive();
    use gemini_vision::wire::{JsonLimits, ListFilesResponse, read_json};
    let file = |i: usize| {
        format!(
            r#"{{"name":"files/f{i}","displayName":"clip {i}.mp4","mimeType":"video/mp4","sizeBytes":"20971643","createTime":"2026-01-01T00:00:00.000000Z","updateTime":"2026-01-01T00:00:00.000000Z","expirationTime":"2026-01-03T00:00:00.000000Z","sha256Hash":"ZDQ5ZDM2ZDJiMzBmMTY3YjQ2YjYxNzE2YmY1YTM3ZmM=","uri":"https://generativelanguage.googleapis.com/v1beta/files/f{i}","downloadUri":"https://generativelanguage.googleapis.com/v1beta/files/f{i}:download?alt=media","state":"FAILED","source":"UPLOADED","videoMetadata":{{"videoDuration":"12.5s"}},"error":{{"code":3,"message":"unsupported codec","details":[{{"@type":"type.googleapis.com/google.rpc.DebugInfo","detail":"x"}}]}}}}"#
        )
    };
    let files: Vec<String> = (0..100).map(file).collect();
    let body = format!(r#"{{"files":[{}],"nextPageToken":"t"}}"#, files.join(","));
    let page: ListFilesResponse =
        read_json(body.as_bytes(), "file list", &JsonLimits::FILE_LIST, None).unwrap();
    assert_eq!(page.files.len(), 100);
}
