//! Batch Mode over the network, through the library's `batches()`: submit every picked
//! image as one job (the library sends it inline, or as a JSONL file uploaded with
//! progress when it is too big), watch it with `wait` (state and `batchStats` on every
//! change), cancel it, read its results as they stream from `results`, and list recent
//! jobs (so they survive a reload: the API keeps them, the page keeps nothing).

use super::chunks::Chunks;
use super::connect::{check_emulator, client_for};
use super::params::{field, object};
use crate::browser::page;
use crate::domain::batch_job::{JobSummary, display_name};
use crate::domain::connection::ConnectionMode;
use crate::domain::failure::{Problem, explain};
use crate::domain::task::Task;
use crate::state::{AppState, BatchOutcome, BatchState, BatchUpload};
use gemini_vision::Error;
use gemini_vision::spatial::parse_detections;
use gemini_vision_web::{GenerateParams, GoogleGenAI};
use js_sys::{Array, Reflect};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

/// How often the emulator's jobs are polled (its jobs end in about a second; the real
/// API's are polled with the library's own backoff, from 5 s up to a minute).
const EMULATOR_POLL_MS: u32 = 500;

/// The query parameter that lowers the inline limit.
const MAX_INLINE_PARAM: &str = "batchMaxInline";

/// How many recent jobs are listed.
const LIST_SIZE: u32 = 20;

/// Results read before the gallery is updated (one update per result would redraw the
/// gallery hundreds of times).
const RESULTS_PER_UPDATE: usize = 16;

/// The job in a `BatchJob` object.
fn summary(job: &JsValue) -> Option<JobSummary> {
    let text = js_sys::JSON::stringify(job).ok()?.as_string()?;
    JobSummary::from_json(&text)
}

/// Submits every picked image as one batch of the batch's task.
pub fn submit(state: AppState, batch: BatchState) {
    if batch.busy.get_untracked() {
        return;
    }
    let prepared = prepare(state, batch);
    let (client, params, task, model, mode) = match prepared {
        Ok(prepared) => prepared,
        Err(problem) => return state.alert(problem),
    };
    let Some(signal) = start_busy(state, batch) else {
        return;
    };
    batch.results.set(Vec::new());
    batch.job.set(None);
    batch.job_task.set(task);
    batch.job_model.set(model.clone());
    let connection = state.connection.get_untracked();
    leptos::task::spawn_local(async move {
        if let Err(problem) = check_emulator(&connection).await {
            state.alert(problem);
            return batch.busy.set(false);
        }
        let progress = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let number = |key: &str| field(&event, key).as_f64().unwrap_or(0.0);
            batch.upload.set(Some(BatchUpload {
                sent: number("sent"),
                total: number("total"),
            }));
        });
        let config = field(&params, "config");
        let _ = Reflect::set(&config, &"onProgress".into(), progress.as_ref());
        let _ = Reflect::set(&config, &"abortSignal".into(), &signal);
        let created = client.batches().create(params).await;
        drop(progress);
        match created {
            Ok(job) => {
                batch.job.set(summary(&job));
                refresh_jobs(state, batch);
                watch(state, batch, &client, job, mode, &signal).await;
            }
            Err(Error::Aborted) => batch.upload.set(None),
            Err(err) => state.alert(explain(&err, mode)),
        }
        batch.busy.set(false);
    });
}

type Prepared = (GoogleGenAI, JsValue, Task, String, ConnectionMode);

/// The client and `{ model, src, config }` of a batch of every picked image.
fn prepare(state: AppState, batch: BatchState) -> Result<Prepared, Problem> {
    let images = batch.images.get_untracked();
    if images.is_empty() {
        return Err(Problem::new(
            "Add images first",
            "Pick or drop the images of the batch.",
        ));
    }
    let connection = state.connection.get_untracked();
    connection
        .readiness()
        .map_err(|message| Problem::new("Not connected", message))?;
    let client = client_for(&connection)?;
    let task = batch.task.get_untracked();
    let prompt = if task == Task::Ask {
        state.prompt.get_untracked().trim().to_owned()
    } else {
        state.options.with_untracked(|options| task.prompt(options))
    };
    if prompt.is_empty() {
        return Err(Problem::new(
            "The prompt is empty",
            "Type a question in the task bar's prompt.",
        ));
    }
    let settings = state.settings.get_untracked();
    let model = settings.model_id().to_owned();
    let core_settings = settings.to_settings(task);
    let src = Array::new();
    for image in &images {
        let params = GenerateParams::new(model.clone())
            .part(&image.blob.clone().into())
            .text(&prompt)
            .settings(&core_settings)
            .build()
            .map_err(|err| explain(&err, connection.mode))?;
        let request = object(&[
            ("key", &JsValue::from_str(&image.key)),
            ("contents", &field(&params, "contents")),
            ("config", &field(&params, "config")),
        ]);
        src.push(&request);
    }
    let config = object(&[(
        "displayName",
        &JsValue::from_str(&display_name(task, images.len())),
    )]);
    // `?batchMaxInline=BYTES` lowers the inline limit, so that a small batch shows the
    // JSONL file upload (for trying it, and for the e2e tests).
    if let Some(limit) = page::query_param(MAX_INLINE_PARAM).and_then(|v| v.parse::<u32>().ok()) {
        let _ = Reflect::set(&config, &"maxInlineBytes".into(), &limit.into());
    }
    let params = object(&[
        ("model", &JsValue::from_str(&model)),
        ("src", &src),
        ("config", &config),
    ]);
    Ok((client, params.into(), task, model, connection.mode))
}

/// Marks the batch busy with a fresh abort controller; its signal.
fn start_busy(state: AppState, batch: BatchState) -> Option<web_sys::AbortSignal> {
    let Ok(controller) = web_sys::AbortController::new() else {
        state.alert(Problem::new(
            "The browser refused to start a request",
            "AbortController is unavailable.",
        ));
        return None;
    };
    let signal = controller.signal();
    batch.abort.set_value(Some(controller));
    batch.upload.set(None);
    batch.busy.set(true);
    Some(signal)
}

/// Waits for `job` to end, showing every change, then reads its results.
async fn watch(
    state: AppState,
    batch: BatchState,
    client: &GoogleGenAI,
    job: JsValue,
    mode: ConnectionMode,
    signal: &web_sys::AbortSignal,
) {
    let on_state = Closure::<dyn FnMut(JsValue)>::new(move |job: JsValue| {
        if let Some(job) = summary(&job) {
            batch.job.set(Some(job));
        }
    });
    let options = object(&[("onState", on_state.as_ref()), ("abortSignal", signal)]);
    if mode == ConnectionMode::Emulator {
        let _ = Reflect::set(&options, &"pollMs".into(), &EMULATOR_POLL_MS.into());
    }
    let ended = client.batches().wait(job, options.into()).await;
    drop(on_state);
    match ended {
        Ok(job) => {
            let ended = summary(&job);
            let succeeded = ended.as_ref().is_some_and(JobSummary::succeeded);
            batch.job.set(ended);
            refresh_jobs(state, batch);
            if succeeded {
                read_results(state, batch, client, job, mode).await;
            }
        }
        Err(Error::Aborted) => {}
        Err(err) => state.alert(explain(&err, mode)),
    }
}

/// Reads every result of `job` into the gallery as it arrives.
async fn read_results(
    state: AppState,
    batch: BatchState,
    client: &GoogleGenAI,
    job: JsValue,
    mode: ConnectionMode,
) {
    batch.results.set(Vec::new());
    let task = batch.job_task.get_untracked();
    let chunks = client
        .batches()
        .results(job, JsValue::UNDEFINED)
        .and_then(|iterable| Chunks::new(&iterable));
    let mut chunks = match chunks {
        Ok(chunks) => chunks,
        Err(err) => return state.alert(explain(&err, mode)),
    };
    let mut read = Vec::new();
    while let Some(item) = chunks.next().await {
        match item {
            Ok(value) => read.push(outcome(&value, task)),
            Err(err) => {
                state.alert(explain(&err, mode));
                break;
            }
        }
        if read.len() >= RESULTS_PER_UPDATE {
            batch.results.update(|results| results.append(&mut read));
        }
    }
    batch.results.update(|results| results.append(&mut read));
}

/// One `{ key, response?, error? }` of `results`, parsed as `task` asks.
fn outcome(value: &JsValue, task: Task) -> BatchOutcome {
    let key = field(value, "key").as_string().unwrap_or_default();
    let response = field(value, "response");
    let text = gemini_vision_web::response::text(&response).unwrap_or_default();
    let error = field(value, "error");
    let error = (!error.is_undefined() && !error.is_null()).then(|| {
        field(&error, "message")
            .as_string()
            .unwrap_or_else(|| "The request failed.".to_owned())
    });
    let detections = if task.is_spatial() && error.is_none() {
        parse_detections(&text).detections
    } else {
        Vec::new()
    };
    BatchOutcome {
        key,
        text,
        detections,
        error,
    }
}

/// Cancels the job shown (the watch then sees it `CANCELLED`).
pub fn cancel(state: AppState, batch: BatchState) {
    let Some(name) = batch
        .job
        .with_untracked(|j| j.as_ref().map(|j| j.name.clone()))
    else {
        return;
    };
    let connection = state.connection.get_untracked();
    let client = match client_for(&connection) {
        Ok(client) => client,
        Err(problem) => return state.alert(problem),
    };
    leptos::task::spawn_local(async move {
        let params = object(&[("name", &JsValue::from_str(&name))]);
        if let Err(err) = client.batches().cancel(params.into()).await {
            state.alert(explain(&err, connection.mode));
        }
        refresh_jobs(state, batch);
    });
}

/// Stops a submission before its job exists: the JSONL file's upload is cancelled (its
/// session too) or the creation request aborted, and the batch can be submitted again.
pub fn stop_submitting(batch: BatchState) {
    if batch.job.with_untracked(Option::is_some) {
        return;
    }
    batch.abort.with_value(|controller| {
        if let Some(controller) = controller {
            controller.abort();
        }
    });
}

/// Shows a listed job: its results if it succeeded, else watches it until it ends.
pub fn open_job(state: AppState, batch: BatchState, job: JobSummary) {
    batch.abort.with_value(|c| {
        if let Some(c) = c {
            c.abort();
        }
    });
    let connection = state.connection.get_untracked();
    let client = match client_for(&connection) {
        Ok(client) => client,
        Err(problem) => return state.alert(problem),
    };
    let Some(signal) = start_busy(state, batch) else {
        return;
    };
    // A job another app made is read as text: its prompt is unknown.
    batch.job_task.set(job.task().unwrap_or(Task::Ask));
    batch.job_model.set(job.model.clone().unwrap_or_default());
    batch.results.set(Vec::new());
    batch.job.set(Some(job.clone()));
    let name = JsValue::from_str(&job.name);
    let mode = connection.mode;
    leptos::task::spawn_local(async move {
        if job.succeeded() {
            read_results(state, batch, &client, name, mode).await;
        } else if !job.has_ended() {
            watch(state, batch, &client, name, mode, &signal).await;
        }
        batch.busy.set(false);
    });
}

/// Reloads the list of recent jobs.
pub fn refresh_jobs(state: AppState, batch: BatchState) {
    let connection = state.connection.get_untracked();
    let Ok(client) = client_for(&connection) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let config = object(&[("pageSize", &JsValue::from(LIST_SIZE))]);
        let params = object(&[("config", &config)]);
        match client.batches().list(params.into()).await {
            Ok(pager) => {
                let page = field(&pager, "page");
                let text = js_sys::JSON::stringify(&page)
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default();
                batch.jobs.set(JobSummary::list_from_json(&text));
            }
            Err(err) => state.alert(explain(&err, connection.mode)),
        }
    });
}
