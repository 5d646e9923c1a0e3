//! The documented ranges of `generationConfig` values, checked before a request is
//! sent so that a typo is an [`Error::InvalidInput`] here rather than a 400 later.

use crate::error::{Error, Result};
use crate::wire::GenerationConfig;
use serde_json::Value;

/// Checks every field that has a documented range or shape.
pub(crate) fn check(config: &GenerationConfig) -> Result<()> {
    if let Some(t) = config.temperature {
        in_range("temperature", t, 0.0, 2.0)?;
    }
    if let Some(p) = config.top_p {
        in_range("topP", p, 0.0, 1.0)?;
    }
    at_least("topK", config.top_k, 1)?;
    at_least("maxOutputTokens", config.max_output_tokens, 1)?;
    at_least("candidateCount", config.candidate_count, 1)?;
    if let Some(thinking) = &config.thinking_config {
        at_least("thinkingBudget", thinking.thinking_budget, -1)?;
    }
    let mime = config.response_mime_type.as_deref();
    if mime.is_some_and(|m| m.trim().is_empty()) {
        return Err(Error::invalid("responseMimeType", "it is empty"));
    }
    if let Some(schema) = &config.response_schema {
        if !schema.is_object() {
            return Err(Error::invalid(
                "responseSchema",
                "it must be a JSON object (an OpenAPI schema)",
            ));
        }
        if !matches!(mime, Some("application/json" | "text/x.enum")) {
            return Err(Error::invalid(
                "responseMimeType",
                "a responseSchema needs application/json or text/x.enum",
            ));
        }
    }
    if let Some(schema) = &config.response_json_schema {
        if !matches!(schema, Value::Object(_) | Value::Bool(_)) {
            return Err(Error::invalid(
                "responseJsonSchema",
                "it must be a JSON Schema (an object or a boolean)",
            ));
        }
        if mime != Some("application/json") {
            return Err(Error::invalid(
                "responseMimeType",
                "a responseJsonSchema needs application/json",
            ));
        }
    }
    Ok(())
}

fn in_range(what: &'static str, value: f64, min: f64, max: f64) -> Result<()> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            what,
            format!("it must be between {min} and {max}, got {value}"),
        ))
    }
}

fn at_least(what: &'static str, value: Option<i64>, min: i64) -> Result<()> {
    match value {
        Some(v) if v < min => Err(Error::invalid(
            what,
            format!("it must be at least {min}, got {v}"),
        )),
        _ => Ok(()),
    }
}
