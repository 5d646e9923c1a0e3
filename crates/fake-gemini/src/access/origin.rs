//! Which web pages may call the emulator: loopback origins always, others only when
//! named (`--allow-origin`).
//!
//! The emulator runs on a developer's machine while they browse; a page from anywhere
//! else must not be able to drive it. An `Origin` is parsed whole (scheme, then an
//! [`Authority`]) and never compared by prefix.

use super::authority::Authority;

/// A serialised origin: `scheme://host[:port]`, or the opaque `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A tuple origin, its scheme lowercased and its default port dropped.
    Tuple {
        /// `http`, `https`, or another scheme (an extension's, an app shell's).
        scheme: String,
        /// Host and port.
        authority: Authority,
    },
    /// `null`: sandboxed frames, `file:` pages.
    Opaque,
}

impl Origin {
    /// Parses an `Origin` header value or an `--allow-origin` argument.
    pub fn parse(text: &str) -> Option<Origin> {
        if text == "null" {
            return Some(Origin::Opaque);
        }
        let (scheme, rest) = text.split_once("://")?;
        let scheme_ok = scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        if !scheme_ok {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        let mut authority = Authority::parse(rest)?;
        let default_port = match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        };
        if authority.port.is_some() && authority.port == default_port {
            authority.port = None;
        }
        Some(Origin::Tuple { scheme, authority })
    }

    /// An `http` or `https` page on this machine.
    pub fn is_loopback(&self) -> bool {
        match self {
            Origin::Tuple { scheme, authority } => {
                (scheme == "http" || scheme == "https") && authority.is_loopback()
            }
            Origin::Opaque => false,
        }
    }
}

/// Loopback origins, plus the ones the emulator was started with.
#[derive(Debug, Clone, Default)]
pub struct OriginPolicy {
    extra: Vec<Origin>,
}

impl OriginPolicy {
    /// The policy with `extra` origins allowed besides loopback; an entry that is not an
    /// origin is the error (its text).
    pub fn new(extra: &[String]) -> Result<OriginPolicy, String> {
        let extra = extra
            .iter()
            .map(|text| Origin::parse(text.trim()).ok_or_else(|| text.clone()))
            .collect::<Result<_, _>>()?;
        Ok(OriginPolicy { extra })
    }

    /// Whether a page of this `Origin` header value may call the emulator.
    pub fn allows(&self, header: &str) -> bool {
        Origin::parse(header)
            .is_some_and(|origin| origin.is_loopback() || self.extra.contains(&origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn loopback_only() -> OriginPolicy {
        OriginPolicy::default()
    }

    #[test]
    fn loopback_pages_are_allowed_on_any_port() {
        let policy = loopback_only();
        for origin in [
            "http://127.0.0.1:8080",
            "http://127.0.0.1",
            "https://127.9.9.9:4443",
            "http://[::1]:5173",
            "http://localhost:3000",
            "https://localhost",
            "http://demo.localhost:8080",
        ] {
            assert!(policy.allows(origin), "{origin}");
        }
    }

    #[test]
    fn other_pages_are_refused_however_they_are_spelt() {
        let policy = loopback_only();
        for origin in [
            "http://127.0.0.1.evil.example",
            "http://127.0.0.1.evil.example:8080",
            "http://localhost.evil.example",
            "http://evil.example\\.localhost",
            "http://evil.example\\.localhost:8080",
            "http://evil.example/.localhost",
            "http://user@localhost",
            "https://evil.example",
            "null",
            "file://",
            "ftp://localhost",
            "http://localhost:8080/",
            "http://127.0.0.1 ",
            "",
        ] {
            assert!(!policy.allows(origin), "{origin}");
        }
    }

    #[test]
    fn named_origins_are_allowed_exactly() {
        let policy = OriginPolicy::new(&[
            "https://app.example".into(),
            "http://lan.example:8080".into(),
            "null".into(),
        ])
        .unwrap();
        assert!(policy.allows("https://app.example"));
        assert!(policy.allows("https://APP.example:443"));
        assert!(policy.allows("http://lan.example:8080"));
        assert!(policy.allows("null"));
        assert!(!policy.allows("http://app.example"));
        assert!(!policy.allows("https://app.example:8443"));
        assert!(!policy.allows("https://sub.app.example"));
        assert!(!policy.allows("http://lan.example"));
    }

    #[test]
    fn a_flag_that_is_not_an_origin_is_an_error() {
        assert_eq!(
            OriginPolicy::new(&["https://app.example/path".into()]).unwrap_err(),
            "https://app.example/path"
        );
        assert!(OriginPolicy::new(&["app.example".into()]).is_err());
    }

    proptest! {
        #[test]
        fn a_prefix_of_loopback_never_makes_another_host_loopback(
            host in "(127\\.0\\.0\\.1|localhost|\\[::1\\])",
            tail in "[.@\\\\/%a-z0-9]{1,12}\\.(example|com)",
        ) {
            let origin = format!("http://{host}{tail}");
            prop_assert!(!loopback_only().allows(&origin), "{}", origin);
        }
    }
}
