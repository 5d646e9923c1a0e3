//! The API key as a type that cannot leak by accident.
//!
//! `ApiKey` has no `Display`, its `Debug` prints a redacted placeholder, and the only
//! way to read it is [`ApiKey::expose`], which callers use for exactly one thing: the
//! `x-goog-api-key` header. It must never be formatted into a URL, a log line or an
//! error message; [`ApiKey::redact`] scrubs it from text that came back from elsewhere.

use std::fmt;

/// A Gemini API key. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// The name of the only header the key travels in.
    pub const HEADER: &'static str = "x-goog-api-key";

    /// Wraps a key. Surrounding whitespace (a common paste accident) is trimmed.
    /// Returns `None` for an empty key.
    pub fn new(key: impl Into<String>) -> Option<Self> {
        let key = key.into();
        let trimmed = key.trim();
        if trimmed.is_empty() {
            None
        } else {
            Some(Self(trimmed.to_owned()))
        }
    }

    /// The key itself, for the `x-goog-api-key` header and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A display form safe to show a user: the last four characters only.
    pub fn masked(&self) -> String {
        let tail: String = self
            .0
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    }

    /// Replaces every occurrence of the key in `text` with `[REDACTED]`.
    pub fn redact(&self, text: &str) -> String {
        text.replace(self.0.as_str(), "[REDACTED]")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_contains_the_key() {
        let key = ApiKey::new("AIzaSySecretKey123").unwrap();
        let shown = format!("{key:?} {:?}", Some(&key));
        assert!(!shown.contains("AIzaSySecretKey123"));
        assert!(shown.contains("REDACTED"));
    }

    #[test]
    fn empty_or_blank_keys_are_refused() {
        assert!(ApiKey::new("").is_none());
        assert!(ApiKey::new("  \n").is_none());
    }

    #[test]
    fn pasted_whitespace_is_trimmed() {
        assert_eq!(ApiKey::new(" abc \n").unwrap().expose(), "abc");
    }

    #[test]
    fn masked_shows_only_the_last_four_characters() {
        assert_eq!(ApiKey::new("AIzaSy1234wxyz").unwrap().masked(), "…wxyz");
    }

    #[test]
    fn redact_scrubs_every_occurrence() {
        let key = ApiKey::new("k3y").unwrap();
        assert_eq!(key.redact("a k3y b k3y"), "a [REDACTED] b [REDACTED]");
    }
}
