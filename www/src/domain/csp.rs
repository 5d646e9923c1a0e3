//! The page's Content-Security-Policy for connections (issue 12): requests may go to
//! the page itself, the Gemini API, loopback (the emulator) and the configured proxy,
//! nowhere else. `index.html`'s own policy allows any `https:` origin for connections
//! (a proxy is chosen at run time); the app adds this narrower one when it starts
//! (policies intersect: a request must pass both), and reloads when the person picks
//! another proxy, since a policy can only be narrowed, never widened, once in force.

use gemini_vision::endpoint::DEFAULT_BASE_URL;

/// Loopback sources (the emulator). `[::1]` has no CSP host-source syntax; the demo's
/// emulator addresses are `127.0.0.1` or `localhost`.
const LOOPBACK: [&str; 4] = [
    "http://127.0.0.1:*",
    "http://localhost:*",
    "https://127.0.0.1:*",
    "https://localhost:*",
];

/// The origin (`https://host:port`) of `url`, if it can stand as a CSP source.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let fine = !authority.is_empty()
        && !authority.contains('@')
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    fine.then(|| format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// Whether `origin` (from [`origin_of`]) is allowed without naming it as the proxy:
/// the API's origin, or loopback on any port.
pub fn allowed_without_proxy(origin: &str) -> bool {
    if origin_of(DEFAULT_BASE_URL).as_deref() == Some(origin) {
        return true;
    }
    let host = origin.split_once("://").map_or("", |(_, h)| h);
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    host == "127.0.0.1" || host == "localhost"
}

/// The `connect-src` directive for a page whose proxy is `proxy`.
pub fn connect_src(proxy: Option<&str>) -> String {
    let mut sources = vec!["'self'".to_owned()];
    sources.extend(origin_of(DEFAULT_BASE_URL));
    sources.extend(LOOPBACK.iter().map(|s| (*s).to_owned()));
    if let Some(origin) = proxy.and_then(origin_of)
        && !sources.contains(&origin)
    {
        sources.push(origin);
    }
    format!("connect-src {}", sources.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_loopback_and_the_proxy_are_allowed() {
        let policy = connect_src(Some("https://proxy.example.com/gemini"));
        assert_eq!(
            policy,
            "connect-src 'self' https://generativelanguage.googleapis.com http://127.0.0.1:* \
             http://localhost:* https://127.0.0.1:* https://localhost:* https://proxy.example.com"
        );
        assert!(!connect_src(None).contains("https:/ ") && !connect_src(None).contains(" https: "));
    }

    #[test]
    fn loopback_and_the_api_need_no_proxy_entry() {
        assert!(allowed_without_proxy("http://127.0.0.1:8787"));
        assert!(allowed_without_proxy("http://localhost"));
        assert!(allowed_without_proxy(
            "https://generativelanguage.googleapis.com"
        ));
        assert!(!allowed_without_proxy("https://proxy.example.com"));
        assert!(!allowed_without_proxy("http://127.0.0.1.evil.example"));
    }

    #[test]
    fn a_source_cannot_smuggle_another_directive() {
        assert_eq!(origin_of("https://a.example;script-src *"), None);
        assert_eq!(origin_of("https://user@evil.example"), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(connect_src(Some("https://a b")), connect_src(None));
    }

    proptest::proptest! {
        #[test]
        fn the_directive_never_holds_a_separator(proxy in "\\PC{0,60}") {
            let policy = connect_src(Some(&proxy));
            proptest::prop_assert!(!policy.contains(';') && !policy.contains(','));
        }
    }
}
