//! Merges the chunks of a streamed answer into the one answer a unary call would
//! have given: text concatenated, the last finish reason, ratings and usage kept.

use crate::wire::{Candidate, Content, GenerateContentResponse, Part};
use serde_json::Value;

/// Accumulates streamed chunks. Feed every chunk in order with
/// [`StreamAggregator::push`]; [`StreamAggregator::response`] is the merged answer so
/// far (so a UI can show partial text), [`StreamAggregator::finish`] the final one.
#[derive(Debug, Clone, Default)]
pub struct StreamAggregator {
    merged: GenerateContentResponse,
    chunks: usize,
}

impl StreamAggregator {
    /// An empty aggregate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Merges the next chunk.
    pub fn push(&mut self, chunk: GenerateContentResponse) {
        self.chunks += 1;
        let merged = &mut self.merged;
        for (position, candidate) in chunk.candidates.into_iter().flatten().enumerate() {
            // Candidates are matched by `index`; without one, by position.
            let key = candidate.index.unwrap_or(position as u32);
            let list = merged.candidates.get_or_insert_with(Vec::new);
            let existing = list
                .iter_mut()
                .enumerate()
                .find(|(i, c)| c.index.unwrap_or(*i as u32) == key);
            match existing {
                Some((_, existing)) => merge_candidate(existing, candidate),
                None => list.push(candidate),
            }
        }
        keep_last(&mut merged.prompt_feedback, chunk.prompt_feedback);
        keep_last(&mut merged.usage_metadata, chunk.usage_metadata);
        keep_last(&mut merged.model_version, chunk.model_version);
        keep_last(&mut merged.response_id, chunk.response_id);
        merged.extra.extend(chunk.extra);
    }

    /// How many chunks were merged.
    pub fn chunk_count(&self) -> usize {
        self.chunks
    }

    /// The merged answer so far.
    pub fn response(&self) -> &GenerateContentResponse {
        &self.merged
    }

    /// The merged answer.
    pub fn finish(self) -> GenerateContentResponse {
        self.merged
    }
}

/// Merges a whole stream's chunks.
pub fn aggregate(
    chunks: impl IntoIterator<Item = GenerateContentResponse>,
) -> GenerateContentResponse {
    let mut aggregator = StreamAggregator::new();
    for chunk in chunks {
        aggregator.push(chunk);
    }
    aggregator.finish()
}

fn keep_last<T>(slot: &mut Option<T>, next: Option<T>) {
    if next.is_some() {
        *slot = next;
    }
}

fn merge_candidate(into: &mut Candidate, next: Candidate) {
    match (&mut into.content, next.content) {
        (Some(content), Some(more)) => merge_content(content, more),
        (slot @ None, more) => *slot = more,
        (Some(_), None) => {}
    }
    keep_last(&mut into.finish_reason, next.finish_reason);
    keep_last(&mut into.finish_message, next.finish_message);
    keep_last(&mut into.safety_ratings, next.safety_ratings);
    merge_citations(&mut into.citation_metadata, next.citation_metadata);
    keep_last(&mut into.token_count, next.token_count);
    keep_last(
        &mut into.grounding_attributions,
        next.grounding_attributions,
    );
    keep_last(&mut into.grounding_metadata, next.grounding_metadata);
    keep_last(&mut into.avg_logprobs, next.avg_logprobs);
    keep_last(&mut into.logprobs_result, next.logprobs_result);
    keep_last(&mut into.url_context_metadata, next.url_context_metadata);
    into.extra.extend(next.extra);
}

fn merge_content(into: &mut Content, next: Content) {
    keep_last(&mut into.role, next.role);
    into.extra.extend(next.extra);
    let parts = into.parts.get_or_insert_with(Vec::new);
    for part in next.parts.into_iter().flatten() {
        match parts.last_mut() {
            Some(last) if continues_text(last, &part) => {
                if let (Some(text), Some(more)) = (&mut last.text, part.text) {
                    text.push_str(&more);
                }
                keep_last(&mut last.thought_signature, part.thought_signature);
            }
            _ => parts.push(part),
        }
    }
}

/// Whether `next` continues the text of `last`: both plain text of the same kind
/// (answer or thought), and `last` not already closed by a thought signature.
fn continues_text(last: &Part, next: &Part) -> bool {
    let plain = |p: &Part| {
        p.text.is_some()
            && p.inline_data.is_none()
            && p.file_data.is_none()
            && p.function_call.is_none()
            && p.function_response.is_none()
            && p.executable_code.is_none()
            && p.code_execution_result.is_none()
            && p.video_metadata.is_none()
            && p.extra.is_empty()
    };
    plain(last)
        && plain(next)
        && last.is_thought() == next.is_thought()
        && last.thought_signature.is_none()
}

/// Citation sources arrive per chunk; the answer cites all of them.
fn merge_citations(into: &mut Option<Value>, next: Option<Value>) {
    let Some(next) = next else { return };
    let sources = |v: &Value| v.get("citationSources").and_then(Value::as_array).cloned();
    match (into.as_mut(), sources(&next)) {
        (Some(Value::Object(existing)), Some(more)) => {
            let list = existing
                .entry("citationSources")
                .or_insert_with(|| Value::Array(Vec::new()));
            match list {
                Value::Array(items) => items.extend(more),
                other => *other = Value::Array(more),
            }
        }
        _ => *into = Some(next),
    }
}
