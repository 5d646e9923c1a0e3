//! The options of `files.upload` and `files.waitUntilActive`, as Rust types and as read
//! from the JS argument objects (every field checked; any other JS value is a clear
//! `INVALID_INPUT` error).

use crate::rest::{HttpOptions, abort_signal, argument_object};
use crate::values::{bool_field, field, string_field, whole_number_field};
use gemini_vision::{Error, Result};
use js_sys::{Function, Object, Reflect};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Blob};

/// Called with an upload's progress.
pub type ProgressCallback = Rc<dyn Fn(UploadProgress)>;

/// How one upload goes (`config` of `files.upload`).
#[derive(Clone)]
pub struct UploadOptions {
    /// `displayName`: the name shown in `files.list`.
    pub display_name: Option<String>,
    /// `name`: the file's resource name (`files/...` is prefixed if missing).
    pub name: Option<String>,
    /// `mimeType`; default `blob.type`, else sniffed from the first bytes.
    pub mime_type: Option<String>,
    /// `chunkSize`: a fixed chunk size (a multiple of the 256 KiB granularity); default
    /// adaptive from 8 MiB.
    pub chunk_size: Option<u64>,
    /// `abortSignal`: aborts the request in flight and cancels the session.
    pub signal: Option<AbortSignal>,
    /// `onProgress`: called after every confirmed chunk (and at every session's start).
    pub on_progress: Option<ProgressCallback>,
    /// `resume`: keep a resume record in `localStorage` (for a `File`) so that a reload
    /// continues the upload; default `true`.
    pub resume: bool,
    /// `uploadUrl`: continue a session that the app's server started (with its key,
    /// forwarding the page's `Origin`); the page then needs no key at all.
    pub upload_url: Option<String>,
    /// `httpOptions` of this call.
    pub http_options: HttpOptions,
}

impl Default for UploadOptions {
    fn default() -> Self {
        UploadOptions {
            display_name: None,
            name: None,
            mime_type: None,
            chunk_size: None,
            signal: None,
            on_progress: None,
            resume: true,
            upload_url: None,
            http_options: HttpOptions::default(),
        }
    }
}

impl fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadOptions")
            .field("display_name", &self.display_name)
            .field("name", &self.name)
            .field("mime_type", &self.mime_type)
            .field("chunk_size", &self.chunk_size)
            .field("signal", &self.signal.is_some())
            .field("on_progress", &self.on_progress.is_some())
            .field("resume", &self.resume)
            // A session URL is a credential: say only whether there is one.
            .field("upload_url", &self.upload_url.is_some())
            .field("http_options", &self.http_options)
            .finish()
    }
}

/// How far an upload is (what `onProgress` receives).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes the server confirmed holding.
    pub sent: u64,
    /// The file's size.
    pub total: u64,
    /// How many times an expired session made the upload start over.
    pub restarts: u32,
    /// Whether the upload continued bytes the server already held (a resume record
    /// after a reload, or an `uploadUrl` session that had bytes).
    pub resumed: bool,
}

impl UploadProgress {
    /// `{ sent, total, restarts, resumed }`.
    pub(crate) fn to_js(self) -> JsValue {
        let object = Object::new();
        let set = |key: &str, value: JsValue| {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
        };
        set("sent", JsValue::from(self.sent as f64));
        set("total", JsValue::from(self.total as f64));
        set("restarts", JsValue::from(self.restarts));
        set("resumed", JsValue::from(self.resumed));
        object.into()
    }
}

/// How long to wait for `ACTIVE` (`config` of `files.waitUntilActive`).
#[derive(Debug, Clone, Default)]
pub struct WaitOptions {
    /// `abortSignal`: aborts the wait.
    pub signal: Option<AbortSignal>,
    /// `timeoutMs`: give up with a `TIMEOUT` error after this long (default 10 minutes).
    pub timeout_ms: Option<u64>,
}

impl WaitOptions {
    /// Reads `config` of `files.waitUntilActive`.
    pub(crate) fn from_config(config: &JsValue) -> Result<Self> {
        Ok(WaitOptions {
            signal: abort_signal(config)?,
            timeout_ms: whole_number_field(config, "timeoutMs")?,
        })
    }
}

/// `params` of `files.upload`: the `Blob`, its options, and whether a `config` object was
/// given (the SDK's start body orders its keys differently without one).
pub(crate) struct UploadParams {
    pub(crate) blob: Blob,
    pub(crate) options: UploadOptions,
    pub(crate) config_given: bool,
}

impl UploadParams {
    /// Reads `{ file, config }`.
    /// A non-object, or a `file` that is not a `Blob` (a path string, `{size: 3}`), is
    /// refused at once.
    pub(crate) fn from_js(params: &JsValue) -> Result<Self> {
        argument_object(params, "files.upload", false)?;
        let blob = match field(params, "file") {
            Some(file) if file.is_string() => {
                return Err(Error::invalid(
                    "file",
                    "a file path is not supported in the browser: pass a Blob or File",
                ));
            }
            Some(file) => file
                .dyn_into::<Blob>()
                .map_err(|_| Error::invalid("file", "expected a Blob or File"))?,
            None => return Err(Error::invalid("file", "is required (a Blob or File)")),
        };
        let config = field(params, "config");
        let config_given = config.is_some();
        let config = config.unwrap_or(JsValue::UNDEFINED);
        if config_given && !config.is_object() {
            return Err(Error::invalid("config", "expected an object"));
        }
        let on_progress = match field(&config, "onProgress") {
            None => None,
            Some(callback) => {
                Some(progress_callback(callback.dyn_into::<Function>().map_err(
                    |_| Error::invalid("onProgress", "expected a function"),
                )?))
            }
        };
        let options = UploadOptions {
            display_name: string_field(&config, "displayName")?,
            name: string_field(&config, "name")?,
            mime_type: string_field(&config, "mimeType")?,
            chunk_size: whole_number_field(&config, "chunkSize")?,
            signal: abort_signal(&config)?,
            on_progress,
            resume: bool_field(&config, "resume")?.unwrap_or(true),
            upload_url: string_field(&config, "uploadUrl")?,
            http_options: HttpOptions::from_config(&config)?,
        };
        Ok(UploadParams {
            blob,
            options,
            config_given,
        })
    }
}

/// A JS `onProgress` as a Rust callback. What it throws is ignored: a bug in a progress
/// bar must not fail the upload.
pub(crate) fn progress_callback(function: Function) -> ProgressCallback {
    Rc::new(move |progress: UploadProgress| {
        let _ = function.call1(&JsValue::NULL, &progress.to_js());
    })
}
