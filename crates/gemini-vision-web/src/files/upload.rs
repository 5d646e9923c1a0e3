//! One resumable upload from a `Blob`, driving the core's [`Upload`] machine: chunks
//! are `Blob.slice` handed to `fetch`, progress is reported after every confirmed
//! chunk, a `File`'s session is kept in `localStorage` for a reload, and an abort
//! cancels the session on the server before the promise rejects (waiting at most
//! [`CANCEL_WAIT_MS`] for the `cancel`'s answer).
//!
//! The start request is the SDK's (`{"file": {mimeType, name, displayName, sizeBytes}}`
//! with its headers); with `uploadUrl` there is no start request at all: the machine
//! continues the caller's session, asking the server where it is first.

use super::exchange::{exchange, is_session_request};
use super::options::{UploadOptions, UploadProgress};
use super::resume::ResumeSlot;
use crate::body::{blob_mime, blob_size};
use crate::genai::ClientCore;
use crate::rest::{Context, origin};
use crate::timer::{random_seed, sleep};
use crate::transport::scrub;
use gemini_vision::http::RequestBody;
use gemini_vision::upload::{
    Action, ChunkSizing, ResumeRecord, StateMachine, Upload, UploadConfig,
};
use gemini_vision::{Error, Result};
use js_sys::{JSON, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::Blob;

/// How long an aborted upload waits for its `cancel` request's answer before it
/// rejects: a server that never answers must not keep the caller's promise open.
pub const CANCEL_WAIT_MS: u64 = 500;
/// How long the `cancel` request itself may take, in the background.
const CANCEL_TIMEOUT_MS: u64 = 10_000;
/// The MIME type declared for an `uploadUrl` session whose type nothing tells (the
/// session's type was set by the server that started it; this one is never sent).
const UNKNOWN_MIME: &str = "application/octet-stream";

/// Uploads `blob` as `options` say; resolves to the `File` the server answered with
/// (video and PDF may still be `PROCESSING`: see `files.waitUntilActive`).
/// `config_given` orders the start body's keys as the SDK does with and without a
/// `config` object.
pub(crate) async fn run(
    core: &ClientCore,
    blob: &Blob,
    options: UploadOptions,
    config_given: bool,
) -> Result<JsValue> {
    let context = Context::new(core, &options.http_options, options.signal.clone())?;
    let size = blob_size(blob)?;
    let declared = options.mime_type.clone().filter(|m| !m.is_empty());
    let own_type = crate::blob::blob_type(blob)?;
    let mime = match declared.or_else(|| Some(own_type).filter(|t| !t.is_empty())) {
        Some(mime) => mime,
        None => blob_mime(blob, None).await?,
    };
    let mime = match (mime.is_empty(), options.upload_url.is_some()) {
        (false, _) => mime,
        (true, true) => UNKNOWN_MIME.to_owned(),
        (true, false) => {
            return Err(Error::UnsupportedMime {
                mime,
                reason: "the Blob has no type and its first bytes match no known format; \
                         pass mimeType"
                    .to_owned(),
            });
        }
    };
    let mut config = UploadConfig::new(context.endpoint.clone(), size, mime.clone());
    if let Some(name) = &options.display_name {
        config = config.display_name(name.clone());
    }
    if let Some(chunk) = options.chunk_size {
        config = config.chunking(ChunkSizing::Fixed(chunk));
    }
    let start_body = start_body(&options, size, &mime, config_given)?;
    let file = blob.dyn_ref::<web_sys::File>();
    let slot = match (options.resume, file, &options.upload_url) {
        (true, Some(file), None) => {
            ResumeSlot::for_file(file, &context.endpoint.upload_url(), context.api_key()).await
        }
        _ => None,
    };
    let (upload, resumed) = match &options.upload_url {
        Some(url) => (continue_session(config, url, &context)?, false),
        None => begin(config, slot.as_ref(), &context)?,
    };
    let mut driver = Driver {
        context,
        blob,
        options: &options,
        slot,
        resumed,
        start_body,
        last_body: Vec::new(),
        sent_chunk: false,
    };
    driver.drive(upload).await
}

/// The start request's body as the SDK writes it: `{"file": {mimeType, name,
/// displayName, sizeBytes}}` (without a `config`: `{sizeBytes, mimeType}`), `name`
/// prefixed with `files/`, `sizeBytes` a string; `JSON.stringify` keeps the order.
fn start_body(
    options: &UploadOptions,
    size: u64,
    mime: &str,
    config_given: bool,
) -> Result<Vec<u8>> {
    let file = Object::new();
    let set = |key: &str, value: Option<&str>| {
        let value = value.map_or(JsValue::UNDEFINED, JsValue::from_str);
        let _ = Reflect::set(&file, &JsValue::from_str(key), &value);
    };
    if config_given {
        set("mimeType", Some(mime));
        let name = options.name.as_ref().map(|name| {
            if name.is_empty() || name.starts_with("files/") {
                name.clone()
            } else {
                format!("files/{name}")
            }
        });
        set("name", name.as_deref());
        set("displayName", options.display_name.as_deref());
    }
    set("sizeBytes", Some(&size.to_string()));
    set("mimeType", Some(mime));
    let body = Object::new();
    let _ = Reflect::set(&body, &JsValue::from_str("file"), &file);
    JSON::stringify(&body)
        .ok()
        .and_then(|json| json.as_string())
        .map(String::into_bytes)
        .ok_or_else(|| Error::invalid("upload metadata", "cannot be written as JSON"))
}

/// A fresh upload, or the continuation of this owner's stored session for the file
/// (a record whose session URL the browser would send elsewhere is forgotten).
fn begin(
    config: UploadConfig,
    slot: Option<&ResumeSlot>,
    context: &Context,
) -> Result<(Upload, bool)> {
    if let Some((slot, record)) = slot.and_then(|slot| Some((slot, slot.load()?))) {
        let checked = origin::session_url(&record.session_url, &context.endpoint, false);
        match checked
            .and_then(|_| Upload::resume(config.clone(), &record, random_seed(), context.api_key()))
        {
            Ok(upload) => return Ok((upload, true)),
            Err(_) => slot.remove(),
        }
    }
    Ok((
        Upload::new(config, random_seed(), context.api_key())?,
        false,
    ))
}

/// The caller's session (`uploadUrl`): the machine asks where it is, then sends the rest.
/// An expired session cannot be started again without a key: it fails instead.
fn continue_session(config: UploadConfig, url: &str, context: &Context) -> Result<Upload> {
    let url = origin::session_url(url, &context.endpoint, false)?;
    let record = ResumeRecord {
        version: ResumeRecord::VERSION,
        session_url: url,
        size: config.size,
        mime_type: config.mime_type.clone(),
        granularity: ChunkSizing::DEFAULT_GRANULARITY,
        confirmed: 0,
    };
    Upload::resume(
        config.max_restarts(0),
        &record,
        random_seed(),
        context.api_key(),
    )
}

struct Driver<'a> {
    context: Context,
    blob: &'a Blob,
    options: &'a UploadOptions,
    slot: Option<ResumeSlot>,
    resumed: bool,
    start_body: Vec<u8>,
    /// The body of the last answer: the final one holds the `File` as the server wrote it.
    last_body: Vec<u8>,
    sent_chunk: bool,
}

impl Driver<'_> {
    async fn drive(&mut self, mut upload: Upload) -> Result<JsValue> {
        loop {
            if self
                .context
                .signal()
                .is_some_and(web_sys::AbortSignal::aborted)
            {
                return self.abort(upload).await;
            }
            match upload.next_action() {
                Action::Send(mut request) => {
                    let session = is_session_request(&request);
                    if !session {
                        request.body = RequestBody::Json(self.start_body.clone());
                    }
                    self.sent_chunk |= matches!(request.body, RequestBody::SourceRange { .. });
                    match exchange(&self.context, &request, Some(self.blob)).await {
                        Ok(answer) => {
                            self.last_body.clone_from(&answer.body);
                            upload.on_response(answer);
                        }
                        Err(Error::Aborted) => return self.abort(upload).await,
                        Err(error @ Error::UploadProtocol { .. }) => {
                            self.forget();
                            return Err(error);
                        }
                        Err(other) => upload.on_transport_error(&other.to_string()),
                    }
                }
                Action::Wait { millis } => {
                    if sleep(millis, self.context.signal()).await.is_err() {
                        return self.abort(upload).await;
                    }
                }
                Action::Progress(progress) => {
                    self.report(&upload, progress.confirmed, progress.total)
                }
                Action::Finished(file) => {
                    self.forget();
                    return Ok(self.file_json().unwrap_or_else(|| to_js(&file)));
                }
                Action::Failed(error) => {
                    if matches!(error, Error::UploadCancelled) {
                        self.forget();
                    }
                    return Err(scrub(error, self.context.api_key()));
                }
            }
        }
    }

    fn report(&mut self, upload: &Upload, sent: u64, total: u64) {
        if let (Some(slot), Some(record)) = (&self.slot, upload.resume_record()) {
            slot.save(&record);
        }
        // An `uploadUrl` session that already held bytes is a resumed one.
        if self.options.upload_url.is_some() && !self.sent_chunk && sent > 0 {
            self.resumed = true;
        }
        if let Some(report) = &self.options.on_progress {
            report(UploadProgress {
                sent,
                total,
                restarts: upload.restarts(),
                resumed: self.resumed,
            });
        }
    }

    /// The `file` of the final answer, parsed by the browser (every field the server
    /// sent, as the SDK returns it).
    fn file_json(&self) -> Option<JsValue> {
        let text = std::str::from_utf8(&self.last_body).ok()?;
        let answer = JSON::parse(text).ok()?;
        Reflect::get(&answer, &JsValue::from_str("file"))
            .ok()
            .filter(JsValue::is_object)
    }

    /// Cancels the session and ends with [`Error::Aborted`]. The `cancel` request runs
    /// on its own deadline, without the fired signal; the caller waits for its answer
    /// at most [`CANCEL_WAIT_MS`].
    async fn abort(&mut self, mut upload: Upload) -> Result<JsValue> {
        self.forget();
        upload.cancel();
        if let Action::Send(request) = upload.next_action() {
            let context = self.context.detached(CANCEL_TIMEOUT_MS);
            let cancel = future_to_promise(async move {
                let _ = exchange(&context, &request, None).await;
                Ok(JsValue::UNDEFINED)
            });
            let patience = future_to_promise(async {
                let _ = sleep(CANCEL_WAIT_MS, None).await;
                Ok(JsValue::UNDEFINED)
            });
            let both = js_sys::Array::of2(&cancel, &patience);
            let _ = JsFuture::from(Promise::race(&both)).await;
        }
        Err(Error::Aborted)
    }

    fn forget(&self) {
        if let Some(slot) = &self.slot {
            slot.remove();
        }
    }
}

/// The core's `File` as a JS object (when the final answer could not be re-read).
fn to_js(file: &gemini_vision::wire::File) -> JsValue {
    crate::values::to_js_json(&file.to_value(), "file").unwrap_or(JsValue::NULL)
}
