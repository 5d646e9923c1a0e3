//! Function calling, decided deterministically: which declared function a prompt asks
//! for, the arguments its schema wants (taken from the prompt where it can), and the
//! text that answers a function's response.
//!
//! A function is chosen by the words its name and description share with the prompt;
//! `AUTO` calls only when some word is shared, `ANY` always calls (from
//! `allowedFunctionNames` when given), `NONE` never. Nothing here is random.

use serde_json::{Map, Value, json};

use crate::wire::{FunctionCallingConfig, FunctionResponse, Tool};

/// A call the model makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The declared function.
    pub name: String,
    /// Arguments shaped by its schema.
    pub args: Map<String, Value>,
}

/// Words that say nothing about which function is meant.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "are", "what", "how", "get", "set", "with", "this", "that", "you", "your",
    "please", "can", "from", "into", "about", "will", "does", "give", "tell", "show", "use",
    "call", "function", "some", "any", "all", "its", "it's", "whats", "what's",
];

/// Lower-case words of three letters or more, camelCase and snake_case split.
fn words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut previous_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && previous_lower {
            spaced.push(' ');
        }
        previous_lower = c.is_lowercase();
        spaced.push(if c.is_alphanumeric() || c == '\'' {
            c
        } else {
            ' '
        });
    }
    spaced
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|word| word.chars().count() >= 3 && !STOP_WORDS.contains(&word.as_str()))
        .collect()
}

/// Whether two words are the same word give or take an ending ("weather"/"weathers").
fn same_word(a: &str, b: &str) -> bool {
    let stem = |word: &str| word.chars().take(5).collect::<String>();
    a == b || (a.len() >= 5 && b.len() >= 5 && stem(a) == stem(b))
}

/// The call the prompt asks for, or `None` when the model answers in text.
pub fn choose(
    tools: &[Tool],
    config: Option<&FunctionCallingConfig>,
    prompt: &str,
) -> Option<Call> {
    let mode = config
        .and_then(|config| config.mode.as_deref())
        .unwrap_or("AUTO");
    if mode == "NONE" {
        return None;
    }
    let allowed = config
        .map(|config| config.allowed_function_names.as_slice())
        .unwrap_or_default();
    let prompt_words = words(prompt);
    let mut best: Option<(usize, &crate::wire::FunctionDeclaration)> = None;
    for declaration in tools.iter().flat_map(|tool| &tool.function_declarations) {
        if mode == "ANY" && !allowed.is_empty() && !allowed.contains(&declaration.name) {
            continue;
        }
        let mut own = words(&declaration.name);
        own.extend(words(declaration.description.as_deref().unwrap_or("")));
        own.dedup();
        let score = own
            .iter()
            .filter(|word| prompt_words.iter().any(|said| same_word(said, word)))
            .count();
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, declaration));
        }
    }
    let (score, declaration) = best?;
    if score == 0 && mode != "ANY" {
        return None;
    }
    let schema = declaration
        .parameters
        .as_ref()
        .or(declaration.parameters_json_schema.as_ref());
    let mut sources = Sources::from_prompt(prompt);
    let args = match schema.map(|schema| fill(schema, &mut sources, 0)) {
        Some(Value::Object(args)) => args,
        _ => Map::new(),
    };
    Some(Call {
        name: declaration.name.clone(),
        args,
    })
}

/// Values found in the prompt, handed out in order to the arguments that want them.
#[derive(Debug, Default)]
struct Sources {
    strings: Vec<String>,
    numbers: Vec<f64>,
    next_string: usize,
    next_number: usize,
}

impl Sources {
    fn from_prompt(prompt: &str) -> Sources {
        let mut strings: Vec<String> = prompt
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|quoted| !quoted.trim().is_empty())
            .map(str::to_string)
            .collect();
        // Capitalised words after the first are the names a prompt mentions: "in Paris".
        let tokens: Vec<&str> = prompt.split_whitespace().collect();
        for word in tokens.iter().skip(1) {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.chars().next().is_some_and(char::is_uppercase) {
                strings.push(bare.to_string());
            }
        }
        if let Some(last) = tokens.last() {
            let bare = last.trim_matches(|c: char| !c.is_alphanumeric());
            if !bare.is_empty() {
                strings.push(bare.to_string());
            }
        }
        let numbers = numbers(prompt);
        Sources {
            strings,
            numbers,
            ..Sources::default()
        }
    }

    fn string(&mut self) -> String {
        let value = self
            .strings
            .get(self.next_string % self.strings.len().max(1))
            .cloned()
            .unwrap_or_default();
        self.next_string += 1;
        value
    }

    fn number(&mut self) -> Option<f64> {
        let value = self.numbers.get(self.next_number).copied();
        self.next_number += 1;
        value
    }
}

/// The numbers written in `text`, in order (`-3`, `2.5`).
pub fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        let starts_negative = c == '-' && current.is_empty();
        if c.is_ascii_digit()
            || (c == '.' && !current.is_empty() && !current.contains('.'))
            || starts_negative
        {
            current.push(c);
            continue;
        }
        let trimmed = current.trim_end_matches('.');
        if let Ok(number) = trimmed.parse::<f64>() {
            out.push(number);
        }
        current.clear();
    }
    out
}

/// A value for `schema` (OpenAPI subset or JSON Schema, either type spelling).
fn fill(schema: &Value, sources: &mut Sources, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    for key in ["enum", "anyOf", "any_of", "oneOf"] {
        if let Some(first) = schema
            .get(key)
            .and_then(Value::as_array)
            .and_then(|list| list.first())
        {
            return if key == "enum" {
                first.clone()
            } else {
                fill(first, sources, depth + 1)
            };
        }
    }
    if let Some(value) = schema.get("default").or_else(|| schema.get("example")) {
        return value.clone();
    }
    let kind = match schema.get("type") {
        Some(Value::String(kind)) => kind.to_ascii_lowercase(),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|kind| *kind != "null")
            .unwrap_or("string")
            .to_ascii_lowercase(),
        _ if schema.get("properties").is_some() => "object".into(),
        _ => "string".into(),
    };
    let minimum = schema.get("minimum").and_then(Value::as_f64);
    match kind.as_str() {
        "object" => {
            let mut out = Map::new();
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                for (name, property) in properties {
                    out.insert(name.clone(), fill(property, sources, depth + 1));
                }
            }
            Value::Object(out)
        }
        "array" => match schema.get("items") {
            Some(items) => json!([fill(items, sources, depth + 1)]),
            None => json!([]),
        },
        "integer" => json!(sources.number().or(minimum).unwrap_or(0.0).round() as i64),
        "number" => json!(sources.number().or(minimum).unwrap_or(0.0)),
        "boolean" => json!(true),
        _ => json!(sources.string()),
    }
}

/// The text answering function responses: what each function returned, quoted.
pub fn answer_responses(responses: &[&FunctionResponse]) -> String {
    responses
        .iter()
        .map(|response| {
            let name = response.name.as_deref().unwrap_or("the function");
            let value = response.response.as_ref().map_or_else(
                || "{}".to_string(),
                |map| Value::Object(map.clone()).to_string(),
            );
            format!("The function {name} returned {value}.")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::FunctionDeclaration;
    use proptest::prelude::*;

    fn tools() -> Vec<Tool> {
        let declare = |name: &str, description: &str, parameters: Value| FunctionDeclaration {
            name: name.into(),
            description: Some(description.into()),
            parameters: Some(parameters),
            parameters_json_schema: None,
        };
        vec![Tool {
            function_declarations: vec![
                declare(
                    "set_light_color",
                    "Sets the colour of the lights",
                    json!({"type": "OBJECT", "properties": {"rgb": {"type": "STRING"}}}),
                ),
                declare(
                    "get_weather",
                    "Current weather for a city",
                    json!({"type": "OBJECT", "properties": {"city": {"type": "STRING"}, "days": {"type": "INTEGER"}, "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]}}}),
                ),
            ],
            code_execution: None,
        }]
    }

    fn mode(mode: &str, allowed: &[&str]) -> FunctionCallingConfig {
        FunctionCallingConfig {
            mode: Some(mode.into()),
            allowed_function_names: allowed.iter().map(|name| name.to_string()).collect(),
        }
    }

    #[test]
    fn the_best_matching_function_is_called_with_arguments_from_the_prompt() {
        let call = choose(&tools(), None, "What's the weather in Paris for 3 days?").unwrap();
        assert_eq!(call.name, "get_weather");
        assert_eq!(
            Value::Object(call.args),
            json!({"city": "Paris", "days": 3, "unit": "celsius"})
        );
    }

    #[test]
    fn auto_answers_in_text_when_nothing_matches_and_any_always_calls() {
        assert_eq!(choose(&tools(), None, "Tell me a joke"), None);
        let call = choose(
            &tools(),
            Some(&mode("ANY", &["set_light_color"])),
            "Tell me a joke",
        )
        .unwrap();
        assert_eq!(call.name, "set_light_color");
        assert_eq!(
            choose(&tools(), Some(&mode("NONE", &[])), "weather in Paris"),
            None
        );
    }

    #[test]
    fn numbers_are_read_in_order() {
        assert_eq!(numbers("add 2 and -3.5, then 10."), vec![2.0, -3.5, 10.0]);
    }

    proptest! {
        #[test]
        fn any_prompt_and_mode_gives_a_decision_not_a_panic(prompt in "\\PC{0,80}", any: bool) {
            let config = mode(if any { "ANY" } else { "AUTO" }, &[]);
            let call = choose(&tools(), Some(&config), &prompt);
            prop_assert!(!any || call.is_some());
        }
    }
}
