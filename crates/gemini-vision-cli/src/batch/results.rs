//! The job's results, joined to the images by key and written image by image.
//!
//! Inline results come with the job; a result file is streamed from the download
//! endpoint through the core's [`ResultReader`] (never whole in memory: one line at a
//! time, each capped) and each result is written as it arrives. A download that breaks
//! is started again, and images already written for this job are skipped, so a stop
//! at any point loses at most the image being written. Whatever the server says about
//! one image (an error, a line that cannot be read) is that image's file; images the
//! job returned nothing for get a file saying so. Then COCO is written for all.

use super::Failure;
use super::coco;
use super::console::bytes;
use super::image_output::{ImageFiles, Written};
use super::run::{Session, Summary};
use crate::api_client::{Call, Payload, Verb};
use gemini_vision::batch::{BatchJob, BatchOutput, BatchResult, Joined, ResultJoin, ResultReader};
use gemini_vision::http::Response;
use gemini_vision::retry::{Retrier, RetryPolicy, retry_after_ms};
use gemini_vision::{ApiError, Error};
use std::io::Read;
use std::time::Duration;

/// The read size of a result file download.
const READ_BYTES: usize = 256 * 1024;

/// What happened to each image so far.
struct Tally {
    written: Vec<Option<Written>>,
    strays: usize,
    repeats: usize,
}

/// Writes every image's files from `job`'s output, then COCO.
pub fn write_all(session: &mut Session<'_>, job: &BatchJob) -> Result<Summary, Failure> {
    let out = session.store.dir().to_path_buf();
    let input_dir = session.state.spec.input_dir.clone();
    let files = ImageFiles {
        out: &out,
        input_dir: &input_dir,
        job: &job.name,
        png: session.args.png,
    };
    let mut tally = Tally {
        written: vec![None; session.images.len()],
        strays: 0,
        repeats: 0,
    };
    match &job.output {
        Some(BatchOutput::Inline(results)) => {
            let mut join = new_join(session)?;
            for result in results {
                take(session, &files, &mut join, &mut tally, result)?;
            }
        }
        Some(BatchOutput::File { name }) => download(session, &files, &mut tally, name)?,
        None => {}
    }
    for (index, slot) in tally.written.iter_mut().enumerate() {
        if slot.is_none()
            && let Some(image) = session.images.get(index)
        {
            *slot = Some(files.write_missing(image)?);
            session
                .console
                .say(&format!("{}: the job returned no result for it", image.key));
        }
    }
    if tally.strays > 0 || tally.repeats > 0 {
        session.console.say(&format!(
            "{} results named no image of the batch and {} repeated one; they were left out",
            tally.strays, tally.repeats
        ));
    }
    let failed = tally
        .written
        .iter()
        .filter(|w| **w == Some(Written::Failed))
        .count();
    let summary = Summary {
        succeeded: session.images.len() - failed,
        failed,
    };
    let coco_path = coco::write(&out, &session.images, &files)?;
    session.console.say(&format!(
        "results: {} images with results, {} with errors; COCO in {}",
        summary.succeeded,
        summary.failed,
        coco_path.display()
    ));
    Ok(summary)
}

fn new_join(session: &Session<'_>) -> Result<ResultJoin, Failure> {
    ResultJoin::new(session.images.iter().map(|i| i.key.clone()))
        .map_err(|e| Failure::run(e.to_string()))
}

/// Writes one result's image (unless it is already written for this job).
fn take(
    session: &mut Session<'_>,
    files: &ImageFiles<'_>,
    join: &mut ResultJoin,
    tally: &mut Tally,
    result: &BatchResult,
) -> Result<(), Failure> {
    let index = match join.join(result) {
        Joined::Matched { index } => index,
        Joined::Repeated { .. } => {
            tally.repeats += 1;
            return Ok(());
        }
        Joined::UnknownKey | Joined::NoKey => {
            tally.strays += 1;
            let why = match &result.outcome {
                gemini_vision::batch::BatchOutcome::Unreadable(error) => format!(": {error}"),
                _ => String::new(),
            };
            session.console.say(&format!(
                "result {} has no key of this batch ({:?}){why}",
                result.position, result.key
            ));
            return Ok(());
        }
    };
    let (Some(image), Some(slot)) = (session.images.get(index), tally.written.get_mut(index))
    else {
        return Ok(());
    };
    if slot.is_some() {
        return Ok(());
    }
    let written = match files.existing(image) {
        Some(written) => written,
        None => files.write(image, result).map_err(|e| {
            Failure::run(format!("the files of {} cannot be written: {e}", image.key))
        })?,
    };
    if written == Written::Failed
        && let Some(error) = result.error()
    {
        session.console.say(&format!("{}: {error}", image.key));
    }
    *slot = Some(written);
    let done = tally.written.iter().filter(|w| w.is_some()).count();
    let total = tally.written.len();
    session.console.progress(
        &format!("results: {done} of {total} written"),
        done == total,
    );
    Ok(())
}

/// Streams the result file `name`, starting again (bounded) when it breaks off.
fn download(
    session: &mut Session<'_>,
    files: &ImageFiles<'_>,
    tally: &mut Tally,
    name: &str,
) -> Result<(), Failure> {
    let url = session
        .endpoint
        .file_download_url(name)
        .map_err(|e| Failure::run(e.to_string()))?;
    let seed = session.seed();
    let mut retrier = Retrier::new(RetryPolicy::default(), seed, Some(session.client.key()));
    loop {
        let (failure, retry_after) = match stream_once(session, files, tally, &url)? {
            None => return Ok(()),
            Some(failure) => failure,
        };
        let wait = retrier.schedule(failure, retry_after).map_err(|e| {
            Failure::run(format!("the results of {name} cannot be downloaded: {e}"))
        })?;
        session.console.say(&format!(
            "the download broke off; starting it again in {} s (written images are kept)",
            wait.div_ceil(1000)
        ));
        std::thread::sleep(Duration::from_millis(wait));
    }
}

/// One pass over the result file: `None` when it was read to the end, else the
/// transient failure that stopped it.
fn stream_once(
    session: &mut Session<'_>,
    files: &ImageFiles<'_>,
    tally: &mut Tally,
    url: &str,
) -> Result<Option<(Error, Option<u64>)>, Failure> {
    let call = Call {
        verb: Verb::Get,
        url,
        headers: Vec::new(),
        payload: Payload::Empty,
        with_key: true,
    };
    let mut answer = match session.client.open(call) {
        Ok(answer) => answer,
        Err(error) if error.is_fatal() => return Err(Failure::run(error.to_string())),
        Err(error) => {
            let error = Error::transport(error.message(), Some(session.client.key()));
            return Ok(Some((error, None)));
        }
    };
    if !(200..300).contains(&answer.status) {
        let response = answer
            .into_response(Response::BODY_CAP)
            .unwrap_or_else(|_| Response::new(500));
        let error =
            ApiError::from_response(response.status, &response.body, Some(session.client.key()));
        if error.is_retryable() {
            return Ok(Some((Error::Api(error), retry_after_ms(&response.headers))));
        }
        return Err(Failure::run(format!(
            "the result file cannot be downloaded: {error}"
        )));
    }
    let mut join = new_join(session)?;
    let mut reader = ResultReader::new();
    let mut buffer = vec![0; READ_BYTES];
    let mut received = 0u64;
    loop {
        let n = match answer.body.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) => {
                let message = format!("the download stopped after {}: {error}", bytes(received));
                let error = Error::transport(&message, Some(session.client.key()));
                return Ok(Some((error, None)));
            }
        };
        received += n as u64;
        reader.push(buffer.get(..n).unwrap_or_default());
        while let Some(result) = reader.next_result() {
            take(session, files, &mut join, tally, &result)?;
        }
    }
    reader.finish();
    while let Some(result) = reader.next_result() {
        take(session, files, &mut join, tally, &result)?;
    }
    Ok(None)
}
