//! The requests of a batch given inline (`src` a list): each item's request built by
//! the request path `generateContent` uses (contents normalised, config routed, a Blob
//! anywhere a part may be), keys settled by the core, media measured once, and both
//! forms laid out with a placeholder where each media's base64 goes: the inline create
//! body, and the JSONL file line by line. Their exact sizes decide the route (the
//! core's [`BatchPlan`](gemini_vision::batch::BatchPlan)).
//!
//! An item is the SDK's `InlinedRequest` (`{ model?, contents, metadata?, config? }`)
//! or ours (`{ key?, contents, config? }`). Inline, an item with `metadata` sends it
//! as given; one without gets `metadata: { key }` (its key, or the generated `req-{n}`)
//! so that its result can be joined to it. In the file every line has its key.
//!
//! What this module never does: stringify the whole batch with its media (the JSON
//! holds placeholders; base64 goes into `Blob` parts, line by line), or read a media
//! `Blob` beyond its first bytes before the route is decided.

use crate::models::model_of;
use crate::request::body::{Layout, Placeholders, assemble, layout, stringify};
use crate::request::config::generate_body;
use crate::request::media::{MediaSlot, measure};
use crate::values::{elements, field, get, object_of, set};
use gemini_vision::base64::encoded_len;
use gemini_vision::batch::BatchInput;
use gemini_vision::request::MediaItem;
use gemini_vision::{Error, Result};
use js_sys::{Array, Object};
use std::ops::Range;
use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, Blob, BlobPropertyBag};

/// One request of the batch.
#[derive(Debug)]
struct Entry {
    /// The `GenerateContentRequest` object (media parts hold placeholders).
    request: Object,
    /// The caller's `metadata`, if given.
    metadata: Option<JsValue>,
    /// Its key (the caller's or generated).
    key: String,
    /// Its media slots.
    slots: Range<usize>,
}

/// The requests of a batch, built and measured.
#[derive(Debug)]
pub(crate) struct Requests {
    entries: Vec<Entry>,
    media: Vec<MediaSlot>,
    measured: Vec<MediaItem>,
    placeholders: Placeholders,
}

fn item_error(index: usize, reason: &str) -> Error {
    Error::invalid("src", format!("item {index}: {reason}"))
}

impl Requests {
    /// Builds the items of `list` (any JS value: a non-list is refused).
    pub(crate) async fn read(list: &JsValue) -> Result<Requests> {
        let items = elements(list, "src")?;
        if items.is_empty() {
            return Err(Error::invalid("src", "a batch needs at least one request"));
        }
        let mut media = Vec::new();
        let mut entries = Vec::with_capacity(items.len());
        let mut given = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if !item.is_object() || crate::values::is_array(item) {
                return Err(item_error(
                    index,
                    "expected an object { contents, config?, key? }",
                ));
            }
            let contents = get(item, "contents", "src")?;
            if contents.is_undefined() || contents.is_null() {
                return Err(item_error(index, "contents is required"));
            }
            let config = get(item, "config", "src")?;
            let first = media.len();
            let body = generate_body(&contents, &config, &mut media)?;
            let request = match field(item, "model") {
                // `inlinedRequestToMldev`: `request.model` first, then the body.
                Some(_) => {
                    let model = JsValue::from_str(&model_of(item)?);
                    let request = object_of(&[("model", &model)]);
                    Object::assign(&request, &body);
                    request
                }
                None => body,
            };
            let metadata = field(item, "metadata");
            if metadata.as_ref().is_some_and(|m| !m.is_object()) {
                return Err(item_error(index, "metadata must be an object"));
            }
            let key = match field(item, "key") {
                Some(key) => Some(
                    key.as_string()
                        .ok_or_else(|| item_error(index, "key must be a string"))?,
                ),
                None => metadata
                    .as_ref()
                    .and_then(|m| field(m, "key"))
                    .and_then(|k| k.as_string()),
            };
            given.push(key);
            entries.push(Entry {
                request,
                metadata,
                key: String::new(),
                slots: first..media.len(),
            });
        }
        let given: Vec<Option<&str>> = given.iter().map(Option::as_deref).collect();
        let keys = BatchInput::settle_keys(&given).map_err(Error::from)?;
        for (entry, key) in entries.iter_mut().zip(keys) {
            entry.key = key;
        }
        let measured = measure(&media).await?;
        let placeholders = Placeholders::new();
        for (index, (slot, item)) in media.iter().zip(&measured).enumerate() {
            slot.fill_inline(&item.mime, &placeholders.of(index))?;
        }
        Ok(Requests {
            entries,
            media,
            measured,
            placeholders,
        })
    }

    /// The placeholders of `slots`, as `layout` takes them.
    fn placeholders_of(&self, slots: Range<usize>) -> Vec<(usize, String)> {
        slots.map(|i| (i, self.placeholders.of(i))).collect()
    }

    /// The base64 length of the media `slots`.
    fn media_len(&self, slots: Range<usize>) -> u64 {
        self.measured
            .get(slots)
            .unwrap_or_default()
            .iter()
            .fold(0u64, |sum, item| sum.saturating_add(encoded_len(item.size)))
    }

    /// The inline create body `{ batch: { inputConfig: { requests: { requests } },
    /// displayName?, webhookConfig? } }` laid out, and its exact length.
    pub(crate) fn inline_body(&self, batch_fields: &[(&str, JsValue)]) -> Result<(Layout, u64)> {
        let list = Array::new();
        for entry in &self.entries {
            let inlined = object_of(&[("request", &entry.request)]);
            let metadata = match &entry.metadata {
                Some(metadata) => metadata.clone(),
                None => object_of(&[("key", &JsValue::from_str(&entry.key))]).into(),
            };
            set(&inlined, "metadata", &metadata);
            list.push(&inlined);
        }
        let requests = object_of(&[("requests", &list)]);
        let input = object_of(&[("requests", &requests)]);
        let batch = object_of(&[("inputConfig", &input)]);
        for (key, value) in batch_fields {
            set(&batch, key, value);
        }
        let body = object_of(&[("batch", &batch)]);
        let laid = layout(
            &stringify(&body)?,
            &self.placeholders_of(0..self.media.len()),
        )?;
        let len = laid
            .json_len
            .saturating_add(self.media_len(0..self.media.len()));
        Ok((laid, len))
    }

    /// Each JSONL line `{"key": K, "request": {...}}` laid out (without its newline),
    /// and the file's exact length.
    pub(crate) fn jsonl_lines(&self) -> Result<(Vec<Layout>, u64)> {
        let mut total = 0u64;
        let mut lines = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let line = object_of(&[
                ("key", &JsValue::from_str(&entry.key)),
                ("request", &entry.request),
            ]);
            let laid = layout(
                &stringify(&line)?,
                &self.placeholders_of(entry.slots.clone()),
            )?;
            total = total
                .saturating_add(laid.json_len + 1)
                .saturating_add(self.media_len(entry.slots.clone()));
            lines.push(laid);
        }
        Ok((lines, total))
    }

    /// Each media's `Blob` and measured size, by slot.
    fn media_blobs(&self) -> Vec<(Blob, u64)> {
        self.media
            .iter()
            .zip(&self.measured)
            .map(|(slot, item)| (slot.blob.clone(), item.size))
            .collect()
    }

    /// The inline body as a `Blob` (`application/json`), base64 made slice by slice.
    pub(crate) async fn inline_blob(
        &self,
        laid: &Layout,
        signal: Option<&AbortSignal>,
    ) -> Result<Blob> {
        assemble(laid, &self.media_blobs(), signal).await
    }

    /// The JSONL file as a `Blob` of line `Blob`s (`application/jsonl`): one line's
    /// base64 is made at a time; the browser keeps the parts, not one string.
    pub(crate) async fn jsonl_blob(
        &self,
        lines: &[Layout],
        mime: &str,
        signal: Option<&AbortSignal>,
    ) -> Result<Blob> {
        let media = self.media_blobs();
        let parts = Array::new();
        let newline = JsValue::from_str("\n");
        for line in lines {
            let line = assemble(line, &media, signal).await?;
            parts.push(&line);
            parts.push(&newline);
        }
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        Blob::new_with_blob_sequence_and_options(&parts, &options)
            .map_err(|_| Error::invalid("batch", "the JSONL file cannot be made into a Blob"))
    }
}
