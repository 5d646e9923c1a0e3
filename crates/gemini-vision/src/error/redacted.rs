//! Text from outside the process, made safe to keep in an error: the API key is taken
//! out first, and only then is the text cut to length.

use crate::api_key::ApiKey;
use std::fmt;
use std::ops::Deref;

/// Text that came from outside the process (a server's or a proxy's words, a parser's
/// quote of what it read, a browser's exception message), with the API key removed and
/// then cut to a cap.
///
/// Every [`Error`](super::Error) field that can hold such text has this type, and the
/// only way to make one is [`Redacted::new`], which redacts *before* it cuts: a key that
/// straddles the cut cannot leave its first characters behind, and a key inside a
/// quoted value is gone wherever it sits. (Like reqwest's errors dropping their URL,
/// the guarantee belongs to the type, not to each call site remembering it.)
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Redacted(String);

impl Redacted {
    /// The cap for a sentence (a reason, a network error).
    pub const SENTENCE_CAP: usize = 1024;

    /// `text` without `key` (whole or in pieces, see [`ApiKey::redact`]), then cut to at
    /// most `cap` bytes on a character boundary. Only the first `cap` bytes plus the
    /// key's length are read, so a huge text costs no more than a short one.
    pub fn new(text: &str, key: Option<&ApiKey>, cap: usize) -> Self {
        let Some(key) = key else {
            return Redacted(cut_to(text, cap).to_owned());
        };
        // A key that starts before the cap ends before `cap + key length`.
        let window = cut_to(text, cap.saturating_add(key.expose().len()));
        Redacted(cut_to(&key.redact(window), cap).to_owned())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, taken.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
pub(crate) fn cut_to(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

impl Deref for Redacted {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Redacted {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Redacted {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Redacted {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "AIzaSyD-kEy0123456789abcdefghijklmnopqrs";

    #[test]
    fn a_key_across_the_cut_is_redacted_before_the_cut() {
        let key = ApiKey::new(KEY).unwrap();
        for before in 0..KEY.len() + 2 {
            let text = format!("{}{KEY} tail", "x".repeat(100 - before.min(100)));
            let kept = Redacted::new(&text, Some(&key), 100);
            assert!(kept.len() <= 100);
            assert!(!kept.contains("AIzaSyD-"), "{before}: {kept}");
        }
    }

    #[test]
    fn without_a_key_it_is_only_cut() {
        assert_eq!(
            Redacted::new("é".repeat(10).as_str(), None, 5).as_str(),
            "éé"
        );
    }

    #[test]
    fn a_huge_text_is_read_only_up_to_the_cap() {
        let key = ApiKey::new(KEY).unwrap();
        let text = format!("{}{KEY}", "z".repeat(50_000_000));
        assert_eq!(Redacted::new(&text, Some(&key), 10).as_str(), "zzzzzzzzzz");
    }
}
