//! Waiting until a file is `ACTIVE`, driving the core's [`ActivePoller`].

use super::exchange::exchange;
use super::options::WaitOptions;
use crate::rest::Context;
use crate::timer::{random_seed, sleep};
use crate::transport::scrub;
use crate::values::{field, string_field};
use gemini_vision::upload::{Action, ActivePoller, PollPolicy, StateMachine};
use gemini_vision::{Error, Result};
use js_sys::JSON;
use wasm_bindgen::JsValue;

/// Polls the file `id` until the core's poller finishes; `known` is a `File` object the
/// caller already holds: when it says `ACTIVE` (or `FAILED`), no request is sent.
pub(crate) async fn run(
    context: &Context,
    id: &str,
    known: Option<&JsValue>,
    options: &WaitOptions,
) -> Result<JsValue> {
    if let Some(file) = known {
        match string_field(file, "state").ok().flatten().as_deref() {
            Some("ACTIVE") => return Ok(file.clone()),
            Some("FAILED") => return Err(scrub(failed(file, id), context.api_key())),
            _ => {}
        }
    }
    let mut policy = PollPolicy::default();
    if let Some(timeout) = options.timeout_ms {
        policy.timeout_ms = timeout;
    }
    let mut poller = ActivePoller::new(&context.endpoint, id, policy, random_seed(), context.api_key())?;
    let mut last_body = Vec::new();
    loop {
        match poller.next_action() {
            Action::Send(request) => match exchange(context, &request, None).await {
                Ok(answer) => {
                    last_body.clone_from(&answer.body);
                    poller.on_response(answer);
                }
                Err(error @ (Error::Transport { .. } | Error::Timeout { .. })) => {
                    poller.on_transport_error(&error.to_string());
                }
                Err(other) => return Err(other),
            },
            Action::Wait { millis } => sleep(millis, context.signal()).await?,
            Action::Progress(_) => {}
            Action::Finished(_) => {
                let text = String::from_utf8_lossy(&last_body);
                return JSON::parse(&text).map_err(|_| Error::malformed("file", "not JSON"));
            }
            Action::Failed(error) => return Err(scrub(error, context.api_key())),
        }
    }
}

/// The `FILE_FAILED` error of a `File` object that says `FAILED`.
fn failed(file: &JsValue, id: &str) -> Error {
    let message = field(file, "error")
        .and_then(|error| string_field(&error, "message").ok().flatten())
        .unwrap_or_else(|| "the server gave no reason".to_owned());
    Error::FileFailed {
        name: format!("files/{id}"),
        message: gemini_vision::error::Redacted::new(
            &message,
            None,
            gemini_vision::error::Redacted::SENTENCE_CAP,
        ),
    }
}
