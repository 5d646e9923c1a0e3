//! The reply to a checked request, planned once: which parts the model answers with
//! (thought summary, text, a function call, code and its result, a picture), how it
//! ends, and what it costs in tokens. `response` renders it whole or in streamed pieces.
//!
//! Faults that shape the answer (safety block, safety finish, truncation) and
//! `maxOutputTokens` are applied here, so both endpoints agree.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use crate::answer::{self, Manner, code, functions, picture};
use crate::faults::FaultKind;
use crate::ids;
use crate::models::{self, Family};
use crate::pipeline::Injected;
use crate::prompt::{Prompt, Tally};
use crate::tokens;
use crate::wire::{FunctionResponse, GenerateRequest};

/// How a reply ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    /// Normal output with this `finishReason`.
    Finish(&'static str),
    /// The prompt was blocked: no candidates.
    Blocked,
    /// The candidate stopped for safety.
    Safety,
}

/// One part of the model's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum OutPart {
    /// A thought summary (`thought: true`).
    Thought(String),
    /// Text.
    Text(String),
    /// A function call.
    Call {
        /// Its id.
        id: String,
        /// The declared function.
        name: String,
        /// Its arguments.
        args: Map<String, Value>,
    },
    /// Python the model ran (`executableCode`).
    Code(String),
    /// What it printed (`codeExecutionResult`).
    CodeResult(String),
    /// A PNG picture, base64.
    Image(String),
}

/// A planned reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The model id for `modelVersion`.
    pub model: &'static str,
    /// `responseId`.
    pub response_id: String,
    /// The answer's parts, in order.
    pub parts: Vec<OutPart>,
    /// The part carrying the `thoughtSignature` and the signature (Gemini 3).
    pub signature: Option<(usize, String)>,
    /// How it ends.
    pub ending: Ending,
    /// Prompt tokens by modality (cached ones included, as the API counts them).
    pub prompt: Tally,
    /// Of those, the tokens that came from a context cache.
    pub cached_tokens: u64,
    /// Tokens a tool fed back to the model (code execution results).
    pub tool_use_tokens: u64,
    /// Thinking tokens, if the model thought.
    pub thoughts: Option<u64>,
    /// Identical candidates to return.
    pub candidates: u32,
}

impl Reply {
    /// The answer's text, thoughts excluded (what the SDKs' `text` getter gives).
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .filter_map(|part| match part {
                OutPart::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Function responses in the request's last turn, if it is the user's.
fn last_responses(request: &GenerateRequest) -> Vec<&FunctionResponse> {
    request
        .contents
        .last()
        .filter(|content| !content.is_model())
        .map(|content| {
            content
                .parts
                .iter()
                .filter_map(|part| part.function_response.as_ref())
                .collect()
        })
        .unwrap_or_default()
}

/// The parts answering `request`, and the tokens a tool fed back.
fn answer_parts(
    model: &'static str,
    request: &GenerateRequest,
    prompt: &Prompt,
    manner: Manner,
) -> (Vec<OutPart>, u64) {
    let config = request.generation_config.clone().unwrap_or_default();
    let calling = request
        .tool_config
        .as_ref()
        .and_then(|tools| tools.function_calling_config.as_ref());
    let responses = last_responses(request);
    let forced = calling.and_then(|calling| calling.mode.as_deref()) == Some("ANY");
    let call = (responses.is_empty() || forced)
        .then(|| functions::choose(&request.tools, calling, &prompt.user_text))
        .flatten();
    if let Some(call) = call {
        let part = OutPart::Call {
            id: ids::call_id(),
            name: call.name,
            args: call.args,
        };
        return (vec![part], 0);
    }
    if !responses.is_empty() {
        return (
            vec![OutPart::Text(functions::answer_responses(&responses))],
            0,
        );
    }
    if request
        .tools
        .iter()
        .any(|tool| tool.code_execution.is_some())
    {
        let run = code::run(&prompt.user_text);
        let fed_back = tokens::text(&run.output);
        let parts = vec![
            OutPart::Code(run.code),
            OutPart::CodeResult(run.output),
            OutPart::Text(run.summary),
        ];
        return (parts, fed_back);
    }
    let modalities = &config.response_modalities;
    if models::makes_images(model) || modalities.iter().any(|modality| modality == "IMAGE") {
        let aspect = config
            .image_config
            .as_ref()
            .and_then(|image| image.aspect_ratio.as_deref());
        let drawn = picture::draw(&prompt.user_text, aspect);
        let mut parts = Vec::new();
        if modalities.is_empty() || modalities.iter().any(|modality| modality == "TEXT") {
            parts.push(OutPart::Text(format!(
                "Here is a {}x{} picture for your prompt: a {} disc on a pale background.",
                drawn.size.0, drawn.size.1, drawn.colour
            )));
        }
        parts.push(OutPart::Image(drawn.png_base64));
        return (parts, 0);
    }
    (vec![OutPart::Text(answer::compose(prompt, manner))], 0)
}

/// A thought summary that says what was read, nothing more.
fn thought_summary(prompt: &Prompt) -> String {
    let quoted: String = prompt.user_text.chars().take(120).collect();
    format!(
        "**Reading the request**\n\nThe turn to answer says: \"{quoted}\". It comes with {} media part(s); I answer from what can be measured in them.",
        prompt.media.len()
    )
}

/// Plans the reply to a checked request.
pub fn plan(
    model: &'static str,
    family: Family,
    request: &GenerateRequest,
    prompt: Prompt,
    manner: Manner,
    injected: &Injected,
) -> Reply {
    let config = request.generation_config.clone().unwrap_or_default();
    let (mut parts, tool_use_tokens) = answer_parts(model, request, &prompt, manner);
    let mut cut = false;
    let last_text = parts.iter_mut().rev().find_map(|part| match part {
        OutPart::Text(text) => Some(text),
        _ => None,
    });
    if let Some(text) = last_text {
        if injected.has(|kind| *kind == FaultKind::Truncate) {
            let keep = text.chars().count() / 2;
            *text = text.chars().take(keep).collect();
            cut = true;
        }
        if let Some(max) = config
            .max_output_tokens
            .filter(|max| tokens::text(text) > *max)
        {
            *text = text.chars().take((max * 4) as usize).collect();
            cut = true;
        }
    }
    let ending = if injected.has(|kind| *kind == FaultKind::SafetyBlock) {
        Ending::Blocked
    } else if injected.has(|kind| *kind == FaultKind::SafetyFinish) {
        Ending::Safety
    } else if cut {
        Ending::Finish("MAX_TOKENS")
    } else {
        Ending::Finish("STOP")
    };
    let thinking = config.thinking_config.clone().unwrap_or_default();
    let budget = thinking.thinking_budget;
    let thinking_off = budget == Some(0) && family == Family::Gemini25Flash;
    let thinks = family.thinks() && !thinking_off && !models::makes_images(model);
    let answer_tokens: u64 = parts.iter().map(output_tokens).sum();
    let thoughts = thinks.then(|| {
        let natural = 24 + answer_tokens / 2;
        let natural = match thinking.thinking_level.as_deref() {
            Some("MINIMAL") => natural / 4,
            Some("LOW") => natural / 2,
            _ => natural,
        };
        match budget {
            Some(budget) if budget > 0 => natural.min(budget as u64),
            _ => natural,
        }
    });
    if thinks && thinking.include_thoughts == Some(true) {
        parts.insert(0, OutPart::Thought(thought_summary(&prompt)));
    }
    let response_id = ids::response_id();
    let signature = (family == Family::Gemini3 && !parts.is_empty()).then(|| {
        let at = parts
            .iter()
            .position(|part| matches!(part, OutPart::Call { .. }))
            .unwrap_or(parts.len() - 1);
        let secret = format!("fake-gemini thought signature {response_id} {at}");
        (at, STANDARD.encode(secret))
    });
    Reply {
        model,
        response_id,
        parts,
        signature,
        ending,
        prompt: prompt.tokens,
        cached_tokens: 0,
        tool_use_tokens,
        thoughts,
        candidates: config.candidate_count.unwrap_or(1).clamp(1, 8),
    }
}

/// Output tokens of one part (a picture costs 1,290, as Gemini's image models bill).
pub fn output_tokens(part: &OutPart) -> u64 {
    match part {
        OutPart::Thought(_) => 0,
        OutPart::Text(text) | OutPart::Code(text) | OutPart::CodeResult(text) => tokens::text(text),
        OutPart::Call { name, args, .. } => {
            tokens::text(name) + tokens::text(&Value::Object(args.clone()).to_string())
        }
        OutPart::Image(_) => 1290,
    }
}
