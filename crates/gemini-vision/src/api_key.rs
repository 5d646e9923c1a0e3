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

    /// What stands in for the key (or a piece of it) in redacted text.
    pub const REDACTED: &'static str = "[REDACTED]";

    /// The shortest run of the key's characters that counts as a piece of it (a key
    /// shorter than this only counts whole).
    pub const MIN_FRAGMENT: usize = 8;

    /// Replaces every occurrence of the key in `text`, and every run of
    /// [`ApiKey::MIN_FRAGMENT`] or more characters in a row of it (what is left of a
    /// key that something upstream cut, or that a JSON escape split), with
    /// [`ApiKey::REDACTED`]. Linear in `text` times the key's length, no backtracking.
    pub fn redact(&self, text: &str) -> String {
        let spans = self.fragments(text.as_bytes());
        if spans.is_empty() {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, end) in spans {
            // Widen to whole characters (a key may hold non-ASCII characters).
            let mut start = start.max(copied);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = end;
            while !text.is_char_boundary(end) {
                end += 1;
            }
            if end <= copied {
                continue;
            }
            out.push_str(text.get(copied..start.max(copied)).unwrap_or_default());
            out.push_str(Self::REDACTED);
            copied = end;
        }
        out.push_str(text.get(copied..).unwrap_or_default());
        out
    }

    /// Byte spans of `text` that are runs of the key's bytes at least
    /// `min(MIN_FRAGMENT, key length)` long, merged, in order. `run[j]` is the length of
    /// the common run ending at the current byte of `text` and byte `j - 1` of the key.
    fn fragments(&self, text: &[u8]) -> Vec<(usize, usize)> {
        let key = self.0.as_bytes();
        let min = key.len().min(Self::MIN_FRAGMENT);
        let mut run = vec![0usize; key.len() + 1];
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (i, &byte) in text.iter().enumerate() {
            let mut longest = 0;
            // Right to left, so `run[j - 1]` still holds the previous byte's value.
            for j in (1..=key.len()).rev() {
                run[j] = if key[j - 1] == byte {
                    run[j - 1] + 1
                } else {
                    0
                };
                longest = longest.max(run[j]);
            }
            if longest >= min {
                let start = i + 1 - longest;
                match spans.last_mut() {
                    Some(last) if start <= last.1 => {
                        last.0 = last.0.min(start);
                        last.1 = i + 1;
                    }
                    _ => spans.push((start, i + 1)),
                }
            }
        }
        spans
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
        assert_eq!(key.redact("k3 3y"), "k3 3y");
    }

    const KEY: &str = "AIzaSyD-kEy0123456789abcdefghijklmnopqrs";

    #[test]
    fn pieces_of_eight_or_more_characters_are_scrubbed_too() {
        let key = ApiKey::new(KEY).unwrap();
        // Cut by a proxy, split by a JSON escape, or glued to other text.
        assert_eq!(key.redact("key=AIzaSyD-kEy0"), "key=[REDACTED]");
        assert_eq!(
            key.redact("\\u0041IzaSyD-kEy0123456789abcdefghijklmnopqrs!"),
            "\\u0041[REDACTED]!"
        );
        assert_eq!(key.redact("xx0123456789yy"), "xx[REDACTED]yy");
        // Seven characters in a row are not a piece: "AIzaSy" starts every Google key.
        assert_eq!(key.redact("AIzaSyD"), "AIzaSyD");
    }

    #[test]
    fn a_key_with_non_ascii_characters_is_scrubbed_on_character_boundaries() {
        let key = ApiKey::new("clé-secrète-numéro-un").unwrap();
        assert_eq!(key.redact("«secrète-numé»"), "«[REDACTED]»");
    }

    proptest::proptest! {
        #[test]
        fn no_run_of_eight_key_characters_survives(
            before in "[ -~]{0,40}", after in "[ -~]{0,40}", from in 0usize..31, len in 8usize..40,
        ) {
            let key = ApiKey::new(KEY).unwrap();
            let piece = &KEY[from..(from + len).min(KEY.len())];
            let text = format!("{before}{piece}{after}");
            let clean = key.redact(&text);
            for start in 0..=KEY.len() - ApiKey::MIN_FRAGMENT {
                let window = &KEY[start..start + ApiKey::MIN_FRAGMENT];
                proptest::prop_assert!(!clean.contains(window), "{} kept {}", clean, window);
            }
        }
    }
}
