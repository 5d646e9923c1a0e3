//! `host[:port]`, as browsers serialise it in `Origin` and clients send it in `Host`,
//! parsed strictly and as a whole: an IPv4 address in dotted decimal, an IPv6 address in
//! brackets, or a DNS name of ASCII labels. Anything else (a user part, a path, a
//! backslash, a percent sign, a name that ends in a number) is not an authority, so that
//! `127.0.0.1.evil.example` is a name under `evil.example` and never an address.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The host part of an authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostName {
    /// `127.0.0.1`.
    Ipv4(Ipv4Addr),
    /// `[::1]`.
    Ipv6(Ipv6Addr),
    /// `localhost`, `app.example` (lowercased).
    Domain(String),
}

/// `host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// The host.
    pub host: HostName,
    /// The port, when one is written.
    pub port: Option<u16>,
}

/// Longest DNS name.
const MAX_NAME: usize = 253;
/// Longest DNS label.
const MAX_LABEL: usize = 63;

impl Authority {
    /// Parses `host[:port]`; `None` for anything that is not exactly that.
    pub fn parse(text: &str) -> Option<Authority> {
        let (host, port) = match text.strip_prefix('[') {
            Some(bracketed) => {
                let (address, rest) = bracketed.split_once(']')?;
                let port = match rest {
                    "" => None,
                    _ => Some(rest.strip_prefix(':')?),
                };
                (HostName::Ipv6(address.parse().ok()?), port)
            }
            None => {
                let (host, port) = match text.split_once(':') {
                    Some((host, port)) => (host, Some(port)),
                    None => (text, None),
                };
                (host_name(host)?, port)
            }
        };
        let port = match port {
            Some(digits) => Some(port_number(digits)?),
            None => None,
        };
        Some(Authority { host, port })
    }

    /// Whether the host is this machine: `127.0.0.0/8`, `::1` (also as an IPv4-mapped
    /// `127.x`), `localhost` or a name under `.localhost` (which browsers resolve to
    /// loopback themselves, RFC 6761).
    pub fn is_loopback(&self) -> bool {
        match &self.host {
            HostName::Ipv4(address) => address.is_loopback(),
            HostName::Ipv6(address) => {
                address.is_loopback()
                    || address
                        .to_ipv4_mapped()
                        .is_some_and(|mapped| mapped.is_loopback())
            }
            HostName::Domain(name) => is_localhost_name(name),
        }
    }

    /// Whether no DNS answer can move this host to another machine: an address, or a
    /// `localhost` name. A page that rebinds its own name to 127.0.0.1 reaches the
    /// emulator under that name, never under one of these.
    pub fn is_fixed(&self) -> bool {
        match &self.host {
            HostName::Ipv4(_) | HostName::Ipv6(_) => true,
            HostName::Domain(name) => is_localhost_name(name),
        }
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostName::Ipv4(address) => write!(f, "{address}"),
            HostName::Ipv6(address) => write!(f, "[{address}]"),
            HostName::Domain(name) => f.write_str(name),
        }
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.host)?;
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

fn is_localhost_name(name: &str) -> bool {
    name == "localhost" || name.ends_with(".localhost")
}

/// 1 to 5 digits, at most 65535.
fn port_number(digits: &str) -> Option<u16> {
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A dotted-decimal IPv4 address, or a DNS name whose last label is not a number (the
/// URL standard reads such a host as an address, so a name may not look like one).
fn host_name(text: &str) -> Option<HostName> {
    if text.is_empty() || text.len() > MAX_NAME {
        return None;
    }
    let last = text.rsplit('.').next().unwrap_or(text);
    if last.bytes().all(|b| b.is_ascii_digit()) {
        // Only the canonical form: no `127.1`, no octal, no hex.
        return text.parse::<Ipv4Addr>().ok().map(HostName::Ipv4);
    }
    let name = text.to_ascii_lowercase();
    let labels_ok = name.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= MAX_LABEL
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    labels_ok.then_some(HostName::Domain(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn loopback(text: &str) -> bool {
        Authority::parse(text).is_some_and(|authority| authority.is_loopback())
    }

    #[test]
    fn loopback_addresses_and_names_with_any_port() {
        for text in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "127.255.3.4:1",
            "[::1]",
            "[::1]:5173",
            "[::ffff:127.0.0.1]:80",
            "localhost",
            "LOCALHOST:3000",
            "app.localhost:8080",
            "a.b.localhost",
        ] {
            assert!(loopback(text), "{text}");
        }
    }

    #[test]
    fn names_that_only_look_local_are_not_loopback() {
        for text in [
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "evillocalhost",
            "evil.example",
            "128.0.0.1",
            "[::2]",
            "0.0.0.0",
        ] {
            assert!(!loopback(text), "{text}");
        }
    }

    #[test]
    fn what_is_not_an_authority_is_refused() {
        for text in [
            "",
            "127.0.0.1:",
            "127.0.0.1:65536",
            "127.0.0.1:+80",
            "127.1",
            "0x7f.0.0.1",
            "1.2.3.4.5",
            "evil.example\\.localhost",
            "evil.example/.localhost",
            "user@localhost",
            "localhost:80@evil.example",
            "local%68ost",
            "a..localhost",
            ".localhost",
            "[::1",
            "[::1]x",
            "[fe80::1%25eth0]",
            "host:1:2",
            "évil.localhost",
        ] {
            assert_eq!(Authority::parse(text), None, "{text}");
        }
    }

    #[test]
    fn addresses_and_localhost_are_fixed_other_names_are_not() {
        assert!(Authority::parse("192.168.1.5:8787").unwrap().is_fixed());
        assert!(Authority::parse("[2001:db8::1]").unwrap().is_fixed());
        assert!(Authority::parse("x.localhost").unwrap().is_fixed());
        assert!(
            !Authority::parse("rebind.evil.example:8787")
                .unwrap()
                .is_fixed()
        );
    }

    #[test]
    fn prints_back_in_canonical_form() {
        assert_eq!(
            Authority::parse("App.LocalHost:08080").unwrap().to_string(),
            "app.localhost:8080"
        );
        assert_eq!(
            Authority::parse("[0:0:0:0:0:0:0:1]:1").unwrap().to_string(),
            "[::1]:1"
        );
    }

    proptest! {
        #[test]
        fn a_parsed_authority_prints_only_host_characters(text in "\\PC{0,40}") {
            if let Some(authority) = Authority::parse(&text) {
                let printed = authority.to_string();
                prop_assert!(printed.bytes().all(|b| b.is_ascii_alphanumeric() || b".-_:[]".contains(&b)));
                prop_assert_eq!(Authority::parse(&printed), Some(authority));
            }
        }

        #[test]
        fn a_name_under_another_domain_is_never_loopback(prefix in "[a-z0-9.]{0,20}", domain in "[a-z]{1,10}\\.(example|com|net)") {
            let host = format!("{prefix}{domain}");
            prop_assert!(!loopback(&host), "{}", host);
        }
    }
}
