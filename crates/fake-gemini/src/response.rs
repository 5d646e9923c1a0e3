//! A planned [`Reply`] as `GenerateContentResponse` JSON: whole for `generateContent`,
//! in pieces for `streamGenerateContent` (text split every `--stream-chunk-chars`
//! characters, other parts whole, usage growing with every event, `finishReason` on the
//! last).

use serde_json::{Value, json};

use crate::reply::{Ending, OutPart, Reply, output_tokens};
use crate::stream::pieces;

const SAFETY_RATINGS: &str = r#"[{"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"HIGH","blocked":true},{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"},{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"NEGLIGIBLE"}]"#;

fn safety_ratings() -> Value {
    serde_json::from_str(SAFETY_RATINGS).unwrap_or(Value::Null)
}

/// One part as the API writes it.
pub fn part_json(part: &OutPart) -> Value {
    match part {
        OutPart::Thought(text) => json!({ "text": text, "thought": true }),
        OutPart::Text(text) => json!({ "text": text }),
        OutPart::Call { id, name, args } => {
            json!({ "functionCall": { "id": id, "name": name, "args": args } })
        }
        OutPart::Code(code) => json!({ "executableCode": { "language": "PYTHON", "code": code } }),
        OutPart::CodeResult(output) => {
            json!({ "codeExecutionResult": { "outcome": "OUTCOME_OK", "output": output } })
        }
        OutPart::Image(data) => json!({ "inlineData": { "mimeType": "image/png", "data": data } }),
    }
}

/// The whole reply, as `generateContent` answers it.
pub fn unary(reply: &Reply) -> Value {
    let parts: Vec<Value> = reply
        .parts
        .iter()
        .enumerate()
        .map(|(index, part)| signed(reply, index, part_json(part)))
        .collect();
    let sent: u64 = reply.parts.iter().map(output_tokens).sum();
    body(reply, parts, sent, true)
}

/// The reply in streamed events.
pub fn events(reply: &Reply, chunk_chars: usize) -> Vec<Value> {
    if matches!(reply.ending, Ending::Blocked | Ending::Safety) {
        return vec![body(reply, Vec::new(), 0, true)];
    }
    // (part index, JSON of this piece, output tokens of this piece)
    let mut pieces_out: Vec<(usize, Value, u64)> = Vec::new();
    for (index, part) in reply.parts.iter().enumerate() {
        match part {
            OutPart::Thought(text) | OutPart::Text(text) => {
                for piece in pieces(text, chunk_chars) {
                    let cut = match part {
                        OutPart::Thought(_) => OutPart::Thought(piece.to_string()),
                        _ => OutPart::Text(piece.to_string()),
                    };
                    let cost = output_tokens(&cut);
                    pieces_out.push((index, part_json(&cut), cost));
                }
            }
            other => pieces_out.push((index, part_json(other), output_tokens(other))),
        }
    }
    // The signature rides on the last piece of its part.
    if let Some((at, _)) = &reply.signature
        && let Some(position) = pieces_out.iter().rposition(|(index, _, _)| index == at)
        && let Some((index, json, _)) = pieces_out.get_mut(position)
    {
        *json = signed(reply, *index, json.clone());
    }
    let last = pieces_out.len().saturating_sub(1);
    let mut sent = 0;
    let mut out = Vec::with_capacity(pieces_out.len().max(1));
    for (position, (_, json, cost)) in pieces_out.into_iter().enumerate() {
        sent += cost;
        out.push(body(reply, vec![json], sent, position == last));
    }
    if out.is_empty() {
        out.push(body(reply, Vec::new(), 0, true));
    }
    out
}

fn signed(reply: &Reply, index: usize, mut json: Value) -> Value {
    if let Some((at, signature)) = &reply.signature
        && *at == index
    {
        json["thoughtSignature"] = json!(signature);
    }
    json
}

/// One response object with `parts`; `sent` is the output tokens so far, `last` adds
/// the `finishReason`.
fn body(reply: &Reply, parts: Vec<Value>, sent: u64, last: bool) -> Value {
    let prompt_tokens = reply.prompt.total();
    let mut usage = json!({
        "promptTokenCount": prompt_tokens,
        "promptTokensDetails": reply.prompt.details(),
    });
    let mut body = json!({});
    let mut output = 0;
    match reply.ending {
        Ending::Blocked => {
            body["promptFeedback"] =
                json!({ "blockReason": "SAFETY", "safetyRatings": safety_ratings() });
        }
        Ending::Safety => {
            body["candidates"] = json!([{ "finishReason": "SAFETY", "index": 0, "safetyRatings": safety_ratings() }]);
        }
        Ending::Finish(reason) => {
            output = sent * u64::from(reply.candidates);
            let candidates: Vec<Value> = (0..reply.candidates)
                .map(|index| {
                    let mut candidate = json!({
                        "content": { "parts": parts.clone(), "role": "model" },
                        "index": index,
                    });
                    if last {
                        candidate["finishReason"] = json!(reason);
                    }
                    candidate
                })
                .collect();
            body["candidates"] = Value::Array(candidates);
            usage["candidatesTokenCount"] = json!(output);
        }
    }
    if reply.cached_tokens > 0 {
        usage["cachedContentTokenCount"] = json!(reply.cached_tokens);
    }
    if reply.tool_use_tokens > 0 {
        usage["toolUsePromptTokenCount"] = json!(reply.tool_use_tokens);
    }
    let thoughts = reply.thoughts.unwrap_or(0);
    if let Some(thoughts) = reply.thoughts {
        usage["thoughtsTokenCount"] = json!(thoughts);
    }
    usage["totalTokenCount"] = json!(prompt_tokens + output + thoughts + reply.tool_use_tokens);
    body["usageMetadata"] = usage;
    body["modelVersion"] = json!(reply.model);
    body["responseId"] = json!(reply.response_id);
    body
}
