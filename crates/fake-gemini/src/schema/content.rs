//! `Content` and `Part`, and every message a part carries: the conversation itself.
//!
//! Field lists follow what the official 3.6.1 clients send to the Gemini API (their
//! `partToMldev` converters) and the API's protos; fields the clients reject for the
//! Gemini API (`partialArgs`, `willContinue` on calls) are absent on purpose.

use super::{EnumType, Field, Kind, MessageType, either, many, message, one};

/// `Content`.
pub static CONTENT: MessageType = message(
    "Content",
    &[
        many("parts", Kind::Message(&PART)),
        one("role", Kind::String),
    ],
);

const DATA: &str = "data";

/// `Part`: one oneof `data` and the metadata around it.
pub static PART: MessageType = message(
    "Part",
    &[
        either(DATA, "text", Kind::String),
        either(DATA, "inline_data", Kind::Message(&BLOB)),
        either(DATA, "function_call", Kind::Message(&FUNCTION_CALL)),
        either(DATA, "function_response", Kind::Message(&FUNCTION_RESPONSE)),
        either(DATA, "file_data", Kind::Message(&FILE_DATA)),
        either(DATA, "executable_code", Kind::Message(&EXECUTABLE_CODE)),
        either(
            DATA,
            "code_execution_result",
            Kind::Message(&CODE_EXECUTION_RESULT),
        ),
        either(DATA, "tool_call", Kind::Message(&TOOL_CALL)),
        either(DATA, "tool_response", Kind::Message(&TOOL_RESPONSE)),
        one("thought", Kind::Bool),
        one("thought_signature", Kind::Bytes),
        one("video_metadata", Kind::Message(&VIDEO_METADATA)),
        one("media_resolution", Kind::Message(&PART_MEDIA_RESOLUTION)),
        one("part_metadata", Kind::Struct),
        one("media_processing", Kind::Enum(&MEDIA_PROCESSING)),
        one("speech_metadata", Kind::Message(&SPEECH_METADATA)),
        one("document_metadata", Kind::Message(&DOCUMENT_METADATA)),
        one("spreadsheet_metadata", Kind::Message(&SPREADSHEET_METADATA)),
        one("audio_metadata", Kind::Message(&AUDIO_METADATA)),
        one("audio_transcription", Kind::Message(&TRANSCRIPTION)),
    ],
);

/// `Blob` (`inlineData`).
pub static BLOB: MessageType = message(
    "Blob",
    &[
        one("mime_type", Kind::String),
        one("data", Kind::Bytes),
        one("display_name", Kind::String),
    ],
);

/// `FileData`.
pub static FILE_DATA: MessageType = message(
    "FileData",
    &[
        one("mime_type", Kind::String),
        one("file_uri", Kind::String),
        one("display_name", Kind::String),
    ],
);

/// `FunctionCall`.
pub static FUNCTION_CALL: MessageType = message(
    "FunctionCall",
    &[
        one("id", Kind::String),
        one("name", Kind::String),
        one("args", Kind::Struct),
    ],
);

/// `FunctionResponse`.
pub static FUNCTION_RESPONSE: MessageType = message(
    "FunctionResponse",
    &[
        one("id", Kind::String),
        one("name", Kind::String),
        one("response", Kind::Struct),
        many("parts", Kind::Message(&FUNCTION_RESPONSE_PART)),
        one("will_continue", Kind::Bool),
        one("scheduling", Kind::Enum(&SCHEDULING)),
    ],
);

/// `FunctionResponsePart`: media returned by a function.
pub static FUNCTION_RESPONSE_PART: MessageType = message(
    "FunctionResponsePart",
    &[
        either(DATA, "inline_data", Kind::Message(&FUNCTION_RESPONSE_BLOB)),
        either(
            DATA,
            "file_data",
            Kind::Message(&FUNCTION_RESPONSE_FILE_DATA),
        ),
        one("media_processing", Kind::Enum(&MEDIA_PROCESSING)),
        one("media_resolution", Kind::Message(&PART_MEDIA_RESOLUTION)),
        one("video_metadata", Kind::Message(&VIDEO_METADATA)),
        one("document_metadata", Kind::Message(&DOCUMENT_METADATA)),
        one("spreadsheet_metadata", Kind::Message(&SPREADSHEET_METADATA)),
        one("audio_metadata", Kind::Message(&AUDIO_METADATA)),
    ],
);

/// `FunctionResponseBlob`.
pub static FUNCTION_RESPONSE_BLOB: MessageType = message(
    "FunctionResponseBlob",
    &[
        one("mime_type", Kind::String),
        one("data", Kind::Bytes),
        one("display_name", Kind::String),
    ],
);

/// `FunctionResponseFileData`.
pub static FUNCTION_RESPONSE_FILE_DATA: MessageType = message(
    "FunctionResponseFileData",
    &[
        one("file_uri", Kind::String),
        one("mime_type", Kind::String),
        one("display_name", Kind::String),
    ],
);

/// `ExecutableCode`.
pub static EXECUTABLE_CODE: MessageType = message(
    "ExecutableCode",
    &[
        one("language", Kind::Enum(&LANGUAGE)),
        one("code", Kind::String),
        one("id", Kind::String),
    ],
);

/// `CodeExecutionResult`.
pub static CODE_EXECUTION_RESULT: MessageType = message(
    "CodeExecutionResult",
    &[
        one("outcome", Kind::Enum(&OUTCOME)),
        one("output", Kind::String),
        one("id", Kind::String),
    ],
);

/// `ToolCall`: a server-side tool invocation.
pub static TOOL_CALL: MessageType = message(
    "ToolCall",
    &[
        one("id", Kind::String),
        one("tool_type", Kind::Enum(&TOOL_TYPE)),
        one("args", Kind::Struct),
    ],
);

/// `ToolResponse`.
pub static TOOL_RESPONSE: MessageType = message(
    "ToolResponse",
    &[
        one("id", Kind::String),
        one("tool_type", Kind::Enum(&TOOL_TYPE)),
        one("response", Kind::Struct),
    ],
);

/// `VideoMetadata`: clipping and frame rate of one video part.
pub static VIDEO_METADATA: MessageType = message(
    "VideoMetadata",
    &[
        one("start_offset", Kind::Duration),
        one("end_offset", Kind::Duration),
        one("fps", Kind::Double),
        many("content_layers", Kind::Enum(&VIDEO_CONTENT_LAYER)),
    ],
);

/// `PartMediaResolution`: the part-level `mediaResolution: {level}`.
pub static PART_MEDIA_RESOLUTION: MessageType = message(
    "PartMediaResolution",
    &[
        one("level", Kind::Enum(&PART_MEDIA_RESOLUTION_LEVEL)),
        one("num_tokens", Kind::Int32),
    ],
);

/// `SpeechMetadata`.
pub static SPEECH_METADATA: MessageType = message(
    "SpeechMetadata",
    &[one("speaker", Kind::String), one("style", Kind::String)],
);

/// `DocumentMetadata`.
pub static DOCUMENT_METADATA: MessageType = message(
    "DocumentMetadata",
    &[
        one("start_page", Kind::Int32),
        one("end_page", Kind::Int32),
        many("content_layers", Kind::Enum(&DOCUMENT_CONTENT_LAYER)),
    ],
);

/// `SpreadsheetMetadata`.
pub static SPREADSHEET_METADATA: MessageType = message(
    "SpreadsheetMetadata",
    &[
        one("visible_cells", Kind::String),
        one("sheet_index", Kind::Int32),
        many("content_layers", Kind::Enum(&SPREADSHEET_CONTENT_LAYER)),
    ],
);

/// `AudioMetadata`.
pub static AUDIO_METADATA: MessageType = message(
    "AudioMetadata",
    &[
        one("start_offset", Kind::Duration),
        one("end_offset", Kind::Duration),
    ],
);

/// `Transcription` (output only, accepted back in history).
pub static TRANSCRIPTION: MessageType = message(
    "Transcription",
    &[
        one("text", Kind::String),
        one("finished", Kind::Bool),
        one("language_code", Kind::String),
        one("speaker_label", Kind::String),
        many("words", Kind::Message(&WORD_INFO)),
        one("start_offset", Kind::Duration),
        one("end_offset", Kind::Duration),
    ],
);

/// `WordInfo`.
pub static WORD_INFO: MessageType = message(
    "WordInfo",
    &[
        one("word", Kind::String),
        one("start_offset", Kind::Duration),
        one("end_offset", Kind::Duration),
    ],
);

/// `ExecutableCode.Language`.
pub static LANGUAGE: EnumType = EnumType {
    name: "ExecutableCode.Language",
    values: &["LANGUAGE_UNSPECIFIED", "PYTHON"],
};

/// `CodeExecutionResult.Outcome`.
pub static OUTCOME: EnumType = EnumType {
    name: "CodeExecutionResult.Outcome",
    values: &[
        "OUTCOME_UNSPECIFIED",
        "OUTCOME_OK",
        "OUTCOME_FAILED",
        "OUTCOME_DEADLINE_EXCEEDED",
    ],
};

/// `FunctionResponse.Scheduling`.
pub static SCHEDULING: EnumType = EnumType {
    name: "FunctionResponse.Scheduling",
    values: &["SCHEDULING_UNSPECIFIED", "SILENT", "WHEN_IDLE", "INTERRUPT"],
};

/// `ToolType`.
pub static TOOL_TYPE: EnumType = EnumType {
    name: "ToolType",
    values: &[
        "TOOL_TYPE_UNSPECIFIED",
        "GOOGLE_SEARCH_WEB",
        "GOOGLE_SEARCH_IMAGE",
        "URL_CONTEXT",
        "GOOGLE_MAPS",
        "FILE_SEARCH",
        "MEDIA_PROCESSING",
    ],
};

/// `MediaProcessing`.
pub static MEDIA_PROCESSING: EnumType = EnumType {
    name: "MediaProcessing",
    values: &["MEDIA_PROCESSING_UNSPECIFIED", "STATIC", "AGENTIC"],
};

/// `PartMediaResolution.Level`: the per-part levels, ULTRA_HIGH included.
pub static PART_MEDIA_RESOLUTION_LEVEL: EnumType = EnumType {
    name: "PartMediaResolution.Level",
    values: &[
        "MEDIA_RESOLUTION_UNSPECIFIED",
        "MEDIA_RESOLUTION_LOW",
        "MEDIA_RESOLUTION_MEDIUM",
        "MEDIA_RESOLUTION_HIGH",
        "MEDIA_RESOLUTION_ULTRA_HIGH",
    ],
};

/// `VideoMetadata.ContentLayer`.
pub static VIDEO_CONTENT_LAYER: EnumType = EnumType {
    name: "VideoMetadata.ContentLayer",
    values: &["CONTENT_LAYER_UNSPECIFIED", "FRAMES", "AUDIO", "TRANSCRIPT"],
};

/// `DocumentMetadata.ContentLayer`.
pub static DOCUMENT_CONTENT_LAYER: EnumType = EnumType {
    name: "DocumentMetadata.ContentLayer",
    values: &["CONTENT_LAYER_UNSPECIFIED", "PAGE_IMAGE", "PAGE_TEXT"],
};

/// `SpreadsheetMetadata.ContentLayer`.
pub static SPREADSHEET_CONTENT_LAYER: EnumType = EnumType {
    name: "SpreadsheetMetadata.ContentLayer",
    values: &["CONTENT_LAYER_UNSPECIFIED", "DATA", "FORMULAS", "VISUAL"],
};

/// Fields of [`PART`] in the oneof `data`, by proto name.
pub fn data_fields() -> impl Iterator<Item = &'static Field> {
    PART.fields.iter().filter(|field| field.oneof == Some(DATA))
}
