//! Tools and tool configuration: function declarations with their `Schema`, code
//! execution, search and the other tools, and `toolConfig`.
//!
//! `Schema` is the OpenAPI subset the API takes; JSON Schema goes in
//! `parametersJsonSchema` / `responseJsonSchema`, checked only as JSON.

use super::{EnumType, Kind, MessageType, many, message, one, opaque};

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
