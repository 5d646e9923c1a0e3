//! `ai.batches`: Batch Mode, as `@google/genai` offers it (`create`, `get`, `list`,
//! `cancel`, `delete`: same arguments, same requests, same `BatchJob`s, plus the
//! `batchStats` and `error` the SDK drops) with our extras: requests holding `Blob`s,
//! a batch too big to send inline written as a JSONL file and uploaded with progress
//! and abort, `results` (inline or a streamed result file) and `wait`.
//!
//! What this module never does: put a caller's name into a URL unchecked (the core
//! checks `batches/{id}` and `files/{id}`), retry a create, or hold a whole result file.

mod create;
mod job;
mod requests;
mod results;
mod types;
mod wait;

use crate::errors::{error_to_js, guard, promise};
use crate::genai::ClientCore;
use crate::pager::pager;
use crate::rest::{
    Context, HttpOptions, Outgoing, abort_signal, argument_object, config_and_context, json_call,
    pager_params, with_http_response,
};
use crate::values::{field, function_field, integer_field, string_field, whole_number_field};
use gemini_vision::{Error, Result};
use js_sys::Promise;
use results::name_of;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.batches` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Batches {
    core: Rc<ClientCore>,
}

impl Batches {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Batches { core }
    }
}

/// `params` checked; the URL of the job `params.name` and the call's context.
fn named(
    core: &ClientCore,
    params: &JsValue,
    method: &'static str,
    suffix: &str,
) -> Result<(String, Context)> {
    argument_object(params, method, false)?;
    let (_, context) = config_and_context(core, params)?;
    let name =
        string_field(params, "name")?.ok_or_else(|| Error::invalid("name", "is required"))?;
    let url = context.endpoint.batch_url(&name)? + suffix;
    Ok((url, context))
}

/// The options object of `results` and `wait` (any JS value: absent reads as none).
fn options_context(core: &ClientCore, options: &JsValue) -> Result<Context> {
    if !options.is_undefined() && !options.is_null() && !options.is_object() {
        return Err(Error::invalid("options", "expected an object"));
    }
    Context::new(
        core,
        &HttpOptions::from_config(options)?,
        abort_signal(options)?,
    )
}

impl Batches {
    /// `batches.create({ model, src, config })` from Rust: the `BatchJob` created.
    pub async fn create(&self, params: JsValue) -> Result<JsValue> {
        create::create(&self.core, &params).await
    }

    /// `batches.get({ name, config })` from Rust: the `BatchJob`.
    pub async fn get(&self, params: JsValue) -> Result<JsValue> {
        let (url, context) = named(&self.core, &params, "batches.get", "")?;
        job::batch_job(&json_call(&context, &Outgoing::api("GET", &url)).await?.0)
    }

    /// `batches.cancel({ name, config })` from Rust (`POST {name}:cancel` with `{}`, as
    /// the SDK sends it); resolves to `undefined`.
    pub async fn cancel(&self, params: JsValue) -> Result<JsValue> {
        let (url, context) = named(&self.core, &params, "batches.cancel", ":cancel")?;
        json_call(&context, &Outgoing::api("POST", &url).json("{}".to_owned())).await?;
        Ok(JsValue::UNDEFINED)
    }

    /// `batches.delete({ name, config })` from Rust: `{ sdkHttpResponse, name?, done?,
    /// error? }` (`DELETE` with `{}`, as the SDK sends it).
    pub async fn delete(&self, params: JsValue) -> Result<JsValue> {
        let (url, context) = named(&self.core, &params, "batches.delete", "")?;
        let out = Outgoing::api("DELETE", &url).json("{}".to_owned());
        let (body, http) = json_call(&context, &out).await?;
        let answer = with_http_response(&JsValue::UNDEFINED, &http);
        for key in ["name", "done", "error"] {
            if let Some(value) = field(&body, key) {
                crate::values::set(answer.unchecked_ref(), key, &value);
            }
        }
        Ok(answer)
    }

    /// One page: `{ sdkHttpResponse, nextPageToken, batchJobs }`.
    async fn list_page(core: Rc<ClientCore>, params: JsValue) -> Result<JsValue> {
        let (config, context) = config_and_context(&core, &params)?;
        if crate::values::get(&config, "filter", "config")?.is_truthy() {
            return Err(gemini_vision::sdk::shape::vertex_only("filter"));
        }
        let page_size = integer_field(&config, "pageSize", 0.0, f64::from(u32::MAX))?;
        let page_token = string_field(&config, "pageToken")?;
        let url = context
            .endpoint
            .list_batches_url(page_size.map(|n| n as u32), page_token.as_deref());
        let (body, http) = json_call(&context, &Outgoing::api("GET", &url)).await?;
        job::list_page(&body, &http)
    }

    /// `batches.list(params)` from Rust: a `Pager` over `batchJobs`.
    pub async fn list(&self, params: JsValue) -> Result<JsValue> {
        argument_object(&params, "batches.list", true)?;
        let params = pager_params(&params);
        let first = Batches::list_page(self.core.clone(), params.clone()).await?;
        let core = self.core.clone();
        let fetch_page = move |params: JsValue| Batches::list_page(core.clone(), params);
        Ok(pager("batchJobs", first, params, fetch_page))
    }

    /// `batches.wait(job, options)` from Rust: the `BatchJob` once it has ended.
    pub async fn wait(&self, job: JsValue, options: JsValue) -> Result<JsValue> {
        let name = name_of(&job)?;
        let context = options_context(&self.core, &options)?;
        let options = wait::WaitOptions {
            on_state: function_field(&options, "onState")?,
            poll_ms: whole_number_field(&options, "pollMs")?,
        };
        wait::run(&context, &name, options).await
    }

    /// `batches.results(job, options)` from Rust: the async iterable of `{ key,
    /// response?, error? }` (nothing is fetched before its first `next()`).
    pub fn results(&self, job: JsValue, options: JsValue) -> Result<JsValue> {
        if !job.is_object() {
            name_of(&job)?;
        }
        let context = options_context(&self.core, &options)?;
        let max_line = whole_number_field(&options, "maxLineBytes")?
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        Ok(results::iterable(context, job, max_line))
    }
}

#[wasm_bindgen]
impl Batches {
    /// Creates a batch job: `{ model, src, config: { displayName, webhookConfig,
    /// abortSignal, httpOptions, maxInlineBytes, onProgress, chunkSize } }`; `src` is a
    /// `files/...` name, `{ fileName }`, `{ inlinedRequests }` or a list of requests
    /// (`{ contents, config?, key? }` or the SDK's `InlinedRequest`), whose `Blob`s are
    /// encoded; a list too big for inline goes as an uploaded JSONL file.
    #[wasm_bindgen(js_name = create, unchecked_return_type = "Promise<BatchJob>")]
    pub fn create_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateBatchJobParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.create(params).await })
    }

    /// The job `params.name` (`batches/abc` or `abc`).
    #[wasm_bindgen(js_name = get, unchecked_return_type = "Promise<BatchJob>")]
    pub fn get_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBatchJobParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.get(params).await })
    }

    /// A `Pager` over the project's batch jobs (`config.pageSize`, `config.pageToken`).
    #[wasm_bindgen(js_name = list, unchecked_return_type = "Promise<Pager<BatchJob>>")]
    pub fn list_js(
        &self,
        // `| void`: TypeScript lets a caller leave the argument out, as the SDK does.
        #[wasm_bindgen(unchecked_param_type = "ListBatchJobsParameters | void")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.list(params).await })
    }

    /// Cancels the job `params.name` (terminal at once).
    #[wasm_bindgen(js_name = cancel, unchecked_return_type = "Promise<void>")]
    pub fn cancel_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CancelBatchJobParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.cancel(params).await })
    }

    /// Deletes the job `params.name`.
    #[wasm_bindgen(js_name = delete, unchecked_return_type = "Promise<DeleteResourceJob>")]
    pub fn delete_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DeleteBatchJobParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.delete(params).await })
    }

    /// Polls `job` (a `BatchJob` or its name) until it has ended; resolves with the
    /// `BatchJob` (`SUCCEEDED` with its output, `FAILED` with its `error`, `CANCELLED`,
    /// `EXPIRED`). `options`: `onState(job)` on every change of state or `batchStats`,
    /// `abortSignal` (rejects with an `AbortError`), `pollMs`, `httpOptions`.
    #[wasm_bindgen(js_name = wait, unchecked_return_type = "Promise<BatchJob>")]
    pub fn wait_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BatchJob | string")] job: JsValue,
        #[wasm_bindgen(unchecked_param_type = "WaitBatchJobOptions | void")] options: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.wait(job, options).await })
    }

    /// The results of `job` (a `BatchJob` or its name) as an async iterable of `{ key,
    /// response?, error? }`, inline or streamed from the result file, in the server's
    /// order (join on `key`). `options`: `abortSignal`, `httpOptions`, `maxLineBytes`.
    #[wasm_bindgen(js_name = results, unchecked_return_type = "AsyncIterableIterator<BatchResult>")]
    pub fn results_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BatchJob | string")] job: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BatchResultsOptions | void")] options: JsValue,
    ) -> std::result::Result<JsValue, JsValue> {
        guard()?;
        self.results(job, options).map_err(|e| error_to_js(&e))
    }
}
