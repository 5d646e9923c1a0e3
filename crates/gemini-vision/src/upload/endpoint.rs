//! Where the API lives: a base URL (Google's, an emulator's, or the app's own proxy)
//! and an API version, and the URLs of the File API built from them.
//!
//! The API key is never part of an endpoint: it travels only in the `x-goog-api-key`
//! header, which the shell adds.

use crate::error::{Error, Result};

/// A base URL and API version, validated once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    api_version: String,
}

impl Endpoint {
    /// Google's base URL.
    pub const GOOGLE_BASE_URL: &'static str = "https://generativelanguage.googleapis.com";
    /// The API version used unless told otherwise (the official clients now default to
    /// `v1`; the File API and vision features are documented on `v1beta`).
    pub const DEFAULT_API_VERSION: &'static str = "v1beta";

    /// An endpoint at `base_url` (`https://host[:port][/path]`, `http://...` for a local
    /// emulator, or a same-origin path such as `/gemini-proxy`) speaking `api_version`.
    /// Trailing slashes are ignored.
    pub fn new(base_url: &str, api_version: &str) -> Result<Self> {
        let base_url = base_url.trim().trim_end_matches('/');
        check_base_url(base_url)?;
        let version_ok = !api_version.is_empty()
            && api_version.len() <= 32
            && api_version
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !version_ok {
            return Err(Error::invalid(
                "API version",
                "expected letters, digits, '.', '_' or '-' (like \"v1beta\")",
            ));
        }
        Ok(Endpoint {
            base_url: base_url.to_owned(),
            api_version: api_version.to_owned(),
        })
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API version.
    pub fn api_version(&self) -> &str {
        &self.api_version
    }

    /// `{base}/upload/{version}/files`: where a resumable upload starts.
    pub fn upload_url(&self) -> String {
        format!("{}/upload/{}/files", self.base_url, self.api_version)
    }

    /// `{base}/{version}/files/{id}` for a file name given as `files/{id}` or `{id}`.
    pub fn file_url(&self, name: &str) -> Result<String> {
        Ok(format!(
            "{}/{}/{}",
            self.base_url,
            self.api_version,
            file_resource_name(name)?
        ))
    }
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            base_url: Self::GOOGLE_BASE_URL.to_owned(),
            api_version: Self::DEFAULT_API_VERSION.to_owned(),
        }
    }
}

/// `files/{id}` for a name given as `files/{id}` or `{id}`; ids are short runs of
/// letters, digits, `-` and `_`, so nothing else can reach a URL path.
pub fn file_resource_name(name: &str) -> Result<String> {
    let id = name.trim().strip_prefix("files/").unwrap_or(name.trim());
    let id_ok = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    if id_ok {
        Ok(format!("files/{id}"))
    } else {
        Err(Error::invalid(
            "file name",
            "expected \"files/{id}\" with an id of letters, digits, '-' or '_'",
        ))
    }
}

const MAX_BASE_URL_LEN: usize = 2048;

fn check_base_url(url: &str) -> Result<()> {
    let invalid = |reason: &str| Err(Error::invalid("base URL", reason));
    if url.is_empty() || url.len() > MAX_BASE_URL_LEN {
        return invalid("expected a non-empty URL of at most 2048 characters");
    }
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return invalid("spaces, control and non-ASCII characters are not allowed");
    }
    if url.contains(['?', '#']) {
        return invalid("a base URL cannot have a query or a fragment");
    }
    let lower = url.to_ascii_lowercase();
    let authority = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match authority {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        Some(_) => invalid("the URL has no host"),
        None if url.starts_with('/') && !url.starts_with("//") => Ok(()),
        None => invalid("expected http://, https:// or a same-origin path starting with '/'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_url_follows_the_documented_path() {
        let endpoint = Endpoint::default();
        assert_eq!(
            endpoint.upload_url(),
            "https://generativelanguage.googleapis.com/upload/v1beta/files"
        );
    }

    #[test]
    fn trailing_slashes_of_the_base_are_ignored() {
        let endpoint = Endpoint::new("http://127.0.0.1:20001//", "v1").unwrap();
        assert_eq!(
            endpoint.upload_url(),
            "http://127.0.0.1:20001/upload/v1/files"
        );
    }

    #[test]
    fn a_same_origin_proxy_path_is_a_valid_base() {
        let endpoint = Endpoint::new("/gemini-proxy", "v1beta").unwrap();
        assert_eq!(endpoint.upload_url(), "/gemini-proxy/upload/v1beta/files");
    }

    #[test]
    fn bases_that_could_smuggle_anything_are_refused() {
        for base in [
            "",
            "ftp://host",
            "javascript:alert(1)",
            "//host",
            "https://",
            "https://host/a b",
            "https://host/?key=x",
            "https://host/#f",
            "https://hôst",
        ] {
            let err = Endpoint::new(base, "v1beta").unwrap_err();
            assert_eq!(err.code(), "INVALID_INPUT", "{base:?}");
        }
    }

    #[test]
    fn api_version_must_be_a_path_segment() {
        assert!(Endpoint::new("https://h", "v1/../x").is_err());
        assert!(Endpoint::new("https://h", "").is_err());
        assert!(Endpoint::new("https://h", "v1alpha").is_ok());
    }

    #[test]
    fn file_url_accepts_a_bare_id_or_a_resource_name() {
        let endpoint = Endpoint::default();
        let expected = "https://generativelanguage.googleapis.com/v1beta/files/abc-123";
        assert_eq!(endpoint.file_url("files/abc-123").unwrap(), expected);
        assert_eq!(endpoint.file_url("abc-123").unwrap(), expected);
    }

    #[test]
    fn file_names_that_escape_the_path_are_refused() {
        for name in [
            "files/../models",
            "files/a?b",
            "files/",
            "a/b",
            "files/a%2f",
        ] {
            assert!(file_resource_name(name).is_err(), "{name:?}");
        }
    }
}
