//! Resource names as the SDK normalises them (`tFileName`, `tCachedContentName`,
//! `tCachesModel`), then checked so that nothing but an id reaches a URL path (the SDK
//! pastes names into paths unchecked; `cachedContents/../../x` must not become a
//! request to another endpoint with the key).
//!
//! Pure functions over strings: they belong to the core's `sdk/names` once it exists.

use gemini_vision::{Error, Result};

/// The longest resource id accepted.
const MAX_ID_LEN: usize = 128;

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

/// A file's id from a name (`files/abc`, `abc`) or a file URI (`https://.../files/abc`),
/// as `tFileName` reads it (the first run of `[a-z0-9]` after `files/` in a URI; we read
/// `http://` URIs too, as the emulator serves them), checked to be an id.
pub fn file_id(name: &str) -> Result<String> {
    let is_uri = name.starts_with("https://") || name.starts_with("http://");
    let id = if is_uri {
        let suffix = name
            .split_once("files/")
            .map(|(_, tail)| tail)
            .ok_or_else(|| Error::invalid("file name", "the URI names no file"))?;
        suffix
            .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
            .find(|run| !run.is_empty())
            .unwrap_or_default()
    } else if let Some(rest) = name.strip_prefix("files/") {
        rest.split("files/").next().unwrap_or_default()
    } else {
        name
    };
    if is_id(id) {
        Ok(id.to_owned())
    } else {
        Err(Error::invalid(
            "file name",
            "expected \"files/{id}\", \"{id}\" or a file URI, with an id of letters, digits, '-' or '_'",
        ))
    }
}

/// `cachedContents/{id}` from `cachedContents/{id}` or `{id}` (`tCachedContentName`),
/// checked to be an id.
pub fn cached_content_name(name: &str) -> Result<String> {
    let id = name.strip_prefix("cachedContents/").unwrap_or(name);
    if is_id(id) {
        Ok(format!("cachedContents/{id}"))
    } else {
        Err(Error::invalid(
            "name",
            "expected \"cachedContents/{id}\" or \"{id}\", with an id of letters, digits, '-' or '_'",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_uris_give_the_id() {
        assert_eq!(file_id("files/abc-1").unwrap(), "abc-1");
        assert_eq!(file_id("abc").unwrap(), "abc");
        let uri = "https://generativelanguage.googleapis.com/v1beta/files/x1y2?alt=media";
        assert_eq!(file_id(uri).unwrap(), "x1y2");
        assert_eq!(file_id("http://127.0.0.1:9/v1beta/files/q7").unwrap(), "q7");
    }

    #[test]
    fn file_names_that_would_leave_their_segment_are_refused() {
        for name in [
            "files/../models",
            "",
            "files/",
            "a/b",
            "files/a b",
            "https://h/v1/nothing",
        ] {
            assert_eq!(file_id(name).unwrap_err().code(), "INVALID_INPUT", "{name}");
        }
    }

    #[test]
    fn cache_names_get_their_prefix_and_nothing_else_passes() {
        assert_eq!(cached_content_name("abc").unwrap(), "cachedContents/abc");
        assert_eq!(
            cached_content_name("cachedContents/abc").unwrap(),
            "cachedContents/abc"
        );
        for name in [
            "cachedContents/../../files",
            "some/other/name",
            "",
            "cachedContents/",
        ] {
            assert!(cached_content_name(name).is_err(), "{name}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn an_accepted_file_id_is_always_a_plain_segment(name in "\\PC{0,40}") {
            if let Ok(id) = file_id(&name) {
                proptest::prop_assert!(id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            }
        }

        #[test]
        fn an_accepted_cache_name_is_always_one_segment_under_its_collection(name in "\\PC{0,40}") {
            if let Ok(full) = cached_content_name(&name) {
                let id = full.strip_prefix("cachedContents/").unwrap();
                proptest::prop_assert!(!id.is_empty() && !id.contains('/') && !id.contains('.'));
            }
        }
    }
}
