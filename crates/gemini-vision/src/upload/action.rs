//! What a machine asks the shell to do next, and the one interface every machine in
//! this module offers, so a single driving loop serves the upload and the poller.

use crate::error::Error;
use crate::http::{HttpRequest, Response};
use crate::wire::File;

/// Bytes of the file the server has confirmed, out of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes the server confirmed holding. Only goes down when an expired session
    /// forces a fresh start (it is then reported as 0).
    pub confirmed: u64,
    /// The file's size.
    pub total: u64,
}

/// The next thing the shell must do.
#[derive(Debug)]
pub enum Action {
    /// Send this request, then pass its answer to
    /// [`StateMachine::on_response`] (or its failure to
    /// [`StateMachine::on_transport_error`]).
    Send(HttpRequest),
    /// Sleep this long, then ask for the next action.
    Wait {
        /// How long, in milliseconds.
        millis: u64,
    },
    /// Tell the user how far the upload is (emitted after every confirmed chunk and at
    /// the start of every session), then ask for the next action.
    Progress(Progress),
    /// Done: the file as the server describes it.
    Finished(Box<File>),
    /// Done: the operation failed (or was cancelled: [`Error::UploadCancelled`]).
    Failed(Error),
}

/// A sans-I/O protocol machine: it decides, the shell sends and sleeps.
///
/// The contract: call [`next_action`](Self::next_action); after an [`Action::Send`],
/// report the answer with exactly one call of [`on_response`](Self::on_response) or
/// [`on_transport_error`](Self::on_transport_error) before asking again. After
/// [`Action::Finished`] or [`Action::Failed`] the machine is over: asking again returns
/// the finished file again, or an error saying that it already ended.
pub trait StateMachine {
    /// What to do next.
    fn next_action(&mut self) -> Action;
    /// The answer to the request last sent. An answer when none is awaited is ignored.
    fn on_response(&mut self, response: Response);
    /// The request last sent failed before an answer arrived (connection reset, DNS,
    /// CORS refusal, timeout). `message` is for humans; the machine scrubs the key it was
    /// given from it before keeping it in an error.
    fn on_transport_error(&mut self, message: &str);
}
