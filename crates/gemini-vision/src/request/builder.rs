//! [`RequestBuilder`]: parts, turns and settings in; a validated body out.

use super::body::{self, BodyPart, BodySpec, BodyTurn, Envelope};
use super::limits::RequestLimits;
use crate::endpoint::model_resource_name;
use crate::error::{Error, Result};
use crate::media::{self, MediaKind};
use crate::tokens::RequestEstimate;
use crate::wire::{GenerateContentRequest, GenerationConfig, Part, SafetySetting};
use std::fmt;

/// Builds `generateContent`, `streamGenerateContent` and `countTokens` bodies.
///
/// Parts go into the current turn in the order they are added; the first part opens a
/// `user` turn, [`RequestBuilder::model_turn`] and [`RequestBuilder::user_turn`] open
/// new ones. Setters never fail: everything is checked by the terminal methods
/// ([`RequestBuilder::build`], [`RequestBuilder::plan`]...), which return the first
/// problem as a typed [`Error`].
///
/// ```
/// use gemini_vision::request::RequestBuilder;
///
/// let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/images/cupcakes.png"))?;
/// let body = RequestBuilder::new()
///     .inline(png)
///     .text("Detect the cupcakes as 2D boxes.")
///     .json_output()
///     .temperature(0.5)
///     .thinking_budget(0)
///     .build()?;
/// let json: serde_json::Value = serde_json::from_slice(&body)?;
/// assert_eq!(json["contents"][0]["parts"][0]["inlineData"]["mimeType"], "image/png");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct RequestBuilder {
    turns: Vec<Turn>,
    system: Vec<String>,
    pub(super) config: GenerationConfig,
    pub(super) safety: Vec<SafetySetting>,
    pub(super) limits: RequestLimits,
}

#[derive(Debug, Clone)]
struct Turn {
    role: &'static str,
    parts: Vec<PartSpec>,
}

#[derive(Clone)]
enum PartSpec {
    Text(String),
    Inline {
        mime: Option<String>,
        bytes: Vec<u8>,
    },
    /// Media whose bytes the caller encodes itself, into [`super::BodyPieces`].
    Slot {
        mime: String,
        size: u64,
    },
    File {
        uri: String,
        mime: String,
    },
    Wire(Box<Part>),
}

impl fmt::Debug for PartSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.debug_tuple("Text").field(&text.len()).finish(),
            Self::Inline { mime, bytes } => f
                .debug_struct("Inline")
                .field("mime", mime)
                .field("len", &bytes.len())
                .finish(),
            Self::Slot { mime, size } => f
                .debug_struct("Slot")
                .field("mime", mime)
                .field("size", size)
                .finish(),
            Self::File { uri, mime } => f
                .debug_struct("File")
                .field("uri", uri)
                .field("mime", mime)
                .finish(),
            Self::Wire(part) => f.debug_tuple("Wire").field(part).finish(),
        }
    }
}

/// Where a part sits, for error messages: "turn 1, part 2" (1-based).
fn location(turn: usize, part: usize) -> String {
    format!("turn {}, part {}", turn + 1, part + 1)
}

impl RequestBuilder {
    /// An empty request with the default limits.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, part: PartSpec) -> &mut Self {
        match self.turns.last_mut() {
            Some(turn) => turn.parts.push(part),
            None => self.turns.push(Turn {
                role: "user",
                parts: vec![part],
            }),
        }
        self
    }

    /// Adds a text part.
    pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(PartSpec::Text(text.into()))
    }

    /// Adds media sent inline; its MIME type is sniffed from the bytes.
    pub fn inline(&mut self, bytes: Vec<u8>) -> &mut Self {
        self.push(PartSpec::Inline { mime: None, bytes })
    }

    /// Adds media sent inline, with its MIME type given (not sniffed).
    pub fn inline_with_mime(&mut self, bytes: Vec<u8>, mime: &str) -> &mut Self {
        let mime = Some(media::normalize_mime(mime));
        self.push(PartSpec::Inline { mime, bytes })
    }

    /// Adds media sent inline that the caller holds elsewhere (a browser `Blob`): only
    /// its MIME type (given, not sniffed) and size are known here. Such a body cannot be
    /// [`build`](Self::build)t in one buffer; [`build_pieces`](Self::build_pieces) lays it
    /// out and the caller encodes the media with
    /// [`encode_slice`](crate::base64::encode_slice).
    pub fn inline_slot(&mut self, mime: &str, size: u64) -> &mut Self {
        let mime = media::normalize_mime(mime);
        self.push(PartSpec::Slot { mime, size })
    }

    /// Adds a reference to a file uploaded through the File API (`File.uri`).
    pub fn file(&mut self, uri: impl Into<String>, mime: &str) -> &mut Self {
        let (uri, mime) = (uri.into(), media::normalize_mime(mime));
        self.push(PartSpec::File { uri, mime })
    }

    /// Adds any other part (a function response, a part with video metadata...),
    /// serialized as given. Its media, if any, counts toward the limits.
    pub fn part(&mut self, part: Part) -> &mut Self {
        self.push(PartSpec::Wire(Box::new(part)))
    }

    /// Starts a new `user` turn; following parts go into it.
    pub fn user_turn(&mut self) -> &mut Self {
        self.turns.push(Turn {
            role: "user",
            parts: Vec::new(),
        });
        self
    }

    /// Starts a new `model` turn (an earlier answer); following parts go into it.
    pub fn model_turn(&mut self) -> &mut Self {
        self.turns.push(Turn {
            role: "model",
            parts: Vec::new(),
        });
        self
    }

    /// Adds a text part to the system instruction.
    pub fn system_instruction(&mut self, text: impl Into<String>) -> &mut Self {
        self.system.push(text.into());
        self
    }

    /// The `generateContent` / `streamGenerateContent` body, checked against every
    /// rule and limit. The base64 of each inline part is encoded straight into the one
    /// buffer of the exact size.
    pub fn build(&self) -> Result<Vec<u8>> {
        self.checked_skeleton(Envelope::GenerateContent)?
            .into_bytes()
    }

    /// The exact length [`RequestBuilder::build`] would produce, without encoding.
    pub fn body_len(&self) -> Result<u64> {
        Ok(self.checked_skeleton(Envelope::GenerateContent)?.len())
    }

    /// The `countTokens` body: `{"contents": [...]}`, or
    /// `{"generateContentRequest": {"model": "models/M", ...}}` when a system
    /// instruction, generation config or safety settings must be counted too.
    pub fn build_count_tokens(&self, model: &str) -> Result<Vec<u8>> {
        let model = model_resource_name(model)?;
        self.checked_skeleton(Envelope::CountTokens { model: &model })?
            .into_bytes()
    }

    /// The request as wire types (base64 in strings), for inspection and estimates.
    pub fn to_request(&self) -> Result<GenerateContentRequest> {
        let body = self.build()?;
        serde_json::from_slice(&body).map_err(|err| Error::invalid("request", err.to_string()))
    }

    /// The estimated prompt tokens of this request for `model`
    /// ([`crate::tokens::estimate_request`]).
    pub fn estimate_tokens(&self, model: &str) -> Result<RequestEstimate> {
        Ok(crate::tokens::estimate_request(model, &self.to_request()?))
    }

    /// The `generateContent` body as JSON pieces between media payloads, with every
    /// rule and the size limit checked before any media byte is read.
    pub fn build_pieces(&self) -> Result<super::BodyPieces> {
        let skeleton = self.checked_skeleton(Envelope::GenerateContent)?;
        let len = skeleton.len();
        Ok(super::BodyPieces::new(skeleton.into_pieces(), len))
    }

    /// The `countTokens` body (see [`build_count_tokens`](Self::build_count_tokens))
    /// as JSON pieces between media payloads.
    pub fn build_count_tokens_pieces(&self, model: &str) -> Result<super::BodyPieces> {
        let model = model_resource_name(model)?;
        let skeleton = self.checked_skeleton(Envelope::CountTokens { model: &model })?;
        let len = skeleton.len();
        Ok(super::BodyPieces::new(skeleton.into_pieces(), len))
    }

    fn checked_skeleton<'a>(&'a self, envelope: Envelope<'_>) -> Result<body::Skeleton<'a>> {
        let spec = self.spec(Vec::new())?;
        let skeleton = body::layout(&spec, envelope)?;
        let size = skeleton.len();
        if size > self.limits.max_body_bytes {
            return Err(Error::RequestTooLarge {
                size,
                limit: self.limits.max_body_bytes,
            });
        }
        Ok(skeleton)
    }

    /// Checks everything but the size and describes the body. `planned` parts are
    /// appended to the last turn (a new `user` turn when there is none), as adding
    /// them with [`RequestBuilder::inline`] or [`RequestBuilder::file`] would.
    pub(crate) fn spec<'a>(&'a self, planned: Vec<BodyPart<'a>>) -> Result<BodySpec<'a>> {
        self.check_config()?;
        let mut turns = Vec::with_capacity(self.turns.len() + 1);
        for (t, turn) in self.turns.iter().enumerate() {
            let parts = turn
                .parts
                .iter()
                .enumerate()
                .map(|(p, part)| body_part(part).map_err(|e| at(e, &location(t, p))))
                .collect::<Result<Vec<_>>>()?;
            turns.push(BodyTurn {
                role: turn.role,
                parts,
            });
        }
        if !planned.is_empty() {
            match turns.last_mut() {
                Some(last) => last.parts.extend(planned),
                None => turns.push(BodyTurn {
                    role: "user",
                    parts: planned,
                }),
            }
        }
        check_turns(&turns)?;
        let images = turns
            .iter()
            .flat_map(|t| &t.parts)
            .filter(|p| part_kind(p) == Some(MediaKind::Image))
            .count();
        if images > self.limits.max_images {
            return Err(Error::TooManyImages {
                count: images,
                max: self.limits.max_images,
            });
        }
        let system = self.system.iter().map(|s| BodyPart::Text(s)).collect();
        let config = (self.config != GenerationConfig::default()).then_some(&self.config);
        Ok(BodySpec {
            turns,
            system,
            config,
            safety: &self.safety,
        })
    }

    fn check_config(&self) -> Result<()> {
        super::config_rules::check(&self.config)
    }
}

fn at(err: Error, place: &str) -> Error {
    match err {
        Error::UnsupportedMime { mime, reason } => Error::UnsupportedMime {
            mime,
            reason: format!("{place}: {reason}"),
        },
        Error::InvalidInput { what, reason } => Error::InvalidInput {
            what,
            reason: format!("{place}: {reason}"),
        },
        other => other,
    }
}

fn body_part(part: &PartSpec) -> Result<BodyPart<'_>> {
    Ok(match part {
        PartSpec::Text(text) if text.is_empty() => {
            return Err(Error::invalid("text", "a text part is empty"));
        }
        PartSpec::Text(text) => BodyPart::Text(text),
        PartSpec::Inline { bytes, .. } if bytes.is_empty() => {
            return Err(Error::invalid(
                "inline data",
                "the media is empty (0 bytes)",
            ));
        }
        PartSpec::Inline { mime, bytes } => {
            let mime = match mime {
                Some(given) => given.as_str(),
                None => media::sniff_mime(bytes).unwrap_or_default(),
            };
            media::check_inline(mime)?;
            BodyPart::Inline { mime, bytes }
        }
        PartSpec::Slot { size: 0, .. } => {
            return Err(Error::invalid(
                "inline data",
                "the media is empty (0 bytes)",
            ));
        }
        PartSpec::Slot { mime, size } => {
            media::check_inline(mime)?;
            BodyPart::InlineOfSize { mime, size: *size }
        }
        PartSpec::File { uri, .. } if uri.trim().is_empty() => {
            return Err(Error::invalid("file URI", "the file URI is empty"));
        }
        PartSpec::File { uri, mime } => {
            media::check_file_api(mime)?;
            BodyPart::File { uri, mime }
        }
        PartSpec::Wire(part) => {
            if let Some(blob) = &part.inline_data {
                media::check_inline(&blob.mime_type)?;
            }
            if let Some(mime) = part.file_data.as_ref().and_then(|f| f.mime_type.as_deref()) {
                media::check_file_api(mime)?;
            }
            BodyPart::Wire(part)
        }
    })
}

fn part_kind(part: &BodyPart<'_>) -> Option<MediaKind> {
    match *part {
        BodyPart::Inline { mime, .. }
        | BodyPart::InlineOfSize { mime, .. }
        | BodyPart::File { mime, .. }
        | BodyPart::FileToUpload { mime } => MediaKind::of(mime),
        BodyPart::Wire(part) => part.media_mime_type().and_then(MediaKind::of),
        BodyPart::Text(_) => None,
    }
}

fn check_turns(turns: &[BodyTurn<'_>]) -> Result<()> {
    if turns.is_empty() {
        return Err(Error::invalid(
            "contents",
            "the request has no parts; add text or media",
        ));
    }
    match turns.iter().position(|t| t.parts.is_empty()) {
        Some(empty) => Err(Error::invalid(
            "contents",
            format!("turn {} has no parts", empty + 1),
        )),
        None => Ok(()),
    }
}
