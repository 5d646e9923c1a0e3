//! The JSONL file through the core's resumable upload machine.
//!
//! The machine says which bytes to send; each chunk is laid out by
//! [`JsonlWriter::chunk`](gemini_vision::batch::JsonlWriter::chunk) and read from the
//! images on disk as it is sent ([`BodyReader`]), so the file never exists whole,
//! not even on disk. After every confirmed chunk the machine's resume record is saved
//! in the state file: a rerun asks the server where it is and sends only the rest.
//! Session requests (chunks, query, cancel) never carry the key: the session URL is
//! the upload's own credential.

use super::Failure;
use super::body::{BodyReader, MediaFiles};
use super::console::bytes;
use super::run::Session;
use super::scan::modified_ms;
use super::state::Stage;
use crate::api_client::{Call, Payload};
use gemini_vision::batch::JSONL_MIME_TYPE;
use gemini_vision::http::{RequestBody, Response};
use gemini_vision::upload::{
    Action, ActivePoller, ChunkSizing, PollPolicy, ResumeRecord, StateMachine, Upload, UploadConfig,
};
use gemini_vision::wire::{File, FileState};
use std::time::Duration;

/// Uploads the batch's JSONL file (continuing `resume` if given) and returns the
/// file's name once it is `ACTIVE`.
pub fn upload_jsonl(
    session: &mut Session<'_>,
    resume: Option<ResumeRecord>,
) -> Result<String, Failure> {
    let input = session.batch_input()?;
    check_images_unchanged(session)?;
    let media = media_files(session);
    let jsonl = input.jsonl();
    let mut config =
        UploadConfig::new(session.endpoint.clone(), jsonl.total_len(), JSONL_MIME_TYPE)
            .display_name(session.state.spec.display_name.clone());
    if let Some(size) = session.args.chunk_size {
        config = config.chunking(ChunkSizing::Fixed(size));
    }
    let seed = session.seed();
    let mut upload = match resume {
        Some(record) => {
            match Upload::resume(config.clone(), &record, seed, Some(session.client.key())) {
                Ok(upload) => {
                    session.console.say(&format!(
                        "resuming the upload: the server had {} of {} at the last stop",
                        bytes(record.confirmed),
                        bytes(record.size)
                    ));
                    upload
                }
                Err(error) => {
                    session.console.say(&format!(
                        "the saved upload cannot be resumed ({error}); starting it again"
                    ));
                    Upload::new(config, seed, Some(session.client.key()))
                        .map_err(|e| Failure::run(e.to_string()))?
                }
            }
        }
        None => Upload::new(config, seed, Some(session.client.key()))
            .map_err(|e| Failure::run(e.to_string()))?,
    };
    let start_url = session.endpoint.upload_url();
    let file = loop {
        match upload.next_action() {
            Action::Send(request) => {
                let payload = match &request.body {
                    RequestBody::Empty => Payload::Empty,
                    RequestBody::Json(json) => Payload::Bytes(json),
                    RequestBody::SourceRange { start, end } => Payload::Stream {
                        len: end - start,
                        reader: Box::new(BodyReader::for_chunk(
                            jsonl
                                .chunk(*start, *end)
                                .map_err(|e| Failure::run(e.to_string()))?,
                            &media,
                        )),
                    },
                };
                // Only the start request goes to the API itself; everything after it
                // goes to the session URL, which needs no key and gets none.
                let with_key = request.url == start_url;
                let call = Call::for_request(&request, payload, with_key);
                match session.client.send(call, Response::BODY_CAP) {
                    Ok(response) => upload.on_response(response),
                    Err(error) if error.is_fatal() => return Err(Failure::run(error.to_string())),
                    Err(error) => upload.on_transport_error(error.message()),
                }
            }
            Action::Wait { millis } => std::thread::sleep(Duration::from_millis(millis)),
            Action::Progress(progress) => {
                // The last progress comes with the machine already finished and no
                // record to give: the previous one is kept, so a stop before the file's
                // name is saved asks the session, which answers with the file.
                if let Some(record) = upload.resume_record() {
                    session.enter(Stage::Uploading {
                        resume: Some(record),
                    })?;
                }
                let percent = progress.confirmed * 100 / progress.total.max(1);
                let line = format!(
                    "upload: {} of {} ({percent}%)",
                    bytes(progress.confirmed),
                    bytes(progress.total)
                );
                let last = progress.confirmed == progress.total;
                session.console.progress(&line, last);
            }
            Action::Finished(file) => break *file,
            Action::Failed(error) => {
                return Err(Failure::run(format!("the upload failed: {error}")));
            }
        }
    };
    let file = wait_until_active(session, file)?;
    session
        .console
        .say(&format!("uploaded the requests as {}", file.name));
    Ok(file.name)
}

/// The uploaded file, once the API says it can be used (a JSONL file is `ACTIVE` at
/// once; the check costs nothing then).
fn wait_until_active(session: &mut Session<'_>, file: File) -> Result<File, Failure> {
    if file.state == Some(FileState::Active) {
        return Ok(file);
    }
    let seed = session.seed();
    let mut poller = ActivePoller::for_file(
        &session.endpoint,
        &file,
        PollPolicy::default(),
        seed,
        Some(session.client.key()),
    )
    .map_err(|e| Failure::run(e.to_string()))?;
    loop {
        match poller.next_action() {
            Action::Send(request) => {
                let call = Call::for_request(&request, Payload::Empty, true);
                match session.client.send(call, Response::BODY_CAP) {
                    Ok(response) => poller.on_response(response),
                    Err(error) if error.is_fatal() => return Err(Failure::run(error.to_string())),
                    Err(error) => poller.on_transport_error(error.message()),
                }
            }
            Action::Wait { millis } => std::thread::sleep(Duration::from_millis(millis)),
            Action::Progress(_) => {}
            Action::Finished(file) => return Ok(*file),
            Action::Failed(error) => {
                return Err(Failure::run(format!(
                    "the uploaded requests file is not usable: {error}"
                )));
            }
        }
    }
}

/// The images' files in media slot order (one image per request).
pub fn media_files(session: &Session<'_>) -> MediaFiles {
    let dir = &session.state.spec.input_dir;
    MediaFiles::new(
        session
            .images
            .iter()
            .map(|image| (image.path(dir), image.size))
            .collect(),
    )
}

/// Refuses to send when an image changed since the scan: the requests would no longer
/// be the ones planned (and a resumed upload would mix two versions of the file).
pub fn check_images_unchanged(session: &Session<'_>) -> Result<(), Failure> {
    let dir = &session.state.spec.input_dir;
    for image in &session.images {
        let path = image.path(dir);
        let now = std::fs::metadata(&path)
            .ok()
            .map(|m| (m.len(), modified_ms(&m)));
        // A time that could not be read then or now is not held against the file.
        let same = now.is_some_and(|(size, modified)| {
            size == image.size
                && (image.modified_ms == 0 || modified.is_none_or(|m| m == image.modified_ms))
        });
        if !same {
            return Err(Failure::run(format!(
                "{} changed or went away since the batch was planned; restore it, or delete \
                 {} to plan the batch again",
                path.display(),
                session.store.state_path().display()
            )));
        }
    }
    Ok(())
}
