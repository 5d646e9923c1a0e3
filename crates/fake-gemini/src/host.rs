//! The base URL (`scheme://host`) a client used, for file `uri`s and session URLs.
//!
//! Built from `Host` (and `X-Forwarded-Proto`/`X-Forwarded-Host` behind a proxy) so that
//! the URLs the emulator hands out point back at it from wherever the client stands.

use axum::http::HeaderMap;
use axum::http::header::HOST;

/// `scheme://host[:port]` as the client addressed the server.
pub fn base_url(headers: &HeaderMap, fallback_host: &str) -> String {
    let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let scheme = header("x-forwarded-proto")
        .filter(|s| *s == "https")
        .unwrap_or("http");
    let host = header("x-forwarded-host")
        .or_else(|| headers.get(HOST).and_then(|value| value.to_str().ok()))
        .filter(|host| is_plausible_host(host))
        .unwrap_or(fallback_host);
    format!("{scheme}://{host}")
}

/// A host header is echoed into URLs, so only host-like text is accepted.
fn is_plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() < 256
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use proptest::prelude::*;

    #[test]
    fn uses_the_host_header() {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, HeaderValue::from_static("127.0.0.1:4321"));
        assert_eq!(base_url(&headers, "x"), "http://127.0.0.1:4321");
    }

    #[test]
    fn falls_back_without_a_host() {
        assert_eq!(
            base_url(&HeaderMap::new(), "127.0.0.1:1"),
            "http://127.0.0.1:1"
        );
    }

    proptest! {
        #[test]
        fn never_echoes_markup(host in ".{0,40}") {
            let mut headers = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(&host) {
                headers.insert(HOST, value);
            }
            let url = base_url(&headers, "fallback");
            prop_assert!(!url.contains('<') && !url.contains('"') && !url.contains('/') || url.starts_with("http://"));
            prop_assert!(!url[7..].contains('/'));
        }
    }
}
