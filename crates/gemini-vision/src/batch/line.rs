//! Reads one result, in either shape the API uses: a result file's line
//! `{"key": K, "response"|"error": ...}` or an inline entry
//! `{"metadata": {"key": K}, "response"|"error": ...}`.
//!
//! The line is read member by member ([`Reader::object`]), keeping what each member
//! gave, so a line that breaks after its key (cut short, a bad escape) still names its
//! key in the error. The response is kept as the JSON text received ([`Reader::skip`],
//! which checks it without building a tree and without recursion, so any nesting is
//! read); the key, `metadata` and `error` are read into values, whose nesting
//! [`Reader::value`] limits to [`json::MAX_DEPTH`](crate::json::MAX_DEPTH), so a hostile
//! line cannot overflow the stack. Other members are skipped.

use super::result::{BatchOutcome, BatchResult, LineError, RawResponse, ResultError};
use crate::json::{Fields, JsonError, Reader, within};
use crate::wire::{JsonLimits, Status};
use serde_json::Value;

/// Reads the result at `position` from the JSON bytes of one line or entry.
pub(crate) fn read_result(json: &[u8], position: u64) -> BatchResult {
    let mut seen = Seen::default();
    let read = seen.read(json);
    let key = seen.key();
    let outcome = match read
        .map_err(|err| err.to_string())
        .and_then(|()| seen.error())
    {
        Err(reason) => BatchOutcome::Unreadable(LineError::Malformed { reason }),
        Ok(error) => match (seen.response, error) {
            (Some(raw), _) => BatchOutcome::Response(RawResponse::new(raw.to_owned())),
            (None, Some(error)) => BatchOutcome::Error(error),
            (None, None) => BatchOutcome::Unreadable(LineError::NoOutcome),
        },
    };
    BatchResult {
        key,
        position,
        outcome,
    }
}

/// The key of a line, read from its first bytes only (what is left of a line too long
/// to hold): found when it comes before anything that breaks the prefix.
pub(crate) fn key_of_prefix(prefix: &[u8]) -> Option<String> {
    let mut seen = Seen::default();
    // The prefix is cut short, so the read fails; what matters is what it saw first.
    let _ = seen.read(prefix);
    seen.key()
}

/// The members of a line read so far (a later member of the same name replaces an
/// earlier one).
#[derive(Default)]
struct Seen<'a> {
    /// The top-level `key`, when there was one.
    key: Option<Value>,
    metadata: Option<Value>,
    /// The response's text; `None` when absent or `null`.
    response: Option<&'a str>,
    /// `None` when absent or `null`.
    error: Option<Value>,
}

impl<'a> Seen<'a> {
    /// Reads the whole line, keeping each member as it goes.
    fn read(&mut self, json: &'a [u8]) -> Result<(), JsonError> {
        // A line may be megabytes of response, kept as text; its key, metadata and
        // error, built as trees, are a resource's worth at most.
        let mut reader = Reader::with_budget(json, JsonLimits::RESOURCE.max_values);
        reader.object(|reader, name| {
            match name.as_str() {
                "key" => self.key = Some(reader.value()?),
                "metadata" => self.metadata = Some(reader.value()?),
                "response" => self.response = Some(reader.skip()?).filter(|raw| *raw != "null"),
                "error" => self.error = Some(reader.value()?).filter(|value| !value.is_null()),
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        reader.end()
    }

    /// The request's key: the top-level `key` wins over `metadata.key`, whichever
    /// came first. Strings as they are, numbers in decimal; anything else is no key.
    fn key(&self) -> Option<String> {
        let metadata_key = || match &self.metadata {
            Some(Value::Object(metadata)) => metadata.get("key"),
            _ => None,
        };
        match self.key.as_ref().or_else(metadata_key)? {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }

    /// The API's error, when the line has one; a `metadata` or `error` of the wrong
    /// shape makes the line unreadable.
    fn error(&self) -> Result<Option<ResultError>, String> {
        if let Some(metadata) = &self.metadata {
            Fields::of(metadata, "`metadata`")?;
        }
        let Some(error) = &self.error else {
            return Ok(None);
        };
        let status = Status::from_value(error)?;
        let fields = Fields::of(error, "`error`")?;
        Ok(Some(ResultError {
            code: status.code,
            message: status.message.unwrap_or_default(),
            status: fields.string(&["status"]).map_err(within("error"))?,
            details: status.details,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> BatchResult {
        read_result(line.as_bytes(), 1)
    }

    fn is_malformed(result: &BatchResult) -> bool {
        matches!(
            result.outcome,
            BatchOutcome::Unreadable(LineError::Malformed { .. })
        )
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
        assert!(is_malformed(&result));
    }

    #[test]
    fn a_bad_escape_after_the_key_still_names_the_key() {
        for line in [
            r#"{"key": "req-4", "response": {"text": "\q"}}"#,
            r#"{"metadata": {"key": "req-4"}, "error": {"message": "cut"#,
            r#"{"key": "req-4", "other": [1, 2,], "response": {}}"#,
        ] {
            let result = read(line);
            assert_eq!(result.key.as_deref(), Some("req-4"), "{line}");
            assert!(is_malformed(&result), "{line}");
        }
    }

    #[test]
    fn a_response_is_kept_byte_for_byte() {
        let response = "{ \"text\" : \"caf\\u00e9 \\\" \\n\",\n\t\"n\": [1.50, -0, 1e2] }";
        let result = read(&format!(r#"{{"key": "k", "response":   {response}  }}"#));
        assert_eq!(result.response().unwrap().as_str(), response);
    }

    #[test]
    fn an_error_of_the_wrong_shape_is_malformed_naming_the_field_and_keeps_the_key() {
        let result = read(r#"{"key": "k", "error": {"code": 3, "message": 7}}"#);
        assert_eq!(result.key.as_deref(), Some("k"));
        assert_eq!(
            result.outcome,
            BatchOutcome::Unreadable(LineError::Malformed {
                reason: "in `error`, `message` is not a string".into()
            })
        );
        for line in [
            r#"{"key": "k", "error": []}"#,
            r#"{"key": "k", "metadata": 5, "response": {}}"#,
            r#"{"key": "k", "error": {"details": {}}}"#,
        ] {
            assert!(is_malformed(&read(line)), "{line}");
        }
    }

    #[test]
    fn an_odd_code_is_no_code_and_null_members_are_absent() {
        let result =
            read(r#"{"key": "k", "response": null, "error": {"code": true, "message": null}}"#);
        let error = result.error().unwrap();
        assert_eq!((error.code, error.message.as_str()), (None, ""));
    }

    #[test]
    fn members_it_does_not_read_are_skipped_at_any_nesting() {
        let deep = format!(
            r#"{{"key": "s", "echo": {}{}, "response": {{}}}}"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        assert_eq!(read(&deep).response().unwrap().as_str(), "{}");
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
            assert!(is_malformed(&read(line)), "{line}");
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
        assert!(is_malformed(&read(&in_error)));
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
