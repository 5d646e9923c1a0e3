//! Follow-up questions about a card's media: the card's chat (`ai.chats`) keeps the
//! first turn, images included, in its history, so a question such as "which one is
//! the largest?" is asked about the same images without sending them again by hand.
//! A follow-up is sent without the structured-output schema (its answer is prose), and
//! an answer that lists detections redraws the card's overlay.

use super::Ask;
use super::params::message_params;
use super::request::{Ending, read_answer};
use crate::domain::failure::{explain, explain_block};
use crate::state::{AppState, FollowUp, Phase, ResultCard};
use gemini_vision::request::Settings;
use gemini_vision::spatial::parse_detections;
use gemini_vision_web::{Chat, GenerateParams};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A card's conversation: its chat and what the first turn asked.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// The chat whose history holds the card's turns.
    pub chat: Chat,
    /// The first turn's ask (model, settings, task).
    pub ask: Ask,
}

fn follow_up_config(
    ask: &Ask,
    signal: &web_sys::AbortSignal,
) -> Result<JsValue, gemini_vision::Error> {
    let settings = Settings {
        response_schema: None,
        response_mime_type: None,
        ..ask.settings.clone()
    };
    let params = GenerateParams::new(ask.model.clone())
        .settings(&settings)
        .signal(signal)
        .build()?;
    Ok(super::params::field(&params, "config"))
}

/// Asks `question` in `card`'s chat and streams the answer into a new follow-up entry.
pub fn ask_follow_up(state: AppState, card: ResultCard, question: String) {
    let question = question.trim().to_owned();
    let Some(conversation) = card.conversation.get_value() else {
        return;
    };
    if question.is_empty() {
        return;
    }
    let entry = FollowUp::new(state.next_id(), question.clone());
    card.follow_ups.update(|list| list.push(entry.clone()));
    let Ok(controller) = web_sys::AbortController::new() else {
        return;
    };
    let signal = controller.signal();
    state.run_abort.set_value(Some(controller));
    state.busy.set(true);
    leptos::task::spawn_local(async move {
        let ask = &conversation.ask;
        let sent = match follow_up_config(ask, &signal) {
            Ok(config) => {
                let message = JsValue::from_str(&question);
                conversation
                    .chat
                    .send_message_stream(message_params(&message, &config))
                    .await
            }
            Err(err) => Err(err),
        };
        entry.phase.set(Phase::Streaming);
        let ending = match sent {
            Ok(iterable) => {
                read_answer(
                    &iterable,
                    |text| entry.answer.set(text.to_owned()),
                    card.warnings,
                )
                .await
            }
            Err(gemini_vision::Error::Aborted) => Ending::Cancelled,
            Err(err) => Ending::Failed(err),
        };
        match ending {
            Ending::Done { text, .. } => {
                if ask.task.is_spatial() {
                    let found = parse_detections(&text).detections;
                    if !found.is_empty() {
                        card.detections.set(found);
                    }
                }
                entry.phase.set(Phase::Done);
            }
            Ending::Cancelled => entry.phase.set(Phase::Cancelled),
            Ending::Failed(err) => {
                let problem = explain(&err, ask.mode);
                entry.phase.set(Phase::Failed(problem.clone()));
                state.alert(problem);
            }
            Ending::Blocked(what) => {
                let problem = explain_block(&what);
                entry.phase.set(Phase::Failed(problem.clone()));
                state.alert(problem);
            }
        }
        state.busy.set(false);
    });
}
