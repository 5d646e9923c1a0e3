//! The request path every call shares: `contents` and `config` normalised and routed
//! into a body object in the SDK's key order, whose media parts are set aside
//! ([`config`], [`contents`]); each media `Blob` measured, the core's inline-or-upload
//! plan asked, what it routes to the File API uploaded (the part becomes `fileData`, its
//! sibling fields kept) ([`media`]); then one `JSON.stringify` with a placeholder where
//! each inline media's base64 goes, split there, and `new Blob([json, base64...,
//! json])` with the base64 made slice by slice ([`body`], [`base64`]). A preview runs the
//! same steps up to the plan.
//!
//! What this module never does: decide how media travels (the core's [`plan_media`]
//! does), parse or re-model the JSON in wasm, or read a whole media file into wasm.

pub(crate) mod base64;
pub(crate) mod body;
pub(crate) mod config;
pub(crate) mod contents;
pub(crate) mod media;
pub(crate) mod options;
pub(crate) mod schema;

pub(crate) use media::Place;

use body::{Layout, Placeholders, assemble, layout, preview_text, stringify};
use config::merge_extra_body;
use gemini_vision::Result;
use gemini_vision::base64::encoded_len;
use gemini_vision::request::{InlinePlan, MediaItem, Route, plan_media};
use js_sys::{JsString, Object};
use media::{MediaSlot, costs, measure, upload};
use options::CallOptions;
use web_sys::Blob;

/// `items` ordered by `key`, equal keys keeping their given order. It sorts plain `u64`s
/// (the key above, the position below: a stable sort's order), so the wasm holds one
/// sort for every use rather than one per item type.
pub(crate) fn stable_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> u32) -> Vec<T> {
    let mut order: Vec<u64> = items
        .iter()
        .enumerate()
        .map(|(position, item)| (u64::from(key(item)) << 32) | position as u64)
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|packed| slots.get_mut((packed & 0xffff_ffff) as usize)?.take())
        .collect()
}

/// The URI a preview shows for media that would be uploaded first.
pub(crate) const PREVIEW_UPLOAD_URI: &str = "<uploaded before sending>";

/// A body object whose media parts wait for the plan.
#[derive(Debug)]
pub(crate) struct Draft {
    /// The body, in the SDK's key order.
    pub(crate) body: Object,
    /// Its media, in the order met.
    pub(crate) media: Vec<MediaSlot>,
}

/// A request ready for `fetch`.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The body (`application/json`).
    pub(crate) body: Blob,
    /// The parts that now refer to an uploaded file, and where they sit.
    pub(crate) uploaded: Vec<(Place, Object)>,
}

/// What a request would send, without sending or uploading anything.
#[derive(Debug)]
pub(crate) struct Preview {
    /// How each media would travel, and why.
    pub(crate) plan: InlinePlan,
    /// The body, each base64 shown as `<N bytes of base64>`.
    pub(crate) body: JsString,
}

/// The draft's media measured and planned, every part filled; the plan and the
/// layout of the body. With `send`, what the plan routes to the File API is uploaded;
/// without, its part shows [`PREVIEW_UPLOAD_URI`].
async fn lay_out(
    draft: &Draft,
    options: &CallOptions,
    send: bool,
) -> Result<(Layout, Vec<MediaItem>, InlinePlan, Vec<(Place, Object)>)> {
    if let Some(extra) = &options.extra_body {
        merge_extra_body(&draft.body, extra, 0)?;
    }
    let items = measure(&draft.media).await?;
    let placeholders = Placeholders::new();
    let mut inline = Vec::with_capacity(items.len());
    for (i, (slot, item)) in draft.media.iter().zip(&items).enumerate() {
        slot.fill_inline(&item.mime, &placeholders.of(i))?;
        inline.push((i, placeholders.of(i)));
    }
    let mut laid = layout(&stringify(&draft.body)?, &inline)?;
    let all_inline = items.iter().fold(laid.json_len, |len, item| {
        len.saturating_add(encoded_len(item.size))
    });
    let plan = plan_media(&items, &costs(&items), all_inline, options.max_inline_bytes)?;
    let mut uploaded = Vec::new();
    if plan.needs_uploads() {
        inline.clear();
        for planned in &plan.items {
            let (i, slot) = (planned.index, &draft.media[planned.index]);
            match planned.route {
                Route::Inline => inline.push((i, placeholders.of(i))),
                Route::FileApi if send => {
                    let (uri, mime) = upload(
                        options.context.transport(),
                        slot,
                        &planned.mime,
                        options.context.signal(),
                        options.progress.as_ref(),
                    )
                    .await?;
                    uploaded.push((slot.place, slot.fill_file(&uri, &mime)?));
                }
                Route::FileApi => {
                    slot.fill_file(PREVIEW_UPLOAD_URI, &planned.mime)?;
                }
            }
        }
        laid = layout(&stringify(&draft.body)?, &inline)?;
    }
    Ok((laid, items, plan, uploaded))
}

/// Measures, plans, uploads and assembles the body of `draft`.
pub(crate) async fn prepare(draft: Draft, options: &CallOptions) -> Result<Prepared> {
    if options
        .context
        .signal()
        .is_some_and(web_sys::AbortSignal::aborted)
    {
        return Err(gemini_vision::Error::Aborted);
    }
    let (laid, items, _, uploaded) = lay_out(&draft, options, true).await?;
    let media: Vec<(Blob, u64)> = draft
        .media
        .iter()
        .zip(&items)
        .map(|(slot, item)| (slot.blob.clone(), item.size))
        .collect();
    let body = assemble(&laid, &media, options.context.signal()).await?;
    Ok(Prepared { body, uploaded })
}

/// What `draft` would send.
pub(crate) async fn preview(draft: Draft, options: &CallOptions) -> Result<Preview> {
    let (laid, items, plan, _) = lay_out(&draft, options, false).await?;
    let sizes: Vec<u64> = items.iter().map(|item| item.size).collect();
    Ok(Preview {
        plan,
        body: preview_text(&laid, &sizes),
    })
}
