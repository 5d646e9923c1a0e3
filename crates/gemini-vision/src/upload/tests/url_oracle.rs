//! The session URL is resolved as a browser resolves it: every URL the core accepts is
//! checked against the WHATWG URL parser (the `url` crate, a dev-dependency only).
//!
//! The shell hands the core's URL string to `fetch`, which parses it relative to the
//! page. So for each base (the start request's URL) and each hostile reference (the
//! `X-Goog-Upload-URL` header), `page.join(core's answer)` must equal
//! `page.join(base).join(reference)`: the request goes exactly where a browser
//! resolving the header itself would send it.

use crate::endpoint::browser_oracle::{browser_reads, hostile_url};
use crate::upload::session_url::resolve;
use proptest::prelude::*;
use url::Url;

/// Start URLs as the endpoint makes them: absolute, and path-only behind a proxy.
const BASES: [&str; 3] = [
    "https://generativelanguage.googleapis.com/upload/v1beta/files",
    "http://127.0.0.1:20401/upload/v1beta/files",
    "/proxy/upload/v1beta/files",
];

/// What a browser does with `reference` on a page where the upload started at `base`.
fn browser(base: &str, reference: &str) -> Result<Url, url::ParseError> {
    browser_reads(base)?.join(reference)
}

/// Where `fetch` sends the URL string the core decided on.
fn fetched(core_url: &str) -> Url {
    browser_reads(core_url)
        .unwrap_or_else(|e| panic!("fetch could not even parse {core_url:?}: {e}"))
}

/// Checks one reference against every base; returns how many the core accepted.
fn agree_with_the_browser(reference: &str) -> Result<usize, TestCaseError> {
    let mut accepted = 0;
    for base in BASES {
        let Ok(session) = resolve(base, reference) else {
            continue;
        };
        accepted += 1;
        let expected = browser(base, reference);
        prop_assert!(
            expected.is_ok(),
            "the core accepted {reference:?} on {base:?}, a browser refuses it"
        );
        let expected = expected.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(
            fetched(&session.url),
            expected,
            "reference {:?} on base {:?} became {:?}",
            reference,
            base,
            session.url
        );
    }
    Ok(accepted)
}

proptest! {
    #[test]
    fn every_session_url_the_core_accepts_is_where_a_browser_would_go(
        reference in hostile_url(&["", "", "https://", "http://", "//", "/", "?", "https://evil.example"]),
    ) {
        agree_with_the_browser(&reference)?;
    }

    #[test]
    fn ordinary_session_urls_are_accepted_and_agree(
        query in "[a-zA-Z0-9_=&-]{0,20}",
        path in proptest::collection::vec("[a-z0-9._-]{1,8}", 0..4),
    ) {
        let path = path.join("/");
        for reference in [
            format!("/upload/v1beta/{path}?{query}"),
            format!("?{query}"),
            format!("{path}?upload_id={query}"),
            format!("https://uploads.example/{path}?{query}"),
        ] {
            prop_assert!(agree_with_the_browser(&reference)? > 0, "{} was refused", reference);
        }
    }
}

/// The review's examples: each is refused, or resolved exactly as a browser would.
#[test]
fn known_hostile_session_urls_are_refused_or_resolved_as_a_browser_would() {
    for reference in [
        "/.//evil.example/s",
        "/a/..//evil.example/s",
        "/\\evil.example/s",
        "\\\\evil.example/s",
        "/%2e//evil.example/s",
        "/a/%2e%2E//evil.example/s",
        "/a/.%2e//evil.example/s",
        "/\t/evil.example/s",
        "/\n/evil.example/s",
        "./..//evil.example/s",
        "..//evil.example/s",
        "https://good.example\\@evil.example/s",
        "https://generativelanguage.googleapis.com@evil.example/s",
        "https:\\\\evil.example/s",
        "https:evil.example/s",
        "https:///evil.example/s",
        "/%2e%2e/%2e%2e//evil.example/s",
    ] {
        agree_with_the_browser(reference).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// On a path-only endpoint, a session URL never becomes scheme-relative (`//host`),
/// which `fetch` would send to another host.
#[test]
fn a_path_only_endpoint_never_yields_a_scheme_relative_url() {
    for reference in [
        "/.//evil.example/s",
        "/a/..//evil.example/s",
        "/%2e//evil.example/s",
        "..//evil.example/s",
        "/\\evil.example/s",
    ] {
        if let Ok(session) = resolve(BASES[2], reference) {
            assert!(
                !session.url.starts_with("//"),
                "{reference:?} -> {:?}",
                session.url
            );
            assert_eq!(fetched(&session.url).host_str(), Some("app.example"));
        }
    }
}
