//! The top-level bodies: `generateContent`, `countTokens`, `cachedContents` and the
//! File API's upload metadata.

use super::config::{GENERATION_CONFIG, SAFETY_SETTING};
use super::content::CONTENT;
use super::tools::{TOOL, TOOL_CONFIG};
use super::{EnumType, Kind, MessageType, either, many, message, one};

static LABEL: Kind = Kind::String;

/// `GenerateContentRequest` (also each request of a batch).
pub static GENERATE_CONTENT_REQUEST: MessageType = message(
    "GenerateContentRequest",
    &[
        one("model", Kind::String),
        many("contents", Kind::Message(&CONTENT)),
        one("system_instruction", Kind::Message(&CONTENT)),
        many("tools", Kind::Message(&TOOL)),
        one("tool_config", Kind::Message(&TOOL_CONFIG)),
        many("safety_settings", Kind::Message(&SAFETY_SETTING)),
        one("generation_config", Kind::Message(&GENERATION_CONFIG)),
        one("cached_content", Kind::String),
        one("labels", Kind::Map(&LABEL)),
        one("service_tier", Kind::Enum(&SERVICE_TIER)),
        one("store", Kind::Bool),
        one("continuation_token", Kind::Bytes),
    ],
);

/// `CountTokensRequest`.
pub static COUNT_TOKENS_REQUEST: MessageType = message(
    "CountTokensRequest",
    &[
        many("contents", Kind::Message(&CONTENT)),
        one(
            "generate_content_request",
            Kind::Message(&GENERATE_CONTENT_REQUEST),
        ),
    ],
);

const EXPIRATION: &str = "expiration";

/// `CachedContent`, as `cachedContents.create` and `.patch` take it (output-only fields
/// are known and ignored, as the API does).
pub static CACHED_CONTENT: MessageType = message(
    "CachedContent",
    &[
        either(EXPIRATION, "expire_time", Kind::Timestamp),
        either(EXPIRATION, "ttl", Kind::Duration),
        one("name", Kind::String),
        one("display_name", Kind::String),
        one("model", Kind::String),
        one("system_instruction", Kind::Message(&CONTENT)),
        many("contents", Kind::Message(&CONTENT)),
        many("tools", Kind::Message(&TOOL)),
        one("tool_config", Kind::Message(&TOOL_CONFIG)),
        one("create_time", Kind::Timestamp),
        one("update_time", Kind::Timestamp),
        one("usage_metadata", Kind::Message(&CACHE_USAGE)),
    ],
);

/// `CachedContent.UsageMetadata`.
pub static CACHE_USAGE: MessageType = message(
    "CachedContent.UsageMetadata",
    &[one("total_token_count", Kind::Int32)],
);

/// `CreateFileRequest`: the JSON of an upload's start request or multipart metadata.
pub static CREATE_FILE_REQUEST: MessageType =
    message("CreateFileRequest", &[one("file", Kind::Message(&FILE))]);

/// `File`.
pub static FILE: MessageType = message(
    "File",
    &[
        one("name", Kind::String),
        one("display_name", Kind::String),
        one("mime_type", Kind::String),
        one("size_bytes", Kind::Int64),
        one("create_time", Kind::Timestamp),
        one("update_time", Kind::Timestamp),
        one("expiration_time", Kind::Timestamp),
        one("sha256_hash", Kind::Bytes),
        one("uri", Kind::String),
        one("download_uri", Kind::String),
        one("state", Kind::Enum(&FILE_STATE)),
        one("source", Kind::Enum(&FILE_SOURCE)),
        one("error", Kind::Message(&STATUS)),
        one("video_metadata", Kind::Message(&VIDEO_FILE_METADATA)),
    ],
);

/// `google.rpc.Status`.
pub static STATUS: MessageType = message(
    "Status",
    &[
        one("code", Kind::Int32),
        one("message", Kind::String),
        many("details", Kind::Struct),
    ],
);

/// `VideoFileMetadata`.
pub static VIDEO_FILE_METADATA: MessageType = message(
    "VideoFileMetadata",
    &[one("video_duration", Kind::Duration)],
);

/// `ServiceTier` (lower-case names on the wire).
pub static SERVICE_TIER: EnumType = EnumType {
    name: "ServiceTier",
    values: &["unspecified", "standard", "flex", "priority"],
};

/// `File.State`.
pub static FILE_STATE: EnumType = EnumType {
    name: "File.State",
    values: &["STATE_UNSPECIFIED", "PROCESSING", "ACTIVE", "FAILED"],
};

/// `File.Source`.
pub static FILE_SOURCE: EnumType = EnumType {
    name: "File.Source",
    values: &["SOURCE_UNSPECIFIED", "UPLOADED", "GENERATED", "REGISTERED"],
};
