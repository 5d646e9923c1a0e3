//! The admin token: what a request to `/__fake` must carry (in [`HEADER`]) to change or
//! read the emulator's state.
//!
//! One per run, given with `--admin-token` or made at start from the OS-seeded hash
//! keys of the standard library. It is compared in constant time and never printed by
//! `Debug`, logged or put in the report.

use std::fmt;
use std::hint::black_box;

use crate::ids;

/// The request header that carries the token.
pub const HEADER: &str = "x-fake-admin-token";

/// Longest accepted token.
const MAX_LEN: usize = 256;

/// A per-run secret for the admin API.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminToken(String);

impl AdminToken {
    /// A fresh random token (43 URL-safe characters).
    pub fn generate() -> AdminToken {
        AdminToken(ids::secret_token())
    }

    /// A given token: 1 to 256 visible ASCII characters, so that it fits in a header.
    pub fn new(text: &str) -> Result<AdminToken, String> {
        let fits =
            !text.is_empty() && text.len() <= MAX_LEN && text.bytes().all(|b| b.is_ascii_graphic());
        if fits {
            Ok(AdminToken(text.to_owned()))
        } else {
            Err("an admin token is 1 to 256 visible ASCII characters (no spaces)".to_owned())
        }
    }

    /// The token itself, to print once at start or hand to a test.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `presented` is the token, in time that depends on its length only.
    pub fn matches(&self, presented: &[u8]) -> bool {
        let expected = self.0.as_bytes();
        if presented.len() != expected.len() {
            return false;
        }
        let difference = expected
            .iter()
            .zip(presented)
            .fold(0u8, |acc, (a, b)| black_box(acc | (a ^ b)));
        difference == 0
    }
}

impl fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AdminToken(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn generated_tokens_are_long_and_distinct() {
        let first = AdminToken::generate();
        let second = AdminToken::generate();
        assert_eq!(first.expose().len(), 43);
        assert_ne!(first, second);
        assert!(AdminToken::new(first.expose()).is_ok());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let token = AdminToken::new("s3cret-token").unwrap();
        assert!(!format!("{token:?}").contains("s3cret"));
    }

    #[test]
    fn tokens_that_cannot_be_a_header_are_refused() {
        for text in ["", "has space", "tab\there", "é", &"x".repeat(257)] {
            assert!(AdminToken::new(text).is_err(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn only_the_exact_token_matches(token in "[!-~]{1,60}", other in "[!-~]{0,60}") {
            let admin = AdminToken::new(&token).unwrap();
            prop_assert!(admin.matches(token.as_bytes()));
            prop_assert_eq!(admin.matches(other.as_bytes()), other == token);
        }
    }
}
