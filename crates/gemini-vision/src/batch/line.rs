//! Reads one result, in either shape the API uses: a result file's line
//! `{"key": K, "response"|"error": ...}` or an inline entry
//! `{"metadata": {"key": K}, "response"|"error": ...}`.
//!
//! The fields are read in one pass that records what it has seen, so a line that
//! breaks after its key (cut short, a bad escape) still names its key in the error.
//! The response is kept as the JSON text received; no tree of it is built. Nesting is
//! bounded by serde_json's depth limit, so a hostile line cannot overflow the stack.

use super::result::{BatchOutcome, BatchResult, LineError, RawResponse, ResultError};
use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::fmt;

/// Reads the result at `position` from the JSON bytes of one line or entry.
pub(crate) fn read_result(json: &[u8], position: u64) -> BatchResult {
    let mut seen = Seen::default();
    let parsed = parse(json, &mut seen);
    let outcome = match (parsed, seen.response, seen.error) {
        (Err(err), _, _) => BatchOutcome::Unreadable(LineError::Malformed {
            reason: err.to_string(),
        }),
        (Ok(()), Some(raw), _) => BatchOutcome::Response(RawResponse::new(raw)),
        (Ok(()), None, Some(error)) => BatchOutcome::Error(error),
        (Ok(()), None, None) => BatchOutcome::Unreadable(LineError::NoOutcome),
    };
    BatchResult {
        key: seen.key,
        position,
        outcome,
    }
}

/// The key of a line, read from its first bytes only (what is left of a line too long
/// to hold): found when it comes before anything that breaks the prefix.
pub(crate) fn key_of_prefix(prefix: &[u8]) -> Option<String> {
    let mut seen = Seen::default();
    // The prefix is cut short, so the parse fails; what matters is what it saw first.
    let _ = parse(prefix, &mut seen);
    seen.key
}

fn parse(json: &[u8], seen: &mut Seen) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    LineSeed(seen).deserialize(&mut deserializer)?;
    deserializer.end()
}

/// What the pass has read so far.
#[derive(Default)]
struct Seen {
    key: Option<String>,
    response: Option<String>,
    error: Option<ResultError>,
}

struct LineSeed<'s>(&'s mut Seen);

impl<'de> DeserializeSeed<'de> for LineSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(LineVisitor(self.0))
    }
}

struct LineVisitor<'s>(&'s mut Seen);

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum Field {
    Key,
    Metadata,
    Response,
    Error,
    #[serde(other)]
    Other,
}

impl<'de> Visitor<'de> for LineVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a key and a response or an error")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let seen = self.0;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                // A top-level key wins over `metadata.key`, whichever comes first.
                Field::Key => seen.key = key_text(map.next_value()?),
                Field::Metadata => {
                    let metadata: Metadata = map.next_value()?;
                    if seen.key.is_none() {
                        seen.key = key_text(metadata.key);
                    }
                }
                Field::Response => {
                    let raw: Option<&'de RawValue> = map.next_value()?;
                    seen.response = raw.map(|raw| raw.get().to_owned());
                }
                Field::Error => {
                    let wire: Option<ErrorWire> = map.next_value()?;
                    seen.error = wire.map(ErrorWire::into_error);
                }
                Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A key as text: strings as they are, numbers in decimal; anything else is no key.
fn key_text(value: Option<Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    key: Option<Value>,
}

#[derive(Deserialize)]
struct ErrorWire {
    #[serde(default, deserialize_with = "lenient_code")]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    details: Option<Vec<Value>>,
}

impl ErrorWire {
    fn into_error(self) -> ResultError {
        ResultError {
            code: self.code,
            message: self.message.unwrap_or_default(),
            status: self.status,
            details: self.details.unwrap_or_default(),
        }
    }
}

/// A code as a number or a numeric string; anything else is no code (an error whose
/// code is odd is still an error for its request, not an unreadable line).
fn lenient_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> BatchResult {
        read_result(line.as_bytes(), 1)
    }

    #[test]
    fn a_file_line_with_a_response_keeps_its_json_verbatim() {
        let result = read(r#"{"key": "req-1", "response": {"candidates": [ ]}}"#);
        assert_eq!(result.key.as_deref(), Some("req-1"));
        assert_eq!(
            result.response().unwrap().as_str(),
            r#"{"candidates": [ ]}"#
        );
    }

    #[test]
    fn an_inline_entry_has_its_key_under_metadata() {
        let result = read(
            r#"{"metadata": {"key": "b", "other": 1}, "error": {"code": 3, "message": "bad"}}"#,
        );
        assert_eq!(result.key.as_deref(), Some("b"));
        let error = result.error().unwrap();
        assert_eq!(error.code, Some(3));
        assert_eq!(error.message, "bad");
    }

    #[test]
    fn the_top_level_key_wins_over_metadata() {
        let result = read(r#"{"metadata": {"key": "inner"}, "key": "outer", "response": {}}"#);
        assert_eq!(result.key.as_deref(), Some("outer"));
    }

    #[test]
    fn numeric_keys_and_codes_are_read_as_text_and_numbers() {
        let result =
            read(r#"{"key": 7, "error": {"code": "13", "message": "m", "details": [{"a": 1}]}}"#);
        assert_eq!(result.key.as_deref(), Some("7"));
        assert_eq!(result.error().unwrap().code, Some(13));
        assert_eq!(result.error().unwrap().details.len(), 1);
    }

    #[test]
    fn a_line_broken_after_its_key_still_names_the_key() {
        let result = read(r#"{"key": "req-9", "response": {"candidates": [}"#);
        assert_eq!(result.key.as_deref(), Some("req-9"));
        assert!(matches!(
            result.outcome,
            BatchOutcome::Unreadable(LineError::Malformed { .. })
        ));
    }

    #[test]
    fn neither_response_nor_error_is_no_outcome() {
        let result = read(r#"{"key": "k", "response": null}"#);
        assert_eq!(
            result.outcome,
            BatchOutcome::Unreadable(LineError::NoOutcome)
        );
    }

    #[test]
    fn anything_but_an_object_is_malformed() {
        for line in [
            "[]",
            "\"x\"",
            "1",
            "{",
            "{} {}",
            "{\"key\": \"a\"} trailing",
        ] {
            assert!(
                matches!(
                    read(line).outcome,
                    BatchOutcome::Unreadable(LineError::Malformed { .. })
                ),
                "{line}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_kept_verbatim_and_refused_when_decoded_without_overflow() {
        // Kept as text without recursion; only decoding it meets serde_json's depth limit.
        let deep = format!(
            r#"{{"key": "d", "response": {}{}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let result = read(&deep);
        assert_eq!(result.key.as_deref(), Some("d"));
        assert_eq!(
            result.response().unwrap().decode().unwrap_err().code(),
            "MALFORMED"
        );
        let in_error = format!(
            r#"{{"key": "e", "error": {{"details": {}{}}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert!(matches!(
            read(&in_error).outcome,
            BatchOutcome::Unreadable(LineError::Malformed { .. })
        ));
    }

    #[test]
    fn the_key_is_found_in_a_prefix() {
        assert_eq!(
            key_of_prefix(br#"{"key": "req-3", "response": {"cand"#).as_deref(),
            Some("req-3")
        );
        assert_eq!(key_of_prefix(br#"{"response": {"cand"#), None);
    }
}
