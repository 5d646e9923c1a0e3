//! Reads a JSON body against the schema tables the way Google's JSON front end does,
//! collecting every violation with the API's sentence and field path, and returns the
//! body normalised.
//!
//! Paths are snake_case with list indexes (`contents[0].parts[1].inline_data`) and map
//! entries as `properties[2].value`, as the API reports them. Unknown names are
//! reported at the message that holds them; a message at the root has no path, and its
//! field violation no `field`.

use serde_json::{Map, Value, json};

use super::ordered::Json;
use super::{Field, Kind, MessageType, PACKAGE, json_name};
use crate::clock;
use crate::errors::{ApiError, Status};
use crate::validation::is_base64;

/// One thing wrong with a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The field path, absent for the root message.
    pub field: Option<String>,
    /// The API's sentence.
    pub description: String,
}

/// Checks `value` as a `root` message and returns it normalised, or the API's 400 with
/// one sentence and one field violation per problem. `lenient` drops unknown names
/// instead of refusing them.
pub fn check(value: &Json, root: &'static MessageType, lenient: bool) -> Result<Value, ApiError> {
    check_at(value, root, "", lenient)
}

/// [`check`] for a message found at `path` inside a larger body (a request inside a
/// batch, say), so that reported paths are the whole body's.
pub fn check_at(
    value: &Json,
    root: &'static MessageType,
    path: &str,
    lenient: bool,
) -> Result<Value, ApiError> {
    let mut walker = Walker {
        lenient,
        violations: Vec::new(),
    };
    let normalised = if value.is_object() {
        walker.message(value, root, path)
    } else if path.is_empty() {
        walker.violations.push(Violation {
            field: None,
            description: "Invalid JSON payload received. Root element must be a message.".into(),
        });
        Value::Null
    } else {
        walker.invalid(path, &message_url(root), value);
        Value::Null
    };
    if walker.violations.is_empty() {
        return Ok(normalised);
    }
    Err(refusal(&walker.violations))
}

/// The API's 400 for a list of violations: the sentences joined by newlines, and a
/// `BadRequest` detail with one field violation each.
pub fn refusal(violations: &[Violation]) -> ApiError {
    let message = violations
        .iter()
        .map(|violation| violation.description.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let field_violations: Vec<Value> = violations
        .iter()
        .map(|violation| match &violation.field {
            Some(field) => json!({ "field": field, "description": violation.description }),
            None => json!({ "description": violation.description }),
        })
        .collect();
    ApiError::new(Status::InvalidArgument, message).with_detail(json!({
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        "fieldViolations": field_violations,
    }))
}

fn message_url(message: &MessageType) -> String {
    format!("type.googleapis.com/{PACKAGE}.{}", message.name)
}

fn child(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// A value as the API quotes it in a message: strings in quotes, cut at 64 characters.
fn shown(value: &Json) -> String {
    match value {
        Json::String(text) => {
            let head: String = text.chars().take(64).collect();
            let more = if head.len() < text.len() { "..." } else { "" };
            format!("\"{head}{more}\"")
        }
        other => other.to_value().to_string(),
    }
}

struct Walker {
    lenient: bool,
    violations: Vec<Violation>,
}

impl Walker {
    fn push(&mut self, field: &str, description: String) {
        self.violations.push(Violation {
            field: (!field.is_empty()).then(|| field.to_string()),
            description,
        });
    }

    fn invalid(&mut self, path: &str, type_name: &str, value: &Json) {
        let rendered = if value.is_object() {
            "Starting an object on a scalar field".to_string()
        } else {
            shown(value)
        };
        self.push(
            path,
            format!("Invalid value at '{path}' ({type_name}), {rendered}"),
        );
    }

    fn invalid_text(&mut self, path: &str, type_name: &str, text: String) {
        self.push(
            path,
            format!("Invalid value at '{path}' ({type_name}), {text}"),
        );
    }

    fn unknown(&mut self, key: &str, at: &str, why: &str) {
        let description = if at.is_empty() {
            format!("Invalid JSON payload received. Unknown name \"{key}\": {why}")
        } else {
            format!("Invalid JSON payload received. Unknown name \"{key}\" at '{at}': {why}")
        };
        self.push(at, description);
    }

    fn message(&mut self, value: &Json, message: &'static MessageType, path: &str) -> Value {
        let Json::Object(object) = value else {
            return Value::Null;
        };
        if message.opaque {
            return value.to_value();
        }
        let mut out = Map::new();
        let mut oneofs: Vec<&str> = Vec::new();
        for (key, item) in object {
            let Some(field) = message.field(key) else {
                if !self.lenient {
                    self.unknown(key, path, "Cannot find field.");
                }
                continue;
            };
            if *item == Json::Null {
                continue;
            }
            if let Some(group) = field.oneof {
                if oneofs.contains(&group) {
                    self.invalid_text(
                        path,
                        "oneof",
                        format!(
                            "oneof field '{group}' is already set. Cannot set '{}'",
                            field.name
                        ),
                    );
                    continue;
                }
                oneofs.push(group);
            }
            if let Some(normalised) = self.field(item, field, key, path) {
                out.insert(json_name(field.name), normalised);
            }
        }
        Value::Object(out)
    }

    fn field(
        &mut self,
        value: &Json,
        field: &'static Field,
        key: &str,
        parent: &str,
    ) -> Option<Value> {
        let path = child(parent, field.name);
        if field.repeated {
            // The front end takes a lone element where a list is expected.
            let Json::Array(items) = value else {
                return self
                    .single(value, &field.kind, &path)
                    .map(|one| json!([one]));
            };
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                if *item == Json::Null {
                    continue;
                }
                if matches!(item, Json::Array(_)) {
                    self.unknown(
                        key,
                        parent,
                        "Proto field is not repeating, cannot start list.",
                    );
                    continue;
                }
                if let Some(one) = self.single(item, &field.kind, &format!("{path}[{index}]")) {
                    out.push(one);
                }
            }
            return Some(Value::Array(out));
        }
        if matches!(value, Json::Array(_)) {
            self.unknown(
                key,
                parent,
                "Proto field is not repeating, cannot start list.",
            );
            return None;
        }
        self.single(value, &field.kind, &path)
    }

    fn single(&mut self, value: &Json, kind: &'static Kind, path: &str) -> Option<Value> {
        match kind {
            Kind::Message(message) => {
                if value.is_object() {
                    Some(self.message(value, message, path))
                } else {
                    self.invalid(path, &message_url(message), value);
                    None
                }
            }
            Kind::Map(inner) => self.map(value, inner, path),
            Kind::Struct => {
                if value.is_object() {
                    Some(value.to_value())
                } else {
                    self.invalid(path, "type.googleapis.com/google.protobuf.Struct", value);
                    None
                }
            }
            Kind::Value => Some(value.to_value()),
            Kind::Enum(enumeration) => {
                let found = match value {
                    Json::String(name) => enumeration
                        .values
                        .iter()
                        .find(|known| known.eq_ignore_ascii_case(name))
                        .map(|known| Value::String((*known).to_string())),
                    // Open enums: a number names a value even when this table has none.
                    Json::Number(number) => number.as_u64().map(|index| {
                        enumeration
                            .values
                            .get(index as usize)
                            .map_or(Value::Number(number.clone()), |name| {
                                Value::String((*name).to_string())
                            })
                    }),
                    _ => None,
                };
                if found.is_none() {
                    let url = format!("type.googleapis.com/{PACKAGE}.{}", enumeration.name);
                    self.invalid(path, &url, value);
                }
                found
            }
            scalar => self.scalar(value, scalar, path),
        }
    }

    fn map(&mut self, value: &Json, inner: &'static Kind, path: &str) -> Option<Value> {
        let Json::Object(entries) = value else {
            self.invalid(path, "map", value);
            return None;
        };
        let mut out = Map::new();
        for (index, (key, item)) in entries.iter().enumerate() {
            if let Some(one) = self.single(item, inner, &format!("{path}[{index}].value")) {
                out.insert(key.clone(), one);
            }
        }
        Some(Value::Object(out))
    }

    fn scalar(&mut self, value: &Json, kind: &Kind, path: &str) -> Option<Value> {
        let (type_name, parsed) = match kind {
            Kind::String => ("TYPE_STRING", value.as_str().map(Value::from)),
            Kind::Bool => ("TYPE_BOOL", boolean(value)),
            Kind::Int32 => (
                "TYPE_INT32",
                integer(value, i64::from(i32::MIN), i64::from(i32::MAX)),
            ),
            Kind::Int64 => ("TYPE_INT64", integer(value, i64::MIN, i64::MAX)),
            Kind::Float => ("TYPE_FLOAT", float(value)),
            Kind::Double => ("TYPE_DOUBLE", float(value)),
            Kind::Bytes => {
                if let Some(text) = value.as_str() {
                    if !is_base64(text) {
                        self.invalid_text(
                            path,
                            "TYPE_BYTES",
                            format!("Base64 decoding failed for {}", shown(value)),
                        );
                        return None;
                    }
                    return Some(Value::from(text));
                }
                ("TYPE_BYTES", None)
            }
            Kind::Duration => (
                "type.googleapis.com/google.protobuf.Duration",
                value
                    .as_str()
                    .filter(|text| clock::parse_duration(text).is_some())
                    .map(Value::from),
            ),
            Kind::Timestamp => (
                "type.googleapis.com/google.protobuf.Timestamp",
                value
                    .as_str()
                    .filter(|text| clock::parse_rfc3339(text).is_some())
                    .map(Value::from),
            ),
            Kind::Message(_) | Kind::Map(_) | Kind::Struct | Kind::Value | Kind::Enum(_) => {
                return Some(value.to_value());
            }
        };
        if parsed.is_none() {
            self.invalid(path, type_name, value);
        }
        parsed
    }
}

fn boolean(value: &Json) -> Option<Value> {
    match value {
        Json::Bool(value) => Some(Value::Bool(*value)),
        Json::String(text) if text == "true" => Some(Value::Bool(true)),
        Json::String(text) if text == "false" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// An integer in `[min, max]`, from a number (integral floats too, as the Python client
/// sends `40.0`) or a numeric string.
fn integer(value: &Json, min: i64, max: i64) -> Option<Value> {
    let whole = match value {
        Json::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18)
                .map(|f| f as i64)
        }),
        Json::String(text) => {
            let text = text.trim();
            text.parse::<i64>().ok().or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 9.2e18)
                    .map(|f| f as i64)
            })
        }
        _ => None,
    }?;
    (min..=max).contains(&whole).then(|| Value::from(whole))
}

fn float(value: &Json) -> Option<Value> {
    match value {
        Json::Number(number) => Some(Value::Number(number.clone())),
        Json::String(text) => match text.trim() {
            "NaN" | "Infinity" | "-Infinity" => Some(Value::from(text.as_str())),
            other => other.parse::<f64>().ok().map(Value::from),
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ordered::parse;
    use crate::schema::resources::GENERATE_CONTENT_REQUEST;
    use proptest::prelude::*;

    fn checked(body: &str, lenient: bool) -> Result<Value, ApiError> {
        check(
            &parse(body.as_bytes()).unwrap(),
            &GENERATE_CONTENT_REQUEST,
            lenient,
        )
    }

    fn refusal_of(body: Value) -> ApiError {
        checked(&body.to_string(), false).unwrap_err()
    }

    #[test]
    fn unknown_names_at_the_root_have_no_path() {
        let error = refusal_of(json!({"contents": [], "config": {}, "top_k": 3}));
        assert_eq!(
            error.message,
            "Invalid JSON payload received. Unknown name \"config\": Cannot find field.\nInvalid JSON payload received. Unknown name \"top_k\": Cannot find field."
        );
        assert!(
            error.details[0]["fieldViolations"][0]
                .get("field")
                .is_none()
        );
    }

    #[test]
    fn bodies_come_back_normalised() {
        let body = json!({
            "contents": {"role": "user", "parts": [{"inline_data": {"mime_type": "image/png", "data": "AA"}}]},
            "generation_config": {"max_output_tokens": "7", "temperature": "0.5", "thinking_config": {"thinking_level": "low"}, "seed": null},
        });
        let normalised = checked(&body.to_string(), false).unwrap();
        assert_eq!(
            normalised,
            json!({
                "contents": [{"role": "user", "parts": [{"inlineData": {"mimeType": "image/png", "data": "AA"}}]}],
                "generationConfig": {"maxOutputTokens": 7, "temperature": 0.5, "thinkingConfig": {"thinkingLevel": "LOW"}},
            })
        );
    }

    #[test]
    fn lenient_mode_drops_unknown_names() {
        let body = json!({"contents": [{"parts": [{"text": "hi", "cache_control": {}}]}], "generationConfig": {"tools": []}});
        let normalised = checked(&body.to_string(), true).unwrap();
        assert_eq!(
            normalised,
            json!({"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {}})
        );
    }

    #[test]
    fn bad_base64_is_refused_where_it_is() {
        let body =
            json!({"contents": [{"parts": [{"text": "x", "thoughtSignature": "not base64!"}]}]});
        assert_eq!(
            refusal_of(body).message,
            "Invalid value at 'contents[0].parts[0].thought_signature' (TYPE_BYTES), Base64 decoding failed for \"not base64!\""
        );
    }

    proptest! {
        #[test]
        fn any_json_gets_an_answer_not_a_panic(text in "\\PC{0,200}") {
            if let Ok(value) = parse(text.as_bytes()) {
                let _ = check(&value, &GENERATE_CONTENT_REQUEST, false);
            }
        }

        #[test]
        fn every_unknown_key_is_named(key in "[a-zA-Z]{1,12}") {
            prop_assume!(GENERATE_CONTENT_REQUEST.field(&key).is_none());
            let error = refusal_of(json!({ key.clone(): 1 }));
            prop_assert_eq!(error.message, format!("Invalid JSON payload received. Unknown name \"{key}\": Cannot find field."));
        }
    }
}
