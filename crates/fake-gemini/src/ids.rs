//! Identifiers shaped like the real ones: file ids (12 lowercase letters and digits),
//! upload ids and response ids.
//!
//! Randomness comes from the standard library's per-process hash keys, which the OS
//! seeds; ids are unique and hard to guess but never used as secrets for anything but
//! upload session URLs, as Google does.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// 64 random bits.
fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

fn random_string(alphabet: &[u8], len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut bits = random_u64();
    let mut left = 10;
    for _ in 0..len {
        if left == 0 {
            bits = random_u64();
            left = 10;
        }
        let index = (bits % alphabet.len() as u64) as usize;
        bits /= alphabet.len() as u64;
        left -= 1;
        if let Some(&byte) = alphabet.get(index) {
            out.push(char::from(byte));
        }
    }
    out
}

const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A file id like `a1b2c3d4e5f6`.
pub fn file_id() -> String {
    random_string(LOWER_ALNUM, 12)
}

/// An upload id, long and URL-safe like Google's `AHVrFx...`.
pub fn upload_id() -> String {
    format!("ABgVH{}", random_string(URL_SAFE, 67))
}

/// A response id like `qS77aMCqBu6mvr0PsJiykAw`.
pub fn response_id() -> String {
    random_string(&URL_SAFE[..62], 23)
}

/// A function call id, 8 lowercase letters and digits.
pub fn call_id() -> String {
    random_string(LOWER_ALNUM, 8)
}

/// A context cache id, like the API's 12-character lowercase ids.
pub fn cache_id() -> String {
    random_string(LOWER_ALNUM, 12)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn file_ids_are_twelve_lowercase_alphanumerics() {
        let id = file_id();
        assert_eq!(id.len(), 12);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        );
    }

    #[test]
    fn upload_ids_are_url_safe() {
        assert!(
            upload_id()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }

    proptest! {
        #[test]
        fn ids_do_not_repeat(_round in 0u8..50) {
            prop_assert_ne!(file_id(), file_id());
            prop_assert_ne!(response_id(), response_id());
        }
    }
}
