//! Tools, tool configuration, safety settings and `generationConfig`: everything a
//! request says about how to answer.
//!
//! `GenerationConfig` lists exactly what 3.6.1's `generateContentConfigToMldev` puts
//! there; `tools`, `toolConfig`, `safetySettings`, `cachedContent` and the rest belong
//! to the request, so sending them inside `generationConfig` is an unknown name, as it
//! is for the real API.

use super::{EnumType, Kind, MessageType, either, many, message, one, opaque};

/// `Tool`.
pub static TOOL: MessageType = message(
    "Tool",
    &[
        many(
            "function_declarations",
            Kind::Message(&FUNCTION_DECLARATION),
        ),
        one(
            "google_search_retrieval",
            Kind::Message(&GOOGLE_SEARCH_RETRIEVAL),
        ),
        one("code_execution", Kind::Message(&CODE_EXECUTION)),
        one("google_search", Kind::Message(&GOOGLE_SEARCH)),
        one("url_context", Kind::Message(&URL_CONTEXT)),
        one("computer_use", Kind::Message(&COMPUTER_USE)),
        one("file_search", Kind::Message(&FILE_SEARCH)),
        one("google_maps", Kind::Message(&GOOGLE_MAPS)),
        many("mcp_servers", Kind::Message(&MCP_SERVER)),
    ],
);

/// `FunctionDeclaration`.
pub static FUNCTION_DECLARATION: MessageType = message(
    "FunctionDeclaration",
    &[
        one("name", Kind::String),
        one("description", Kind::String),
        one("parameters", Kind::Message(&SCHEMA)),
        one("parameters_json_schema", Kind::Value),
        one("response", Kind::Message(&SCHEMA)),
        one("response_json_schema", Kind::Value),
        one("behavior", Kind::Enum(&BEHAVIOR)),
    ],
);

static SCHEMA_KIND: Kind = Kind::Message(&SCHEMA);

/// `Schema`: the OpenAPI subset the API takes (no `additionalProperties`, `$ref`,
/// `const`: the real API refuses those by name).
pub static SCHEMA: MessageType = message(
    "Schema",
    &[
        one("type", Kind::Enum(&TYPE)),
        one("format", Kind::String),
        one("title", Kind::String),
        one("description", Kind::String),
        one("nullable", Kind::Bool),
        many("enum", Kind::String),
        one("max_items", Kind::Int64),
        one("min_items", Kind::Int64),
        one("properties", Kind::Map(&SCHEMA_KIND)),
        many("required", Kind::String),
        one("min_properties", Kind::Int64),
        one("max_properties", Kind::Int64),
        one("min_length", Kind::Int64),
        one("max_length", Kind::Int64),
        one("pattern", Kind::String),
        one("example", Kind::Value),
        many("any_of", Kind::Message(&SCHEMA)),
        many("property_ordering", Kind::String),
        one("default", Kind::Value),
        one("items", Kind::Message(&SCHEMA)),
        one("minimum", Kind::Double),
        one("maximum", Kind::Double),
    ],
);

/// `GoogleSearchRetrieval`.
pub static GOOGLE_SEARCH_RETRIEVAL: MessageType = message(
    "GoogleSearchRetrieval",
    &[one(
        "dynamic_retrieval_config",
        Kind::Message(&DYNAMIC_RETRIEVAL_CONFIG),
    )],
);

/// `DynamicRetrievalConfig`.
pub static DYNAMIC_RETRIEVAL_CONFIG: MessageType = message(
    "DynamicRetrievalConfig",
    &[
        one("mode", Kind::Enum(&DYNAMIC_RETRIEVAL_MODE)),
        one("dynamic_threshold", Kind::Float),
    ],
);

/// `CodeExecution`: empty.
pub static CODE_EXECUTION: MessageType = message("CodeExecution", &[]);

/// `UrlContext`: empty.
pub static URL_CONTEXT: MessageType = message("UrlContext", &[]);

/// `Tool.GoogleSearch`.
pub static GOOGLE_SEARCH: MessageType = message(
    "Tool.GoogleSearch",
    &[
        one("time_range_filter", Kind::Message(&INTERVAL)),
        one("search_types", Kind::Message(&SEARCH_TYPES)),
    ],
);

/// `google.type.Interval`.
pub static INTERVAL: MessageType = message(
    "Interval",
    &[
        one("start_time", Kind::Timestamp),
        one("end_time", Kind::Timestamp),
    ],
);

/// `SearchTypes`.
pub static SEARCH_TYPES: MessageType = message(
    "SearchTypes",
    &[
        one("web_search", Kind::Message(&EMPTY_SEARCH)),
        one("image_search", Kind::Message(&EMPTY_SEARCH)),
    ],
);

static EMPTY_SEARCH: MessageType = message("WebSearch", &[]);

/// `ComputerUse`.
pub static COMPUTER_USE: MessageType = message(
    "ComputerUse",
    &[
        one("environment", Kind::Enum(&ENVIRONMENT)),
        many("excluded_predefined_functions", Kind::String),
        one("enable_prompt_injection_detection", Kind::Bool),
        many("disabled_safety_policies", Kind::String),
    ],
);

/// `FileSearch`.
pub static FILE_SEARCH: MessageType = message(
    "FileSearch",
    &[
        many("file_search_store_names", Kind::String),
        one("top_k", Kind::Int32),
        one("metadata_filter", Kind::String),
    ],
);

/// `GoogleMaps`.
pub static GOOGLE_MAPS: MessageType = message(
    "GoogleMaps",
    &[
        one("enable_widget", Kind::Bool),
        one("auth_config", Kind::Message(&AUTH_CONFIG)),
    ],
);

/// `AuthConfig`: accepted whole (its variants are credentials the emulator never uses).
pub static AUTH_CONFIG: MessageType = opaque("AuthConfig");

/// `McpServer`.
pub static MCP_SERVER: MessageType = message(
    "McpServer",
    &[
        one("name", Kind::String),
        one("streamable_http_transport", Kind::Message(&HTTP_TRANSPORT)),
    ],
);

/// `StreamableHttpTransport`: accepted whole.
pub static HTTP_TRANSPORT: MessageType = opaque("StreamableHttpTransport");

/// `ToolConfig`.
pub static TOOL_CONFIG: MessageType = message(
    "ToolConfig",
    &[
        one(
            "function_calling_config",
            Kind::Message(&FUNCTION_CALLING_CONFIG),
        ),
        one("retrieval_config", Kind::Message(&RETRIEVAL_CONFIG)),
        one("include_server_side_tool_invocations", Kind::Bool),
    ],
);

/// `FunctionCallingConfig`.
pub static FUNCTION_CALLING_CONFIG: MessageType = message(
    "FunctionCallingConfig",
    &[
        one("mode", Kind::Enum(&FUNCTION_CALLING_MODE)),
        many("allowed_function_names", Kind::String),
    ],
);

/// `RetrievalConfig`.
pub static RETRIEVAL_CONFIG: MessageType = message(
    "RetrievalConfig",
    &[
        one("lat_lng", Kind::Message(&LAT_LNG)),
        one("language_code", Kind::String),
    ],
);

/// `google.type.LatLng`.
pub static LAT_LNG: MessageType = message(
    "LatLng",
    &[
        one("latitude", Kind::Double),
        one("longitude", Kind::Double),
    ],
);

/// `SafetySetting`.
pub static SAFETY_SETTING: MessageType = message(
    "SafetySetting",
    &[
        one("category", Kind::Enum(&HARM_CATEGORY)),
        one("threshold", Kind::Enum(&HARM_BLOCK_THRESHOLD)),
    ],
);

/// `GenerationConfig`.
pub static GENERATION_CONFIG: MessageType = message(
    "GenerationConfig",
    &[
        many("stop_sequences", Kind::String),
        one("response_mime_type", Kind::String),
        one("response_schema", Kind::Message(&SCHEMA)),
        one("response_json_schema", Kind::Value),
        many("response_modalities", Kind::Enum(&MODALITY)),
        one("candidate_count", Kind::Int32),
        one("max_output_tokens", Kind::Int32),
        one("temperature", Kind::Float),
        one("top_p", Kind::Float),
        one("top_k", Kind::Int32),
        one("seed", Kind::Int32),
        one("presence_penalty", Kind::Float),
        one("frequency_penalty", Kind::Float),
        one("response_logprobs", Kind::Bool),
        one("logprobs", Kind::Int32),
        one("enable_enhanced_civic_answers", Kind::Bool),
        one("speech_config", Kind::Message(&SPEECH_CONFIG)),
        one("thinking_config", Kind::Message(&THINKING_CONFIG)),
        one("image_config", Kind::Message(&IMAGE_CONFIG)),
        one("media_resolution", Kind::Enum(&MEDIA_RESOLUTION)),
        one(
            "audio_transcription_config",
            Kind::Message(&AUDIO_TRANSCRIPTION_CONFIG),
        ),
    ],
);

/// `ThinkingConfig`.
pub static THINKING_CONFIG: MessageType = message(
    "ThinkingConfig",
    &[
        one("include_thoughts", Kind::Bool),
        one("thinking_budget", Kind::Int32),
        one("thinking_level", Kind::Enum(&THINKING_LEVEL)),
    ],
);

/// `ImageConfig`: what the Gemini API takes (the output format fields are Vertex's).
pub static IMAGE_CONFIG: MessageType = message(
    "ImageConfig",
    &[
        one("aspect_ratio", Kind::String),
        one("image_size", Kind::String),
    ],
);

/// `SpeechConfig`.
pub static SPEECH_CONFIG: MessageType = message(
    "SpeechConfig",
    &[
        one("voice_config", Kind::Message(&VOICE_CONFIG)),
        one(
            "multi_speaker_voice_config",
            Kind::Message(&MULTI_SPEAKER_VOICE_CONFIG),
        ),
        one("language_code", Kind::String),
    ],
);

/// `VoiceConfig`.
pub static VOICE_CONFIG: MessageType = message(
    "VoiceConfig",
    &[
        either(
            "voice_config",
            "prebuilt_voice_config",
            Kind::Message(&PREBUILT_VOICE_CONFIG),
        ),
        either(
            "voice_config",
            "replicated_voice_config",
            Kind::Message(&REPLICATED_VOICE_CONFIG),
        ),
        one("voice", Kind::String),
    ],
);

/// `PrebuiltVoiceConfig`.
pub static PREBUILT_VOICE_CONFIG: MessageType =
    message("PrebuiltVoiceConfig", &[one("voice_name", Kind::String)]);

/// `ReplicatedVoiceConfig`: voice cloning, accepted whole.
pub static REPLICATED_VOICE_CONFIG: MessageType = opaque("ReplicatedVoiceConfig");

/// `MultiSpeakerVoiceConfig`.
pub static MULTI_SPEAKER_VOICE_CONFIG: MessageType = message(
    "MultiSpeakerVoiceConfig",
    &[many(
        "speaker_voice_configs",
        Kind::Message(&SPEAKER_VOICE_CONFIG),
    )],
);

/// `SpeakerVoiceConfig`.
pub static SPEAKER_VOICE_CONFIG: MessageType = message(
    "SpeakerVoiceConfig",
    &[
        one("speaker", Kind::String),
        one("voice_config", Kind::Message(&VOICE_CONFIG)),
    ],
);

/// `AudioTranscriptionConfig`.
pub static AUDIO_TRANSCRIPTION_CONFIG: MessageType = message(
    "AudioTranscriptionConfig",
    &[
        many("language_codes", Kind::String),
        many("custom_vocabulary", Kind::String),
        many("adaptation_phrases", Kind::String),
        one("word_timestamp", Kind::Bool),
        one("diarization", Kind::Bool),
        one("mode", Kind::String),
        one("source_text", Kind::String),
        one("language_auto", Kind::Struct),
        one("language_hints", Kind::Struct),
    ],
);

/// `Type`.
pub static TYPE: EnumType = EnumType {
    name: "Type",
    values: &[
        "TYPE_UNSPECIFIED",
        "STRING",
        "NUMBER",
        "INTEGER",
        "BOOLEAN",
        "ARRAY",
        "OBJECT",
        "NULL",
    ],
};

/// `FunctionDeclaration.Behavior`.
pub static BEHAVIOR: EnumType = EnumType {
    name: "FunctionDeclaration.Behavior",
    values: &["UNSPECIFIED", "BLOCKING", "NON_BLOCKING"],
};

/// `DynamicRetrievalConfig.Mode`.
pub static DYNAMIC_RETRIEVAL_MODE: EnumType = EnumType {
    name: "DynamicRetrievalConfig.Mode",
    values: &["MODE_UNSPECIFIED", "MODE_DYNAMIC"],
};

/// `ComputerUse.Environment`.
pub static ENVIRONMENT: EnumType = EnumType {
    name: "ComputerUse.Environment",
    values: &[
        "ENVIRONMENT_UNSPECIFIED",
        "ENVIRONMENT_BROWSER",
        "ENVIRONMENT_MOBILE",
        "ENVIRONMENT_DESKTOP",
    ],
};

/// `FunctionCallingConfig.Mode`.
pub static FUNCTION_CALLING_MODE: EnumType = EnumType {
    name: "FunctionCallingConfig.Mode",
    values: &["MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"],
};

/// `HarmCategory`, the PaLM-era categories included (the API still knows them).
pub static HARM_CATEGORY: EnumType = EnumType {
    name: "HarmCategory",
    values: &[
        "HARM_CATEGORY_UNSPECIFIED",
        "HARM_CATEGORY_DEROGATORY",
        "HARM_CATEGORY_TOXICITY",
        "HARM_CATEGORY_VIOLENCE",
        "HARM_CATEGORY_SEXUAL",
        "HARM_CATEGORY_MEDICAL",
        "HARM_CATEGORY_DANGEROUS",
        "HARM_CATEGORY_HARASSMENT",
        "HARM_CATEGORY_HATE_SPEECH",
        "HARM_CATEGORY_SEXUALLY_EXPLICIT",
        "HARM_CATEGORY_DANGEROUS_CONTENT",
        "HARM_CATEGORY_CIVIC_INTEGRITY",
        "HARM_CATEGORY_JAILBREAK",
        "HARM_CATEGORY_IMAGE_HATE",
        "HARM_CATEGORY_IMAGE_DANGEROUS_CONTENT",
        "HARM_CATEGORY_IMAGE_HARASSMENT",
        "HARM_CATEGORY_IMAGE_SEXUALLY_EXPLICIT",
    ],
};

/// `SafetySetting.HarmBlockThreshold`.
pub static HARM_BLOCK_THRESHOLD: EnumType = EnumType {
    name: "SafetySetting.HarmBlockThreshold",
    values: &[
        "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
        "BLOCK_LOW_AND_ABOVE",
        "BLOCK_MEDIUM_AND_ABOVE",
        "BLOCK_ONLY_HIGH",
        "BLOCK_NONE",
        "OFF",
    ],
};

/// `GenerationConfig.Modality`.
pub static MODALITY: EnumType = EnumType {
    name: "GenerationConfig.Modality",
    values: &["MODALITY_UNSPECIFIED", "TEXT", "IMAGE", "AUDIO", "VIDEO"],
};

/// `GenerationConfig.MediaResolution`: request-level, no ULTRA_HIGH (that is per part).
pub static MEDIA_RESOLUTION: EnumType = EnumType {
    name: "GenerationConfig.MediaResolution",
    values: &[
        "MEDIA_RESOLUTION_UNSPECIFIED",
        "MEDIA_RESOLUTION_LOW",
        "MEDIA_RESOLUTION_MEDIUM",
        "MEDIA_RESOLUTION_HIGH",
    ],
};

/// `ThinkingConfig.ThinkingLevel`.
pub static THINKING_LEVEL: EnumType = EnumType {
    name: "ThinkingConfig.ThinkingLevel",
    values: &[
        "THINKING_LEVEL_UNSPECIFIED",
        "MINIMAL",
        "LOW",
        "MEDIUM",
        "HIGH",
        "XHIGH",
    ],
};
