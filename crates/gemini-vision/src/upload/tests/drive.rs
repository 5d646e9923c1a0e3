//! The shell's loop, run against the model server, recording what a test needs to
//! judge the run.

use super::server_model::{ModelServer, source};
use crate::error::Error;
use crate::http::{HttpRequest, RequestBody};
use crate::upload::{Action, Progress, StateMachine};
use crate::wire::File;

/// Everything observable about one run.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) outcome: Result<File, Error>,
    /// Each progress report, with how many sessions had been started when it came.
    pub(crate) progress: Vec<(Progress, usize)>,
    pub(crate) requests: Vec<HttpRequest>,
    pub(crate) waits: Vec<u64>,
    pub(crate) chunk_bytes_sent: u64,
    pub(crate) actions: usize,
}

/// More actions than any correct run needs; reaching it means the machine looped.
pub(crate) const ACTION_LIMIT: usize = 200_000;

pub(crate) fn drive(machine: &mut impl StateMachine, server: &mut ModelServer) -> Run {
    let mut run = Run {
        outcome: Err(Error::invalid("run", "the machine never ended")),
        progress: Vec::new(),
        requests: Vec::new(),
        waits: Vec::new(),
        chunk_bytes_sent: 0,
        actions: 0,
    };
    while run.actions < ACTION_LIMIT {
        run.actions += 1;
        match machine.next_action() {
            Action::Send(request) => {
                let body = body_of(&request);
                if matches!(request.body, RequestBody::SourceRange { .. }) {
                    run.chunk_bytes_sent += body.len() as u64;
                }
                let answer = server.handle(&request, &body);
                run.requests.push(request);
                match answer {
                    Ok(response) => machine.on_response(response),
                    Err(message) => machine.on_transport_error(&message),
                }
            }
            Action::Wait { millis } => run.waits.push(millis),
            Action::Progress(progress) => {
                run.progress.push((progress, server.sessions_started()));
            }
            Action::Finished(file) => {
                run.outcome = Ok(*file);
                break;
            }
            Action::Failed(error) => {
                run.outcome = Err(error);
                break;
            }
        }
    }
    run
}

pub(crate) fn body_of(request: &HttpRequest) -> Vec<u8> {
    match &request.body {
        RequestBody::Empty => Vec::new(),
        RequestBody::Json(json) => json.clone(),
        RequestBody::SourceRange { start, end } => source(*start, *end),
    }
}
