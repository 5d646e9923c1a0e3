//! Stand-in until the client crate lands: every run fails with a clear message.
#![allow(missing_docs, dead_code)]
use crate::domain::failure::Problem;
use crate::state::ConnectionState;

#[derive(Clone, Debug)]
pub struct Client;

pub fn client_for(_: &ConnectionState) -> Result<Client, Problem> {
    Err(Problem::new(
        "Not wired yet",
        "The client crate has not landed.",
    ))
}

pub mod upload {
    use super::Client;
    use crate::state::{AppState, MediaEntry, ResultCard};
    use std::collections::HashMap;
    pub async fn upload_planned(
        _: AppState,
        _: &Client,
        _: &super::super::Ask,
        _: &[MediaEntry],
        _: &[Vec<usize>],
        _: &[ResultCard],
        _: &web_sys::AbortSignal,
    ) -> HashMap<u64, gemini_vision::wire::File> {
        HashMap::new()
    }
}

pub mod request {
    use super::Client;
    use crate::state::{AppState, MediaEntry, ResultCard};
    pub async fn stream_into_card(
        _: AppState,
        _: &Client,
        _: &super::super::Ask,
        _: &[MediaEntry],
        _: &ResultCard,
        _: &web_sys::AbortSignal,
    ) {
    }
}

#[derive(Debug)]
pub struct Files;
impl Client {
    pub fn files(&self) -> Files {
        Files
    }
}
impl Files {
    pub async fn list(
        &self,
        _: Option<u32>,
        _: Option<&str>,
    ) -> gemini_vision::Result<gemini_vision::wire::ListFilesResponse> {
        Err(gemini_vision::Error::Aborted)
    }
    pub async fn delete(&self, _: &str) -> gemini_vision::Result<()> {
        Err(gemini_vision::Error::Aborted)
    }
}
