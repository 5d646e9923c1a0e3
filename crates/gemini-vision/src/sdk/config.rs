//! Where each key of a `generateContent` `config` goes, as `@google/genai` decides it
//! (`generateContentConfigToMldev`): a handful go to the request body itself (`tools`,
//! `systemInstruction`, `safetySettings`, `cachedContent`...), the generation settings go
//! into `generationConfig`, a few are the client's own (`abortSignal`, `httpOptions`) and
//! never leave it, and a few the Developer API refuses.
//!
//! One difference, on purpose: a key the SDK does not know goes into `generationConfig`
//! (where new generation settings appear) instead of being dropped.
//!
//! And the body's keys in the SDK's order: `contents`, the body keys in the order the SDK
//! writes them, `generationConfig` last.

use super::shape::Shape;
use crate::error::Error;

/// What the value of a routed key becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigValue {
    /// Sent as given.
    AsIs,
    /// A `Content` made from a string, a part, a list of parts or a Content (`tContent`),
    /// as `systemInstruction` is.
    Content,
    /// A schema through the SDK's schema rules (`tSchema`), as `responseSchema` is.
    Schema,
    /// `speechConfig`: a string names a prebuilt voice (`tSpeechConfig`).
    SpeechConfig,
    /// `tools`: a list (`tTools`), each tool through its shape (`tTool`, `toolToMldev`).
    Tools,
    /// A list of objects of this shape (`safetySettings`).
    ListOf(Shape),
    /// An object of this shape (`toolConfig`, `imageConfig`).
    Object(Shape),
    /// A cached content's resource name (`tCachedContentName`).
    CachedContentName,
}

/// Where a key of `config` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigRoute {
    /// To the request body, under the same name.
    Body(ConfigValue),
    /// Into `generationConfig`, under the same name.
    Generation(ConfigValue),
    /// The client's own (`abortSignal`, `httpOptions`...): read, never sent.
    Client,
    /// Refused on the Developer API ([`super::shape::vertex_only`]).
    VertexOnly,
}

/// The body's keys in the order the SDK writes them (`contents` first,
/// `generationConfig` last).
pub const BODY_KEY_ORDER: &[&str] = &[
    "contents",
    "serviceTier",
    "systemInstruction",
    "safetySettings",
    "tools",
    "toolConfig",
    "labels",
    "cachedContent",
    "continuationToken",
    "store",
    "generationConfig",
];

/// The keys of `generationConfig` the SDK knows, in the order it writes them; others
/// (ours to pass through) follow in the order they came.
pub(crate) const GENERATION_KEY_ORDER: &[&str] = &[
    "temperature",
    "topP",
    "topK",
    "candidateCount",
    "maxOutputTokens",
    "stopSequences",
    "responseLogprobs",
    "logprobs",
    "presencePenalty",
    "frequencyPenalty",
    "seed",
    "responseMimeType",
    "responseSchema",
    "responseJsonSchema",
    "responseModalities",
    "mediaResolution",
    "speechConfig",
    "thinkingConfig",
    "audioTranscriptionConfig",
    "imageConfig",
    "enableEnhancedCivicAnswers",
];

/// The keys of `config` that only the client reads: the SDK's (`abortSignal`,
/// `httpOptions`, `automaticFunctionCalling`, `automaticContinuation`) and ours
/// (`onUploadProgress`: progress of the media the plan uploads).
pub(crate) const CLIENT_KEYS: &[&str] = &[
    "abortSignal",
    "httpOptions",
    "automaticFunctionCalling",
    "automaticContinuation",
    "onUploadProgress",
];

/// Where `key` of a `generateContent` config goes.
pub fn route_config_key(key: &str) -> ConfigRoute {
    use ConfigRoute::{Body, Generation, VertexOnly};
    use ConfigValue::*;
    match key {
        "serviceTier" | "labels" | "continuationToken" | "store" => Body(AsIs),
        "systemInstruction" => Body(Content),
        "safetySettings" => Body(ListOf(Shape::SafetySetting)),
        "tools" => Body(Tools),
        "toolConfig" => Body(Object(Shape::ToolConfig)),
        "cachedContent" => Body(CachedContentName),
        "responseSchema" => Generation(Schema),
        "speechConfig" => Generation(SpeechConfig),
        "imageConfig" => Generation(Object(Shape::ImageConfig)),
        "routingConfig"
        | "modelSelectionConfig"
        | "audioTimestamp"
        | "modelArmorConfig"
        | "generationOutputConfig" => VertexOnly,
        _ if CLIENT_KEYS.contains(&key) => ConfigRoute::Client,
        _ => Generation(AsIs),
    }
}

/// What `countTokens` does with a key of its `config`: the Developer API's body holds
/// `contents` only, so the SDK refuses the three keys it would need a
/// `generateContentRequest` for and ignores the rest (the client's own keys are read).
pub fn count_tokens_config_key(key: &str) -> ConfigRoute {
    match key {
        "systemInstruction" | "tools" | "generationConfig" => ConfigRoute::VertexOnly,
        _ => ConfigRoute::Client,
    }
}

/// Where `key` sits in the body ([`BODY_KEY_ORDER`]); `None` for a key that is not a
/// body key.
pub fn body_key_rank(key: &str) -> Option<usize> {
    BODY_KEY_ORDER.iter().position(|k| *k == key)
}

/// Where `key` sits in `generationConfig`: the SDK's keys first in its order, then
/// every other key after them (a stable sort keeps those in the order they came).
pub fn generation_key_rank(key: &str) -> usize {
    GENERATION_KEY_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(GENERATION_KEY_ORDER.len())
}

/// Where `responseSchema` goes: a schema with a `$schema` key is a JSON Schema and goes
/// to `responseJsonSchema` as it is, unless that is set already (the SDK's
/// `maybeMoveToResponseJsonSchema`).
pub fn response_schema_key(has_dollar_schema: bool, json_schema_set: bool) -> &'static str {
    if has_dollar_schema && !json_schema_set {
        "responseJsonSchema"
    } else {
        "responseSchema"
    }
}

/// The SDK's refusals of a config value of the wrong kind, by key: `tools` that is not a
/// list, a `cachedContent` that is not a string, a `speechConfig` that is neither a
/// string nor an object (`kind` is the value's `typeof`).
pub fn wrong_kind(key: &str, kind: &str) -> Error {
    let reason = match key {
        "tools" => "tools is required and must be an array of Tools".to_owned(),
        "cachedContent" => "name must be a string".to_owned(),
        "speechConfig" => format!("Unsupported speechConfig type: {kind}"),
        _ => format!("{key} cannot be a {kind}"),
    };
    Error::InvalidInput {
        what: "config",
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_and_tool_config_go_to_the_top_level() {
        assert_eq!(
            route_config_key("tools"),
            ConfigRoute::Body(ConfigValue::Tools)
        );
        assert_eq!(
            route_config_key("toolConfig"),
            ConfigRoute::Body(ConfigValue::Object(Shape::ToolConfig))
        );
        assert_eq!(
            route_config_key("cachedContent"),
            ConfigRoute::Body(ConfigValue::CachedContentName)
        );
        assert_eq!(
            route_config_key("systemInstruction"),
            ConfigRoute::Body(ConfigValue::Content)
        );
    }

    #[test]
    fn generation_settings_go_into_generation_config() {
        for key in [
            "temperature",
            "thinkingConfig",
            "mediaResolution",
            "responseMimeType",
        ] {
            assert_eq!(
                route_config_key(key),
                ConfigRoute::Generation(ConfigValue::AsIs),
                "{key}"
            );
        }
    }

    #[test]
    fn an_unknown_key_goes_into_generation_config_after_the_known_ones() {
        assert_eq!(
            route_config_key("someSettingFromNextMonth"),
            ConfigRoute::Generation(ConfigValue::AsIs)
        );
        assert!(generation_key_rank("someSettingFromNextMonth") > generation_key_rank("seed"));
        assert_eq!(generation_key_rank("a"), generation_key_rank("b"));
    }

    #[test]
    fn client_keys_are_never_sent() {
        for key in CLIENT_KEYS {
            assert_eq!(route_config_key(key), ConfigRoute::Client, "{key}");
        }
    }

    #[test]
    fn vertex_only_keys_are_refused() {
        for key in ["routingConfig", "audioTimestamp", "modelArmorConfig"] {
            assert_eq!(route_config_key(key), ConfigRoute::VertexOnly, "{key}");
        }
    }

    #[test]
    fn every_body_key_but_contents_and_generation_config_is_routed_there() {
        for key in &BODY_KEY_ORDER[1..BODY_KEY_ORDER.len() - 1] {
            assert!(
                matches!(route_config_key(key), ConfigRoute::Body(_)),
                "{key}"
            );
        }
        assert_eq!(body_key_rank("contents"), Some(0));
        assert_eq!(
            body_key_rank("generationConfig"),
            Some(BODY_KEY_ORDER.len() - 1)
        );
        assert_eq!(body_key_rank("temperature"), None);
    }

    #[test]
    fn count_tokens_refuses_what_only_a_full_request_could_count() {
        for key in ["systemInstruction", "tools", "generationConfig"] {
            assert_eq!(
                count_tokens_config_key(key),
                ConfigRoute::VertexOnly,
                "{key}"
            );
        }
        assert_eq!(count_tokens_config_key("abortSignal"), ConfigRoute::Client);
    }

    #[test]
    fn a_json_schema_moves_unless_one_is_set() {
        assert_eq!(response_schema_key(true, false), "responseJsonSchema");
        assert_eq!(response_schema_key(true, true), "responseSchema");
        assert_eq!(response_schema_key(false, false), "responseSchema");
    }
}
