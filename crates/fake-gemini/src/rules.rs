//! The API's rules about what a well-formed `generateContent` request means, checked
//! after the schema: empty contents and parts, roles, function names, thought
//! signatures on Gemini 3 function calling, thinking settings per model, output
//! modalities, and tools with JSON output.
//!
//! Wording is the real API's where it is known (issue trackers quote it); the few
//! sentences of our own are marked so in the README. Checks never look at media
//! bytes: that is `validation`.

use crate::errors::{ApiError, Status};
use crate::models::{self, Family};
use crate::wire::{Content, GenerateRequest};

/// The documentation the signature error points to.
const SIGNATURE_DOCS: &str = "https://ai.google.dev/gemini-api/docs/thought-signatures";

/// Checks `request` for `model`; the first rule broken decides the answer.
pub fn check(request: &GenerateRequest, model: &str) -> Result<(), ApiError> {
    structure(request, true)?;
    roles(&request.contents)?;
    function_names(request)?;
    thought_signatures(request, model)?;
    thinking(request, model)?;
    modalities(request, model)?;
    json_with_functions(request, model)
}

/// The turn rules alone (roles, empty parts), for contents that may be empty: a
/// context cache's.
pub fn check_turns(request: &GenerateRequest) -> Result<(), ApiError> {
    structure(request, false)?;
    roles(&request.contents)
}

/// Problems reported the API's way: `* GenerateContentRequest.{path}: {why}` lines.
#[derive(Debug, Default)]
struct Lines(String);

impl Lines {
    fn add(&mut self, path: &str, why: &str) {
        self.0
            .push_str(&format!("* GenerateContentRequest.{path}: {why}\n"));
    }

    fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::new(Status::InvalidArgument, self.0))
        }
    }
}

fn structure(request: &GenerateRequest, require_contents: bool) -> Result<(), ApiError> {
    let mut lines = Lines::default();
    if require_contents && request.contents.is_empty() {
        lines.add("contents", "contents is not specified");
    }
    let turns = request
        .system_instruction
        .iter()
        .map(|content| ("system_instruction".to_string(), content))
        .chain(
            request
                .contents
                .iter()
                .enumerate()
                .map(|(index, content)| (format!("contents[{index}]"), content)),
        );
    for (path, content) in turns {
        if content.parts.is_empty() {
            lines.add(
                &format!("{path}.parts"),
                "contents.parts must not be empty.",
            );
        }
        for (index, part) in content.parts.iter().enumerate() {
            // A signature-only part (a streamed answer's last piece) is kept in history.
            if !part.has_data() && part.thought_signature.is_none() {
                lines.add(
                    &format!("{path}.parts[{index}].data"),
                    "required oneof field 'data' must have one initialized field",
                );
            }
        }
    }
    lines.finish()
}

fn roles(contents: &[Content]) -> Result<(), ApiError> {
    let valid = |role: &Option<String>| {
        matches!(
            role.as_deref(),
            None | Some("") | Some("user") | Some("model")
        )
    };
    if contents.iter().all(|content| valid(&content.role)) {
        return Ok(());
    }
    Err(ApiError::new(
        Status::InvalidArgument,
        "Please use a valid role: user, model.",
    ))
}

/// Whether a function name is one the API takes.
pub fn valid_function_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
}

fn function_names(request: &GenerateRequest) -> Result<(), ApiError> {
    let mut lines = Lines::default();
    for (tool_index, tool) in request.tools.iter().enumerate() {
        for (index, declaration) in tool.function_declarations.iter().enumerate() {
            if !valid_function_name(&declaration.name) {
                lines.add(
                    &format!("tools[{tool_index}].function_declarations[{index}].name"),
                    "Invalid function name. Must start with a letter or an underscore. Must be \
                     alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or \
                     dashes (-), with a maximum length of 64.",
                );
            }
        }
    }
    lines.finish()
}

/// Where the current turn starts: the last user content that carries something other
/// than function responses (the thought-signature docs' definition).
pub fn current_turn_start(contents: &[Content]) -> usize {
    contents
        .iter()
        .rposition(|content| {
            !content.is_model()
                && content
                    .parts
                    .iter()
                    .any(|part| part.function_response.is_none() && part.has_data())
        })
        .unwrap_or(0)
}

/// Gemini 3 (image models aside) refuses a current turn whose model steps call a
/// function without the signature it was given: the first `functionCall` part of each
/// step must carry its `thoughtSignature`. Earlier turns are not checked.
fn thought_signatures(request: &GenerateRequest, model: &str) -> Result<(), ApiError> {
    if Family::of(model) != Family::Gemini3 || models::makes_images(model) {
        return Ok(());
    }
    let start = current_turn_start(&request.contents);
    for (index, content) in request.contents.iter().enumerate().skip(start) {
        if !content.is_model() {
            continue;
        }
        let first_call = content
            .parts
            .iter()
            .find(|part| part.function_call.is_some());
        if let Some(part) = first_call
            && part.thought_signature.as_deref().unwrap_or("").is_empty()
        {
            let name = part
                .function_call
                .as_ref()
                .and_then(|call| call.name.as_deref())
                .unwrap_or("");
            return Err(ApiError::new(
                Status::InvalidArgument,
                format!(
                    "Function call is missing a thought_signature in functionCall parts. This is \
                     required for tools to work correctly, and missing thought_signature may lead \
                     to degraded model performance. Additional data, function call \
                     `default_api:{name}` , position {}. Please refer to {SIGNATURE_DOCS} for \
                     more details.",
                    index + 1
                ),
            ));
        }
    }
    Ok(())
}

fn refuse(message: impl Into<String>) -> Result<(), ApiError> {
    Err(ApiError::new(Status::InvalidArgument, message))
}

/// Thinking settings the model can take: levels on Gemini 3 only (each model its own
/// set), no budget of 0 on 2.5 Pro, no thinking settings at all before 2.5.
fn thinking(request: &GenerateRequest, model: &str) -> Result<(), ApiError> {
    let Some(thinking) = request
        .generation_config
        .as_ref()
        .and_then(|config| config.thinking_config.as_ref())
    else {
        return Ok(());
    };
    let family = Family::of(model);
    if matches!(family, Family::Gemini1 | Family::Gemini20) {
        return refuse("thinking_config is not supported.");
    }
    if let Some(level) = thinking.thinking_level.as_deref() {
        if family != Family::Gemini3 {
            return refuse("Thinking level is not supported for this model.");
        }
        if thinking.thinking_budget.is_some() {
            // Our wording: the API refuses both together; its sentence is not on record.
            return refuse("thinking_budget and thinking_level cannot be set at the same time.");
        }
        if !models::thinking_levels(model).contains(&level) {
            return refuse(format!(
                "Thinking level {level} is not supported for this model."
            ));
        }
    }
    if thinking.thinking_budget == Some(0) && family == Family::Gemini25Pro {
        return refuse("Budget 0 is invalid. This model only works in thinking mode.");
    }
    Ok(())
}

fn modalities(request: &GenerateRequest, model: &str) -> Result<(), ApiError> {
    let asked = request
        .generation_config
        .as_ref()
        .map(|config| config.response_modalities.as_slice())
        .unwrap_or_default();
    for modality in asked {
        let supported = match modality.as_str() {
            "IMAGE" => models::makes_images(model),
            "AUDIO" => models::speaks(model),
            _ => true,
        };
        if !supported {
            return refuse(format!(
                "Model does not support the requested response modalities: {}",
                modality.to_ascii_lowercase()
            ));
        }
    }
    Ok(())
}

/// Before Gemini 3, function calling and JSON output did not mix.
fn json_with_functions(request: &GenerateRequest, model: &str) -> Result<(), ApiError> {
    let json = request
        .generation_config
        .as_ref()
        .and_then(|config| config.response_mime_type.as_deref())
        .is_some_and(|mime| mime.eq_ignore_ascii_case("application/json"));
    let functions = request
        .tools
        .iter()
        .any(|tool| !tool.function_declarations.is_empty());
    if json && functions && Family::of(model) != Family::Gemini3 {
        return refuse(
            "Function calling with a response mime type: 'application/json' is unsupported",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{self, resources::GENERATE_CONTENT_REQUEST};
    use proptest::prelude::*;
    use serde_json::json;

    fn request(body: serde_json::Value) -> GenerateRequest {
        let json = schema::Json::from(&body);
        let normalised = schema::check(&json, &GENERATE_CONTENT_REQUEST, false).unwrap();
        serde_json::from_value(normalised).unwrap()
    }

    fn refusal(body: serde_json::Value, model: &str) -> String {
        check(&request(body), model).unwrap_err().message
    }

    #[test]
    fn empty_contents_and_parts_are_named() {
        assert_eq!(
            refusal(json!({"contents": []}), "gemini-2.5-flash"),
            "* GenerateContentRequest.contents: contents is not specified\n"
        );
        assert_eq!(
            refusal(
                json!({"contents": [{"role": "user", "parts": []}, {"parts": [{"text": ""}]}]}),
                "gemini-2.5-flash"
            ),
            "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n* GenerateContentRequest.contents[1].parts[0].data: required oneof field 'data' must have one initialized field\n"
        );
    }

    #[test]
    fn roles_are_user_or_model() {
        let body = json!({"contents": [{"role": "assistant", "parts": [{"text": "hi"}]}]});
        assert_eq!(
            refusal(body, "gemini-2.5-flash"),
            "Please use a valid role: user, model."
        );
    }

    #[test]
    fn a_gemini_3_call_without_its_signature_is_refused_in_the_current_turn_only() {
        let call = |signature: Option<&str>| {
            let mut part = json!({"functionCall": {"name": "get_weather", "args": {}}});
            if let Some(signature) = signature {
                part["thoughtSignature"] = json!(signature);
            }
            json!({"role": "model", "parts": [part]})
        };
        let answer = json!({"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"t": 1}}}]});
        let ask = json!({"role": "user", "parts": [{"text": "weather?"}]});
        let missing = json!({"contents": [ask, call(None), answer]});
        assert!(
            refusal(missing.clone(), "gemini-3-flash-preview")
                .contains("function call `default_api:get_weather` , position 2.")
        );
        assert!(check(&request(missing.clone()), "gemini-2.5-flash").is_ok());
        assert!(check(&request(missing.clone()), "gemini-3-pro-image-preview").is_ok());
        let signed = json!({"contents": [ask, call(Some("c2lnbmVk")), answer]});
        assert!(check(&request(signed), "gemini-3-flash-preview").is_ok());
        let earlier_turn = json!({"contents": [ask, call(None), answer, {"role": "model", "parts": [{"text": "Sunny."}]}, ask]});
        assert!(check(&request(earlier_turn), "gemini-3-flash-preview").is_ok());
    }

    #[test]
    fn thinking_levels_belong_to_gemini_3() {
        let with = |thinking: serde_json::Value| json!({"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"thinkingConfig": thinking}});
        assert_eq!(
            refusal(with(json!({"thinkingLevel": "LOW"})), "gemini-2.5-flash"),
            "Thinking level is not supported for this model."
        );
        assert!(
            check(
                &request(with(json!({"thinkingLevel": "minimal"}))),
                "gemini-3-flash-preview"
            )
            .is_ok()
        );
        assert_eq!(
            refusal(
                with(json!({"thinkingLevel": "MINIMAL"})),
                "gemini-3-pro-preview"
            ),
            "Thinking level MINIMAL is not supported for this model."
        );
        assert_eq!(
            refusal(with(json!({"thinkingBudget": 0})), "gemini-2.5-pro"),
            "Budget 0 is invalid. This model only works in thinking mode."
        );
        assert_eq!(
            refusal(with(json!({"thinkingBudget": 0})), "gemini-2.0-flash"),
            "thinking_config is not supported."
        );
    }

    #[test]
    fn image_output_needs_an_image_model() {
        let body = json!({"contents": [{"parts": [{"text": "draw"}]}], "generationConfig": {"responseModalities": ["TEXT", "IMAGE"]}});
        assert_eq!(
            refusal(body.clone(), "gemini-2.5-flash"),
            "Model does not support the requested response modalities: image"
        );
        assert!(check(&request(body), "gemini-2.5-flash-image").is_ok());
    }

    proptest! {
        #[test]
        fn function_names_follow_the_documented_alphabet(name in "[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}") {
            prop_assert!(valid_function_name(&name));
        }

        #[test]
        fn names_starting_with_a_digit_or_too_long_are_refused(name in "[0-9][a-z]{0,10}|[a-z]{65,70}") {
            prop_assert!(!valid_function_name(&name));
        }
    }
}
