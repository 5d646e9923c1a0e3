//! The File API: resumable uploads straight from a `Blob` (driving the core's
//! [`gemini_vision::upload::Upload`]), `get`, `list`, `delete`, and waiting until a file
//! is `ACTIVE` (the core's [`gemini_vision::upload::ActivePoller`]).
//!
//! What this module never does: read a whole file into memory (every chunk is
//! `Blob.slice(start, end)` handed straight to `fetch`), decide anything about the
//! protocol (sizes, retries, resumption are the core machine's), or leave an aborted
//! upload's session open on the server.

mod exchange;
mod poll;
mod upload;

use crate::genai::ClientCore;
use crate::transport::{Call, Transport, send_with_retries};
use gemini_vision::Result;
use gemini_vision::wire::{File, ListFilesResponse};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, Blob};

/// `ai.files` of one client: the File API.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Files {
    core: Rc<ClientCore>,
}

impl Files {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Files { core }
    }
}

/// The File API of one client (`client.files()`); cheap to clone.
#[derive(Clone, Debug)]
pub struct FileOps {
    transport: Rc<Transport>,
}

/// Called with an upload's progress.
pub type ProgressCallback = Rc<dyn Fn(UploadProgress)>;

/// How one upload goes.
#[derive(Clone)]
pub struct UploadOptions {
    /// The name shown in `files.list`; default: the `File`'s name, none for a `Blob`.
    pub display_name: Option<String>,
    /// The MIME type; default `blob.type`, else sniffed from the first bytes.
    pub mime_type: Option<String>,
    /// A fixed chunk size (rounded down to the 256 KiB granularity); default
    /// adaptive from 8 MiB.
    pub chunk_size: Option<u64>,
    /// Aborts the request in flight and cancels the session.
    pub signal: Option<AbortSignal>,
    /// Called after every confirmed chunk (and at the start of every session).
    pub on_progress: Option<ProgressCallback>,
    /// Keep a resume record in `localStorage` (for a `File`) so a reload continues the
    /// upload; default `true`.
    pub resume: bool,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            display_name: None,
            mime_type: None,
            chunk_size: None,
            signal: None,
            on_progress: None,
            resume: true,
        }
    }
}

impl fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadOptions")
            .field("display_name", &self.display_name)
            .field("mime_type", &self.mime_type)
            .field("chunk_size", &self.chunk_size)
            .field("signal", &self.signal.is_some())
            .field("on_progress", &self.on_progress.is_some())
            .field("resume", &self.resume)
            .finish()
    }
}

/// How far an upload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes the server confirmed holding.
    pub sent: u64,
    /// The file's size.
    pub total: u64,
    /// How many times an expired session made the upload start over.
    pub restarts: u32,
    /// Whether this upload continued a session from an earlier page.
    pub resumed: bool,
}

/// How long to wait for `ACTIVE`.
#[derive(Debug, Clone, Default)]
pub struct WaitOptions {
    /// Aborts the wait.
    pub signal: Option<AbortSignal>,
    /// Give up with a `TIMEOUT` error after this long (default 10 minutes).
    pub timeout_ms: Option<u64>,
}

impl FileOps {
    pub(crate) fn new(transport: Rc<Transport>) -> Self {
        FileOps { transport }
    }

    /// Uploads `blob` (a `File` is a `Blob`) with the resumable protocol; the stored
    /// file as the server describes it (video and PDF may still be `PROCESSING`: see
    /// [`FileOps::wait_until_active`]).
    pub async fn upload(&self, blob: &Blob, options: UploadOptions) -> Result<File> {
        upload::run(&self.transport, blob, options).await
    }

    /// The file `name` (`files/abc` or `abc`).
    pub async fn get(&self, name: &str) -> Result<File> {
        self.get_with_signal(name, None).await
    }

    pub(crate) async fn get_with_signal(
        &self,
        name: &str,
        signal: Option<&AbortSignal>,
    ) -> Result<File> {
        let url = self.transport.endpoint().file_url(name)?;
        let body = send_with_retries(&self.transport, &Call::new("GET", &url, signal)).await?;
        parse(&body, "file")
    }

    /// One page of the project's files, newest first.
    pub async fn list(
        &self,
        page_size: Option<u32>,
        page_token: Option<&str>,
    ) -> Result<ListFilesResponse> {
        let url = self
            .transport
            .endpoint()
            .list_files_url(page_size, page_token);
        let body = send_with_retries(&self.transport, &Call::new("GET", &url, None)).await?;
        parse(&body, "file list")
    }

    /// Deletes the file `name`.
    pub async fn delete(&self, name: &str) -> Result<()> {
        let url = self.transport.endpoint().file_url(name)?;
        send_with_retries(&self.transport, &Call::new("DELETE", &url, None)).await?;
        Ok(())
    }

    /// Polls the file `name` until it is `ACTIVE`; `FILE_FAILED` if processing failed,
    /// `TIMEOUT` after `options.timeout_ms`, `ABORTED` when the signal fires.
    pub async fn wait_until_active(&self, name: &str, options: WaitOptions) -> Result<File> {
        poll::run(&self.transport, name, options).await
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8], what: &'static str) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| gemini_vision::Error::malformed(what, e.to_string()))
}

/// Waits until `file` (an upload's answer) is `ACTIVE`, without a request if it is.
pub(crate) async fn wait_for(
    transport: &Transport,
    file: &File,
    options: WaitOptions,
) -> Result<File> {
    poll::run_for(transport, file, options).await
}
