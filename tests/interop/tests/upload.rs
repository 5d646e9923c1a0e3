//! The core's upload and poll machines against the emulator's File API, with every
//! upload fault the emulator can inject: the bytes must arrive once and whole.

use fake_gemini::{FaultKind, FaultSpec, Target};
use gemini_vision::endpoint::Endpoint;
use gemini_vision::retry::{Backoff, RetryPolicy};
use gemini_vision::upload::{
    ActivePoller, ChunkSizing, PollPolicy, ResumeRecord, Upload, UploadConfig,
};
use gemini_vision::wire::FileState;
use gemini_vision_interop::{
    Emulator, HeaderView, Outcome, drive, fake_mp4, pseudo_random_bytes, sha256_base64,
};

const MIB: u64 = 1024 * 1024;
const GRANULE: usize = 256 * 1024;

fn config(emulator: &Emulator, size: usize, mime: &str) -> UploadConfig {
    let endpoint = Endpoint::new(&emulator.base_url(), "v1beta").expect("a loopback endpoint");
    UploadConfig::new(endpoint, size as u64, mime)
        .display_name("interop")
        .chunking(ChunkSizing::Fixed(MIB))
}

async fn upload(emulator: &Emulator, bytes: &[u8], mime: &str, view: HeaderView) -> Outcome {
    let mut machine =
        Upload::new(config(emulator, bytes.len(), mime), 7, None).expect("a valid config");
    drive(emulator, &mut machine, bytes, view, None).await
}

/// The only upload session in the report.
fn only_session(emulator: &Emulator) -> fake_gemini::report::SessionReport {
    let report = emulator.server.report();
    let mut sessions: Vec<_> = report.uploads.into_values().collect();
    assert_eq!(sessions.len(), 1, "exactly one upload session");
    sessions.remove(0)
}

async fn assert_round_trip(size: usize) {
    let emulator = Emulator::start().await;
    let bytes = pseudo_random_bytes(size, size as u64);
    let file = upload(&emulator, &bytes, "application/pdf", HeaderView::All)
        .await
        .file();
    assert_eq!(file.size_bytes, Some(size as u64));
    assert_eq!(file.sha256_hash.as_deref(), Some(&*sha256_base64(&bytes)));
    let session = only_session(&emulator);
    assert_eq!(session.bytes_committed, size as u64);
    assert_eq!(session.bytes_received, size as u64, "no byte sent twice");
}

#[tokio::test]
async fn an_empty_file_uploads() {
    assert_round_trip(0).await;
}

#[tokio::test]
async fn a_one_byte_file_uploads() {
    assert_round_trip(1).await;
}

#[tokio::test]
async fn a_file_of_exactly_one_granule_uploads() {
    assert_round_trip(GRANULE).await;
}

#[tokio::test]
async fn a_file_one_byte_over_eight_mebibytes_uploads_in_chunks() {
    assert_round_trip(8 * MIB as usize + 1).await;
}

async fn upload_with_fault(fault: FaultSpec, view: HeaderView) -> (Emulator, Vec<u8>) {
    let emulator = Emulator::start().await;
    emulator.server.arm_fault(fault);
    let bytes = pseudo_random_bytes(5 * MIB as usize + 123, 99);
    let file = upload(&emulator, &bytes, "application/pdf", view)
        .await
        .file();
    assert_eq!(file.sha256_hash.as_deref(), Some(&*sha256_base64(&bytes)));
    assert_eq!(file.size_bytes, Some(bytes.len() as u64));
    emulator.assert_faults_fired();
    (emulator, bytes)
}

#[tokio::test]
async fn a_503_with_retry_after_is_retried_and_nothing_is_sent_twice() {
    let fault = FaultSpec::new(
        FaultKind::Status {
            status: 503,
            retry_after: Some(1),
        },
        2,
    )
    .on(Target::Chunk);
    let (emulator, bytes) = upload_with_fault(fault, HeaderView::All).await;
    let session = only_session(&emulator);
    assert_eq!(session.bytes_committed, bytes.len() as u64);
    assert_eq!(session.overlap_bytes, 0);
}

#[tokio::test]
async fn a_429_on_the_start_request_is_retried() {
    let fault = FaultSpec::new(
        FaultKind::Status {
            status: 429,
            retry_after: Some(1),
        },
        1,
    )
    .on(Target::Upload);
    upload_with_fault(fault, HeaderView::All).await;
}

#[tokio::test]
async fn a_connection_dropped_mid_chunk_resumes_from_size_received_without_overlap() {
    let fault = FaultSpec::new(
        FaultKind::Drop {
            after_bytes: 700_000,
        },
        3,
    );
    let (emulator, bytes) = upload_with_fault(fault, HeaderView::All).await;
    let session = only_session(&emulator);
    assert_eq!(session.bytes_committed, bytes.len() as u64);
    assert_eq!(
        session.overlap_bytes, 0,
        "the query told us where to resume"
    );
}

#[tokio::test]
async fn a_dropped_chunk_under_strict_cors_resumes_from_the_last_confirmed_offset() {
    let fault = FaultSpec::new(
        FaultKind::Drop {
            after_bytes: 700_000,
        },
        3,
    );
    let (emulator, bytes) = upload_with_fault(fault, HeaderView::StrictCors).await;
    let session = only_session(&emulator);
    assert_eq!(session.bytes_committed, bytes.len() as u64);
    // Without Size-Received the granules kept from the broken chunk arrive again, and the
    // server ignores them: bounded by what the broken chunk carried.
    assert!(
        session.overlap_bytes <= 700_000,
        "{}",
        session.overlap_bytes
    );
}

#[tokio::test]
async fn a_chunk_answer_without_a_status_header_does_not_corrupt_the_upload() {
    let fault = FaultSpec::new(FaultKind::MissingUploadStatus, 2);
    let (emulator, bytes) = upload_with_fault(fault, HeaderView::All).await;
    assert_eq!(only_session(&emulator).bytes_committed, bytes.len() as u64);
}

#[tokio::test]
async fn an_expired_session_starts_over_and_the_new_session_gets_every_byte() {
    let emulator = Emulator::start().await;
    emulator
        .server
        .arm_fault(FaultSpec::new(FaultKind::ExpireSession, 3));
    let bytes = pseudo_random_bytes(5 * MIB as usize, 5);
    let file = upload(&emulator, &bytes, "application/pdf", HeaderView::All)
        .await
        .file();
    assert_eq!(file.sha256_hash.as_deref(), Some(&*sha256_base64(&bytes)));
    let report = emulator.server.report();
    let finished: Vec<_> = report
        .uploads
        .values()
        .filter(|s| s.status == "final")
        .collect();
    emulator.assert_faults_fired();
    assert_eq!(report.uploads.len(), 2, "one expired session, one new one");
    assert_eq!(finished.len(), 1);
    assert_eq!(finished[0].bytes_committed, bytes.len() as u64);
    assert_eq!(finished[0].overlap_bytes, 0);
}

#[tokio::test]
async fn a_slow_chunk_answer_still_finishes() {
    let fault = FaultSpec::new(FaultKind::Slow { delay_ms: 1_500 }, 2).on(Target::Chunk);
    upload_with_fault(fault, HeaderView::All).await;
}

#[tokio::test]
async fn a_bad_request_is_not_retried() {
    let emulator = Emulator::start().await;
    emulator.server.arm_fault(
        FaultSpec::new(
            FaultKind::Status {
                status: 400,
                retry_after: None,
            },
            1,
        )
        .on(Target::Upload),
    );
    let bytes = pseudo_random_bytes(1000, 1);
    match upload(&emulator, &bytes, "application/pdf", HeaderView::All).await {
        Outcome::Failed(error) => assert_eq!(error.http_status(), Some(400)),
        other => panic!("expected a 400, got {other:?}"),
    }
    emulator.assert_faults_fired();
    assert_eq!(emulator.server.report().requests.len(), 1);
}

#[tokio::test]
async fn an_upload_resumes_from_its_record_in_a_new_machine_without_resending_bytes() {
    let emulator = Emulator::start().await;
    let bytes = pseudo_random_bytes(6 * MIB as usize + 5, 3);
    let mut first = Upload::new(config(&emulator, bytes.len(), "application/pdf"), 1, None)
        .expect("a valid config");
    let stopped = drive(
        &emulator,
        &mut first,
        &bytes,
        HeaderView::All,
        Some(2 * MIB),
    )
    .await;
    assert!(matches!(stopped, Outcome::Stopped));
    // The page reloads: only the JSON record survives.
    let json = first
        .resume_record()
        .expect("a record once a session exists")
        .to_json();
    drop(first);
    let record = ResumeRecord::from_json(&json).expect("the record reads back");
    let mut second = Upload::resume(
        config(&emulator, bytes.len(), "application/pdf"),
        &record,
        2,
        None,
    )
    .expect("resumable");
    let file = drive(&emulator, &mut second, &bytes, HeaderView::All, None)
        .await
        .file();
    assert_eq!(file.sha256_hash.as_deref(), Some(&*sha256_base64(&bytes)));
    let session = only_session(&emulator);
    assert_eq!(
        session.bytes_received,
        bytes.len() as u64,
        "no byte sent twice"
    );
}

#[tokio::test]
async fn a_cancelled_upload_ends_its_session() {
    let emulator = Emulator::start().await;
    let bytes = pseudo_random_bytes(4 * MIB as usize, 4);
    let mut machine = Upload::new(config(&emulator, bytes.len(), "application/pdf"), 1, None)
        .expect("a valid config");
    let stopped = drive(&emulator, &mut machine, &bytes, HeaderView::All, Some(MIB)).await;
    assert!(matches!(stopped, Outcome::Stopped));
    machine.cancel();
    match drive(&emulator, &mut machine, &bytes, HeaderView::All, None).await {
        Outcome::Failed(error) => assert_eq!(error.code(), "UPLOAD_CANCELLED"),
        other => panic!("expected a cancelled upload, got {other:?}"),
    }
    assert_eq!(only_session(&emulator).status, "cancelled");
}

#[tokio::test]
async fn a_video_is_polled_from_processing_to_active() {
    let emulator = Emulator::start().await;
    let bytes = fake_mp4(3 * MIB as usize);
    let file = upload(&emulator, &bytes, "video/mp4", HeaderView::All)
        .await
        .file();
    assert_eq!(file.state, Some(FileState::Processing));
    let endpoint = Endpoint::new(&emulator.base_url(), "v1beta").expect("endpoint");
    let mut poller =
        ActivePoller::for_file(&endpoint, &file, PollPolicy::default(), 3, None).expect("a poller");
    let active = drive(&emulator, &mut poller, &[], HeaderView::All, None)
        .await
        .file();
    assert_eq!(active.state, Some(FileState::Active));
    assert_eq!(active.name, file.name);
}

#[tokio::test]
async fn a_file_that_fails_processing_is_reported_with_the_server_message() {
    let emulator = Emulator::start().await;
    emulator
        .server
        .arm_fault(FaultSpec::new(FaultKind::FailFile, 1));
    let bytes = fake_mp4(MIB as usize);
    let file = upload(&emulator, &bytes, "video/mp4", HeaderView::All)
        .await
        .file();
    let endpoint = Endpoint::new(&emulator.base_url(), "v1beta").expect("endpoint");
    let mut poller =
        ActivePoller::for_file(&endpoint, &file, PollPolicy::default(), 3, None).expect("a poller");
    match drive(&emulator, &mut poller, &[], HeaderView::All, None).await {
        Outcome::Failed(error) => assert_eq!(error.code(), "FILE_FAILED"),
        other => panic!("expected FILE_FAILED, got {other:?}"),
    }
    emulator.assert_faults_fired();
}

#[tokio::test]
async fn retries_give_up_after_the_policy_allows() {
    let emulator = Emulator::start().await;
    let mut sticky = FaultSpec::new(
        FaultKind::Status {
            status: 500,
            retry_after: None,
        },
        1,
    )
    .on(Target::Upload);
    sticky.sticky = true;
    emulator.server.arm_fault(sticky);
    let bytes = pseudo_random_bytes(1000, 1);
    let policy = RetryPolicy {
        max_retries: 2,
        backoff: Backoff {
            initial_ms: 10,
            max_ms: 20,
            multiplier: 2.0,
        },
        ..RetryPolicy::default()
    };
    let config = config(&emulator, bytes.len(), "application/pdf").retry(policy);
    let mut machine = Upload::new(config, 1, None).expect("a valid config");
    match drive(&emulator, &mut machine, &bytes, HeaderView::All, None).await {
        Outcome::Failed(error) => {
            assert_eq!(error.code(), "RETRIES_EXHAUSTED");
            assert_eq!(error.http_status(), Some(500));
        }
        other => panic!("expected RETRIES_EXHAUSTED, got {other:?}"),
    }
    assert_eq!(emulator.server.report().requests.len(), 3);
    emulator.assert_faults_fired();
}
