//! `batches.create({ model, src, config })`: `POST {model}:batchGenerateContent` with
//! `src` as the SDK maps it (`tBatchJobSource`): a `files/...` name, a list of requests,
//! or a `BatchJobSource` object (`{ fileName }` or `{ inlinedRequests }`). A list goes
//! inline when its body fits (`config.maxInlineBytes`, else the client's, default about
//! 20 MB), else as a JSONL file uploaded first through the resumable upload (with
//! `onProgress`, abort and the upload's resumption after failures), the job then
//! created from the file. The answer is the SDK's `BatchJob`.
//!
//! What this module never does: send a create twice (a retried create makes a second
//! job: a failed create rejects and the caller decides), or put the SDK's own options
//! (`abortSignal`, `httpOptions`, `onProgress`...) into a body.

use super::job::batch_job;
use super::requests::Requests;
use crate::files::{UploadOptions, progress_callback, upload_blob};
use crate::genai::ClientCore;
use crate::models::model_of;
use crate::rest::{Body, Context, HttpOptions, Outgoing, argument_object, config_and_context};
use crate::values::{field, function_field, string_field, whole_number_field};
use gemini_vision::batch::{BatchLimits, BatchPlan, BatchRoute, JSONL_MIME_TYPE};
use gemini_vision::retry::RetryPolicy;
use gemini_vision::{Error, Result};
use js_sys::JSON;
use wasm_bindgen::JsValue;
use web_sys::Blob;

/// Where the requests of a new job are.
enum Source {
    /// An uploaded JSONL file, `files/...`.
    File(String),
    /// A list of requests.
    List(JsValue),
}

/// `src` read as `tBatchJobSource` and `batchJobSourceToMldev` read it, with the SDK's
/// messages.
fn source(src: &JsValue) -> Result<Source> {
    if let Some(text) = src.as_string() {
        return match text.starts_with("files/") {
            true => Ok(Source::File(text)),
            false => Err(Error::invalid(
                "src",
                format!("Unsupported string source for Gemini API: {text}"),
            )),
        };
    }
    if crate::values::is_array(src) {
        return Ok(Source::List(src.clone()));
    }
    if !src.is_object() {
        return Err(Error::invalid(
            "src",
            "expected a files/... name, a list of requests or { fileName } / { inlinedRequests }",
        ));
    }
    for vertex in ["format", "gcsUri", "bigqueryUri", "vertexDatasetName"] {
        if crate::values::get(src, vertex, "src")?.is_truthy() {
            return Err(gemini_vision::sdk::shape::vertex_only(vertex));
        }
    }
    match (field(src, "fileName"), field(src, "inlinedRequests")) {
        (Some(name), None) => name
            .as_string()
            .map(Source::File)
            .ok_or_else(|| Error::invalid("src", "fileName must be a string")),
        (None, Some(list)) => Ok(Source::List(list)),
        _ => Err(Error::invalid(
            "src",
            "Exactly one of `inlinedRequests`, `fileName`, must be set for Gemini API.",
        )),
    }
}

/// The members of `batch` that `config` sets, in the SDK's order.
fn batch_fields(config: &JsValue) -> Result<Vec<(&'static str, JsValue)>> {
    if crate::values::get(config, "dest", "config")?.is_truthy() {
        return Err(gemini_vision::sdk::shape::vertex_only("dest"));
    }
    let mut fields = Vec::new();
    if let Some(name) = string_field(config, "displayName")? {
        fields.push(("displayName", JsValue::from_str(&name)));
    }
    if let Some(webhook) = field(config, "webhookConfig") {
        fields.push(("webhookConfig", webhook));
    }
    Ok(fields)
}

/// `batches.create(params)`.
pub(crate) async fn create(core: &ClientCore, params: &JsValue) -> Result<JsValue> {
    argument_object(params, "batches.create", false)?;
    let (config, context) = config_and_context(core, params)?;
    let model = model_of(params)?;
    let url = context.endpoint.batch_generate_content(&model)?;
    let src = field(params, "src").ok_or_else(|| Error::invalid("src", "is required"))?;
    let fields = batch_fields(&config)?;
    let body = match source(&src)? {
        Source::File(name) => file_body(&name, &fields)?,
        Source::List(list) => {
            let requests = Requests::read(&list).await?;
            let limit =
                whole_number_field(&config, "maxInlineBytes")?.unwrap_or(core.max_inline_bytes);
            from_requests(core, &context, &config, &requests, &fields, limit).await?
        }
    };
    let out = Outgoing::api("POST", &url).json_body(body);
    let no_retries = RetryPolicy {
        max_retries: 0,
        ..RetryPolicy::default()
    };
    let (operation, _) = crate::rest::json_call_with(&context, &out, no_retries).await?;
    batch_job(&operation)
}

/// `{"batch": {"inputConfig": {"fileName"}, ...fields}}`.
fn file_body(name: &str, fields: &[(&str, JsValue)]) -> Result<Body> {
    let input = crate::values::object_of(&[("fileName", &JsValue::from_str(name))]);
    let batch = crate::values::object_of(&[("inputConfig", &input)]);
    for (key, value) in fields {
        crate::values::set(&batch, key, value);
    }
    let body = crate::values::object_of(&[("batch", &batch)]);
    let text = JSON::stringify(&body)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| Error::invalid("config", "it cannot be written as JSON"))?;
    Ok(Body::Json(text))
}

/// The create body of a list of requests: inline when it fits under `limit`, else the
/// name of the JSONL file uploaded first.
async fn from_requests(
    core: &ClientCore,
    context: &Context,
    config: &JsValue,
    requests: &Requests,
    fields: &[(&str, JsValue)],
    limit: u64,
) -> Result<Body> {
    let (inline, inline_len) = requests.inline_body(fields)?;
    let (lines, jsonl_len) = requests.jsonl_lines()?;
    let limits = BatchLimits {
        max_inline_body_bytes: limit,
        ..BatchLimits::default()
    };
    let plan = BatchPlan::decide(inline_len, jsonl_len, &limits).map_err(Error::from)?;
    let signal = context.signal();
    if plan.route == BatchRoute::Inline {
        return Ok(Body::Blob(requests.inline_blob(&inline, signal).await?));
    }
    let file = requests.jsonl_blob(&lines, JSONL_MIME_TYPE, signal).await?;
    let name = upload_jsonl(core, context, config, &file).await?;
    file_body(&name, fields)
}

/// Uploads the JSONL file with the resumable upload; its `files/...` name.
async fn upload_jsonl(
    core: &ClientCore,
    context: &Context,
    config: &JsValue,
    file: &Blob,
) -> Result<String> {
    let options = UploadOptions {
        display_name: string_field(config, "displayName")?,
        mime_type: Some(JSONL_MIME_TYPE.to_owned()),
        chunk_size: whole_number_field(config, "chunkSize")?,
        signal: context.signal().cloned(),
        on_progress: function_field(config, "onProgress")?.map(progress_callback),
        // A Blob made here has no stable identity across a reload to resume by.
        resume: false,
        http_options: HttpOptions::from_config(config)?,
        ..UploadOptions::default()
    };
    let uploaded = upload_blob(core, file, options).await?;
    field(&uploaded, "name")
        .and_then(|n| n.as_string())
        .ok_or_else(|| Error::malformed("upload answer", "the file has no name"))
}
