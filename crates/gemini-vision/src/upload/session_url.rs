//! The session URL from `X-Goog-Upload-URL`: resolved against the start request's URL
//! (it may be absolute or relative) exactly as a browser would resolve it, or refused.
//!
//! The URL comes from the server (or from a stored resume record, which a page script
//! can rewrite), so it is untrusted: only `http`/`https` survive, an `https` endpoint is
//! never downgraded to `http`, and only forms that a browser reads exactly as written
//! are accepted (see [`crate::endpoint::url_syntax`]): no `\`, no userinfo, no control
//! characters, and no path that is or becomes `//...` (on a path-only endpoint the
//! shell would hand `//host/...` to `fetch`, which sends it to that host). Requests to
//! the session never carry the API key ([`super::Credential::SessionUrl`]). Error
//! messages never repeat the URL (it carries the upload id, a credential).

use crate::endpoint::url_syntax::{self, split_absolute, split_authority};
use crate::error::{Error, Result};

/// A checked session URL: absolute, or path-absolute for a path-only endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionUrl {
    pub(crate) url: String,
}

const MAX_URL_LEN: usize = 8 * 1024;

/// Resolves `reference` (the header's value) against `request_url` (the start request's
/// URL, made by [`crate::endpoint::Endpoint`], so already in a checked form).
pub(crate) fn resolve(request_url: &str, reference: &str) -> Result<SessionUrl> {
    // What a browser strips from both ends: C0 controls and spaces.
    let reference = reference.trim_matches(|c: char| c <= ' ');
    if reference.is_empty() || reference.len() > MAX_URL_LEN {
        return Err(refused("it is empty or longer than 8 KiB"));
    }
    url_syntax::check_characters(reference).map_err(refused)?;
    let (base_scheme, base_origin, base_rest) = match split_absolute(request_url) {
        Some(Ok((scheme, authority, rest))) => {
            let origin_len = scheme.len() + 3 + authority.len();
            (
                Some(scheme),
                request_url.get(..origin_len).unwrap_or_default(),
                rest,
            )
        }
        _ => (None, "", request_url),
    };
    let base_path = base_rest.split(['?', '#']).next().unwrap_or_default();
    let (url, scheme) = match split_absolute(reference) {
        Some(Ok((scheme, _, _))) => (reference.to_owned(), scheme),
        Some(Err(reason)) => return Err(refused(reason)),
        None if reference.starts_with("//") => {
            let Some(scheme) = base_scheme else {
                return Err(refused("a scheme-relative URL needs an absolute endpoint"));
            };
            let (authority, _) = split_authority(reference.get(2..).unwrap_or_default());
            url_syntax::check_authority(authority).map_err(refused)?;
            (format!("{scheme}:{reference}"), scheme)
        }
        None if reference.starts_with('#') => return Err(refused("it is only a fragment")),
        None if reference.starts_with('?') => (
            format!("{base_origin}{base_path}{reference}"),
            base_scheme.unwrap_or_default(),
        ),
        None => {
            let merged = if reference.starts_with('/') {
                reference.to_owned()
            } else {
                let directory = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
                format!("{directory}{reference}")
            };
            let path = url_syntax::remove_dot_segments(&merged);
            if path.starts_with("//") {
                return Err(refused(
                    "its path starts with '//' (a browser could read a host there)",
                ));
            }
            (
                format!("{base_origin}{path}"),
                base_scheme.unwrap_or_default(),
            )
        }
    };
    let downgrade = base_scheme.is_some_and(|s| s.eq_ignore_ascii_case("https"))
        && scheme.eq_ignore_ascii_case("http");
    if downgrade {
        return Err(refused("it would downgrade an https endpoint to http"));
    }
    Ok(SessionUrl { url })
}

fn refused(reason: &str) -> Error {
    let reason = format!("the server's X-Goog-Upload-URL is not a usable session URL: {reason}");
    Error::upload_protocol(&reason, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: &str = "https://generativelanguage.googleapis.com/upload/v1beta/files";

    fn resolved(reference: &str) -> String {
        resolve(START, reference).unwrap().url
    }

    #[test]
    fn absolute_session_url_is_kept_verbatim() {
        let url = "https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=AB&upload_protocol=resumable";
        assert_eq!(resolve(START, url).unwrap().url, url);
    }

    #[test]
    fn path_absolute_session_url_takes_the_endpoint_origin() {
        assert_eq!(
            resolved("/upload/v1beta/files?upload_id=x"),
            "https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=x"
        );
    }

    #[test]
    fn query_only_session_url_keeps_the_start_path() {
        assert_eq!(
            resolved("?upload_id=x"),
            "https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=x"
        );
    }

    #[test]
    fn relative_path_session_url_is_merged_and_dot_segments_removed() {
        assert_eq!(
            resolved("../sessions/./abc?x=1"),
            "https://generativelanguage.googleapis.com/upload/sessions/abc?x=1"
        );
        assert_eq!(
            resolved("s/1"),
            "https://generativelanguage.googleapis.com/upload/v1beta/s/1"
        );
    }

    #[test]
    fn dot_segments_cannot_climb_above_the_root() {
        assert_eq!(
            resolved("/../../x"),
            "https://generativelanguage.googleapis.com/x"
        );
    }

    #[test]
    fn scheme_relative_session_url_takes_the_endpoint_scheme() {
        let session = resolve(START, "//uploads.example/s?id=1").unwrap();
        assert_eq!(session.url, "https://uploads.example/s?id=1");
    }

    #[test]
    fn a_path_only_endpoint_resolves_path_urls_to_paths() {
        let session = resolve("/proxy/upload/v1beta/files", "/proxy/upload/s?id=1").unwrap();
        assert_eq!(session.url, "/proxy/upload/s?id=1");
    }

    #[test]
    fn unusable_session_urls_are_protocol_errors() {
        for reference in [
            "",
            "javascript:alert(1)",
            "data:text/plain,x",
            "https://",
            "#frag",
            "https://host/a b",
            "https://hôst/",
        ] {
            let err = resolve(START, reference).unwrap_err();
            assert_eq!(err.code(), "UPLOAD_PROTOCOL", "{reference:?}");
        }
    }

    #[test]
    fn https_endpoint_is_never_downgraded() {
        assert!(resolve(START, "http://generativelanguage.googleapis.com/x").is_err());
        assert!(resolve("http://127.0.0.1:20001/upload/v1beta/files", "https://a/x").is_ok());
    }

    #[test]
    fn errors_do_not_repeat_the_session_url() {
        let err = resolve(START, "ftp://secret-upload-id").unwrap_err();
        assert!(!err.to_string().contains("secret-upload-id"));
    }
}
