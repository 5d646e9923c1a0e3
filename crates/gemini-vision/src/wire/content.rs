//! `Content` (one turn) and `Part` (one piece of it: text, inline bytes, a File API
//! reference, a thought, a function call...).

use super::MediaResolution;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One turn of a conversation: a role and its parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Content {
    /// The parts, in order. `None` when the field was absent (`"content": {}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<Part>>,
    /// `"user"` or `"model"`; absent in a system instruction and in some answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Content {
    /// A `"user"` turn with these parts.
    pub fn user(parts: Vec<Part>) -> Self {
        Self::with_role("user", parts)
    }

    /// A `"model"` turn with these parts.
    pub fn model(parts: Vec<Part>) -> Self {
        Self::with_role("model", parts)
    }

    fn with_role(role: &str, parts: Vec<Part>) -> Self {
        Content {
            parts: Some(parts),
            role: Some(role.to_owned()),
            extra: Map::new(),
        }
    }

    /// The parts (empty when absent).
    pub fn parts(&self) -> &[Part] {
        self.parts.as_deref().unwrap_or_default()
    }

    /// The text of the parts that are answer text (not thoughts), concatenated.
    pub fn text(&self) -> String {
        self.parts()
            .iter()
            .filter(|part| !part.is_thought())
            .filter_map(|part| part.text.as_deref())
            .collect()
    }
}

/// One piece of a turn. The API sets exactly one data field per part; unknown part
/// kinds and fields are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Bytes sent inline, base64-encoded.
    #[serde(
        default,
        alias = "inline_data",
        skip_serializing_if = "Option::is_none"
    )]
    pub inline_data: Option<Blob>,
    /// A reference to a file uploaded through the File API.
    #[serde(default, alias = "file_data", skip_serializing_if = "Option::is_none")]
    pub file_data: Option<FileData>,
    /// `true` when this part is the model's reasoning rather than its answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thought: Option<bool>,
    /// An opaque signature of the model's reasoning, to send back in multi-turn chats.
    #[serde(
        default,
        alias = "thought_signature",
        skip_serializing_if = "Option::is_none"
    )]
    pub thought_signature: Option<String>,
    /// A function call the model asks for, verbatim.
    #[serde(
        default,
        alias = "function_call",
        skip_serializing_if = "Option::is_none"
    )]
    pub function_call: Option<Value>,
    /// The result of a function call, verbatim.
    #[serde(
        default,
        alias = "function_response",
        skip_serializing_if = "Option::is_none"
    )]
    pub function_response: Option<Value>,
    /// Code the model generated for the code-execution tool, verbatim.
    #[serde(
        default,
        alias = "executable_code",
        skip_serializing_if = "Option::is_none"
    )]
    pub executable_code: Option<Value>,
    /// The result of running that code, verbatim.
    #[serde(
        default,
        alias = "code_execution_result",
        skip_serializing_if = "Option::is_none"
    )]
    pub code_execution_result: Option<Value>,
    /// Clipping and frame rate for a video part, verbatim.
    #[serde(
        default,
        alias = "video_metadata",
        skip_serializing_if = "Option::is_none"
    )]
    pub video_metadata: Option<Value>,
    /// This part's own media resolution (Gemini 3): it overrides
    /// `generationConfig.mediaResolution` for this part.
    #[serde(
        default,
        alias = "media_resolution",
        skip_serializing_if = "Option::is_none"
    )]
    pub media_resolution: Option<PartMediaResolution>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A part's media resolution, `{"level": "MEDIA_RESOLUTION_HIGH"}` (the SDKs'
/// `PartMediaResolution`; `level` takes the `PartMediaResolutionLevel` values, which
/// add `MEDIA_RESOLUTION_ULTRA_HIGH` to the request-level ones).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartMediaResolution {
    /// The tokenization quality for this part's media.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<MediaResolution>,
    /// The token count asked for this part's media, instead of a level.
    #[serde(default, alias = "num_tokens", skip_serializing_if = "Option::is_none")]
    pub num_tokens: Option<u32>,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PartMediaResolution {
    /// `{"level": level}`.
    pub fn level(level: MediaResolution) -> Self {
        PartMediaResolution {
            level: Some(level),
            ..PartMediaResolution::default()
        }
    }
}

impl Part {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Self {
        Part {
            text: Some(text.into()),
            ..Part::default()
        }
    }

    /// An inline part from already-encoded base64.
    pub fn inline_base64(mime_type: impl Into<String>, data: impl Into<String>) -> Self {
        Part {
            inline_data: Some(Blob {
                mime_type: mime_type.into(),
                data: data.into(),
                extra: Map::new(),
            }),
            ..Part::default()
        }
    }

    /// A File API reference.
    pub fn file(file_uri: impl Into<String>, mime_type: impl Into<String>) -> Self {
        Part {
            file_data: Some(FileData {
                mime_type: Some(mime_type.into()),
                file_uri: file_uri.into(),
                extra: Map::new(),
            }),
            ..Part::default()
        }
    }

    /// Whether this part is the model's reasoning (`"thought": true`).
    pub fn is_thought(&self) -> bool {
        self.thought == Some(true)
    }

    /// The MIME type of the media this part carries (inline or by reference).
    pub fn media_mime_type(&self) -> Option<&str> {
        match (&self.inline_data, &self.file_data) {
            (Some(blob), _) => Some(blob.mime_type.as_str()),
            (None, Some(file)) => file.mime_type.as_deref(),
            (None, None) => None,
        }
    }
}

/// Raw bytes sent inline: `{"mimeType": "...", "data": "<base64>"}`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Blob {
    /// The IANA MIME type of the bytes.
    #[serde(alias = "mime_type")]
    pub mime_type: String,
    /// The bytes, base64-encoded (the standard alphabet; URL-safe is read too).
    pub data: String,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The API's other name for [`Blob`].
pub type InlineData = Blob;

impl Blob {
    /// Decodes `data`. Accepts the standard and the URL-safe alphabet (the official
    /// Python client sends URL-safe), with or without padding.
    pub fn decode(&self) -> Result<Vec<u8>> {
        crate::base64::decode(self.data.as_bytes())
    }

    /// Decodes at most the first `max_bytes` bytes (rounded up to whole base64 quanta),
    /// enough to sniff a type or read an image header without decoding everything.
    pub fn decode_prefix(&self, max_bytes: usize) -> Result<Vec<u8>> {
        let quanta = max_bytes.div_ceil(3);
        let text = self.data.as_bytes();
        let end = quanta.saturating_mul(4).min(text.len());
        let prefix = text.get(..end).unwrap_or(text);
        crate::base64::decode(prefix)
    }

    /// How many bytes `data` decodes to, computed from its length (no decoding).
    pub fn decoded_len(&self) -> u64 {
        let text = self.data.trim_end_matches('=');
        let len = text.len() as u64;
        len / 4 * 3 + (len % 4).saturating_sub(1)
    }
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Megabytes of base64 make `Debug` output useless; show the size instead.
        f.debug_struct("Blob")
            .field("mime_type", &self.mime_type)
            .field("data_len", &self.data.len())
            .field("extra", &self.extra)
            .finish()
    }
}

/// A reference to a file uploaded through the File API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileData {
    /// The file's MIME type (optional on the wire: the API knows it from the upload).
    #[serde(default, alias = "mime_type", skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// The file's URI (`File.uri`).
    #[serde(alias = "file_uri")]
    pub file_uri: String,
    /// Fields this version does not know, kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    #[test]
    fn snake_case_inline_data_is_read() {
        let part: Part =
            serde_json::from_str(r#"{"inline_data":{"mime_type":"image/png","data":"AAEC"}}"#)
                .unwrap();
        let blob = part.inline_data.unwrap();
        assert_eq!(blob.mime_type, "image/png");
        assert_eq!(blob.decode().unwrap(), [0, 1, 2]);
    }

    #[test]
    fn url_safe_and_unpadded_base64_decode() {
        let blob = Blob {
            mime_type: "image/png".into(),
            data: "-_8".into(),
            extra: Map::new(),
        };
        assert_eq!(blob.decode().unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn decoded_len_matches_the_decoded_bytes() {
        for n in 0..20usize {
            let bytes = vec![7u8; n];
            let blob = Part::inline_base64(
                "image/png",
                base64::engine::general_purpose::STANDARD.encode(&bytes),
            )
            .inline_data
            .unwrap();
            assert_eq!(blob.decoded_len(), n as u64, "{n}");
        }
    }

    #[test]
    fn decode_prefix_stops_early() {
        let blob = Part::inline_base64("image/png", "AAECAwQFBgcICQ==")
            .inline_data
            .unwrap();
        assert_eq!(blob.decode_prefix(4).unwrap(), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn broken_base64_is_a_malformed_error() {
        let err = crate::base64::decode(b"a!b=").unwrap_err();
        assert_eq!(err.code(), "MALFORMED");
    }

    #[test]
    fn debug_of_a_blob_shows_its_size_not_its_data() {
        let blob = Part::inline_base64("image/png", "QUJDRA==")
            .inline_data
            .unwrap();
        let shown = format!("{blob:?}");
        assert!(shown.contains("data_len: 8"));
        assert!(!shown.contains("QUJDRA"));
    }

    #[test]
    fn content_text_skips_thoughts() {
        let mut thought = Part::text("thinking...");
        thought.thought = Some(true);
        let content = Content::model(vec![thought, Part::text("a"), Part::text("b")]);
        assert_eq!(content.text(), "ab");
    }
}
