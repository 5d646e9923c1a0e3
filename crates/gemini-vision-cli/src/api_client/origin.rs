//! Where a request goes, for the key's rule: the scheme, host and port of a URL,
//! compared exactly (default ports filled in, case ignored, userinfo refused), and a
//! redirect's `Location` resolved against the URL it answered.

/// The scheme, host and port of a URL: where a request goes, for the key's rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origin {
    pub(super) https: bool,
    /// `host:port`, lower-cased, with the scheme's default port filled in.
    pub(super) authority: String,
}

impl Origin {
    pub(super) fn of(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.split_once("://")?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
        // Userinfo would let "https://api@evil" pass for the API's origin.
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        let has_port = match authority.rfind(':') {
            Some(colon) => !authority.get(colon..)?.contains(']'),
            None => false,
        };
        let authority = if has_port {
            authority
        } else {
            format!("{authority}:{}", if https { 443 } else { 80 })
        };
        Some(Origin { https, authority })
    }

    fn host(&self) -> &str {
        let end = self.authority.rfind(':').unwrap_or(self.authority.len());
        self.authority.get(..end).unwrap_or_default()
    }

    pub(super) fn is_loopback(&self) -> bool {
        let host = self.host().trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// A redirect's `Location` against the URL it answered.
pub(super) fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return location.to_owned();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if location.starts_with('/') {
        format!("{scheme}://{authority}{location}")
    } else {
        let path = rest.get(authority.len()..).unwrap_or_default();
        let dir = path.rfind('/').map_or("/", |slash| &path[..=slash]);
        format!("{scheme}://{authority}{dir}{location}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_fill_in_default_ports_and_ignore_case() {
        let a = Origin::of("https://Generativelanguage.googleapis.com/v1beta").unwrap();
        let b = Origin::of("https://generativelanguage.googleapis.com:443/upload").unwrap();
        assert_eq!(a, b);
        assert_ne!(
            a,
            Origin::of("http://generativelanguage.googleapis.com").unwrap()
        );
        assert_ne!(
            a,
            Origin::of("https://generativelanguage.googleapis.com.evil.example").unwrap()
        );
    }

    #[test]
    fn userinfo_can_not_pose_as_the_origin() {
        assert_eq!(
            Origin::of("https://generativelanguage.googleapis.com@evil.example/"),
            None
        );
    }

    #[test]
    fn only_loopback_hosts_count_as_local() {
        for url in [
            "http://127.0.0.1:8787",
            "http://localhost",
            "http://[::1]:9",
        ] {
            assert!(Origin::of(url).unwrap().is_loopback(), "{url}");
        }
        for url in [
            "http://10.0.0.1",
            "http://example.com",
            "http://127.0.0.1.nip.io",
        ] {
            assert!(!Origin::of(url).unwrap().is_loopback(), "{url}");
        }
    }

    #[test]
    fn relative_redirects_resolve_against_the_answering_url() {
        assert_eq!(
            resolve("https://h:1/a/b?x", "/c"),
            "https://h:1/c".to_owned()
        );
        assert_eq!(resolve("https://h/a/b", "c"), "https://h/a/c");
        assert_eq!(resolve("https://h/a", "https://o/p"), "https://o/p");
    }
}
