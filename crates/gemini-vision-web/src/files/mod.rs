//! `ai.files`, the File API, as `@google/genai` offers it (`upload`, `get`, `list`,
//! `delete`, same arguments, same requests, same results) with our extras: uploads that
//! report progress, abort, retry, resume after a reload and continue a session an app's
//! server started (`uploadUrl`), `waitUntilActive` and `download` to a `Blob`.
//!
//! What this module never does: read a whole file into memory (every chunk is
//! `Blob.slice(start, end)` handed straight to `fetch`), decide anything about the
//! protocol (sizes, retries, resumption are the core machine's), send the API key to an
//! upload session, or leave an aborted upload's session open on the server.

mod download;
mod exchange;
mod legacy;
mod options;
mod poll;
mod resume;
mod types;
mod upload;

pub use download::DEFAULT_MAX_DOWNLOAD_BYTES;
pub use legacy::FileOps;
pub(crate) use legacy::wait_for;
pub(crate) use options::progress_callback;
pub use options::{ProgressCallback, UploadOptions, UploadProgress, WaitOptions};
pub use upload::CANCEL_WAIT_MS;

use crate::errors::promise;
use crate::genai::ClientCore;
use crate::pager::pager;
use crate::rest::names::file_id;
use crate::rest::{
    Context, HttpOptions, Outgoing, argument_object, config_and_context, json_call, pager_params,
    with_http_response,
};
use crate::values::{field, integer_field, string_field, whole_number_field};
use gemini_vision::{Error, Result};
use js_sys::Promise;
use options::UploadParams;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Blob;

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

/// Uploads `blob` with the resumable protocol, as `files.upload` does; resolves to the
/// `File` object the server answered with. For the request path's media that the plan
/// routes to the File API.
pub(crate) async fn upload_blob(
    core: &ClientCore,
    blob: &Blob,
    options: UploadOptions,
) -> Result<JsValue> {
    upload::run(core, blob, options, true).await
}

/// Waits until `file` (a `File` object, or a name or URI string) is `ACTIVE`; resolves
/// to the `File` object. Sends nothing when the object already says `ACTIVE`.
pub(crate) async fn wait_until_active(
    core: &ClientCore,
    file: &JsValue,
    options: WaitOptions,
) -> Result<JsValue> {
    let context = Context::new(core, &HttpOptions::default(), options.signal.clone())?;
    let id = id_of(file)?;
    let known = file.is_object().then_some(file);
    poll::run(&context, &id, known, &options).await
}

/// The file id a JS value names, as `tFileName` reads it: a string (name or URI), or an
/// object with `name`, `uri` (which wins) or `video.uri` (a generated video).
fn id_of(value: &JsValue) -> Result<String> {
    if let Some(text) = value.as_string() {
        return file_id(&text);
    }
    if !value.is_object() {
        return Err(Error::invalid(
            "file",
            "expected a file name, a URI or a File object",
        ));
    }
    let named = field(value, "video")
        .and_then(|video| field(&video, "uri"))
        .or_else(|| field(value, "uri"))
        .or_else(|| field(value, "name"))
        .and_then(|name| name.as_string())
        .ok_or_else(|| Error::invalid("file", "the object has no name or uri"))?;
    file_id(&named)
}

/// The file `params.name` names, checked.
fn named(params: &JsValue, method: &'static str, key: &'static str) -> Result<String> {
    argument_object(params, method, false)?;
    let value = field(params, key).ok_or_else(|| Error::invalid(key, "is required"))?;
    id_of(&value)
}

impl Files {
    /// `files.upload({ file, config })` from Rust: resolves to the `File` object.
    pub async fn upload(&self, params: JsValue) -> Result<JsValue> {
        let params = UploadParams::from_js(&params)?;
        upload::run(
            &self.core,
            &params.blob,
            params.options,
            params.config_given,
        )
        .await
    }

    /// `files.get({ name, config })` from Rust.
    pub async fn get(&self, params: JsValue) -> Result<JsValue> {
        let id = named(&params, "files.get", "name")?;
        let (_, context) = config_and_context(&self.core, &params)?;
        let url = context.endpoint.file_url(&id)?;
        Ok(json_call(&context, &Outgoing::api("GET", &url)).await?.0)
    }

    /// One page of `files.list({ config: { pageSize, pageToken } })`: `{ sdkHttpResponse,
    /// nextPageToken, files }`.
    async fn list_page(core: Rc<ClientCore>, params: JsValue) -> Result<JsValue> {
        let (config, context) = config_and_context(&core, &params)?;
        let page_size = integer_field(&config, "pageSize", 0.0, f64::from(u32::MAX))?;
        let page_token = string_field(&config, "pageToken")?;
        let url = context
            .endpoint
            .list_files_url(page_size.map(|n| n as u32), page_token.as_deref());
        let (body, http) = json_call(&context, &Outgoing::api("GET", &url)).await?;
        Ok(with_http_response(&body, &http))
    }

    /// `files.list(params)` from Rust: a `Pager` over `files`.
    pub async fn list(&self, params: JsValue) -> Result<JsValue> {
        argument_object(&params, "files.list", true)?;
        let params = pager_params(&params);
        let first = Files::list_page(self.core.clone(), params.clone()).await?;
        let core = self.core.clone();
        let fetch_page = move |params: JsValue| Files::list_page(core.clone(), params);
        Ok(pager("files", first, params, fetch_page))
    }

    /// `files.delete({ name, config })` from Rust: `{ sdkHttpResponse }`.
    pub async fn delete(&self, params: JsValue) -> Result<JsValue> {
        let id = named(&params, "files.delete", "name")?;
        let (_, context) = config_and_context(&self.core, &params)?;
        let url = context.endpoint.file_url(&id)?;
        // An empty JSON object as the body, as the SDK sends every DELETE.
        let out = Outgoing::api("DELETE", &url).json("{}".to_owned());
        let (body, http) = json_call(&context, &out).await?;
        Ok(with_http_response(&body, &http))
    }

    /// `files.waitUntilActive({ name, config: { abortSignal, timeoutMs } })` from Rust.
    pub async fn wait_until_active(&self, params: JsValue) -> Result<JsValue> {
        let id = named(&params, "files.waitUntilActive", "name")?;
        let (config, context) = config_and_context(&self.core, &params)?;
        let options = WaitOptions::from_config(&config)?;
        let target = field(&params, "name").unwrap_or(JsValue::UNDEFINED);
        poll::run(
            &context,
            &id,
            target.is_object().then_some(&target),
            &options,
        )
        .await
    }

    /// `files.download({ file, config: { abortSignal, httpOptions, maxBytes } })` from
    /// Rust: the bytes as a `Blob`.
    pub async fn download(&self, params: JsValue) -> Result<Blob> {
        let id = named(&params, "files.download", "file")?;
        let (config, context) = config_and_context(&self.core, &params)?;
        let max = whole_number_field(&config, "maxBytes")?.unwrap_or(DEFAULT_MAX_DOWNLOAD_BYTES);
        download::run(&context, &id, max).await
    }
}

#[wasm_bindgen]
impl Files {
    /// Uploads `params.file` (a `Blob` or `File`) with the resumable protocol; resolves
    /// to the `File` the server answered with. `config`: the SDK's `displayName`,
    /// `mimeType`, `name`, `abortSignal`, `httpOptions`, and ours: `onProgress`,
    /// `chunkSize`, `resume`, `uploadUrl`.
    #[wasm_bindgen(js_name = upload, unchecked_return_type = "Promise<File_2>")]
    pub fn upload_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UploadFileParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.upload(params).await })
    }

    /// The file `params.name` (`files/abc`, `abc` or its URI).
    #[wasm_bindgen(js_name = get, unchecked_return_type = "Promise<File_2>")]
    pub fn get_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetFileParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.get(params).await })
    }

    /// A `Pager` over the project's files (`config.pageSize`, `config.pageToken`).
    #[wasm_bindgen(js_name = list, unchecked_return_type = "Promise<Pager<File_2>>")]
    pub fn list_js(
        &self,
        // `| void`: TypeScript lets a caller leave the argument out, as the SDK does.
        #[wasm_bindgen(unchecked_param_type = "ListFilesParameters | void")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.list(params).await })
    }

    /// Deletes the file `params.name`.
    #[wasm_bindgen(js_name = delete, unchecked_return_type = "Promise<DeleteFileResponse>")]
    pub fn delete_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteFileParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.delete(params).await })
    }

    /// Waits until the file `params.name` (a name, URI or `File` object) is `ACTIVE`;
    /// rejects with code `FILE_FAILED` if processing failed, `TIMEOUT` after
    /// `config.timeoutMs` (default 10 minutes), an `AbortError` on `config.abortSignal`.
    #[wasm_bindgen(js_name = waitUntilActive, unchecked_return_type = "Promise<File_2>")]
    pub fn wait_until_active_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WaitUntilActiveParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.wait_until_active(params).await })
    }

    /// The bytes of `params.file` (a name, URI or `File` object) as a `Blob`, at most
    /// `config.maxBytes` (default 2 GB). The API serves generated files only (those
    /// with a `downloadUri`); an uploaded file's download rejects with its `ApiError`.
    #[wasm_bindgen(js_name = download, unchecked_return_type = "Promise<Blob>")]
    pub fn download_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DownloadFileParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.download(params).await.map(JsValue::from) })
    }
}
