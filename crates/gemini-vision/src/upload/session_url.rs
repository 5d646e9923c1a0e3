//! The session URL from `X-Goog-Upload-URL`: resolved against the start request's URL
//! (it may be absolute or relative), checked, and compared with the endpoint's origin.
//!
//! The URL comes from the server, so it is untrusted: only `http`/`https` survive, an
//! `https` endpoint is never downgraded to `http`, and a session on another origin is
//! flagged so the shell does not send the API key there. Error messages never repeat
//! the URL (it carries the upload id, which is a credential for the session).

use crate::error::{Error, Result};

/// A checked, absolute (or path-absolute, for a path-only endpoint) session URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionUrl {
    pub(crate) url: String,
    /// Same scheme, host and port as the endpoint: the API key may go there.
    pub(crate) same_origin: bool,
}

const MAX_URL_LEN: usize = 8 * 1024;

/// Resolves `reference` (the header's value) against `request_url` (the start request's
/// URL) as RFC 3986 does for the forms a server may send.
pub(crate) fn resolve(request_url: &str, reference: &str) -> Result<SessionUrl> {
    let reference = reference.trim();
    if reference.is_empty() || reference.len() > MAX_URL_LEN {
        return Err(refused("it is empty or longer than 8 KiB"));
    }
    if !reference.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(refused("it has spaces, control or non-ASCII characters"));
    }
    let (base_origin, base_rest) = split_origin(request_url);
    let url = match scheme_of(reference) {
        Some(scheme)
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
        {
            let (origin, _) = split_origin(reference);
            if origin.len() <= scheme.len() + 3 {
                return Err(refused("it has no host"));
            }
            reference.to_owned()
        }
        Some(_) => return Err(refused("only http and https session URLs are followed")),
        None if reference.starts_with("//") => match scheme_of(base_origin) {
            Some(scheme) => format!("{scheme}:{reference}"),
            None => return Err(refused("a scheme-relative URL needs an absolute endpoint")),
        },
        None if reference.starts_with('/') => {
            format!("{base_origin}{}", normalize(reference))
        }
        None if reference.starts_with('?') => {
            let base_path = base_rest.split(['?', '#']).next().unwrap_or_default();
            format!("{base_origin}{base_path}{reference}")
        }
        None if reference.starts_with('#') => return Err(refused("it is only a fragment")),
        None => {
            let base_path = base_rest.split(['?', '#']).next().unwrap_or_default();
            let directory = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
            format!(
                "{base_origin}{}",
                normalize(&format!("{directory}{reference}"))
            )
        }
    };
    let (origin, _) = split_origin(&url);
    let downgrade = scheme_is(base_origin, "https") && scheme_is(origin, "http");
    if downgrade {
        return Err(refused("it would downgrade an https endpoint to http"));
    }
    let same_origin = origin.eq_ignore_ascii_case(base_origin);
    Ok(SessionUrl { url, same_origin })
}

fn refused(reason: &str) -> Error {
    Error::UploadProtocol {
        reason: format!("the server's X-Goog-Upload-URL is not a usable session URL: {reason}"),
    }
}

/// `("https://host:port", "/path?query")`; a path-only URL has an empty origin.
fn split_origin(url: &str) -> (&str, &str) {
    let Some(scheme) = scheme_of(url) else {
        return ("", url);
    };
    let after = scheme.len() + 3;
    let has_authority = url.get(scheme.len()..after) == Some("://");
    if !has_authority {
        return ("", url);
    }
    let end = url
        .get(after..)
        .and_then(|rest| rest.find(['/', '?', '#']))
        .map_or(url.len(), |i| after + i);
    (
        url.get(..end).unwrap_or(url),
        url.get(end..).unwrap_or_default(),
    )
}

/// The scheme of `url`, if it starts with one (`letter *(letter / digit / + - .) ":"`).
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = url.get(..colon)?;
    let mut bytes = candidate.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (first_ok && rest_ok).then_some(candidate)
}

fn scheme_is(origin: &str, scheme: &str) -> bool {
    scheme_of(origin).is_some_and(|s| s.eq_ignore_ascii_case(scheme))
}

/// Removes `.` and `..` segments from the path part of a path-absolute reference.
fn normalize(path_and_query: &str) -> String {
    let (path, query) = match path_and_query.find(['?', '#']) {
        Some(i) => path_and_query.split_at(i),
        None => (path_and_query, ""),
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut kept: Vec<&str> = Vec::with_capacity(segments.len());
    for (index, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {}
            ".." => {
                kept.pop();
            }
            other => kept.push(other),
        }
        // A trailing dot segment still names a directory: keep its slash.
        if index == last && matches!(*segment, "." | "..") {
            kept.push("");
        }
    }
    format!("/{}{query}", kept.join("/"))
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
        let session = resolve(START, url).unwrap();
        assert_eq!(session.url, url);
        assert!(session.same_origin);
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
        assert!(!session.same_origin);
    }

    #[test]
    fn another_origin_is_flagged_so_the_key_stays_home() {
        let session = resolve(START, "https://evil.example/steal").unwrap();
        assert!(!session.same_origin);
    }

    #[test]
    fn origin_comparison_ignores_case_but_not_port() {
        assert!(
            resolve(START, "HTTPS://GenerativeLanguage.googleapis.com/x")
                .unwrap()
                .same_origin
        );
        assert!(
            !resolve(START, "https://generativelanguage.googleapis.com:8443/x")
                .unwrap()
                .same_origin
        );
    }

    #[test]
    fn a_path_only_endpoint_resolves_path_urls_as_same_origin() {
        let session = resolve("/proxy/upload/v1beta/files", "/proxy/upload/s?id=1").unwrap();
        assert_eq!(session.url, "/proxy/upload/s?id=1");
        assert!(session.same_origin);
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
