//! The fields `@google/genai` knows in the objects it sends and receives on the Gemini
//! Developer API, in the order it writes them, with what it does to each: copy, rename,
//! walk into, or refuse ("only supported in Gemini Enterprise Agent Platform mode").
//!
//! A shell walks a JS object with [`fields`]: known fields first, in this order, then
//! every other field as it came (the SDK drops unknown fields; we keep them, so that a
//! field the API adds next month needs no release). A `null` known field is skipped as
//! the SDK skips it; a refused field is refused even when `null`, as the SDK refuses it.

use crate::error::Error;

/// An object whose fields the SDK transforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `Content`: `parts`, `role`.
    Content,
    /// `Part`.
    Part,
    /// `FunctionCall` (inside a part).
    FunctionCall,
    /// One of `config.safetySettings`.
    SafetySetting,
    /// One of `config.tools`.
    Tool,
    /// `tool.googleSearch`.
    GoogleSearch,
    /// `tool.googleMaps`.
    GoogleMaps,
    /// `tool.googleMaps.authConfig`.
    AuthConfig,
    /// `config.toolConfig`.
    ToolConfig,
    /// `config.toolConfig.functionCallingConfig`.
    FunctionCallingConfig,
    /// `config.imageConfig`.
    ImageConfig,
    /// A `generateContent` answer (and each streamed chunk).
    GenerateContentResponse,
    /// One of an answer's `candidates`.
    Candidate,
    /// `candidate.citationMetadata`.
    CitationMetadata,
    /// A `countTokens` answer.
    CountTokensResponse,
    /// A model (`models.get`, each of `models.list`).
    Model,
    /// `model.tunedModelInfo`, made from the model itself.
    TunedModelInfo,
    /// A page of `models.list`.
    ListModelsResponse,
}

/// What happens to one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRule {
    /// Copied as it is.
    Keep,
    /// An object of this shape.
    Object(Shape),
    /// A list of objects of this shape (a value that is not a list is copied as it is).
    List(Shape),
    /// Refused with [`vertex_only`]: the Developer API does not take it.
    VertexOnly,
    /// `tool.functionDeclarations`: each declaration's `parameters` and `response` go
    /// through the schema rules ([`super::schema`]), or move to `parametersJsonSchema` /
    /// `responseJsonSchema` when they carry a `$schema` (the SDK's `tTool`).
    FunctionDeclarations,
    /// Made from the whole object (not from one field), as an object of this shape (the
    /// SDK's `_self` paths); always present.
    FromSelf(Shape),
    /// The first of these fields present, as a list of this shape; always present (an
    /// empty list when none is).
    FirstList(&'static [&'static str], Shape),
}

/// One known field: read from `from`, written as `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The field's name in the input.
    pub from: &'static str,
    /// The field's name in the output (differs for a rename).
    pub to: &'static str,
    /// What happens to it.
    pub rule: FieldRule,
}

const fn keep(name: &'static str) -> Field {
    Field {
        from: name,
        to: name,
        rule: FieldRule::Keep,
    }
}

const fn vertex(name: &'static str) -> Field {
    Field {
        from: name,
        to: name,
        rule: FieldRule::VertexOnly,
    }
}

const fn object(name: &'static str, shape: Shape) -> Field {
    Field {
        from: name,
        to: name,
        rule: FieldRule::Object(shape),
    }
}

const fn list(name: &'static str, shape: Shape) -> Field {
    Field {
        from: name,
        to: name,
        rule: FieldRule::List(shape),
    }
}

const fn rename(from: &'static str, to: &'static str, rule: FieldRule) -> Field {
    Field { from, to, rule }
}

const CONTENT: &[Field] = &[list("parts", Shape::Part), keep("role")];

const PART: &[Field] = &[
    keep("mediaResolution"),
    keep("toolCall"),
    keep("toolResponse"),
    keep("audioTranscription"),
    keep("codeExecutionResult"),
    keep("executableCode"),
    keep("fileData"),
    object("functionCall", Shape::FunctionCall),
    keep("functionResponse"),
    keep("inlineData"),
    keep("text"),
    keep("thought"),
    keep("thoughtSignature"),
    keep("videoMetadata"),
    keep("partMetadata"),
    keep("mediaProcessing"),
    keep("speechMetadata"),
    keep("documentMetadata"),
    keep("spreadsheetMetadata"),
    keep("audioMetadata"),
];

const FUNCTION_CALL: &[Field] = &[
    keep("args"),
    keep("id"),
    keep("name"),
    vertex("partialArgs"),
    vertex("willContinue"),
];

const SAFETY_SETTING: &[Field] = &[keep("category"), vertex("method"), keep("threshold")];

const TOOL: &[Field] = &[
    vertex("retrieval"),
    object("googleMaps", Shape::GoogleMaps),
    keep("mcpServers"),
    keep("codeExecution"),
    keep("computerUse"),
    vertex("enterpriseWebSearch"),
    vertex("exaAiSearch"),
    rename(
        "functionDeclarations",
        "functionDeclarations",
        FieldRule::FunctionDeclarations,
    ),
    object("googleSearch", Shape::GoogleSearch),
    keep("googleSearchRetrieval"),
    vertex("parallelAiSearch"),
    keep("urlContext"),
    keep("fileSearch"),
];

const GOOGLE_SEARCH: &[Field] = &[
    vertex("blockingConfidence"),
    vertex("excludeDomains"),
    keep("searchTypes"),
    keep("timeRangeFilter"),
];

const GOOGLE_MAPS: &[Field] = &[
    object("authConfig", Shape::AuthConfig),
    keep("enableWidget"),
    vertex("groundingTypes"),
];

const AUTH_CONFIG: &[Field] = &[
    keep("apiKey"),
    vertex("apiKeyConfig"),
    vertex("authType"),
    vertex("googleServiceAccountConfig"),
    vertex("httpBasicAuthConfig"),
    vertex("oauthConfig"),
    vertex("oidcConfig"),
];

const TOOL_CONFIG: &[Field] = &[
    object("functionCallingConfig", Shape::FunctionCallingConfig),
    keep("retrievalConfig"),
    keep("includeServerSideToolInvocations"),
];

const FUNCTION_CALLING_CONFIG: &[Field] = &[
    keep("allowedFunctionNames"),
    keep("mode"),
    vertex("streamFunctionCallArguments"),
];

const IMAGE_CONFIG: &[Field] = &[
    keep("aspectRatio"),
    keep("imageSize"),
    vertex("personGeneration"),
    vertex("outputMimeType"),
    vertex("outputCompressionQuality"),
    vertex("imageOutputOptions"),
    vertex("prominentPeople"),
];

const GENERATE_CONTENT_RESPONSE: &[Field] = &[
    keep("sdkHttpResponse"),
    list("candidates", Shape::Candidate),
    keep("modelVersion"),
    keep("promptFeedback"),
    keep("responseId"),
    keep("usageMetadata"),
    keep("modelStatus"),
];

const CANDIDATE: &[Field] = &[
    keep("content"),
    object("citationMetadata", Shape::CitationMetadata),
    keep("tokenCount"),
    keep("finishReason"),
    keep("groundingMetadata"),
    keep("avgLogprobs"),
    keep("index"),
    keep("logprobsResult"),
    keep("safetyRatings"),
    keep("urlContextMetadata"),
    keep("continuationToken"),
];

const CITATION_METADATA: &[Field] = &[rename("citationSources", "citations", FieldRule::Keep)];

const COUNT_TOKENS_RESPONSE: &[Field] = &[
    keep("sdkHttpResponse"),
    keep("totalTokens"),
    keep("cachedContentTokenCount"),
];

const MODEL: &[Field] = &[
    keep("name"),
    keep("displayName"),
    keep("description"),
    keep("version"),
    rename(
        "tunedModelInfo",
        "tunedModelInfo",
        FieldRule::FromSelf(Shape::TunedModelInfo),
    ),
    keep("inputTokenLimit"),
    keep("outputTokenLimit"),
    rename(
        "supportedGenerationMethods",
        "supportedActions",
        FieldRule::Keep,
    ),
    keep("temperature"),
    keep("maxTemperature"),
    keep("topP"),
    keep("topK"),
    keep("thinking"),
];

const TUNED_MODEL_INFO: &[Field] = &[keep("baseModel"), keep("createTime"), keep("updateTime")];

const LIST_MODELS_RESPONSE: &[Field] = &[
    keep("sdkHttpResponse"),
    keep("nextPageToken"),
    rename(
        "models",
        "models",
        FieldRule::FirstList(&["models", "tunedModels", "publisherModels"], Shape::Model),
    ),
];

/// The known fields of `shape`, in the order the SDK writes them.
pub fn fields(shape: Shape) -> &'static [Field] {
    match shape {
        Shape::Content => CONTENT,
        Shape::Part => PART,
        Shape::FunctionCall => FUNCTION_CALL,
        Shape::SafetySetting => SAFETY_SETTING,
        Shape::Tool => TOOL,
        Shape::GoogleSearch => GOOGLE_SEARCH,
        Shape::GoogleMaps => GOOGLE_MAPS,
        Shape::AuthConfig => AUTH_CONFIG,
        Shape::ToolConfig => TOOL_CONFIG,
        Shape::FunctionCallingConfig => FUNCTION_CALLING_CONFIG,
        Shape::ImageConfig => IMAGE_CONFIG,
        Shape::GenerateContentResponse => GENERATE_CONTENT_RESPONSE,
        Shape::Candidate => CANDIDATE,
        Shape::CitationMetadata => CITATION_METADATA,
        Shape::CountTokensResponse => COUNT_TOKENS_RESPONSE,
        Shape::Model => MODEL,
        Shape::TunedModelInfo => TUNED_MODEL_INFO,
        Shape::ListModelsResponse => LIST_MODELS_RESPONSE,
    }
}

/// Whether `key` of a `shape` object is one the SDK reads (so it is not copied again as
/// an unknown field).
pub fn is_known(shape: Shape, key: &str) -> bool {
    fields(shape).iter().any(|field| match field.rule {
        FieldRule::FirstList(sources, _) => sources.contains(&key),
        FieldRule::FromSelf(_) => false,
        _ => field.from == key,
    })
}

/// Whether fields the SDK does not know are kept. They are, everywhere but in objects
/// made from another object's fields (`tunedModelInfo` holds three of the model's fields,
/// not a copy of all of them).
pub fn keeps_unknown(shape: Shape) -> bool {
    shape != Shape::TunedModelInfo
}

/// The SDK's error for a field the Developer API does not take.
pub fn vertex_only(name: &str) -> Error {
    Error::sdk_check(format!(
        "{name} parameter is only supported in Gemini Enterprise Agent Platform mode, \
         not in Gemini Developer API mode."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY_SHAPE: [Shape; 18] = [
        Shape::Content,
        Shape::Part,
        Shape::FunctionCall,
        Shape::SafetySetting,
        Shape::Tool,
        Shape::GoogleSearch,
        Shape::GoogleMaps,
        Shape::AuthConfig,
        Shape::ToolConfig,
        Shape::FunctionCallingConfig,
        Shape::ImageConfig,
        Shape::GenerateContentResponse,
        Shape::Candidate,
        Shape::CitationMetadata,
        Shape::CountTokensResponse,
        Shape::Model,
        Shape::TunedModelInfo,
        Shape::ListModelsResponse,
    ];

    #[test]
    fn no_shape_names_a_field_twice() {
        for shape in EVERY_SHAPE {
            let names: Vec<_> = fields(shape).iter().map(|f| f.from).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{shape:?}");
        }
    }

    #[test]
    fn a_content_is_written_parts_first_then_role() {
        let order: Vec<_> = fields(Shape::Content).iter().map(|f| f.to).collect();
        assert_eq!(order, ["parts", "role"]);
    }

    #[test]
    fn a_part_keeps_thought_signatures_and_media_resolution() {
        for name in [
            "thoughtSignature",
            "thought",
            "mediaResolution",
            "videoMetadata",
        ] {
            let field = fields(Shape::Part).iter().find(|f| f.from == name);
            assert_eq!(field.map(|f| f.rule), Some(FieldRule::Keep), "{name}");
        }
    }

    #[test]
    fn citation_sources_become_citations() {
        let field = fields(Shape::CitationMetadata)[0];
        assert_eq!((field.from, field.to), ("citationSources", "citations"));
        assert!(is_known(Shape::CitationMetadata, "citationSources"));
        assert!(!is_known(Shape::CitationMetadata, "citations"));
    }

    #[test]
    fn model_lists_are_read_from_any_of_the_three_collections() {
        for key in ["models", "tunedModels", "publisherModels"] {
            assert!(is_known(Shape::ListModelsResponse, key), "{key}");
        }
        assert!(!is_known(Shape::Model, "tunedModelInfo"));
        assert!(!keeps_unknown(Shape::TunedModelInfo));
    }

    #[test]
    fn vertex_only_fields_carry_the_sdks_sentence() {
        let message = vertex_only("method").to_string();
        assert!(
            message.contains(
                "method parameter is only supported in Gemini Enterprise Agent Platform mode, \
                 not in Gemini Developer API mode."
            ),
            "{message}"
        );
        let refused: Vec<_> = fields(Shape::FunctionCall)
            .iter()
            .filter(|f| f.rule == FieldRule::VertexOnly)
            .map(|f| f.from)
            .collect();
        assert_eq!(refused, ["partialArgs", "willContinue"]);
    }
}
