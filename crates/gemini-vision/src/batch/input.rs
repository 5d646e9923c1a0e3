//! The requests of a batch, each with its key: validated once, measured once.
//!
//! Keys join results back to requests (the server may answer in any order), so every
//! request has one and they are unique: the caller's, or `req-{n}` for the n-th request
//! (1-based), moved aside (`req-{n}-2`, ...) when the caller already uses that name.
//!
//! Media are numbered across the whole batch: slot `n` of every [`BodyPiece::Media`]
//! this module hands out is the n-th media of the batch, counting the requests in order
//! and each request's media in the order they were added (see [`BatchInput::slot_owner`]).
//!
//! [`BodyPiece::Media`]: crate::request::BodyPiece::Media

use super::error::BatchError;
use crate::error::Error;
use crate::request::{BodyPiece, BodyPieces, RequestBuilder};
use std::collections::HashMap;

/// One request of a batch, with its key if the caller chose one.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// The key its result will carry; `None` for a generated one.
    pub key: Option<String>,
    /// The request.
    pub request: RequestBuilder,
}

impl BatchItem {
    /// A request whose key is generated.
    pub fn new(request: RequestBuilder) -> Self {
        BatchItem { key: None, request }
    }

    /// A request with the caller's key.
    pub fn keyed(key: impl Into<String>, request: RequestBuilder) -> Self {
        BatchItem {
            key: Some(key.into()),
            request,
        }
    }
}

/// The requests of a batch, checked: every request is valid, every key set and unique.
#[derive(Debug, Clone)]
pub struct BatchInput {
    items: Vec<BatchItem>,
    keys: Vec<String>,
    /// The `GenerateContentRequest` body length of each request.
    request_lens: Vec<u64>,
    /// The first global media slot of each request, and one past the last at the end.
    first_slots: Vec<usize>,
}

impl BatchInput {
    /// The longest key accepted, in bytes.
    pub const MAX_KEY_BYTES: usize = 1024;

    /// Checks the requests and settles their keys.
    ///
    /// Errors: [`BatchError::DuplicateKey`], [`BatchError::InvalidKey`] (empty, longer
    /// than [`Self::MAX_KEY_BYTES`], control characters), [`BatchError::InvalidRequest`]
    /// for the first request that cannot be built, and an empty batch.
    pub fn new(items: Vec<BatchItem>) -> Result<Self, BatchError> {
        if items.is_empty() {
            return Err(Error::invalid("batch", "a batch needs at least one request").into());
        }
        let given: Vec<Option<&str>> = items.iter().map(|item| item.key.as_deref()).collect();
        let keys = Self::settle_keys(&given)?;
        let mut request_lens = Vec::with_capacity(items.len());
        let mut first_slots = Vec::with_capacity(items.len() + 1);
        let mut slot = 0;
        for (index, item) in items.iter().enumerate() {
            let invalid = |source| BatchError::InvalidRequest {
                index,
                key: keys.get(index).cloned().unwrap_or_default(),
                source: Box::new(source),
            };
            let pieces = item.request.build_pieces().map_err(invalid)?;
            first_slots.push(slot);
            slot += pieces.media_count();
            request_lens.push(pieces.len());
        }
        first_slots.push(slot);
        Ok(BatchInput {
            items,
            keys,
            request_lens,
            first_slots,
        })
    }

    /// The requests, in order.
    pub fn items(&self) -> &[BatchItem] {
        &self.items
    }

    /// The key of each request, in order.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// How many requests.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none (never: [`BatchInput::new`] refuses an empty batch).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many media the batch has in all (global slots are `0..media_count()`).
    pub fn media_count(&self) -> usize {
        self.first_slots.last().copied().unwrap_or(0)
    }

    /// Which request a global media slot belongs to, and its slot within that request
    /// (the `slot` of the request's own [`RequestBuilder::build_pieces`]).
    pub fn slot_owner(&self, slot: usize) -> Option<(usize, usize)> {
        if slot >= self.media_count() {
            return None;
        }
        // The request whose first slot is the last one not after `slot`.
        let index = self.first_slots.partition_point(|&first| first <= slot) - 1;
        Some((index, slot - self.first_slots.get(index)?))
    }

    /// The exact `GenerateContentRequest` body length of request `index`.
    pub(crate) fn request_len(&self, index: usize) -> u64 {
        self.request_lens.get(index).copied().unwrap_or(0)
    }

    /// The body of request `index` as pieces, with its media slots made global.
    pub(crate) fn request_pieces(&self, index: usize) -> Result<Vec<BodyPiece>, BatchError> {
        let (Some(item), Some(&first)) = (self.items.get(index), self.first_slots.get(index))
        else {
            return Err(Error::invalid("request index", format!("no request {index}")).into());
        };
        let pieces: BodyPieces =
            item.request
                .build_pieces()
                .map_err(|source| BatchError::InvalidRequest {
                    index,
                    key: self.keys.get(index).cloned().unwrap_or_default(),
                    source: Box::new(source),
                })?;
        Ok(pieces
            .into_pieces()
            .into_iter()
            .map(|piece| match piece {
                BodyPiece::Media { slot, raw_len } => BodyPiece::Media {
                    slot: first + slot,
                    raw_len,
                },
                json => json,
            })
            .collect())
    }

    /// The JSON text of request `index`'s key, as it goes into a body.
    pub(crate) fn key_json(&self, index: usize) -> Vec<u8> {
        let key = self.keys.get(index).map(String::as_str).unwrap_or_default();
        // A string always serializes.
        serde_json::to_vec(key).unwrap_or_default()
    }
}

impl BatchInput {
    /// Every request's key from the keys the caller gave (`None`: generate one): the
    /// caller's, checked and unique, else `req-{n}` for the n-th request (1-based),
    /// moved aside (`req-{n}-2`, ...) when the caller already uses that name. For a
    /// shell that lays out the requests itself (the browser's JSON stays in JS).
    pub fn settle_keys(given: &[Option<&str>]) -> Result<Vec<String>, BatchError> {
        let mut taken: HashMap<&str, usize> = HashMap::with_capacity(given.len());
        for (index, key) in given.iter().enumerate() {
            let Some(key) = *key else {
                continue;
            };
            check_key(index, key)?;
            if let Some(&first) = taken.get(key) {
                return Err(BatchError::DuplicateKey {
                    key: key.to_owned(),
                    first,
                    second: index,
                });
            }
            taken.insert(key, index);
        }
        let mut keys = Vec::with_capacity(given.len());
        for (index, key) in given.iter().enumerate() {
            let key = match key {
                Some(key) => (*key).to_owned(),
                None => {
                    let base = format!("req-{}", index + 1);
                    let mut key = base.clone();
                    let mut suffix = 2;
                    // Generated names are all distinct, so only a caller's key can be in
                    // the way; there are fewer of those than items, so this ends.
                    while taken.contains_key(key.as_str()) {
                        key = format!("{base}-{suffix}");
                        suffix += 1;
                    }
                    key
                }
            };
            keys.push(key);
        }
        Ok(keys)
    }
}

fn check_key(index: usize, key: &str) -> Result<(), BatchError> {
    let reason = if key.is_empty() {
        "it is empty".to_owned()
    } else if key.len() > BatchInput::MAX_KEY_BYTES {
        format!("it is over {} bytes", BatchInput::MAX_KEY_BYTES)
    } else if key.chars().any(char::is_control) {
        "it has control characters".to_owned()
    } else {
        return Ok(());
    };
    Err(BatchError::InvalidKey { index, reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(text: &str) -> RequestBuilder {
        let mut request = RequestBuilder::new();
        request.text(text);
        request
    }

    #[test]
    fn keys_are_generated_in_order() {
        let input = BatchInput::new(vec![
            BatchItem::new(prompt("a")),
            BatchItem::new(prompt("b")),
        ])
        .unwrap();
        assert_eq!(input.keys(), ["req-1", "req-2"]);
    }

    #[test]
    fn a_generated_key_steps_aside_for_a_callers_key() {
        let input = BatchInput::new(vec![
            BatchItem::new(prompt("a")),
            BatchItem::keyed("req-1", prompt("b")),
        ])
        .unwrap();
        assert_eq!(input.keys(), ["req-1-2", "req-1"]);
    }

    #[test]
    fn duplicate_keys_are_a_typed_error_naming_both_requests() {
        let err = BatchInput::new(vec![
            BatchItem::keyed("cat.jpg", prompt("a")),
            BatchItem::new(prompt("b")),
            BatchItem::keyed("cat.jpg", prompt("c")),
        ])
        .unwrap_err();
        let BatchError::DuplicateKey { key, first, second } = &err else {
            panic!("expected a duplicate key, got {err:?}");
        };
        assert_eq!((key.as_str(), *first, *second), ("cat.jpg", 0, 2));
        assert_eq!(err.code(), "DUPLICATE_KEY");
    }

    #[test]
    fn bad_keys_are_refused() {
        for key in [
            String::new(),
            "a\nb".into(),
            "k".repeat(BatchInput::MAX_KEY_BYTES + 1),
        ] {
            let err = BatchInput::new(vec![BatchItem::keyed(key, prompt("a"))]).unwrap_err();
            assert_eq!(err.code(), "INVALID_KEY");
        }
    }

    #[test]
    fn an_invalid_request_is_named_by_index_and_key() {
        let err = BatchInput::new(vec![
            BatchItem::new(prompt("a")),
            BatchItem::keyed("empty", RequestBuilder::new()),
        ])
        .unwrap_err();
        let BatchError::InvalidRequest { index, key, source } = &err else {
            panic!("expected an invalid request, got {err:?}");
        };
        assert_eq!((*index, key.as_str()), (1, "empty"));
        assert_eq!(source.code(), "INVALID_INPUT");
    }

    #[test]
    fn an_empty_batch_is_refused() {
        assert_eq!(
            BatchInput::new(Vec::new()).unwrap_err().code(),
            "INVALID_INPUT"
        );
    }

    #[test]
    fn media_slots_are_numbered_across_the_batch() {
        let mut two = prompt("two images");
        two.inline_slot("image/png", 10)
            .inline_slot("image/jpeg", 20);
        let mut one = prompt("one image");
        one.inline_slot("image/webp", 30);
        let input = BatchInput::new(vec![
            BatchItem::new(two),
            BatchItem::new(prompt("none")),
            BatchItem::new(one),
        ])
        .unwrap();
        assert_eq!(input.media_count(), 3);
        assert_eq!(input.slot_owner(0), Some((0, 0)));
        assert_eq!(input.slot_owner(1), Some((0, 1)));
        assert_eq!(input.slot_owner(2), Some((2, 0)));
        assert_eq!(input.slot_owner(3), None);
        let slots: Vec<_> = input
            .request_pieces(2)
            .unwrap()
            .into_iter()
            .filter_map(|p| match p {
                BodyPiece::Media { slot, raw_len } => Some((slot, raw_len)),
                BodyPiece::Json(_) => None,
            })
            .collect();
        assert_eq!(slots, [(2, 30)]);
    }
}
