//! Creating the job, exactly once.
//!
//! `batchGenerateContent` is not idempotent: a create sent twice makes two jobs, each
//! billed. So before a create that an earlier run (or an earlier attempt of this one)
//! may have sent, the project's jobs are listed and ours is looked for: the same
//! display name and model, created since the request went out (with a quarter of an
//! hour of slack for the server's clock). Only when none is there is the create sent.
//! A create that got no answer, or a 5xx, may have made the job: it is looked for
//! before the next attempt. A 4xx made nothing and ends the run with the API's message.

use super::Failure;
use super::body::BodyReader;
use super::run::{Session, now_ms};
use super::state::Stage;
use super::upload::{check_images_unchanged, media_files};
use crate::api_client::{Call, Payload, Verb};
use gemini_vision::batch::{BatchJob, BatchJobList, file_create_body};
use gemini_vision::endpoint::model_resource_name;
use gemini_vision::retry::{Retrier, RetryPolicy};
use gemini_vision::{ApiError, Error};
use std::time::Duration;

/// How far before our record of sending a job may have been created (clock skew).
const CLOCK_SLACK_MS: i64 = 15 * 60 * 1000;
/// The most list pages read while looking for our job.
const MAX_LIST_PAGES: u32 = 50;
/// The largest answer read from create or list.
const MAX_ANSWER_BYTES: usize = 64 * 1024 * 1024;

/// Creates the job (or finds the one an earlier attempt created) and returns its name.
pub fn create_once(
    session: &mut Session<'_>,
    file: Option<&str>,
    sent_at_ms: i64,
) -> Result<String, Failure> {
    let seed = session.seed();
    let mut retrier = Retrier::new(RetryPolicy::default(), seed, Some(session.client.key()));
    // A create recorded by an earlier run may have reached the server.
    let mut look_first = sent_at_ms < session.started_ms();
    let mut sent_at_ms = sent_at_ms;
    loop {
        if look_first {
            match find_existing(session, sent_at_ms) {
                Ok(Some(name)) => {
                    session.console.say(&format!(
                        "found {name}, created by an earlier attempt; not creating another"
                    ));
                    return Ok(name);
                }
                Ok(None) => {}
                Err(Attempt::Fatal(failure)) => return Err(failure),
                Err(Attempt::Transient(error, retry_after)) => {
                    let wait = retrier.schedule(*error, retry_after).map_err(|e| {
                        Failure::run(format!("the job could not be looked for: {e}"))
                    })?;
                    std::thread::sleep(Duration::from_millis(wait));
                    continue;
                }
            }
        }
        sent_at_ms = now_ms();
        session.enter(Stage::Creating {
            file: file.map(str::to_owned),
            sent_at_ms,
        })?;
        match send_create(session, file) {
            Ok(job) => {
                session
                    .console
                    .say(&format!("created {} ({})", job.name, job.state.as_str()));
                return Ok(job.name);
            }
            Err(Attempt::Fatal(failure)) => return Err(failure),
            Err(Attempt::Transient(error, retry_after)) => {
                // 429 says the request was refused; anything else may have made the job.
                look_first = error.http_status() != Some(429);
                let wait = retrier
                    .schedule(*error, retry_after)
                    .map_err(|e| Failure::run(format!("the job could not be created: {e}")))?;
                session.console.say(&format!(
                    "the create request failed; trying again in {} s",
                    wait.div_ceil(1000)
                ));
                std::thread::sleep(Duration::from_millis(wait));
            }
        }
    }
}

/// How one attempt went wrong.
enum Attempt {
    /// Worth another try (after this wait, if the server named one).
    Transient(Box<Error>, Option<u64>),
    /// Not.
    Fatal(Failure),
}

fn send_create(session: &mut Session<'_>, file: Option<&str>) -> Result<BatchJob, Attempt> {
    let url = session
        .endpoint
        .batch_generate_content(&session.state.spec.model)
        .map_err(|e| Attempt::Fatal(Failure::run(e.to_string())))?;
    let display_name = session.state.spec.display_name.clone();
    let fatal = |e: String| Attempt::Fatal(Failure::run(e));
    let media = media_files(session);
    let (input, json);
    let payload = match file {
        Some(file) => {
            json = file_create_body(Some(&display_name), file).map_err(|e| fatal(e.to_string()))?;
            Payload::Bytes(&json)
        }
        None => {
            check_images_unchanged(session).map_err(Attempt::Fatal)?;
            input = session.batch_input().map_err(Attempt::Fatal)?;
            let body = input
                .inline_body(Some(&display_name))
                .map_err(|e| fatal(e.to_string()))?;
            Payload::Stream {
                len: body.len(),
                reader: Box::new(BodyReader::for_body(body.pieces(), &media)),
            }
        }
    };
    let call = Call {
        verb: Verb::Post,
        url: &url,
        headers: vec![("Content-Type", "application/json".to_owned())],
        payload,
        with_key: true,
    };
    let response = match session.client.send(call, MAX_ANSWER_BYTES) {
        Ok(response) => response,
        Err(error) if error.is_fatal() => return Err(fatal(error.to_string())),
        Err(error) => {
            let error = Error::transport(error.message(), Some(session.client.key()));
            return Err(Attempt::Transient(Box::new(error), None));
        }
    };
    if !response.is_success() {
        return Err(judge_failure(
            &response,
            "the job could not be created",
            session.client.key(),
        ));
    }
    BatchJob::from_json(&response.body).map_err(|e| {
        // The job exists, but we cannot read its name: looking for it is the way on.
        Attempt::Transient(Box::new(e), None)
    })
}

/// A non-2xx answer: transient (408, 429, 5xx) or the end, with the API's message.
fn judge_failure(
    response: &gemini_vision::http::Response,
    what: &str,
    key: &gemini_vision::ApiKey,
) -> Attempt {
    let error = ApiError::from_response(response.status, &response.body, Some(key));
    if error.is_retryable() {
        let retry_after = gemini_vision::retry::retry_after_ms(&response.headers);
        Attempt::Transient(Box::new(Error::Api(error)), retry_after)
    } else {
        Attempt::Fatal(Failure::run(format!("{what}: {error}")))
    }
}

/// Our job among the project's, if an earlier attempt created it.
fn find_existing(session: &mut Session<'_>, sent_at_ms: i64) -> Result<Option<String>, Attempt> {
    let spec = &session.state.spec;
    let model = model_resource_name(&spec.model).ok();
    let oldest = sent_at_ms.saturating_sub(CLOCK_SLACK_MS);
    let mut token: Option<String> = None;
    for _ in 0..MAX_LIST_PAGES {
        let url = session
            .endpoint
            .list_batches_url(Some(100), token.as_deref());
        let call = Call {
            verb: Verb::Get,
            url: &url,
            headers: Vec::new(),
            payload: Payload::Empty,
            with_key: true,
        };
        let response = match session.client.send(call, MAX_ANSWER_BYTES) {
            Ok(response) => response,
            Err(error) if error.is_fatal() => {
                return Err(Attempt::Fatal(Failure::run(error.to_string())));
            }
            Err(error) => {
                let error = Box::new(Error::transport(
                    error.message(),
                    Some(session.client.key()),
                ));
                return Err(Attempt::Transient(error, None));
            }
        };
        if !response.is_success() {
            return Err(judge_failure(
                &response,
                "the project's jobs could not be listed to make sure the job is not created twice",
                session.client.key(),
            ));
        }
        let page = BatchJobList::from_json(&response.body)
            .map_err(|e| Attempt::Transient(Box::new(e), None))?;
        let mut older_seen = false;
        for job in page.jobs {
            let created = job.created_unix_ms();
            if created.is_some_and(|at| at < oldest) {
                older_seen = true;
                continue;
            }
            let ours = job.display_name.as_deref() == Some(spec.display_name.as_str())
                && (job.model.is_none() || job.model == model)
                && job
                    .stats
                    .as_ref()
                    .and_then(|s| s.request_count)
                    .is_none_or(|count| count == session.images.len() as u64);
            if ours {
                return Ok(Some(job.name));
            }
        }
        // The list is newest first: past our send time, there is nothing left to find.
        match page.next_page_token {
            Some(next) if !older_seen => token = Some(next),
            _ => return Ok(None),
        }
    }
    Ok(None)
}
