//! The media of a request: each `Blob` part measured (size, and `type` or its first
//! bytes sniffed), given its part once the plan has said how it travels (inline as
//! base64, or uploaded through the File API first), and uploaded when the plan says so.
//! A media part keeps its sibling fields (`mediaResolution`, `videoMetadata`...) either
//! way.
//!
//! What this module never does: read more of a Blob than its first bytes (when it has no
//! type), or decide how media travels (the core's plan does).

use crate::blob::blob_size;
use crate::files::{FileOps, ProgressCallback, UploadOptions, UploadProgress, WaitOptions};
use crate::shape::reshape_with;
use crate::transport::{Transport, from_js};
use crate::values::{object_of, set};
use gemini_vision::Result;
use gemini_vision::base64::encoded_len;
use gemini_vision::media::{self, SNIFF_LEN};
use gemini_vision::request::{FILE_URI_ALLOWANCE, MediaCost, MediaItem};
use gemini_vision::sdk::shape::Shape;
use js_sys::{Array, Function, Object, Uint8Array};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob};

/// Where a part sits in a request: content `content` of `contents` (`None`: the system
/// instruction), part `part` of it. A chat uses it to keep an uploaded file's part in
/// its history instead of uploading the Blob again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// Which content of `contents`; `None` for the system instruction.
    pub(crate) content: Option<usize>,
    /// Which part of it.
    pub(crate) part: usize,
}

impl Place {
    /// The first part of content `index` of `contents`.
    pub(crate) fn content(index: usize) -> Place {
        Place {
            content: Some(index),
            part: 0,
        }
    }

    /// The first part of the system instruction.
    pub(crate) fn system() -> Place {
        Place {
            content: None,
            part: 0,
        }
    }

    /// Part `index` of the same content.
    pub(crate) fn part(self, index: usize) -> Place {
        Place {
            part: index,
            ..self
        }
    }
}

/// A media part waiting for the plan: its part is `parts[index]` once given.
#[derive(Debug, Clone)]
pub(crate) struct MediaSlot {
    /// The media.
    pub(crate) blob: Blob,
    /// `inlineData.mimeType` when the caller gave one next to a Blob.
    pub(crate) declared_mime: Option<String>,
    /// The part as given (the Blob itself, or an object holding it).
    pub(crate) source: JsValue,
    /// The list the part goes into.
    pub(crate) parts: Array,
    /// Its position there.
    pub(crate) index: u32,
    /// Where the part sits in the request.
    pub(crate) place: Place,
}

impl MediaSlot {
    /// Gives the slot its part: the source's fields in the SDK's order, with `data` at
    /// `inlineData` or `fileData`.
    fn fill(&self, overrides: &[(&str, Option<JsValue>)]) -> Result<Object> {
        // A Blob's own methods (`text`, `slice`) are not part fields.
        let source: JsValue = if self.source.is_instance_of::<Blob>() {
            Object::new().into()
        } else {
            self.source.clone()
        };
        let part = reshape_with(&source, Shape::Part, overrides)?;
        self.parts.set(self.index, part.clone().into());
        Ok(part)
    }

    /// The part as inline data: `{ inlineData: { data, mimeType } }` where `data` is
    /// `placeholder` until the body is assembled.
    pub(crate) fn fill_inline(&self, mime: &str, placeholder: &str) -> Result<Object> {
        let data = object_of(&[
            ("data", &JsValue::from_str(placeholder)),
            ("mimeType", &JsValue::from_str(mime)),
        ]);
        self.fill(&[("inlineData", Some(data.into())), ("fileData", None)])
    }

    /// The part as a reference to an uploaded file: `{ fileData: { fileUri, mimeType } }`.
    pub(crate) fn fill_file(&self, uri: &str, mime: &str) -> Result<Object> {
        let data = object_of(&[
            ("fileUri", &JsValue::from_str(uri)),
            ("mimeType", &JsValue::from_str(mime)),
        ]);
        self.fill(&[("fileData", Some(data.into())), ("inlineData", None)])
    }
}

/// The MIME type of a `Blob`: `given` if any, else `blob.type`, else sniffed from its
/// first bytes. An empty string when nothing tells (the plan then refuses it with a
/// clear [`Error::UnsupportedMime`]).
pub(crate) async fn blob_mime(blob: &Blob, given: Option<&str>) -> Result<String> {
    if let Some(mime) = given.filter(|m| !m.trim().is_empty()) {
        return Ok(media::normalize_mime(mime));
    }
    let declared = crate::blob::blob_type(blob)?;
    if !declared.trim().is_empty() {
        return Ok(media::normalize_mime(&declared));
    }
    let size = blob_size(blob)?;
    let prefix = crate::blob::blob_slice(blob, 0, size.min(SNIFF_LEN as u64))?;
    let buffer = JsFuture::from(prefix.array_buffer())
        .await
        .map_err(|e| from_js(&e, None, None))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    Ok(media::sniff_mime(&bytes).unwrap_or_default().to_owned())
}

/// Each slot as the plan sees it: its MIME type and size.
pub(crate) async fn measure(slots: &[MediaSlot]) -> Result<Vec<MediaItem>> {
    let mut items = Vec::with_capacity(slots.len());
    for slot in slots {
        let mime = blob_mime(&slot.blob, slot.declared_mime.as_deref()).await?;
        items.push(MediaItem::new(&mime, blob_size(&slot.blob)?));
    }
    Ok(items)
}

/// What each item adds to the body inline and uploaded. Only the difference matters to
/// the plan, so the fields both forms share are left out.
pub(crate) fn costs(items: &[MediaItem]) -> Vec<MediaCost> {
    items
        .iter()
        .map(|item| {
            let mime = json_string_len(&item.mime);
            MediaCost {
                inline: r#""inlineData":{"data":"","mimeType":}"#.len() as u64
                    + mime
                    + encoded_len(item.size),
                upload: r#""fileData":{"fileUri":"","mimeType":}"#.len() as u64
                    + mime
                    + FILE_URI_ALLOWANCE,
            }
        })
        .collect()
}

/// The length of `text` as a JSON string, quotes and escapes included.
fn json_string_len(text: &str) -> u64 {
    let escapes: usize = text
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 1,
            c if (c as u32) < 0x20 => 5,
            _ => 0,
        })
        .sum();
    (text.len() + escapes + 2) as u64
}

/// Uploads a slot's Blob through the files module (resumable, abortable) and waits until
/// the file is `ACTIVE`; the file's URI and MIME type.
pub(crate) async fn upload(
    transport: &Rc<Transport>,
    slot: &MediaSlot,
    mime: &str,
    signal: Option<&AbortSignal>,
    progress: Option<&Function>,
) -> Result<(String, String)> {
    let options = UploadOptions {
        mime_type: Some(mime.to_owned()),
        signal: signal.cloned(),
        on_progress: progress.map(progress_callback),
        ..UploadOptions::default()
    };
    let file = FileOps::new(transport.clone())
        .upload(&slot.blob, options)
        .await?;
    let wait = WaitOptions {
        signal: signal.cloned(),
        timeout_ms: None,
    };
    let file = crate::files::wait_for(transport, &file, wait).await?;
    let uri = file.uri.clone().unwrap_or_else(|| file.name.clone());
    let mime = file.mime_type.clone().unwrap_or_else(|| mime.to_owned());
    Ok((uri, mime))
}

/// `config.onUploadProgress` as the files module's callback: `{ sent, total, restarts,
/// resumed }`; a callback that throws does not break the upload.
fn progress_callback(function: &Function) -> ProgressCallback {
    let function = function.clone();
    Rc::new(move |progress: UploadProgress| {
        let event = Object::new();
        set(&event, "sent", &JsValue::from(progress.sent as f64));
        set(&event, "total", &JsValue::from(progress.total as f64));
        set(&event, "restarts", &JsValue::from(progress.restarts));
        set(&event, "resumed", &JsValue::from(progress.resumed));
        let _ = function.call1(&JsValue::NULL, &event);
    })
}
