//! One streaming request: media and prompt in, the card's answer, detections and state
//! out. The answer is parsed while it streams (at most every [`PARSE_EVERY_MS`]), so
//! boxes appear as they arrive, and once more, completely, at the end.

use super::Ask;
use crate::browser::page;
use crate::domain::failure::{Problem, explain, explain_block, truncated_answer};
use crate::state::{AppState, MediaEntry, Phase, ResultCard};
use gemini_vision::Error;
use gemini_vision::spatial::parse_detections;
use gemini_vision::wire::FinishReason;
use gemini_vision_web::{GenerateConfig, GenerateRequest, Input};
use leptos::prelude::*;

/// How often a streaming answer is re-parsed for detections.
const PARSE_EVERY_MS: f64 = 150.0;

/// The most answer text kept (a runaway answer must not fill the tab's memory).
const MAX_ANSWER_CHARS: usize = 4 * 1024 * 1024;

/// Sends `entries` with `ask` and streams the answer into `card`.
pub async fn stream_into_card(
    state: AppState,
    client: &gemini_vision_web::Client,
    ask: &Ask,
    entries: &[MediaEntry],
    card: &ResultCard,
    signal: &web_sys::AbortSignal,
) {
    let mut contents: Vec<Input> = entries
        .iter()
        .map(|entry| match &entry.uploaded {
            Some(file) => Input::File(file.clone()),
            None => Input::Blob(entry.blob.clone()),
        })
        .collect();
    contents.push(Input::Text(ask.prompt.clone()));
    let config = GenerateConfig {
        system_instruction: ask.task.system_instruction().map(str::to_owned),
        temperature: ask.settings.temperature,
        thinking_budget: ask.settings.thinking_budget,
        media_resolution: ask.settings.media_resolution.clone(),
        ..GenerateConfig::default()
    };
    let request = GenerateRequest {
        model: ask.settings.model_id().to_owned(),
        contents,
        config,
        signal: Some(signal.clone()),
        on_upload_progress: None,
    };
    card.phase.set(Phase::Streaming);
    let mut stream = client.generate_content_stream(request);
    let mut text = String::new();
    let mut last_parse = f64::NEG_INFINITY;
    let mut finish = None;
    while let Some(chunk) = stream.next().await {
        let response = match chunk {
            Ok(response) => response,
            Err(Error::Aborted) => {
                card.phase.set(Phase::Cancelled);
                return;
            }
            Err(err) => {
                fail(state, card, explain(&err, ask.mode));
                return;
            }
        };
        if let Some(blocked) = response.blocked() {
            fail(state, card, explain_block(&blocked));
            return;
        }
        if let Some(reason) = response.finish_reason() {
            finish = Some(reason.clone());
        }
        let piece = response.text();
        if text.len() + piece.len() > MAX_ANSWER_CHARS {
            card.warnings.update(|w| {
                w.push("The answer was longer than 4 MB; the rest was dropped.".to_owned())
            });
            break;
        }
        text.push_str(&piece);
        card.answer.set(text.clone());
        if ask.task.is_spatial() && page::now_ms() - last_parse >= PARSE_EVERY_MS {
            last_parse = page::now_ms();
            let found = parse_detections(&text).detections;
            if found.len() != card.detections.with_untracked(Vec::len) {
                card.detections.set(found);
            }
        }
    }
    if ask.task.is_spatial() {
        let outcome = parse_detections(&text);
        card.warnings.update(|w| {
            w.extend(
                outcome
                    .warnings
                    .iter()
                    .map(|warning| warning.message.clone()),
            )
        });
        card.detections.set(outcome.detections);
    }
    if finish == Some(FinishReason::MaxTokens) {
        let problem = truncated_answer();
        card.warnings.update(|w| w.push(problem.detail));
    }
    if text.is_empty() && !ask.task.is_spatial() {
        card.warnings
            .update(|w| w.push("The model answered with no text.".to_owned()));
    }
    card.phase.set(Phase::Done);
}

fn fail(state: AppState, card: &ResultCard, problem: Problem) {
    card.phase.set(Phase::Failed(problem.clone()));
    state.alert(problem);
}
