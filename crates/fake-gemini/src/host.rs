//! The base URL (`scheme://host[:port]`) a client used, for file `uri`s and session URLs.
//!
//! Built from the `Host` the request came to (admitted by [`crate::access::guard`] and
//! parsed again here), or from the bound address when a request has none. A proxy's
//! `Forwarded` and `X-Forwarded-Host`/`-Proto` count only with `--trust-forwarded-host`:
//! otherwise any caller could make the emulator hand out session URLs that point to
//! another server, and a client that follows one sends its bytes there.

use axum::http::HeaderMap;
use axum::http::header::HOST;

use crate::access::{Access, Authority};

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// `scheme://host[:port]` as the client addressed the server.
pub fn base_url(headers: &HeaderMap, access: &Access) -> String {
    if access.trusts_forwarded_host()
        && let Some((scheme, authority)) = forwarded(headers)
    {
        return format!("{scheme}://{authority}");
    }
    let authority = header(headers, HOST.as_str())
        .and_then(Authority::parse)
        .map_or_else(
            || access.bound().to_string(),
            |authority| authority.to_string(),
        );
    format!("http://{authority}")
}

/// The scheme and host the client used before a proxy: the first element of
/// `Forwarded` (RFC 7239), else `X-Forwarded-Host` and `X-Forwarded-Proto`. Only a
/// host that parses as one is taken.
fn forwarded(headers: &HeaderMap) -> Option<(&'static str, Authority)> {
    let (host, proto) = match header(headers, "forwarded") {
        Some(value) => {
            let element = value.split(',').next().unwrap_or("");
            let mut host = None;
            let mut proto = None;
            for pair in element.split(';') {
                let Some((name, value)) = pair.split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches('"');
                match name.trim().to_ascii_lowercase().as_str() {
                    "host" => host = Some(value),
                    "proto" => proto = Some(value),
                    _ => {}
                }
            }
            (host?, proto)
        }
        None => {
            let first = |name| header(headers, name).and_then(|v| v.split(',').next());
            (
                first("x-forwarded-host")?.trim(),
                first("x-forwarded-proto"),
            )
        }
    };
    let scheme = match proto.map(str::trim) {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    Some((scheme, Authority::parse(host)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::AccessConfig;
    use axum::http::HeaderValue;
    use proptest::prelude::*;
    use std::net::SocketAddr;

    fn access(trust_forwarded_host: bool) -> Access {
        let config = AccessConfig {
            trust_forwarded_host,
            ..AccessConfig::default()
        };
        Access::new(&config, SocketAddr::from(([127, 0, 0, 1], 4000))).unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn uses_the_host_header() {
        let headers = headers(&[("host", "127.0.0.1:4321")]);
        assert_eq!(base_url(&headers, &access(false)), "http://127.0.0.1:4321");
    }

    #[test]
    fn falls_back_to_the_bound_address() {
        assert_eq!(
            base_url(&HeaderMap::new(), &access(false)),
            "http://127.0.0.1:4000"
        );
        let bad = headers(&[("host", "a/b")]);
        assert_eq!(base_url(&bad, &access(false)), "http://127.0.0.1:4000");
    }

    #[test]
    fn forwarding_headers_are_ignored_unless_trusted() {
        let sent = headers(&[
            ("host", "127.0.0.1:4321"),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-proto", "https"),
            ("forwarded", "host=evil.example;proto=https"),
        ]);
        assert_eq!(base_url(&sent, &access(false)), "http://127.0.0.1:4321");
        assert_eq!(base_url(&sent, &access(true)), "https://evil.example");
    }

    #[test]
    fn a_trusted_proxy_is_read_from_either_header() {
        let rfc = headers(&[(
            "forwarded",
            "for=10.0.0.1;host=\"api.example:8443\";proto=https, host=inner",
        )]);
        assert_eq!(base_url(&rfc, &access(true)), "https://api.example:8443");
        let legacy = headers(&[("x-forwarded-host", "api.example, inner")]);
        assert_eq!(base_url(&legacy, &access(true)), "http://api.example");
        let junk = headers(&[("host", "localhost:1"), ("x-forwarded-host", "a@b/c")]);
        assert_eq!(base_url(&junk, &access(true)), "http://localhost:1");
    }

    proptest! {
        #[test]
        fn never_echoes_anything_but_a_host(host in ".{0,40}", forwarded in ".{0,40}") {
            let mut headers = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(&host) {
                headers.insert(HOST, value);
            }
            if let Ok(value) = HeaderValue::from_str(&forwarded) {
                headers.insert("x-forwarded-host", value);
            }
            for trusted in [false, true] {
                let url = base_url(&headers, &access(trusted));
                let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"));
                prop_assert!(rest.is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_alphanumeric() || b".-_:[]".contains(&b))), "{}", url);
            }
        }
    }
}
