//! Results joined back to the requests they answer, by key: the server answers in any
//! order, may repeat itself, and a lost line leaves a request without a result.

use super::error::BatchError;
use super::result::BatchResult;
use std::collections::HashMap;

/// Which request a result answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joined {
    /// The first result for request `index`.
    Matched {
        /// The 0-based index of the request.
        index: usize,
    },
    /// Another result for a request that already has one (the first is kept by the
    /// caller; this one is usually dropped).
    Repeated {
        /// The 0-based index of the request.
        index: usize,
    },
    /// A key that no request has.
    UnknownKey,
    /// The result has no key (an unreadable line whose key could not be found).
    NoKey,
}

/// Joins results to the keys of a batch's requests, and says which are missing.
#[derive(Debug, Clone)]
pub struct ResultJoin {
    keys: Vec<String>,
    index_of: HashMap<String, usize>,
    answered: Vec<bool>,
    answered_count: usize,
}

impl ResultJoin {
    /// A join over the keys of the requests, in request order
    /// ([`BatchInput::keys`](super::BatchInput::keys), or a CLI's saved list).
    /// Duplicate keys are a [`BatchError::DuplicateKey`].
    pub fn new<K: Into<String>>(keys: impl IntoIterator<Item = K>) -> Result<Self, BatchError> {
        let keys: Vec<String> = keys.into_iter().map(Into::into).collect();
        let mut index_of = HashMap::with_capacity(keys.len());
        for (index, key) in keys.iter().enumerate() {
            if let Some(first) = index_of.insert(key.clone(), index) {
                return Err(BatchError::DuplicateKey {
                    key: key.clone(),
                    first,
                    second: index,
                });
            }
        }
        Ok(ResultJoin {
            answered: vec![false; keys.len()],
            answered_count: 0,
            keys,
            index_of,
        })
    }

    /// Which request `result` answers, and records it as answered.
    pub fn join(&mut self, result: &BatchResult) -> Joined {
        let Some(key) = result.key.as_deref() else {
            return Joined::NoKey;
        };
        let Some(&index) = self.index_of.get(key) else {
            return Joined::UnknownKey;
        };
        match self.answered.get_mut(index) {
            Some(seen) if *seen => Joined::Repeated { index },
            Some(seen) => {
                *seen = true;
                self.answered_count += 1;
                Joined::Matched { index }
            }
            None => Joined::UnknownKey,
        }
    }

    /// How many requests have a result.
    pub fn answered(&self) -> usize {
        self.answered_count
    }

    /// Whether every request has a result.
    pub fn is_complete(&self) -> bool {
        self.answered_count == self.keys.len()
    }

    /// The requests without a result so far: `(index, key)`, in request order.
    pub fn missing(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.answered
            .iter()
            .enumerate()
            .filter(|(_, seen)| !**seen)
            .filter_map(|(index, _)| Some((index, self.keys.get(index)?.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::result::{BatchOutcome, LineError};

    fn result(key: Option<&str>) -> BatchResult {
        BatchResult {
            key: key.map(str::to_owned),
            position: 1,
            outcome: BatchOutcome::Unreadable(LineError::NoOutcome),
        }
    }

    #[test]
    fn results_out_of_order_join_to_their_requests() {
        let mut join = ResultJoin::new(["a", "b", "c"]).unwrap();
        assert_eq!(join.join(&result(Some("c"))), Joined::Matched { index: 2 });
        assert_eq!(join.join(&result(Some("a"))), Joined::Matched { index: 0 });
        assert_eq!(join.missing().collect::<Vec<_>>(), [(1, "b")]);
        assert!(!join.is_complete());
        assert_eq!(join.join(&result(Some("b"))), Joined::Matched { index: 1 });
        assert!(join.is_complete());
    }

    #[test]
    fn repeats_unknown_keys_and_keyless_results_are_told_apart() {
        let mut join = ResultJoin::new(vec!["a".to_owned()]).unwrap();
        join.join(&result(Some("a")));
        assert_eq!(join.join(&result(Some("a"))), Joined::Repeated { index: 0 });
        assert_eq!(join.join(&result(Some("z"))), Joined::UnknownKey);
        assert_eq!(join.join(&result(None)), Joined::NoKey);
        assert_eq!(join.answered(), 1);
    }

    #[test]
    fn duplicate_keys_cannot_be_joined() {
        assert_eq!(
            ResultJoin::new(["a", "a"]).unwrap_err().code(),
            "DUPLICATE_KEY"
        );
    }
}
