//! A batch Operation as the SDK hands it out (`batchJobFromMldev`): a flat `BatchJob`
//! with `name`, `displayName`, `state` (renamed `JOB_STATE_*`), the three times,
//! `model` and `dest` (`fileName`, or `inlinedResponses` whose `response`s are
//! `GenerateContentResponse`s), in the SDK's key order; plus what the SDK drops and we
//! keep: `batchStats` (counts as the server wrote them, strings) and the Operation's
//! `error`.
//!
//! What this module never does: build the job in wasm memory (the answer stays a JS
//! object, read field by field), or fail a whole job for one odd inlined response.

use crate::response::batch_response;
use crate::values::{field, object_of, set};
use gemini_vision::batch::BatchState;
use gemini_vision::{Error, Result};
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

/// `BatchJob` of an Operation (the answer of create and get, an item of list).
pub(crate) fn batch_job(operation: &JsValue) -> Result<JsValue> {
    if !operation.is_object() || crate::values::is_array(operation) {
        return Err(Error::malformed("batch operation", "not a JSON object"));
    }
    let job = Object::new();
    let metadata = field(operation, "metadata").filter(JsValue::is_object);
    let meta = |name: &str| metadata.as_ref().and_then(|m| field(m, name));
    if let Some(name) = field(operation, "name").or_else(|| meta("name")) {
        set(&job, "name", &name);
    }
    if let Some(display_name) = meta("displayName") {
        set(&job, "displayName", &display_name);
    }
    if let Some(state) = meta("state") {
        // `tJobState`: BATCH_STATE_X is JOB_STATE_X; anything else passes as it is.
        let renamed = state.as_string().map_or(state, |s| {
            JsValue::from_str(&BatchState::from_wire(&s).sdk_name())
        });
        set(&job, "state", &renamed);
    }
    for key in ["createTime", "endTime", "updateTime", "model"] {
        if let Some(value) = meta(key) {
            set(&job, key, &value);
        }
    }
    // The SDK reads `metadata.output`; the API also puts it in `response`.
    let output = meta("output").or_else(|| field(operation, "response"));
    if let Some(output) = output.filter(JsValue::is_object) {
        set(&job, "dest", &destination(&output));
    }
    if let Some(stats) = meta("batchStats") {
        set(&job, "batchStats", &stats);
    }
    if let Some(error) = field(operation, "error") {
        set(&job, "error", &error);
    }
    Ok(job.into())
}

/// `BatchJobDestination` of an output: `fileName` from `responsesFile`, and
/// `inlinedResponses` from `inlinedResponses.inlinedResponses`.
fn destination(output: &JsValue) -> JsValue {
    let dest = Object::new();
    if let Some(file) = field(output, "responsesFile") {
        set(&dest, "fileName", &file);
    }
    let inlined = field(output, "inlinedResponses").and_then(|i| field(&i, "inlinedResponses"));
    if let Some(list) = inlined {
        let converted = if crate::values::is_array(&list) {
            Array::from(&list)
                .iter()
                .map(|e| inlined_response(&e))
                .collect::<Array>()
                .into()
        } else {
            list
        };
        set(&dest, "inlinedResponses", &converted);
    }
    dest.into()
}

/// `InlinedResponse`: `{ response, metadata, error }`, the response wrapped as a
/// `GenerateContentResponse` (one that is not an object is kept as it came).
fn inlined_response(entry: &JsValue) -> JsValue {
    let converted = Object::new();
    if let Some(response) = field(entry, "response") {
        let wrapped = batch_response(&response).unwrap_or(response);
        set(&converted, "response", &wrapped);
    }
    for key in ["metadata", "error"] {
        if let Some(value) = field(entry, key) {
            set(&converted, key, &value);
        }
    }
    converted.into()
}

/// One page of `batches.list` as the SDK hands it out: `{ sdkHttpResponse,
/// nextPageToken, batchJobs }`.
pub(crate) fn list_page(body: &JsValue, http: &JsValue) -> Result<JsValue> {
    let page = object_of(&[("sdkHttpResponse", http)]);
    if let Some(token) = field(body, "nextPageToken") {
        set(&page, "nextPageToken", &token);
    }
    if let Some(operations) = field(body, "operations") {
        let jobs = crate::values::elements(&operations, "operations")?
            .iter()
            .map(batch_job)
            .collect::<Result<Array>>()?;
        set(&page, "batchJobs", &jobs);
    }
    Ok(page.into())
}
