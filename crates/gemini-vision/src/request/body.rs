//! The request body as bytes, laid out before it is written.
//!
//! A body is laid out first as a *skeleton*: all of its JSON except the base64 of
//! each inline part, plus where each base64 run goes and how long it will be. Its
//! exact length is then known before any byte of media is read (which is what the
//! inline-or-upload plan needs), and writing it allocates the output once and encodes
//! each inline part straight into it. The JSON around the media (text, config,
//! schema) is small and goes through `serde_json`, so escaping is always right.

use crate::base64::encoded_len;
use crate::error::{Error, Result};
use crate::wire::{GenerationConfig, Part, SafetySetting};
use serde::Serialize;

/// Bytes set aside, when planning, for a File API URI that is not known yet (real ones are under 100).
pub const FILE_URI_ALLOWANCE: u64 = 256;

/// One part, as the body writer sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BodyPart<'a> {
    /// A text part.
    Text(&'a str),
    /// Inline bytes to be base64-encoded.
    Inline { mime: &'a str, bytes: &'a [u8] },
    /// Inline bytes known only by their size (for planning).
    InlineOfSize { mime: &'a str, size: u64 },
    /// A File API reference.
    File { uri: &'a str, mime: &'a str },
    /// A File API reference whose URI is not known yet (for planning).
    FileToUpload { mime: &'a str },
    /// Any other part, serialized as given.
    Wire(&'a Part),
}

/// One turn, as the body writer sees it.
#[derive(Debug, Clone)]
pub(crate) struct BodyTurn<'a> {
    pub(crate) role: &'a str,
    pub(crate) parts: Vec<BodyPart<'a>>,
}

/// Everything a body holds.
#[derive(Debug, Clone)]
pub(crate) struct BodySpec<'a> {
    pub(crate) turns: Vec<BodyTurn<'a>>,
    pub(crate) system: Vec<BodyPart<'a>>,
    pub(crate) config: Option<&'a GenerationConfig>,
    pub(crate) safety: &'a [SafetySetting],
}

/// Which endpoint the body is for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Envelope<'a> {
    /// `generateContent` and `streamGenerateContent`.
    GenerateContent,
    /// `countTokens`; `model` is the resource name `models/{id}`.
    CountTokens { model: &'a str },
}

/// A laid-out body: its JSON with the base64 runs left out.
#[derive(Debug)]
pub(crate) struct Skeleton<'a> {
    json: Vec<u8>,
    holes: Vec<Hole<'a>>,
    reserved: u64,
}

#[derive(Debug)]
struct Hole<'a> {
    at: usize,
    raw_len: u64,
    bytes: Option<&'a [u8]>,
}

impl<'a> Skeleton<'a> {
    fn new() -> Self {
        Skeleton {
            json: Vec::with_capacity(256),
            holes: Vec::new(),
            reserved: 0,
        }
    }

    /// The exact length of the finished body (plus URI allowances when planning).
    pub(crate) fn len(&self) -> u64 {
        let base64 = self
            .holes
            .iter()
            .fold(0u64, |sum, h| sum.saturating_add(encoded_len(h.raw_len)));
        (self.json.len() as u64)
            .saturating_add(base64)
            .saturating_add(self.reserved)
    }

    /// Writes the body: one allocation of the exact size, base64 encoded in place.
    pub(crate) fn into_bytes(self) -> Result<Vec<u8>> {
        let total = usize::try_from(self.len()).map_err(|_| Error::LimitExceeded {
            what: "request body size",
            actual: self.len(),
            max: usize::MAX as u64,
        })?;
        let mut out = Vec::with_capacity(total);
        let mut copied = 0;
        for hole in &self.holes {
            let bytes = hole.bytes.ok_or_else(|| {
                Error::invalid(
                    "request body",
                    "a part added with inline_slot has no bytes here: build it in pieces",
                )
            })?;
            out.extend_from_slice(self.json.get(copied..hole.at).unwrap_or_default());
            copied = hole.at;
            let start = out.len();
            out.resize(start + encoded_len(bytes.len() as u64) as usize, 0);
            let written =
                crate::base64::encode_to_slice(bytes, out.get_mut(start..).unwrap_or_default())
                    .ok_or_else(|| Error::invalid("request body", "no room for the base64"))?;
            out.truncate(start + written);
        }
        out.extend_from_slice(self.json.get(copied..).unwrap_or_default());
        debug_assert_eq!(out.len(), total, "the laid-out length must be exact");
        Ok(out)
    }

    /// The body as JSON pieces between media payloads, for a shell that encodes the
    /// media itself (the n-th media piece is the n-th inline part, in body order).
    pub(crate) fn into_pieces(self) -> Vec<super::pieces::BodyPiece> {
        use super::pieces::BodyPiece;
        let mut pieces = Vec::with_capacity(self.holes.len() * 2 + 1);
        let mut copied = 0;
        for (slot, hole) in self.holes.iter().enumerate() {
            let json = self.json.get(copied..hole.at).unwrap_or_default();
            if !json.is_empty() {
                pieces.push(BodyPiece::Json(json.to_vec()));
            }
            copied = hole.at;
            pieces.push(BodyPiece::Media {
                slot,
                raw_len: hole.raw_len,
            });
        }
        let rest = self.json.get(copied..).unwrap_or_default();
        if !rest.is_empty() {
            pieces.push(BodyPiece::Json(rest.to_vec()));
        }
        pieces
    }

    fn raw(&mut self, text: &str) {
        self.json.extend_from_slice(text.as_bytes());
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        serde_json::to_writer(&mut self.json, value)
            .map_err(|err| Error::invalid("request body", err.to_string()))
    }

    fn hole(&mut self, raw_len: u64, bytes: Option<&'a [u8]>) {
        self.holes.push(Hole {
            at: self.json.len(),
            raw_len,
            bytes,
        });
    }

    fn part(&mut self, part: &BodyPart<'a>) -> Result<()> {
        match *part {
            BodyPart::Text(text) => {
                self.raw(r#"{"text":"#);
                self.value(text)?;
                self.raw("}");
            }
            BodyPart::Inline { mime, bytes } => {
                self.inline_open(mime)?;
                self.hole(bytes.len() as u64, Some(bytes));
                self.raw(r#""}}"#);
            }
            BodyPart::InlineOfSize { mime, size } => {
                self.inline_open(mime)?;
                self.hole(size, None);
                self.raw(r#""}}"#);
            }
            BodyPart::File { uri, mime } => self.file(mime, uri)?,
            BodyPart::FileToUpload { mime } => {
                self.file(mime, "")?;
                self.reserved = self.reserved.saturating_add(FILE_URI_ALLOWANCE);
            }
            BodyPart::Wire(part) => self.value(part)?,
        }
        Ok(())
    }

    fn inline_open(&mut self, mime: &str) -> Result<()> {
        self.raw(r#"{"inlineData":{"mimeType":"#);
        self.value(mime)?;
        self.raw(r#","data":""#);
        Ok(())
    }

    fn file(&mut self, mime: &str, uri: &str) -> Result<()> {
        self.raw(r#"{"fileData":{"mimeType":"#);
        self.value(mime)?;
        self.raw(r#","fileUri":"#);
        self.value(uri)?;
        self.raw("}}");
        Ok(())
    }

    fn parts(&mut self, parts: &[BodyPart<'a>]) -> Result<()> {
        self.raw("[");
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.part(part)?;
        }
        self.raw("]");
        Ok(())
    }

    fn contents(&mut self, turns: &[BodyTurn<'a>]) -> Result<()> {
        self.raw(r#""contents":["#);
        for (i, turn) in turns.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.raw(r#"{"role":"#);
            self.value(turn.role)?;
            self.raw(r#","parts":"#);
            self.parts(&turn.parts)?;
            self.raw("}");
        }
        self.raw("]");
        Ok(())
    }

    /// The members of a `GenerateContentRequest`, without braces.
    fn request_members(&mut self, spec: &BodySpec<'a>) -> Result<()> {
        self.contents(&spec.turns)?;
        if !spec.system.is_empty() {
            self.raw(r#","systemInstruction":{"parts":"#);
            self.parts(&spec.system)?;
            self.raw("}");
        }
        if let Some(config) = spec.config {
            self.raw(r#","generationConfig":"#);
            self.value(config)?;
        }
        if !spec.safety.is_empty() {
            self.raw(r#","safetySettings":"#);
            self.value(spec.safety)?;
        }
        Ok(())
    }
}

impl BodySpec<'_> {
    /// Whether countTokens needs the `generateContentRequest` form to see everything.
    fn needs_full_request(&self) -> bool {
        !self.system.is_empty() || self.config.is_some() || !self.safety.is_empty()
    }
}

/// Lays out the body of `spec` for `envelope`.
pub(crate) fn layout<'a>(spec: &BodySpec<'a>, envelope: Envelope<'_>) -> Result<Skeleton<'a>> {
    let mut skeleton = Skeleton::new();
    match envelope {
        Envelope::GenerateContent => {
            skeleton.raw("{");
            skeleton.request_members(spec)?;
            skeleton.raw("}");
        }
        Envelope::CountTokens { model } if spec.needs_full_request() => {
            skeleton.raw(r#"{"generateContentRequest":{"model":"#);
            skeleton.value(model)?;
            skeleton.raw(",");
            skeleton.request_members(spec)?;
            skeleton.raw("}}");
        }
        Envelope::CountTokens { .. } => {
            skeleton.raw("{");
            skeleton.contents(&spec.turns)?;
            skeleton.raw("}");
        }
    }
    Ok(skeleton)
}

/// The length one part adds to a body (without the comma that separates it).
pub(crate) fn part_len(part: &BodyPart<'_>) -> Result<u64> {
    let mut skeleton = Skeleton::new();
    skeleton.part(part)?;
    Ok(skeleton.len())
}
