//! Typed views of request bodies, read after `schema` has checked and normalised them
//! (camelCase keys, numbers as numbers, lists as lists).
//!
//! Only what changes the emulator's answer is typed here; the schema tables are where
//! the API's full field lists live. Parsing never decodes base64; see `validation`.

use serde::Deserialize;
use serde_json::{Map, Value};

/// `generateContent` / `streamGenerateContent` body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateRequest {
    /// The conversation.
    #[serde(default)]
    pub contents: Vec<Content>,
    /// The system instruction.
    #[serde(default)]
    pub system_instruction: Option<Content>,
    /// Tools the model may use.
    #[serde(default)]
    pub tools: Vec<Tool>,
    /// How tools may be used.
    #[serde(default)]
    pub tool_config: Option<ToolConfig>,
    /// Generation settings.
    #[serde(default)]
    pub generation_config: Option<GenerationConfig>,
    /// `cachedContents/{id}` to answer from.
    #[serde(default)]
    pub cached_content: Option<String>,
}

/// `countTokens` body: either bare `contents` or a whole `generateContentRequest`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountRequest {
    /// Bare contents.
    #[serde(default)]
    pub contents: Vec<Content>,
    /// A full request whose prompt is counted.
    #[serde(default)]
    pub generate_content_request: Option<GenerateRequest>,
}

/// One turn.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    /// `user` or `model` (empty means `user`).
    #[serde(default)]
    pub role: Option<String>,
    /// Its parts.
    #[serde(default)]
    pub parts: Vec<Part>,
}

impl Content {
    /// Whether this turn is the model's.
    pub fn is_model(&self) -> bool {
        self.role.as_deref() == Some("model")
    }
}

/// One part: at most one data field (the schema refuses two) and its metadata.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    /// Text.
    #[serde(default)]
    pub text: Option<String>,
    /// Base64 bytes.
    #[serde(default)]
    pub inline_data: Option<InlineData>,
    /// A File API reference.
    #[serde(default)]
    pub file_data: Option<FileData>,
    /// A call the model made.
    #[serde(default)]
    pub function_call: Option<FunctionCall>,
    /// What the caller's function returned.
    #[serde(default)]
    pub function_response: Option<FunctionResponse>,
    /// Code the model wrote (`codeExecution`).
    #[serde(default)]
    pub executable_code: Option<Value>,
    /// What that code printed.
    #[serde(default)]
    pub code_execution_result: Option<Value>,
    /// A server-side tool call.
    #[serde(default)]
    pub tool_call: Option<Value>,
    /// A server-side tool response.
    #[serde(default)]
    pub tool_response: Option<Value>,
    /// A thought summary.
    #[serde(default)]
    pub thought: Option<bool>,
    /// The opaque signature of the model's reasoning (base64).
    #[serde(default)]
    pub thought_signature: Option<String>,
    /// Part-level `mediaResolution: {level}`.
    #[serde(default)]
    pub media_resolution: Option<PartMediaResolution>,
    /// Clipping and frame rate of a video part.
    #[serde(default)]
    pub video_metadata: Option<VideoMetadata>,
}

impl Part {
    /// Whether one data field is set (an empty text counts as unset, as for the API).
    pub fn has_data(&self) -> bool {
        self.text.as_deref().is_some_and(|text| !text.is_empty())
            || self.inline_data.is_some()
            || self.file_data.is_some()
            || self.function_call.is_some()
            || self.function_response.is_some()
            || self.executable_code.is_some()
            || self.code_execution_result.is_some()
            || self.tool_call.is_some()
            || self.tool_response.is_some()
    }
}

/// `inlineData`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InlineData {
    /// The bytes' MIME type.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Base64, standard or URL-safe, padded or not.
    #[serde(default)]
    pub data: Option<String>,
}

/// `fileData`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileData {
    /// The file's MIME type.
    #[serde(default)]
    pub mime_type: Option<String>,
    /// `https://host/v1beta/files/ID` or `files/ID`.
    #[serde(default)]
    pub file_uri: Option<String>,
}

/// `functionCall`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionCall {
    /// The call's id.
    #[serde(default)]
    pub id: Option<String>,
    /// The function.
    #[serde(default)]
    pub name: Option<String>,
    /// Its arguments.
    #[serde(default)]
    pub args: Option<Map<String, Value>>,
}

/// `functionResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionResponse {
    /// The id of the call answered.
    #[serde(default)]
    pub id: Option<String>,
    /// The function.
    #[serde(default)]
    pub name: Option<String>,
    /// What it returned.
    #[serde(default)]
    pub response: Option<Map<String, Value>>,
}

/// Part-level media resolution.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartMediaResolution {
    /// `MEDIA_RESOLUTION_LOW` ... `MEDIA_RESOLUTION_ULTRA_HIGH`.
    #[serde(default)]
    pub level: Option<String>,
}

/// `videoMetadata`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoMetadata {
    /// `"10s"`.
    #[serde(default)]
    pub start_offset: Option<String>,
    /// `"20s"`.
    #[serde(default)]
    pub end_offset: Option<String>,
    /// Frames per second sampled (default 1).
    #[serde(default)]
    pub fps: Option<f64>,
}

/// `Tool`: the kinds the emulator acts on; others are accepted and not used.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tool {
    /// Functions the caller runs.
    #[serde(default)]
    pub function_declarations: Vec<FunctionDeclaration>,
    /// Code the model runs itself.
    #[serde(default)]
    pub code_execution: Option<Value>,
}

/// `FunctionDeclaration`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionDeclaration {
    /// The name the model calls it by.
    #[serde(default)]
    pub name: String,
    /// What it does.
    #[serde(default)]
    pub description: Option<String>,
    /// OpenAPI-subset schema of the arguments.
    #[serde(default)]
    pub parameters: Option<Value>,
    /// JSON Schema of the arguments.
    #[serde(default)]
    pub parameters_json_schema: Option<Value>,
}

/// `toolConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolConfig {
    /// Function calling mode and allowed names.
    #[serde(default)]
    pub function_calling_config: Option<FunctionCallingConfig>,
}

/// `functionCallingConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionCallingConfig {
    /// `AUTO` (default), `ANY`, `NONE` or `VALIDATED`.
    #[serde(default)]
    pub mode: Option<String>,
    /// The functions `ANY` may pick from.
    #[serde(default)]
    pub allowed_function_names: Vec<String>,
}

/// `generationConfig`, only what changes the emulator's answer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerationConfig {
    /// `application/json` drops the code fence.
    #[serde(default)]
    pub response_mime_type: Option<String>,
    /// Cuts the answer with `MAX_TOKENS`.
    #[serde(default)]
    pub max_output_tokens: Option<u64>,
    /// Number of identical candidates.
    #[serde(default)]
    pub candidate_count: Option<u32>,
    /// Request-level media resolution.
    #[serde(default)]
    pub media_resolution: Option<String>,
    /// `TEXT`, `IMAGE`, `AUDIO`.
    #[serde(default)]
    pub response_modalities: Vec<String>,
    /// Thinking.
    #[serde(default)]
    pub thinking_config: Option<ThinkingConfig>,
    /// Image output settings.
    #[serde(default)]
    pub image_config: Option<ImageConfig>,
}

/// `thinkingConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThinkingConfig {
    /// 0 turns thinking off where the model allows it; -1 is dynamic.
    #[serde(default)]
    pub thinking_budget: Option<i64>,
    /// Gemini 3's `MINIMAL` ... `HIGH`.
    #[serde(default)]
    pub thinking_level: Option<String>,
    /// Return a thought summary part.
    #[serde(default)]
    pub include_thoughts: Option<bool>,
}

/// `imageConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageConfig {
    /// `"1:1"`, `"16:9"`, ...
    #[serde(default)]
    pub aspect_ratio: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{self, resources::GENERATE_CONTENT_REQUEST};
    use proptest::prelude::*;

    fn read(body: &str) -> GenerateRequest {
        let json = schema::parse(body.as_bytes()).unwrap();
        let normalised = schema::check(&json, &GENERATE_CONTENT_REQUEST, false).unwrap();
        serde_json::from_value(normalised).unwrap()
    }

    #[test]
    fn reads_the_python_clients_snake_case() {
        let request = read(
            r#"{"contents":[{"parts":[{"inlineData":{"data":"AA","mime_type":"image/png"}},
            {"fileData":{"file_uri":"files/abc","mime_type":"video/mp4"}}],"role":"user"}],
            "generationConfig":{"thinkingConfig":{"thinking_budget":0},"responseMimeType":"application/json"}}"#,
        );
        let parts = &request.contents[0].parts;
        assert_eq!(
            parts[0].inline_data.as_ref().unwrap().mime_type.as_deref(),
            Some("image/png")
        );
        assert_eq!(
            parts[1].file_data.as_ref().unwrap().file_uri.as_deref(),
            Some("files/abc")
        );
        let config = request.generation_config.unwrap();
        assert_eq!(config.thinking_config.unwrap().thinking_budget, Some(0));
    }

    #[test]
    fn reads_tools_and_their_config() {
        let request = read(
            r#"{"contents":[{"parts":[{"text":"x"}]}],"system_instruction":{"parts":[{"text":"x"}]},
            "tools":[{"function_declarations":[{"name":"f","parameters":{"type":"OBJECT"}}]},{"codeExecution":{}}],
            "tool_config":{"functionCallingConfig":{"mode":"any","allowedFunctionNames":["f"]}},
            "generation_config":{"max_output_tokens":5}}"#,
        );
        assert!(request.system_instruction.is_some());
        assert_eq!(request.tools[0].function_declarations[0].name, "f");
        assert!(request.tools[1].code_execution.is_some());
        let calling = request
            .tool_config
            .unwrap()
            .function_calling_config
            .unwrap();
        assert_eq!(calling.mode.as_deref(), Some("ANY"));
        assert_eq!(
            request.generation_config.unwrap().max_output_tokens,
            Some(5)
        );
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in ".{0,200}") {
            let body = serde_json::json!({"contents":[{"parts":[{"text": text.clone()}]}]});
            let request = read(&body.to_string());
            prop_assert_eq!(request.contents[0].parts[0].text.as_deref(), Some(text.as_str()));
        }
    }
}
