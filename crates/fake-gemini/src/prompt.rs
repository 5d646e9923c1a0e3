//! What an answer is about, assembled from a checked request: the text of the turn
//! being answered, the system instruction, the media to look at, and the prompt's
//! tokens by modality.
//!
//! A conversation is answered about its current turn (the last user turn that is not
//! only function responses); when that turn has no media, the media of earlier user
//! turns are what it asks about (a follow-up question in a chat). Model turns and thought
//! parts are context: they count as tokens and never pick the task.

use serde_json::{Value, json};

use crate::errors::{ApiError, Status};
use crate::mime::MediaKind;
use crate::models::Family;
use crate::rules::current_turn_start;
use crate::state::AppState;
use crate::tokens;
use crate::validation::{Media, file_media, inline_media};
use crate::wire::{Content, GenerateRequest, Part};

/// Most images in one request.
pub const MAX_IMAGES: usize = 3600;

/// Tokens of the prompt by modality.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally(pub Vec<(&'static str, u64)>);

impl Tally {
    /// Adds `count` tokens of `modality`.
    pub fn add(&mut self, modality: &'static str, count: u64) {
        match self.0.iter_mut().find(|(name, _)| *name == modality) {
            Some(entry) => entry.1 += count,
            None => self.0.push((modality, count)),
        }
    }

    /// All tokens.
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, count)| count).sum()
    }

    /// `promptTokensDetails`.
    pub fn details(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|(modality, count)| json!({ "modality": modality, "tokenCount": count }))
                .collect(),
        )
    }
}

/// A checked request, ready to be answered.
#[derive(Debug, Clone, Default)]
pub struct Prompt {
    /// The text of the turn being answered.
    pub user_text: String,
    /// The system instruction's text.
    pub system_text: String,
    /// The media the answer is about, in order.
    pub media: Vec<Media>,
    /// Prompt tokens.
    pub tokens: Tally,
}

/// One turn's text and media.
#[derive(Debug, Default)]
struct Turn {
    text: String,
    media: Vec<Media>,
}

/// Checks and resolves the parts of `request` for `family`.
pub fn resolve(
    state: &AppState,
    request: &GenerateRequest,
    family: Family,
) -> Result<Prompt, ApiError> {
    let resolution = request
        .generation_config
        .as_ref()
        .and_then(|config| config.media_resolution.as_deref());
    let mut tokens = Tally::default();
    let mut reader = |content: &Content, path: &str| -> Result<Turn, ApiError> {
        let mut turn = Turn::default();
        for (index, part) in content.parts.iter().enumerate() {
            let field = format!("{path}.parts[{index}]");
            read_part(
                state,
                part,
                &field,
                family,
                resolution,
                &mut tokens,
                &mut turn,
            )?;
        }
        Ok(turn)
    };
    let system = match &request.system_instruction {
        Some(content) => reader(content, "system_instruction")?,
        None => Turn::default(),
    };
    let mut turns = Vec::with_capacity(request.contents.len());
    for (index, content) in request.contents.iter().enumerate() {
        turns.push(reader(content, &format!("contents[{index}]"))?);
    }
    let focus = current_turn_start(&request.contents);
    let mut turns: Vec<(bool, Turn)> = request
        .contents
        .iter()
        .map(Content::is_model)
        .zip(turns)
        .collect();
    let (user_text, mut media) = match turns.get_mut(focus) {
        Some((false, turn)) => (
            std::mem::take(&mut turn.text),
            std::mem::take(&mut turn.media),
        ),
        _ => (String::new(), Vec::new()),
    };
    if media.is_empty() {
        media = turns
            .into_iter()
            .take(focus)
            .filter(|(model, _)| !model)
            .flat_map(|(_, turn)| turn.media)
            .collect();
    }
    let images = media
        .iter()
        .filter(|one| one.kind == MediaKind::Image)
        .count();
    if images > MAX_IMAGES {
        return Err(ApiError::new(
            Status::InvalidArgument,
            format!(
                "The request has {images} images; at most {MAX_IMAGES} images are allowed per request."
            ),
        ));
    }
    Ok(Prompt {
        user_text,
        system_text: system.text,
        media,
        tokens,
    })
}

fn read_part(
    state: &AppState,
    part: &Part,
    field: &str,
    family: Family,
    resolution: Option<&str>,
    tokens: &mut Tally,
    turn: &mut Turn,
) -> Result<(), ApiError> {
    if let Some(text) = &part.text {
        tokens.add("TEXT", tokens::text(text));
        if part.thought != Some(true) {
            if !turn.text.is_empty() {
                turn.text.push('\n');
            }
            turn.text.push_str(text);
        }
        return Ok(());
    }
    let media = if let Some(inline) = &part.inline_data {
        inline_media(inline.mime_type.as_deref(), inline.data.as_deref(), field)?
    } else if let Some(file) = &part.file_data {
        file_media(
            state,
            file.mime_type.as_deref(),
            file.file_uri.as_deref(),
            field,
        )?
    } else {
        // Calls, responses, code and tool parts are read by the model as their JSON.
        let structured = [
            part.function_call.as_ref().map(|call| json!({"functionCall": {"name": call.name, "args": call.args}})),
            part.function_response.as_ref().map(|answer| json!({"functionResponse": {"name": answer.name, "response": answer.response}})),
            part.executable_code.clone(),
            part.code_execution_result.clone(),
            part.tool_call.clone(),
            part.tool_response.clone(),
        ];
        for value in structured.into_iter().flatten() {
            tokens.add("TEXT", tokens::text(&value.to_string()));
        }
        return Ok(());
    };
    let level = part
        .media_resolution
        .as_ref()
        .and_then(|resolution| resolution.level.as_deref())
        .or(resolution);
    let count = match media.kind {
        MediaKind::Image => {
            let (width, height) = media.probe.size.unwrap_or((1, 1));
            tokens::image(family, width, height, level)
        }
        MediaKind::Video => {
            let clip = part.video_metadata.as_ref();
            let seconds = tokens::clip_seconds(
                media.probe.seconds.unwrap_or(1.0),
                clip.and_then(|clip| clip.start_offset.as_deref()),
                clip.and_then(|clip| clip.end_offset.as_deref()),
            );
            let fps = clip.and_then(|clip| clip.fps).unwrap_or(1.0);
            tokens::video(seconds, fps, level)
        }
        MediaKind::Audio => tokens::audio(media.probe.seconds.unwrap_or(1.0)),
        MediaKind::Document => tokens::pdf(media.probe.pages.unwrap_or(1)),
        MediaKind::Text => media
            .bytes
            .as_ref()
            .map_or(0, |bytes| tokens::text(&String::from_utf8_lossy(bytes))),
    };
    tokens.add(media.kind.modality(), count);
    turn.media.push(media);
    Ok(())
}
