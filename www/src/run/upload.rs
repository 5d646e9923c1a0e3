//! Uploads before a run: every file the library's plan routes through the File API is
//! uploaded once by the library's own uploads (`file_ops`: resumable, with progress,
//! abort and resume records that belong to the key and endpoint), shown with speed and
//! "Cancel upload", waited on until `ACTIVE`, and remembered on its entry so later runs
//! reuse it. The demo keeps no upload records of its own.

use super::Ask;
use super::plan::planned_uploads;
use crate::browser::page;
use crate::domain::failure::{Problem, explain};
use crate::domain::upload_meter::UploadMeter;
use crate::state::{AppState, MediaEntry, Phase, ResultCard, UploadPhase, UploadView};
use gemini_vision::Error;
use gemini_vision::wire::{File, FileState};
use gemini_vision_web::{GoogleGenAI, UploadOptions, UploadProgress, WaitOptions};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

/// How long a file may stay `PROCESSING` before the demo gives up (long videos take
/// minutes on the real API).
const ACTIVE_TIMEOUT_MS: u64 = 15 * 60 * 1000;

/// Uploads what the plan routes through the File API, one file at a time. Returns the
/// uploaded files by entry id; cards whose media failed are marked failed.
pub async fn upload_planned(
    state: AppState,
    client: &GoogleGenAI,
    ask: &Ask,
    media: &[MediaEntry],
    groups: &[Vec<usize>],
    cards: &[ResultCard],
    run_signal: &web_sys::AbortSignal,
) -> HashMap<u64, File> {
    let mut uploaded = HashMap::new();
    for (group, card) in groups.iter().zip(cards) {
        let entries: Vec<&MediaEntry> = group.iter().filter_map(|&i| media.get(i)).collect();
        let wanted = match planned_uploads(client, ask, &entries).await {
            Ok(wanted) => wanted,
            Err(err) => {
                fail(state, card, explain(&err, ask.mode));
                continue;
            }
        };
        for (entry, wanted) in entries.into_iter().zip(wanted) {
            if !wanted || uploaded.contains_key(&entry.id) {
                continue;
            }
            if run_signal.aborted() {
                card.phase.set(Phase::Cancelled);
                break;
            }
            match upload_one(state, client, entry).await {
                Ok(file) => {
                    remember(state, entry.id, &file);
                    uploaded.insert(entry.id, file);
                }
                Err(Error::Aborted | Error::UploadCancelled) => {
                    card.phase.set(Phase::Cancelled);
                    break;
                }
                Err(err) => {
                    fail(state, card, explain(&err, ask.mode));
                    break;
                }
            }
        }
    }
    uploaded
}

fn fail(state: AppState, card: &ResultCard, problem: Problem) {
    card.phase.set(Phase::Failed(problem.clone()));
    state.alert(problem);
}

fn remember(state: AppState, id: u64, file: &File) {
    state.media.update(|media| {
        if let Some(entry) = media.iter_mut().find(|m| m.id == id) {
            entry.uploaded = Some(file.clone());
        }
    });
    state.files_version.update(|v| *v += 1);
}

async fn upload_one(
    state: AppState,
    client: &GoogleGenAI,
    entry: &MediaEntry,
) -> Result<File, Error> {
    let controller = web_sys::AbortController::new().map_err(|_| Error::Aborted)?;
    let signal = controller.signal();
    state.upload_abort.set_value(Some(controller));
    state.upload.set(Some(UploadView {
        name: entry.name.clone(),
        meter: UploadMeter::new(entry.facts.size, page::now_ms()),
        phase: UploadPhase::Sending,
        state: None,
        resumed: false,
    }));
    let on_progress: Rc<dyn Fn(UploadProgress)> = Rc::new(move |progress: UploadProgress| {
        state.upload.update(|u| {
            if let Some(u) = u {
                u.meter
                    .record(progress.sent, progress.restarts, page::now_ms());
                u.resumed |= progress.resumed;
            }
        });
    });
    let options = UploadOptions {
        display_name: Some(entry.name.clone()),
        mime_type: Some(entry.facts.mime.clone()),
        signal: Some(signal.clone()),
        on_progress: Some(on_progress),
        ..UploadOptions::default()
    };
    let files = client.file_ops();
    let result = async {
        let file = files.upload(&entry.blob, options).await?;
        set_phase(state, UploadPhase::Processing, &file);
        if file.state == Some(FileState::Active) {
            return Ok(file);
        }
        let wait = WaitOptions {
            signal: Some(signal),
            timeout_ms: Some(ACTIVE_TIMEOUT_MS),
        };
        files.wait_until_active(&file.name, wait).await
    }
    .await;
    match &result {
        Ok(file) => set_phase(state, UploadPhase::Active, file),
        Err(_) => state.upload.update(|u| {
            if let Some(u) = u {
                u.phase = UploadPhase::Stopped;
            }
        }),
    }
    state.upload_abort.set_value(None);
    result
}

fn set_phase(state: AppState, phase: UploadPhase, file: &File) {
    let file_state = file.state.as_ref().map(|s| s.as_wire().to_owned());
    state.upload.update(|u| {
        if let Some(u) = u {
            if phase != UploadPhase::Sending {
                let total = u.meter.total();
                u.meter.record(total, u.meter.restarts(), page::now_ms());
            }
            u.phase = phase;
            u.state = file_state;
        }
    });
}
