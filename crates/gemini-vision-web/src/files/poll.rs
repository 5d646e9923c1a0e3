//! Waiting until a file is `ACTIVE`, driving the core's [`ActivePoller`].

use super::WaitOptions;
use super::exchange::exchange;
use crate::timer::{random_seed, sleep};
use crate::transport::{Transport, scrub};
use gemini_vision::upload::{Action, ActivePoller, PollPolicy, StateMachine};
use gemini_vision::wire::File;
use gemini_vision::{Error, Result};

/// Polls `name` until the core's poller finishes.
pub async fn run(transport: &Transport, name: &str, options: WaitOptions) -> Result<File> {
    let mut policy = PollPolicy::default();
    if let Some(timeout) = options.timeout_ms {
        policy.timeout_ms = timeout;
    }
    let poller = ActivePoller::new(transport.endpoint(), name, policy, random_seed())?;
    drive(transport, poller, options).await
}

/// Polls from a `File` we already hold (an upload's answer): no request at all if it
/// is already `ACTIVE`.
pub async fn run_for(transport: &Transport, file: &File, options: WaitOptions) -> Result<File> {
    let mut policy = PollPolicy::default();
    if let Some(timeout) = options.timeout_ms {
        policy.timeout_ms = timeout;
    }
    let poller = ActivePoller::for_file(transport.endpoint(), file, policy, random_seed())?;
    drive(transport, poller, options).await
}

async fn drive(
    transport: &Transport,
    mut poller: ActivePoller,
    options: WaitOptions,
) -> Result<File> {
    let signal = options.signal.as_ref();
    let key = transport.api_key();
    loop {
        match poller.next_action() {
            Action::Send(request) => match exchange(transport, &request, None, signal).await {
                Ok(answer) => poller.on_response(answer),
                Err(Error::Transport { message }) => poller.on_transport_error(&message),
                Err(other) => return Err(other),
            },
            Action::Wait { millis } => sleep(millis, signal).await?,
            Action::Progress(_) => {}
            Action::Finished(file) => return Ok(*file),
            Action::Failed(error) => return Err(scrub(error, key)),
        }
    }
}
