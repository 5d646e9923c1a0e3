//! One streamed answer: media and prompt in, the card's answer, detections and state
//! out. The first turn of a card is a chat (`ai.chats`), so follow-up questions go in
//! the same conversation with the images in its history. The answer is parsed while it
//! streams (at most every [`PARSE_EVERY_MS`]), so boxes appear as they arrive, and once
//! more, completely, at the end.

use super::Ask;
use super::chunks::Chunks;
use super::follow_up::Conversation;
use super::params::{chat_params, field, message_params, params_for};
use crate::browser::page;
use crate::domain::failure::{Problem, blocked, explain, explain_block, truncated_answer};
use crate::domain::segmentation::unreadable_masks;
use crate::domain::task::Task;
use crate::state::{AppState, MediaEntry, Phase, ResultCard};
use gemini_vision::Error;
use gemini_vision::spatial::parse_detections;
use gemini_vision_web::{GoogleGenAI, response};
use leptos::prelude::*;

/// How often a streaming answer is re-parsed for detections.
const PARSE_EVERY_MS: f64 = 150.0;

/// The most answer text kept (a runaway answer must not fill the tab's memory).
const MAX_ANSWER_CHARS: usize = 4 * 1024 * 1024;

/// How a streamed answer ended.
pub enum Ending {
    /// It arrived whole (or was cut at [`MAX_ANSWER_CHARS`]); `truncated` when the model
    /// hit its output limit.
    Done { text: String, truncated: bool },
    /// The person cancelled.
    Cancelled,
    /// It failed.
    Failed(Error),
    /// A filter withheld it, for this reason.
    Blocked(String),
}

/// Reads `iterable`'s chunks, calling `on_text` with the whole text so far after each.
pub async fn read_answer(
    iterable: &wasm_bindgen::JsValue,
    mut on_text: impl FnMut(&str),
    warnings: RwSignal<Vec<String>>,
) -> Ending {
    let mut chunks = match Chunks::new(iterable) {
        Ok(chunks) => chunks,
        Err(err) => return Ending::Failed(err),
    };
    let mut text = String::new();
    let mut truncated = false;
    while let Some(chunk) = chunks.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(Error::Aborted) => return Ending::Cancelled,
            Err(err) => return Ending::Failed(err),
        };
        let finish = response::finish_reason(&chunk);
        if let Some(what) = blocked(response::block_reason(&chunk).as_deref(), finish.as_deref()) {
            chunks.close();
            return Ending::Blocked(what);
        }
        if finish.as_deref() == Some("MAX_TOKENS") {
            truncated = true;
        }
        let piece = response::text(&chunk).unwrap_or_default();
        if text.len() + piece.len() > MAX_ANSWER_CHARS {
            warnings.update(|w| {
                w.push("The answer was longer than 4 MB; the rest was dropped.".to_owned())
            });
            chunks.close();
            break;
        }
        text.push_str(&piece);
        on_text(&text);
    }
    Ending::Done { text, truncated }
}

/// Sends `entries` with `ask` as the first turn of a chat and streams the answer into
/// `card`.
pub async fn stream_into_card(
    state: AppState,
    client: &GoogleGenAI,
    ask: &Ask,
    entries: &[MediaEntry],
    card: &ResultCard,
    signal: &web_sys::AbortSignal,
) {
    let refs: Vec<&MediaEntry> = entries.iter().collect();
    let started = params_for(ask, &refs, Some(signal)).and_then(|params| {
        let quiet = params_for(ask, &refs, None)?;
        let chat = client
            .chats()
            .create_chat(&chat_params(&ask.model, &field(&quiet, "config")))?;
        Ok((chat, params))
    });
    let (chat, params) = match started {
        Ok(started) => started,
        Err(err) => return fail(state, card, explain(&err, ask.mode)),
    };
    card.phase.set(Phase::Streaming);
    let message = message_params(&field(&params, "contents"), &field(&params, "config"));
    let iterable = match chat.send_message_stream(message).await {
        Ok(iterable) => iterable,
        Err(Error::Aborted) => return card.phase.set(Phase::Cancelled),
        Err(err) => return fail(state, card, explain(&err, ask.mode)),
    };
    card.conversation.set_value(Some(Conversation {
        chat,
        ask: ask.clone(),
    }));
    let mut last_parse = f64::NEG_INFINITY;
    let spatial = ask.task.is_spatial();
    let on_text = |text: &str| {
        card.answer.set(text.to_owned());
        if spatial && page::now_ms() - last_parse >= PARSE_EVERY_MS {
            last_parse = page::now_ms();
            let found = parse_detections(text).detections;
            if found.len() != card.detections.with_untracked(Vec::len) {
                card.detections.set(found);
            }
        }
    };
    match read_answer(&iterable, on_text, card.warnings).await {
        Ending::Done { text, truncated } => finish(card, ask, &text, truncated),
        Ending::Cancelled => card.phase.set(Phase::Cancelled),
        Ending::Failed(err) => fail(state, card, explain(&err, ask.mode)),
        Ending::Blocked(reason) => fail(state, card, explain_block(&reason)),
    }
}

fn finish(card: &ResultCard, ask: &Ask, text: &str, truncated: bool) {
    if ask.task.is_spatial() {
        let outcome = parse_detections(text);
        card.warnings.update(|w| {
            w.extend(
                outcome
                    .warnings
                    .iter()
                    .map(|warning| warning.message.clone()),
            )
        });
        if ask.task == Task::Segment
            && let Some(note) = unreadable_masks(text, &outcome.detections, &ask.model)
        {
            card.mask_note.set(Some(note));
        }
        card.detections.set(outcome.detections);
    }
    if truncated {
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
