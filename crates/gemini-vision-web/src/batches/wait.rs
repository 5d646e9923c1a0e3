//! `batches.wait(jobOrName, { abortSignal, onState, pollMs, httpOptions })`: polls the
//! job with the core's [`BatchPoller`] (backoff between polls, 429/5xx and network
//! failures retried, `SUCCEEDED` polled on until its output is there, given up 48 h
//! after creation) and resolves with the `BatchJob` once it has ended: `SUCCEEDED`
//! with its output, or `FAILED` (with its `error`), `CANCELLED`, `EXPIRED`. `onState`
//! is called with the job (its `batchStats` included) whenever its state or counts
//! change. Rejects with an `AbortError` on abort, or with the error that ended the
//! polling (a call that failed for good, an output that never appeared).
//!
//! What this module never does: sleep past an abort, or call `onState` twice with the
//! same state and counts.

use super::job::batch_job;
use crate::rest::{Context, Outgoing, send};
use crate::timer::{random_seed, sleep};
use crate::transport::{read_capped, response_headers};
use gemini_vision::batch::{BatchAction, BatchError, BatchPollPolicy, BatchPoller};
use gemini_vision::http::Response as CoreResponse;
use gemini_vision::retry::Backoff;
use gemini_vision::{Error, Result};
use js_sys::{Function, JSON};
use wasm_bindgen::JsValue;

/// How to wait.
#[derive(Debug, Default)]
pub(crate) struct WaitOptions {
    /// Called with the job on every change.
    pub(crate) on_state: Option<Function>,
    /// A fixed time between polls instead of the policy's 5 s growing to 60 s.
    pub(crate) poll_ms: Option<u64>,
}

/// The jobs seen so far, and who wants to hear about them.
struct Watch {
    on_state: Option<Function>,
    /// The last answer's Operation, parsed by the browser.
    operation: Option<JsValue>,
    /// State and counts of the last job reported.
    reported: Option<String>,
}

impl Watch {
    /// The job of the last answer, reported to `onState` if it changed.
    fn report(&mut self) -> Result<JsValue> {
        let operation = self
            .operation
            .as_ref()
            .ok_or_else(|| Error::malformed("batch operation", "no answer was read"))?;
        let job = batch_job(operation)?;
        let seen = JSON::stringify(&js_sys::Array::of2(
            &crate::values::field(&job, "state").unwrap_or(JsValue::NULL),
            &crate::values::field(&job, "batchStats").unwrap_or(JsValue::NULL),
        ))
        .ok()
        .and_then(|s| s.as_string());
        if seen != self.reported {
            self.reported = seen;
            if let Some(on_state) = &self.on_state {
                // A bug in a progress display must not end the wait.
                let _ = on_state.call1(&JsValue::NULL, &job);
            }
        }
        Ok(job)
    }
}

/// Waits for the job `name` to end.
pub(crate) async fn run(context: &Context, name: &str, options: WaitOptions) -> Result<JsValue> {
    let mut policy = BatchPollPolicy::default();
    if let Some(millis) = options.poll_ms {
        policy.interval = Backoff {
            initial_ms: millis,
            max_ms: millis,
            multiplier: 1.0,
        };
    }
    let max_body = policy.max_operation_bytes;
    let (signal, key) = (context.signal(), context.api_key());
    let mut poller = BatchPoller::new(&context.endpoint, name, policy, random_seed(), key)
        .map_err(Error::from)?;
    let mut watch = Watch {
        on_state: options.on_state,
        operation: None,
        reported: None,
    };
    loop {
        match poller.next_action() {
            BatchAction::Send(request) => {
                let answer = match send(context, &Outgoing::api("GET", &request.url)).await {
                    Ok(answer) => answer,
                    Err(Error::Transport { message }) => {
                        poller.on_transport_error(&message);
                        continue;
                    }
                    Err(other) => return Err(other),
                };
                let response = &answer.response;
                let body = read_capped(response, max_body, false, signal, key)
                    .await
                    .map_err(|e| answer.explain(e))?;
                if response.ok() {
                    let parsed = std::str::from_utf8(&body)
                        .ok()
                        .and_then(|text| JSON::parse(text).ok())
                        .filter(JsValue::is_object);
                    if parsed.is_some() {
                        watch.operation = parsed;
                    }
                }
                let answer = CoreResponse {
                    status: response.status(),
                    headers: response_headers(response),
                    body,
                    elapsed_ms: 0,
                };
                poller.on_response(answer, js_sys::Date::now() as i64);
            }
            BatchAction::Wait { millis } => sleep(millis, signal).await?,
            BatchAction::Update(_) => {
                watch.report()?;
            }
            BatchAction::Finished(_) => return watch.report(),
            BatchAction::Failed(error) => {
                return match error {
                    // The job ended on the server: the caller reads its state and error.
                    BatchError::JobFailed { .. }
                    | BatchError::JobCancelled { .. }
                    | BatchError::JobExpired { age_ms: None, .. } => watch.report(),
                    other => Err(other.into()),
                };
            }
        }
    }
}
