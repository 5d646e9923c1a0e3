//! What a `batchGenerateContent` body asks for, checked the way the API's JSON parser
//! checks it: known fields only (camelCase or snake_case), the right JSON types, and
//! exactly one source, inline requests or a `files/...` name.
//!
//! A refusal here refuses the whole job with 400 `INVALID_ARGUMENT`, worded as Google
//! words parser errors (paths in snake_case). What is inside each `request` is not
//! judged here: the answer pipeline judges it per request, and a refusal there is an
//! error result for that request only.

use serde_json::{Map, Value, json};

use crate::errors::{ApiError, Status};

/// Fields a `GenerateContentBatch` may carry (output-only ones are accepted and ignored,
/// as proto JSON parsing does).
const BATCH_FIELDS: &[&str] = &[
    "name",
    "model",
    "display_name",
    "input_config",
    "output",
    "create_time",
    "end_time",
    "update_time",
    "batch_stats",
    "state",
    "priority",
    "webhook_config",
];
const INPUT_CONFIG_FIELDS: &[&str] = &["file_name", "requests"];
const REQUESTS_FIELDS: &[&str] = &["requests"];
const INLINED_REQUEST_FIELDS: &[&str] = &["request", "metadata"];

/// One inline request.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineRequest {
    /// The `GenerateContentRequest` (an empty object when it was left out).
    pub request: Value,
    /// `metadata` as given (a `Struct`; `key` joins the result to it).
    pub metadata: Option<Value>,
}

/// Where the requests are.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// In the body.
    Inline(Vec<InlineRequest>),
    /// In an uploaded JSONL file, `files/...`.
    File(String),
}

/// A checked create body.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchInput {
    /// `displayName`.
    pub display_name: Option<String>,
    /// The requests.
    pub source: Source,
}

/// `snake_case` of a camelCase field name, as the API reports names.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for character in name.chars() {
        if character.is_ascii_uppercase() {
            out.push('_');
            out.push(character.to_ascii_lowercase());
        } else {
            out.push(character);
        }
    }
    out
}

/// 400 for a field the message does not have.
pub fn unknown_name(path: &str, name: &str) -> ApiError {
    let at = if path.is_empty() {
        String::new()
    } else {
        format!(" at '{path}'")
    };
    let message =
        format!("Invalid JSON payload received. Unknown name \"{name}\"{at}: Cannot find field.");
    let mut violation = json!({ "description": message });
    if !path.is_empty() {
        violation["field"] = json!(path);
    }
    ApiError::new(Status::InvalidArgument, message.clone()).with_detail(json!({
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        "fieldViolations": [violation]
    }))
}

/// 400 for a value of the wrong JSON type; `expected` is the proto type's name.
pub fn invalid_value(path: &str, expected: &str, value: &Value) -> ApiError {
    let mut shown = value.to_string();
    if shown.len() > 80 {
        let mut end = 80;
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        shown.truncate(end);
        shown.push_str("...");
    }
    ApiError::bad_field(
        path,
        format!("Invalid value at '{path}' ({expected}), {shown}"),
    )
}

/// The object at `path`, with every field name checked against `known` (snake_case).
fn object<'a>(
    value: &'a Value,
    path: &str,
    expected: &str,
    known: &[&str],
) -> Result<&'a Map<String, Value>, ApiError> {
    let fields = value
        .as_object()
        .ok_or_else(|| invalid_value(path, expected, value))?;
    if let Some(name) = fields
        .keys()
        .find(|name| !known.contains(&snake(name).as_str()))
    {
        return Err(unknown_name(path, name));
    }
    Ok(fields)
}

/// A field by its snake_case name, in either casing.
fn field<'a>(fields: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    fields
        .iter()
        .find(|(key, _)| snake(key) == name)
        .map(|(_, value)| value)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Checks the keys of a request line or an inline request against `known`, as a
/// parser would; used by the JSONL reader too.
pub fn check_fields(
    value: &Value,
    path: &str,
    expected: &str,
    known: &[&str],
) -> Result<(), ApiError> {
    object(value, path, expected, known).map(|_| ())
}

fn inline_request(item: &Value, path: &str) -> Result<InlineRequest, ApiError> {
    let fields = object(
        item,
        path,
        "type.googleapis.com/google.ai.generativelanguage.v1beta.InlinedRequest",
        INLINED_REQUEST_FIELDS,
    )?;
    let request = match field(fields, "request") {
        None | Some(Value::Null) => json!({}),
        Some(request @ Value::Object(_)) => request.clone(),
        Some(other) => {
            return Err(invalid_value(
                &join(path, "request"),
                "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentRequest",
                other,
            ));
        }
    };
    let metadata = match field(fields, "metadata") {
        None | Some(Value::Null) => None,
        Some(metadata @ Value::Object(_)) => Some(metadata.clone()),
        Some(other) => {
            return Err(invalid_value(
                &join(path, "metadata"),
                "type.googleapis.com/google.protobuf.Struct",
                other,
            ));
        }
    };
    Ok(InlineRequest { request, metadata })
}

/// Checks a create body.
pub fn parse(body: &Value) -> Result<BatchInput, ApiError> {
    let root = object(
        body,
        "",
        "type.googleapis.com/google.ai.generativelanguage.v1beta.BatchGenerateContentRequest",
        &["batch"],
    )?;
    let batch =
        field(root, "batch").ok_or_else(|| ApiError::bad_field("batch", "batch is required."))?;
    let batch = object(
        batch,
        "batch",
        "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
        BATCH_FIELDS,
    )?;
    let display_name = match field(batch, "display_name") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(name.clone()),
        Some(other) => return Err(invalid_value("batch.display_name", "TYPE_STRING", other)),
    };
    let config = field(batch, "input_config").ok_or_else(|| {
        ApiError::bad_field(
            "batch.input_config",
            "batch.input_config is required: give requests or a file_name.",
        )
    })?;
    let config = object(
        config,
        "batch.input_config",
        "type.googleapis.com/google.ai.generativelanguage.v1beta.InputConfig",
        INPUT_CONFIG_FIELDS,
    )?;
    let source = match (field(config, "file_name"), field(config, "requests")) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_field(
                "batch.input_config",
                "Invalid JSON payload received. Oneof field 'source' is already set. Cannot set 'requests'",
            ));
        }
        (Some(Value::String(name)), None) => Source::File(name.clone()),
        (Some(other), None) => {
            return Err(invalid_value(
                "batch.input_config.file_name",
                "TYPE_STRING",
                other,
            ));
        }
        (None, Some(requests)) => Source::Inline(inline_requests(requests)?),
        (None, None) => {
            return Err(ApiError::bad_field(
                "batch.input_config",
                "batch.input_config needs requests or a file_name.",
            ));
        }
    };
    Ok(BatchInput {
        display_name,
        source,
    })
}

fn inline_requests(requests: &Value) -> Result<Vec<InlineRequest>, ApiError> {
    let path = "batch.input_config.requests";
    let wrapper = object(
        requests,
        path,
        "type.googleapis.com/google.ai.generativelanguage.v1beta.InlinedRequests",
        REQUESTS_FIELDS,
    )?;
    let list_path = join(path, "requests");
    let items = match field(wrapper, "requests") {
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(invalid_value(
                &list_path,
                "type.googleapis.com/google.ai.generativelanguage.v1beta.InlinedRequest",
                other,
            ));
        }
        None => &Vec::new(),
    };
    if items.is_empty() {
        return Err(ApiError::bad_field(
            &list_path,
            "A batch needs at least one request.",
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| inline_request(item, &format!("{list_path}[{index}]")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn inline(item: Value) -> Value {
        json!({"batch": {"displayName": "job", "inputConfig": {"requests": {"requests": [item]}}}})
    }

    #[test]
    fn reads_inline_requests_in_either_casing() {
        let body = json!({"batch": {"display_name": "job", "input_config": {"requests": {"requests": [
            {"request": {"contents": []}, "metadata": {"key": "a"}}, {"request": {}}]}}}});
        let input = parse(&body).unwrap();
        assert_eq!(input.display_name.as_deref(), Some("job"));
        let Source::Inline(items) = input.source else {
            panic!("inline expected")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].metadata, Some(json!({"key": "a"})));
        assert_eq!(items[1].metadata, None);
    }

    #[test]
    fn reads_a_file_name() {
        let body = json!({"batch": {"inputConfig": {"fileName": "files/abc"}}});
        assert_eq!(
            parse(&body).unwrap().source,
            Source::File("files/abc".into())
        );
    }

    #[test]
    fn a_field_beside_request_is_refused_with_its_path() {
        let error = parse(&inline(json!({"request": {}, "systemInstruction": {}}))).unwrap_err();
        assert_eq!(error.status, Status::InvalidArgument);
        assert_eq!(
            error.message,
            "Invalid JSON payload received. Unknown name \"systemInstruction\" at \
             'batch.input_config.requests.requests[0]': Cannot find field."
        );
        assert_eq!(
            error.details[0]["fieldViolations"][0]["field"],
            "batch.input_config.requests.requests[0]"
        );
    }

    #[test]
    fn both_sources_or_none_are_refused() {
        let both = json!({"batch": {"inputConfig": {"fileName": "files/a", "requests": {"requests": []}}}});
        assert!(parse(&both).is_err());
        assert!(parse(&json!({"batch": {"inputConfig": {}}})).is_err());
        assert!(parse(&json!({"batch": {}})).is_err());
        assert!(parse(&json!({})).is_err());
        assert!(parse(&inline(json!({"request": "text"}))).is_err());
    }

    proptest! {
        #[test]
        fn unknown_top_level_fields_are_named(name in "[a-z]{1,12}") {
            prop_assume!(name != "batch");
            let error = parse(&json!({ name.clone(): 1 })).unwrap_err();
            let expected = format!("Unknown name \"{name}\": Cannot find field.");
            prop_assert!(error.message.contains(&expected));
        }

        #[test]
        fn any_json_gets_an_answer_not_a_panic(text in ".{0,80}") {
            let value = serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text));
            let _ = parse(&value);
            let _ = parse(&inline(value));
        }
    }
}
