//! Which media go inline and which through the File API, decided from sizes and MIME
//! types alone: the browser knows `Blob.size` and `Blob.type` before reading a byte.
//!
//! Rule: everything inline when the whole body fits under the limit. Otherwise, first
//! any item that cannot be inline even with every other item uploaded, then the
//! largest remaining items, one at a time, until the rest fits. Upload URIs are not
//! known when planning; each File API part is counted with a generous allowance
//! ([`FILE_URI_ALLOWANCE`] bytes), so a plan that fits still fits with the real URIs.

pub use super::body::FILE_URI_ALLOWANCE;
use super::body::{self, BodyPart, Envelope};
use super::builder::RequestBuilder;
use crate::error::{Error, Result};
use crate::media::{self, MediaKind};
use std::fmt;

/// A file the caller wants to send, known by its type and size only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    /// Its MIME type (`Blob.type`, or sniffed from its first bytes).
    pub mime: String,
    /// Its size in bytes (`Blob.size`).
    pub size: u64,
}

impl MediaItem {
    /// An item of `mime` and `size` bytes.
    pub fn new(mime: &str, size: u64) -> Self {
        MediaItem {
            mime: media::normalize_mime(mime),
            size,
        }
    }
}

/// How an item travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Base64 inside the request body.
    Inline,
    /// Uploaded through the File API first, then referenced by URI.
    FileApi,
}

/// Why an item travels the way it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteReason {
    /// The request fits under the limit with this item inline.
    Fits,
    /// Even with every other item uploaded, this one inline would exceed the limit.
    TooLargeAlone {
        /// The body length with only this item inline.
        body_len: u64,
        /// The limit.
        limit: u64,
    },
    /// Uploaded, largest first, to bring the request under the limit.
    MadeRoom {
        /// The body length before this item was moved.
        body_len_before: u64,
        /// The limit.
        limit: u64,
    },
}

impl fmt::Display for RouteReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fits => f.write_str("the request fits under the inline limit"),
            Self::TooLargeAlone { body_len, limit } => write!(
                f,
                "inline it alone would make a {body_len}-byte request, over the {limit}-byte limit"
            ),
            Self::MadeRoom {
                body_len_before,
                limit,
            } => write!(
                f,
                "the largest remaining item, moved to bring a {body_len_before}-byte request \
                 under the {limit}-byte limit"
            ),
        }
    }
}

/// The decision for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    /// Its position in the list given to [`RequestBuilder::plan`].
    pub index: usize,
    /// Its normalized MIME type.
    pub mime: String,
    /// What it is.
    pub kind: MediaKind,
    /// Its size in bytes.
    pub size: u64,
    /// How it travels.
    pub route: Route,
    /// Why.
    pub reason: RouteReason,
}

/// The decisions for every item, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlinePlan {
    /// One decision per item.
    pub items: Vec<PlannedItem>,
    /// The body length the plan leads to (URIs counted at their allowance).
    pub body_len: u64,
    /// The limit planned against.
    pub limit: u64,
}

impl InlinePlan {
    /// The items that go through the File API.
    pub fn uploads(&self) -> impl Iterator<Item = &PlannedItem> {
        self.items.iter().filter(|i| i.route == Route::FileApi)
    }

    /// Whether anything must be uploaded first.
    pub fn needs_uploads(&self) -> bool {
        self.uploads().next().is_some()
    }
}

impl RequestBuilder {
    /// Plans how `media`, added after the parts already in the builder (to its last
    /// turn, as [`RequestBuilder::inline`] would), reach the API.
    ///
    /// Errors: [`Error::UnsupportedMime`] for a type the API refuses (or an empty
    /// type), [`Error::TooManyImages`], and [`Error::RequestTooLarge`] when even with
    /// every item uploaded the rest of the request is over the limit.
    ///
    /// ```
    /// use gemini_vision::request::{MediaItem, RequestBuilder, Route};
    ///
    /// let mut prompt = RequestBuilder::new();
    /// prompt.text("What happens in this clip, and where is the cup?");
    /// // What the browser knows from `Blob.type` and `Blob.size`, before reading.
    /// let plan = prompt.plan(&[
    ///     MediaItem::new("video/mp4", 48_000_000),
    ///     MediaItem::new("image/jpeg", 1_800_000),
    /// ])?;
    /// assert_eq!(plan.items[0].route, Route::FileApi);
    /// assert_eq!(plan.items[1].route, Route::Inline);
    /// println!("{}", plan.items[0].reason);
    /// # Ok::<(), gemini_vision::Error>(())
    /// ```
    pub fn plan(&self, media: &[MediaItem]) -> Result<InlinePlan> {
        // A type the API refuses is the first thing to say, before any other problem.
        media_kinds(media)?;
        let limit = self.current_limits().max_body_bytes;
        let mut costs = Vec::with_capacity(media.len());
        for item in media {
            let (mime, size) = (item.mime.as_str(), item.size);
            costs.push(MediaCost {
                inline: body::part_len(&BodyPart::InlineOfSize { mime, size })?,
                upload: body::part_len(&BodyPart::FileToUpload { mime })?,
            });
        }
        let inline_parts: Vec<BodyPart<'_>> = media
            .iter()
            .map(|item| BodyPart::InlineOfSize {
                mime: &item.mime,
                size: item.size,
            })
            .collect();
        let spec = self.spec(inline_parts)?;
        let all_inline = body::layout(&spec, Envelope::GenerateContent)?.len();
        plan_media(media, &costs, all_inline, limit)
    }
}

/// What one media item adds to a body, either way it may travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaCost {
    /// Bytes with the item inline (its base64 and the JSON around it).
    pub inline: u64,
    /// Bytes with the item uploaded (a `fileData` reference, its URI counted at
    /// [`FILE_URI_ALLOWANCE`]).
    pub upload: u64,
}

/// The plan for `media` in a body whose length, with every item inline, is
/// `all_inline_len`, each item costing what `costs` says (same order): the rule of
/// [`RequestBuilder::plan`] for a body laid out elsewhere (a browser builds its body as
/// a JS object and measures it there).
///
/// Errors: [`Error::UnsupportedMime`] for a type the API refuses, [`Error::InvalidInput`]
/// when `costs` does not match `media`, [`Error::RequestTooLarge`] when even with every
/// item uploaded the rest is over `limit`.
pub fn plan_media(
    media: &[MediaItem],
    costs: &[MediaCost],
    all_inline_len: u64,
    limit: u64,
) -> Result<InlinePlan> {
    if costs.len() != media.len() {
        return Err(Error::invalid(
            "media plan",
            "one cost per media item is needed",
        ));
    }
    let kinds = media_kinds(media)?;
    let mut routing = Routing::new(media, costs, all_inline_len, limit);
    routing.upload_items_too_large_alone();
    routing.upload_largest_until_it_fits()?;
    let (reasons, body_len) = (routing.decisions, routing.body_len);
    let items = media
        .iter()
        .zip(kinds)
        .zip(reasons)
        .enumerate()
        .map(|(index, ((item, kind), (route, reason)))| PlannedItem {
            index,
            mime: item.mime.clone(),
            kind,
            size: item.size,
            route,
            reason,
        })
        .collect();
    Ok(InlinePlan {
        items,
        body_len,
        limit,
    })
}

/// The kind of every item, or [`Error::UnsupportedMime`] naming the first refused one.
fn media_kinds(media: &[MediaItem]) -> Result<Vec<MediaKind>> {
    media
        .iter()
        .enumerate()
        .map(|(index, item)| {
            media::check_file_api(&item.mime).map_err(|err| match err {
                Error::UnsupportedMime { mime, reason } => Error::UnsupportedMime {
                    mime,
                    reason: format!("media item {index}: {reason}"),
                },
                other => other,
            })
        })
        .collect()
}

/// The decisions being made, with what each item costs either way.
struct Routing<'a> {
    media: &'a [MediaItem],
    inline_cost: Vec<u64>,
    upload_cost: Vec<u64>,
    decisions: Vec<(Route, RouteReason)>,
    body_len: u64,
    limit: u64,
}

impl<'a> Routing<'a> {
    /// Starts with every item inline, in a body of `all_inline` bytes.
    fn new(media: &'a [MediaItem], costs: &[MediaCost], all_inline: u64, limit: u64) -> Self {
        Routing {
            media,
            inline_cost: costs.iter().map(|c| c.inline).collect(),
            upload_cost: costs.iter().map(|c| c.upload).collect(),
            decisions: vec![(Route::Inline, RouteReason::Fits); media.len()],
            body_len: all_inline,
            limit,
        }
    }

    /// The body length if item `i` went through the File API instead.
    fn len_with_upload(&self, len: u64, i: usize) -> u64 {
        // `len` includes item `i`'s inline cost, so the subtraction cannot underflow.
        len.saturating_add(self.upload_cost[i]) - self.inline_cost[i]
    }

    fn upload(&mut self, i: usize, reason: RouteReason) {
        self.decisions[i] = (Route::FileApi, reason);
        self.body_len = self.len_with_upload(self.body_len, i);
    }

    /// Uploads every item that cannot be inline even with all others uploaded.
    fn upload_items_too_large_alone(&mut self) {
        let all_uploaded =
            (0..self.media.len()).fold(self.body_len, |len, i| self.len_with_upload(len, i));
        for i in 0..self.media.len() {
            let alone = all_uploaded.saturating_add(self.inline_cost[i]) - self.upload_cost[i];
            if alone > self.limit {
                let limit = self.limit;
                self.upload(
                    i,
                    RouteReason::TooLargeAlone {
                        body_len: alone,
                        limit,
                    },
                );
            }
        }
    }

    /// Uploads the largest inline item until the body fits.
    fn upload_largest_until_it_fits(&mut self) -> Result<()> {
        while self.body_len > self.limit {
            let largest = (0..self.media.len())
                .filter(|&i| self.decisions[i].0 == Route::Inline)
                .max_by_key(|&i| (self.media[i].size, std::cmp::Reverse(i)));
            let Some(i) = largest else {
                return Err(Error::RequestTooLarge {
                    size: self.body_len,
                    limit: self.limit,
                });
            };
            let (body_len_before, limit) = (self.body_len, self.limit);
            self.upload(
                i,
                RouteReason::MadeRoom {
                    body_len_before,
                    limit,
                },
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn costs(media: &[MediaItem]) -> Vec<MediaCost> {
        media
            .iter()
            .map(|item| MediaCost {
                inline: body::part_len(&BodyPart::InlineOfSize {
                    mime: &item.mime,
                    size: item.size,
                })
                .unwrap(),
                upload: body::part_len(&BodyPart::FileToUpload { mime: &item.mime }).unwrap(),
            })
            .collect()
    }

    #[test]
    fn a_body_measured_elsewhere_is_planned_as_the_builder_plans_it() {
        let media = [
            MediaItem::new("video/mp4", 48_000_000),
            MediaItem::new("image/jpeg", 1_800_000),
            MediaItem::new("image/png", 9_000_000),
        ];
        let mut prompt = RequestBuilder::new();
        prompt.text("Compare them");
        let from_builder = prompt.plan(&media).unwrap();
        let mut all_inline = prompt.clone();
        for item in &media {
            all_inline.inline_slot(&item.mime, item.size);
        }
        let len = all_inline
            .clone()
            .max_body_bytes(u64::MAX)
            .body_len()
            .unwrap();
        let measured = plan_media(&media, &costs(&media), len, from_builder.limit).unwrap();
        assert_eq!(measured, from_builder);
    }

    #[test]
    fn costs_must_match_the_media() {
        let media = [MediaItem::new("image/png", 10)];
        assert!(plan_media(&media, &[], 100, 1000).is_err());
    }

    #[test]
    fn an_unsupported_type_is_refused_first() {
        let media = [MediaItem::new("image/gif", 10)];
        let error = plan_media(&media, &costs(&media), 100, 1000).unwrap_err();
        assert_eq!(error.code(), "UNSUPPORTED_MIME");
    }
}
