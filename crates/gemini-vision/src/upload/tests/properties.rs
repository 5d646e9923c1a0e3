//! Property tests: the machine against the model server under random sizes,
//! granularities, chunk sizings, hidden headers and faults.

use proptest::prelude::*;

use super::drive::{ACTION_LIMIT, Run, drive};
use super::server_model::{Fault, ModelServer, Seen, source};
use super::*;
use crate::retry::RetryPolicy;
use crate::upload::chunk_sizing::ChunkSizer;
use crate::upload::{AdaptiveChunks, Progress};

#[derive(Debug, Clone)]
struct Scenario {
    /// The server's granularity (announced unless `hide_headers`).
    granularity: u64,
    hide_headers: bool,
    relative_urls: bool,
    size: u64,
    chunking: ChunkSizing,
    bytes_per_ms: u64,
    faults: Vec<Fault>,
}

impl Scenario {
    /// The granularity the machine works with: hidden headers leave it at the default.
    fn machine_granularity(&self) -> u64 {
        if self.hide_headers {
            G
        } else {
            self.granularity
        }
    }
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        4 => Just(Fault::None),
        2 => (prop_oneof![Just(408u16), Just(429), Just(500), Just(503)],
              proptest::option::of(0u64..3), any::<bool>())
            .prop_map(|(code, retry_after, as_date)| Fault::Status { code, retry_after, as_date }),
        2 => (0u64..4 * 1024).prop_map(Fault::DropAfter),
        1 => Just(Fault::LoseAnswer),
        1 => Just(Fault::HideStatus),
        1 => Just(Fault::Expire),
    ]
}

fn scenario(max_faults: usize) -> impl Strategy<Value = Scenario> {
    let shape = (
        4u32..10,
        any::<bool>(),
        any::<bool>(),
        0u64..7,
        0u32..3,
        0u64..1024,
    );
    (
        shape,
        1u64..5,
        1u64..4,
        any::<bool>(),
        prop_oneof![Just(1u64), Just(100_000)],
    )
        .prop_flat_map(
            move |(
                (g_exp, hide, relative, granules, extra_kind, extra),
                first,
                grow,
                adaptive,
                speed,
            )| {
                let granularity = 1u64 << g_exp;
                let machine_g = if hide { G } else { granularity };
                // Sizes around granule boundaries: exact, +1, and anywhere in between.
                let extra = match extra_kind {
                    0 => 0,
                    1 => 1,
                    _ => extra % machine_g,
                };
                let size = granules * machine_g + extra;
                let chunking = if adaptive {
                    ChunkSizing::Adaptive(AdaptiveChunks {
                        initial: first * machine_g,
                        min: machine_g,
                        max: (first + grow) * 2 * machine_g,
                        grow_below_ms: 5,
                        shrink_above_ms: 50,
                    })
                } else {
                    ChunkSizing::Fixed(first * machine_g)
                };
                proptest::collection::vec(fault(), 0..=max_faults).prop_map(move |faults| {
                    Scenario {
                        granularity,
                        hide_headers: hide,
                        relative_urls: relative,
                        size,
                        chunking: chunking.clone(),
                        bytes_per_ms: speed,
                        faults,
                    }
                })
            },
        )
}

fn run(scenario: &Scenario, retry: RetryPolicy, max_restarts: u32) -> (ModelServer, Run) {
    let mut server = ModelServer::new(scenario.granularity);
    server.hide_headers = scenario.hide_headers;
    server.relative_urls = scenario.relative_urls;
    server.bytes_per_ms = scenario.bytes_per_ms;
    server.faults = scenario.faults.iter().cloned().collect();
    let config = config(scenario.size)
        .chunking(scenario.chunking.clone())
        .retry(retry)
        .max_restarts(max_restarts);
    let mut upload = Upload::new(config, 3, None).unwrap();
    let run = drive(&mut upload, &mut server);
    (server, run)
}

/// Patient enough that a bounded list of faults can never exhaust it.
fn patient() -> RetryPolicy {
    RetryPolicy {
        max_retries: 64,
        ..RetryPolicy::default()
    }
}

fn check_chunks(scenario: &Scenario, server: &ModelServer) -> Result<(), TestCaseError> {
    let g = scenario.machine_granularity();
    for seen in &server.seen {
        if let Seen::Chunk {
            offset,
            len,
            finalize,
            ..
        } = seen
        {
            prop_assert!(
                offset + len <= scenario.size,
                "chunk past the end: {seen:?}"
            );
            // A zero-length finalize at the very end may start anywhere.
            let aligned = offset % g == 0 || *offset == scenario.size;
            prop_assert!(aligned, "chunk starts off a granule: {:?}", seen);
            if !finalize {
                prop_assert_eq!(len % g, 0, "non-final chunk not aligned: {:?}", seen);
                prop_assert!(*len > 0);
            } else {
                prop_assert_eq!(offset + len, scenario.size);
            }
        }
    }
    prop_assert!(
        server.violations.is_empty(),
        "server refused: {:?}",
        server.violations
    );
    Ok(())
}

/// Progress never goes backwards within a session; a new session starts at 0.
fn check_progress(progress: &[(Progress, usize)], total: u64) -> Result<(), TestCaseError> {
    for pair in progress.windows(2) {
        let ((before, session_before), (after, session_after)) = (pair[0], pair[1]);
        prop_assert!(after.confirmed <= total);
        if session_after == session_before {
            prop_assert!(after.confirmed >= before.confirmed, "{:?}", progress);
        } else {
            prop_assert_eq!(after.confirmed, 0);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn bounded_faults_never_stop_the_upload_and_every_byte_arrives_once(
        scenario in scenario(12),
    ) {
        let (server, run) = run(&scenario, patient(), 16);
        prop_assert!(run.actions < ACTION_LIMIT, "the machine looped");
        let file = run.outcome.as_ref().map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(file.size_bytes, Some(scenario.size));
        let expected = source(0, scenario.size);
        prop_assert!(server.finalized_bytes() == Some(expected.as_slice()), "stored bytes differ");
        check_chunks(&scenario, &server)?;
        check_progress(&run.progress, scenario.size)?;
        prop_assert_eq!(run.progress.last().map(|p| p.0.confirmed), Some(scenario.size));

        // Re-sending is paid for by failures: each fault costs at most one largest chunk
        // (plus one granule of alignment), each restart at most the whole file.
        let g = scenario.machine_granularity();
        let max_chunk = ChunkSizer::new(scenario.chunking.clone()).max_len(g);
        let sessions = server.sessions_started() as u64;
        let budget = sessions * scenario.size + u64::from(server.faults_fired) * (max_chunk + g);
        prop_assert!(run.chunk_bytes_sent <= budget, "sent {} > budget {}", run.chunk_bytes_sent, budget);
    }

    #[test]
    fn without_faults_no_byte_is_sent_twice(scenario in scenario(0)) {
        let (server, run) = run(&scenario, RetryPolicy::default(), 0);
        prop_assert!(run.outcome.is_ok());
        prop_assert_eq!(run.chunk_bytes_sent, scenario.size);
        prop_assert!(run.waits.is_empty());
        check_chunks(&scenario, &server)?;
    }

}

proptest! {
    // Every case runs hundreds of faulty requests: fewer cases keep CI quick.
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn endless_faults_always_end_in_a_result(scenario in scenario(400)) {
        let (server, run) = run(&scenario, RetryPolicy::default(), 3);
        prop_assert!(run.actions < ACTION_LIMIT, "the machine looped");
        check_chunks(&scenario, &server)?;
        check_progress(&run.progress, scenario.size)?;
        if run.outcome.is_ok() {
            let expected = source(0, scenario.size);
            prop_assert!(server.finalized_bytes() == Some(expected.as_slice()));
        }
    }
}

/// An answer from a server that follows no protocol at all.
fn garbage_answer() -> impl Strategy<Value = Response> {
    let status = prop_oneof![
        Just(200u16),
        Just(201),
        Just(308),
        Just(404),
        Just(429),
        Just(500),
        0u16..1000
    ];
    let upload_status = proptest::option::of(prop_oneof![
        Just("active".to_owned()),
        Just("final".to_owned()),
        Just("cancelled".to_owned()),
        "\\PC{0,10}",
    ]);
    let size = proptest::option::of(prop_oneof![
        (0u64..5000).prop_map(|n| n.to_string()),
        "\\PC{0,8}"
    ]);
    let url = proptest::option::of(prop_oneof![
        Just("/upload/v1beta/files?upload_id=x".to_owned()),
        Just("https://elsewhere/s".to_owned()),
        "\\PC{0,30}",
    ]);
    let granularity = proptest::option::of(prop_oneof![
        Just("1".to_owned()),
        Just("1000".to_owned()),
        "\\PC{0,6}"
    ]);
    let body = prop_oneof![
        Just(String::new()),
        (0u64..5000).prop_map(|n| format!(r#"{{"file":{{"name":"files/a","sizeBytes":"{n}"}}}}"#)),
        "\\PC{0,40}",
    ];
    (
        status,
        upload_status,
        size,
        url,
        granularity,
        body,
        any::<u64>(),
    )
        .prop_map(
            |(status, upload_status, size, url, granularity, body, elapsed)| {
                let mut answer = Response::new(status).body(body).elapsed_ms(elapsed);
                let headers = [
                    (header::UPLOAD_STATUS, upload_status),
                    (header::UPLOAD_SIZE_RECEIVED, size),
                    (header::UPLOAD_URL, url),
                    (header::UPLOAD_CHUNK_GRANULARITY, granularity),
                ];
                for (name, value) in headers {
                    if let Some(value) = value {
                        answer = answer.header(name, &value);
                    }
                }
                answer
            },
        )
}

proptest! {
    #[test]
    fn arbitrary_answers_never_panic_and_keep_chunks_inside_the_file(
        size in 0u64..5000,
        answers in proptest::collection::vec(proptest::option::of(garbage_answer()), 0..300),
    ) {
        let mut upload = Upload::new(config(size).chunking(ChunkSizing::Fixed(1)), 5, None).unwrap();
        let mut answers = answers.into_iter();
        let mut steps = 0;
        loop {
            steps += 1;
            prop_assert!(steps < 10_000, "the machine looped");
            match upload.next_action() {
                Action::Send(request) => {
                    if let crate::http::RequestBody::SourceRange { start, end } = request.body {
                        prop_assert!(start <= end && end <= size);
                    }
                    match answers.next() {
                        Some(Some(answer)) => upload.on_response(answer),
                        Some(None) => upload.on_transport_error("reset"),
                        None => break,
                    }
                }
                Action::Progress(p) => prop_assert!(p.confirmed <= p.total),
                Action::Wait { .. } => {}
                Action::Finished(_) | Action::Failed(_) => break,
            }
        }
    }
}
