//! Test support: a browser's reading of URLs (the `url` crate implements the WHATWG
//! URL standard) and hostile URL strings to feed it and the core alike.

use proptest::prelude::*;
use url::Url;

/// The page the shell runs on: what `fetch` resolves path-only URLs against.
pub(crate) const PAGE: &str = "https://app.example/demo/index.html";

/// Where `fetch` on [`PAGE`] sends `url`, or why a browser refuses it.
pub(crate) fn browser_reads(url: &str) -> Result<Url, url::ParseError> {
    Url::parse(PAGE)?.join(url)
}

/// The pieces hostile URLs are made of: separators a browser rewrites (`\`, `%2e`),
/// characters it drops (tab, newline), userinfo and port syntax, and hosts.
const PIECES: &[&str] = &[
    "/",
    "/",
    "/",
    "\\",
    ".",
    "..",
    "%2e",
    "%2E",
    "%2f",
    "%5c",
    "@",
    ":",
    "\t",
    "\n",
    " ",
    "evil.example",
    "evil.example:8080",
    "generativelanguage.googleapis.com",
    "localhost",
    "127.0.0.1",
    "[::1]",
    "8080",
    "a",
    "s",
    "?",
    "#",
    "//",
    "https:",
    "http:",
    "upload_id=1",
    "~",
    "%",
];

/// A start from `starts` followed by 1 to 8 hostile pieces.
pub(crate) fn hostile_url(starts: &'static [&'static str]) -> impl Strategy<Value = String> {
    let rest = proptest::collection::vec(proptest::sample::select(PIECES), 1..9);
    (proptest::sample::select(starts), rest)
        .prop_map(|(start, rest)| start.to_owned() + &rest.concat())
}
