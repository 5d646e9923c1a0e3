//! `batches.results(jobOrName, config?)`: an async iterable of `{ key, response?,
//! error? }`, one per request, in the order the server gives them (join on `key`:
//! out of order is normal). Inline results come from the job; a result file is
//! streamed from the download endpoint and read by the core's [`ResultReader`], one
//! line at a time. Each `response` is a `GenerateContentResponse` (`.text`,
//! `parseDetections` work on it).
//!
//! What this module never does: hold the result file (only the line being read, at
//! most `config.maxLineBytes`), let one bad line end the others (it comes out as that
//! request's `error`), or hold a `RefCell` borrow across an `.await`.

use super::job::batch_job;
use crate::errors::{error_to_js, promise_js};
use crate::models::make_stream;
use crate::response::batch_response;
use crate::rest::{Context, Outgoing, json_call, send_until_accepted};
use crate::transport::BodyReader;
use crate::values::{field, object_of, set};
use gemini_vision::batch::{BatchOutcome, BatchResult, DEFAULT_MAX_LINE_BYTES, ResultReader};
use gemini_vision::{Error, Result};
use js_sys::{Function, Promise};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Where the iterable is.
enum Results {
    /// Nothing read yet: the job (or its name) to read.
    Start {
        context: Context,
        job: JsValue,
        max_line_bytes: usize,
    },
    /// Inline results left to hand out.
    Inline(VecDeque<JsValue>),
    /// A result file being read.
    File {
        body: BodyReader,
        lines: ResultReader,
        ended: bool,
    },
}

/// The iterable over the results of `job` (a `BatchJob` or its name).
pub(crate) fn iterable(context: Context, job: JsValue, max_line_bytes: Option<usize>) -> JsValue {
    let start = Results::Start {
        context,
        job,
        max_line_bytes: max_line_bytes.unwrap_or(DEFAULT_MAX_LINE_BYTES),
    };
    let cell = Rc::new(RefCell::new(Some(start)));
    let for_next = cell.clone();
    let next = Closure::<dyn Fn() -> Promise>::new(move || {
        let cell = for_next.clone();
        promise_js(async move {
            let taken = cell.borrow_mut().take();
            let Some(results) = taken else {
                return Ok(JsValue::UNDEFINED);
            };
            match results.next().await {
                Ok((Some(item), rest)) => {
                    *cell.borrow_mut() = Some(rest);
                    Ok(item)
                }
                Ok((None, _)) => Ok(JsValue::UNDEFINED),
                Err(error) => Err(error_to_js(&error)),
            }
        })
    });
    let cancel = Closure::<dyn Fn()>::new(move || {
        if let Some(Results::File { mut body, .. }) = cell.borrow_mut().take() {
            body.cancel();
        }
    });
    let next: Function = next.into_js_value().unchecked_into();
    let cancel: Function = cancel.into_js_value().unchecked_into();
    make_stream(&next, &cancel)
}

impl Results {
    /// The next result (`None` at the end) and the state to go on from.
    async fn next(mut self) -> Result<(Option<JsValue>, Results)> {
        loop {
            self = match self {
                Results::Start {
                    context,
                    job,
                    max_line_bytes,
                } => open(&context, &job, max_line_bytes).await?,
                Results::Inline(mut left) => {
                    let item = left.pop_front();
                    return Ok((item, Results::Inline(left)));
                }
                Results::File {
                    mut body,
                    mut lines,
                    ended,
                } => {
                    if let Some(result) = lines.next_result() {
                        let item = file_item(&result);
                        return Ok((Some(item), Results::File { body, lines, ended }));
                    }
                    if ended {
                        return Ok((None, Results::File { body, lines, ended }));
                    }
                    let ended = match body.next_chunk().await? {
                        Some(chunk) => {
                            lines.push(&chunk);
                            false
                        }
                        None => {
                            lines.finish();
                            true
                        }
                    };
                    Results::File { body, lines, ended }
                }
            };
        }
    }
}

/// Reads the job's output: its inline results, or the result file opened.
async fn open(context: &Context, job: &JsValue, max_line_bytes: usize) -> Result<Results> {
    let dest = field(job, "dest").filter(|_| job.is_object());
    let job = match dest {
        Some(_) => job.clone(),
        None => {
            let name = name_of(job)?;
            let url = context.endpoint.batch_url(&name)?;
            batch_job(&json_call(context, &Outgoing::api("GET", &url)).await?.0)?
        }
    };
    let dest = field(&job, "dest").unwrap_or(JsValue::UNDEFINED);
    if let Some(list) = field(&dest, "inlinedResponses") {
        let items = crate::values::elements(&list, "inlinedResponses")?
            .iter()
            .map(inline_item)
            .collect();
        return Ok(Results::Inline(items));
    }
    let Some(file) = field(&dest, "fileName").and_then(|f| f.as_string()) else {
        let state = field(&job, "state")
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        return Err(Error::invalid(
            "batch",
            format!("the job has no results yet (state {state}); wait for it with batches.wait"),
        ));
    };
    let url = context.endpoint.file_download_url(&file)?;
    let answer = send_until_accepted(context, &Outgoing::api("GET", &url)).await?;
    let body = BodyReader::new(
        &answer.response,
        context.signal().cloned(),
        context.api_key().cloned(),
    );
    Ok(Results::File {
        body,
        lines: ResultReader::with_max_line_bytes(max_line_bytes),
        ended: false,
    })
}

/// A job's name from a `BatchJob` or a string.
pub(crate) fn name_of(job: &JsValue) -> Result<String> {
    job.as_string()
        .or_else(|| field(job, "name").and_then(|n| n.as_string()))
        .ok_or_else(|| Error::invalid("job", "expected a batch job or its name (batches/...)"))
}

/// `{ key, response?, error? }` of an inlined response as the job holds it.
fn inline_item(entry: &JsValue) -> JsValue {
    let key = field(entry, "metadata")
        .and_then(|m| field(&m, "key"))
        .unwrap_or(JsValue::UNDEFINED);
    let item = object_of(&[("key", &key)]);
    for name in ["response", "error"] {
        if let Some(value) = field(entry, name) {
            set(&item, name, &value);
        }
    }
    item.into()
}

/// `{ key, response?, error? }` of one line of a result file: the API's error as it
/// wrote it, or, for a line that could not be read, [`unreadable`].
fn file_item(result: &BatchResult) -> JsValue {
    let key = result
        .key
        .as_deref()
        .map_or(JsValue::UNDEFINED, JsValue::from_str);
    let item = object_of(&[("key", &key)]);
    match &result.outcome {
        BatchOutcome::Response(raw) => {
            match js_sys::JSON::parse(raw.as_str()).and_then(|json| {
                batch_response(&json).map_err(|e| JsValue::from_str(&e.to_string()))
            }) {
                Ok(response) => set(&item, "response", &response),
                Err(_) => set(
                    &item,
                    "error",
                    &unreadable("MALFORMED_RESULT", "the response is not a JSON object"),
                ),
            }
        }
        BatchOutcome::Error(error) => {
            // In the API's order: code, message, status, details.
            let wire = object_of(&[]);
            if let Some(code) = error.code {
                set(&wire, "code", &JsValue::from(code as f64));
            }
            set(&wire, "message", &JsValue::from_str(&error.message));
            if let Some(status) = &error.status {
                set(&wire, "status", &JsValue::from_str(status));
            }
            if !error.details.is_empty() {
                let text = gemini_vision::json::to_string(&Value::Array(error.details.clone()));
                let details = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
                set(&wire, "details", &details);
            }
            set(&item, "error", &wire);
        }
        BatchOutcome::Unreadable(line) => {
            set(&item, "error", &unreadable(line.code(), &line.to_string()));
        }
    }
    item.into()
}

/// The `error` of a result that could not be read: `{ message, status: "UNREADABLE",
/// reason }` (`reason`: `LINE_TOO_LONG`, `MALFORMED_RESULT`, `NO_OUTCOME`).
fn unreadable(reason: &str, message: &str) -> JsValue {
    object_of(&[
        ("message", &JsValue::from_str(message)),
        ("status", &JsValue::from_str("UNREADABLE")),
        ("reason", &JsValue::from_str(reason)),
    ])
    .into()
}
