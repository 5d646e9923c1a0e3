//! One resumable upload from a `Blob`, driving the core's [`Upload`] machine: chunks
//! are `Blob.slice` handed to `fetch`, progress is reported after every confirmed
//! chunk, a `File`'s session is kept in `localStorage` for a reload, and an abort
//! cancels the session on the server before the promise rejects.

use super::exchange::exchange;
use super::{UploadOptions, UploadProgress};
use crate::body::{blob_mime, blob_size};
use crate::resume::ResumeSlot;
use crate::timer::{random_seed, sleep};
use crate::transport::{Transport, scrub};
use gemini_vision::upload::{Action, ChunkSizing, StateMachine, Upload, UploadConfig};
use gemini_vision::wire::File;
use gemini_vision::{Error, Result};
use wasm_bindgen::JsCast;
use web_sys::Blob;

/// Uploads `blob` as `options` say.
pub async fn run(transport: &Transport, blob: &Blob, options: UploadOptions) -> Result<File> {
    let size = blob_size(blob)?;
    let mime = blob_mime(blob, options.mime_type.as_deref()).await?;
    if mime.is_empty() {
        return Err(Error::UnsupportedMime {
            mime,
            reason: "the Blob has no type and its first bytes match no known format; \
                     pass mimeType"
                .to_owned(),
        });
    }
    let file = blob.dyn_ref::<web_sys::File>();
    let mut config = UploadConfig::new(transport.endpoint().clone(), size, mime);
    let display_name = options
        .display_name
        .clone()
        .or_else(|| file.map(web_sys::File::name).filter(|n| !n.is_empty()));
    if let Some(name) = display_name {
        config = config.display_name(name);
    }
    if let Some(chunk) = options.chunk_size {
        config = config.chunking(ChunkSizing::Fixed(chunk));
    }
    let slot = match (options.resume, file) {
        (true, Some(file)) => ResumeSlot::for_file(file, &transport.endpoint().upload_url()),
        _ => None,
    };
    let (upload, resumed) = start(config, slot.as_ref())?;
    let mut driver = Driver {
        transport,
        blob,
        options: &options,
        slot,
        resumed,
    };
    driver.drive(upload).await
}

/// A fresh upload, or the continuation of the stored session for this file.
fn start(config: UploadConfig, slot: Option<&ResumeSlot>) -> Result<(Upload, bool)> {
    if let Some(record) = slot.and_then(ResumeSlot::load) {
        match Upload::resume(config.clone(), &record, random_seed()) {
            Ok(upload) => return Ok((upload, true)),
            Err(_) => {
                if let Some(slot) = slot {
                    slot.remove();
                }
            }
        }
    }
    Ok((Upload::new(config, random_seed())?, false))
}

struct Driver<'a> {
    transport: &'a Transport,
    blob: &'a Blob,
    options: &'a UploadOptions,
    slot: Option<ResumeSlot>,
    resumed: bool,
}

impl Driver<'_> {
    async fn drive(&mut self, mut upload: Upload) -> Result<File> {
        let signal = self.options.signal.as_ref();
        loop {
            if signal.is_some_and(web_sys::AbortSignal::aborted) {
                return self.abort(upload).await;
            }
            match upload.next_action() {
                Action::Send(request) => {
                    match exchange(self.transport, &request, Some(self.blob), signal).await {
                        Ok(answer) => upload.on_response(answer),
                        Err(Error::Aborted) => return self.abort(upload).await,
                        Err(Error::Transport { message }) => upload.on_transport_error(&message),
                        Err(other) => {
                            upload.on_transport_error(&other.to_string());
                        }
                    }
                }
                Action::Wait { millis } => {
                    if sleep(millis, signal).await.is_err() {
                        return self.abort(upload).await;
                    }
                }
                Action::Progress(progress) => {
                    if let (Some(slot), Some(record)) = (&self.slot, upload.resume_record()) {
                        slot.save(&record);
                    }
                    if let Some(report) = &self.options.on_progress {
                        report(UploadProgress {
                            sent: progress.confirmed,
                            total: progress.total,
                            restarts: upload.restarts(),
                            resumed: self.resumed,
                        });
                    }
                }
                Action::Finished(file) => {
                    self.forget();
                    return Ok(*file);
                }
                Action::Failed(error) => {
                    if matches!(error, Error::UploadCancelled) {
                        self.forget();
                    }
                    return Err(scrub(error, self.transport.api_key()));
                }
            }
        }
    }

    /// Cancels the session (one `cancel` request, sent without the fired signal), forgets
    /// the resume record, and ends with [`Error::Aborted`].
    async fn abort(&mut self, mut upload: Upload) -> Result<File> {
        upload.cancel();
        if let Action::Send(request) = upload.next_action() {
            match exchange(self.transport, &request, None, None).await {
                Ok(answer) => upload.on_response(answer),
                Err(_) => upload.interrupt(),
            }
        }
        self.forget();
        Err(Error::Aborted)
    }

    fn forget(&self) {
        if let Some(slot) = &self.slot {
            slot.remove();
        }
    }
}
