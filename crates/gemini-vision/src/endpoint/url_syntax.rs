//! The few rules of the WHATWG URL standard that the core's URL decisions depend on,
//! for the forms of `http`/`https` URL it accepts.
//!
//! A browser does not read a URL as a plain string: in `http`/`https` URLs `\` is `/`,
//! tabs and newlines vanish, `//` at the start of a path begins a host, userinfo
//! (`user@`) hides where the request really goes, and `%2e` is a dot in a dot segment.
//! Rather than re-implement the whole parser (the `url` crate would cost the wasm
//! module too much), the core accepts only URLs on which a plain reading and a
//! browser's agree, and refuses everything else: no `\`, no control, space or non-ASCII
//! characters, no userinfo, a plain host and port, and no path that is or becomes
//! `//...`. The tests check the accepted forms against the `url` crate (a WHATWG
//! parser).
//!
//! Reasons are fixed sentences: they never repeat the URL (a session URL is a
//! credential).

/// Why a URL was refused, in a sentence.
pub(crate) type Refusal = &'static str;

/// `http`/`https` only, with their authority: `("https", "host:port", "/path?q")`
/// for `https://host:port/path?q`. `None` when `url` does not start with a scheme.
/// Any other scheme, or a scheme not followed by `//`, is refused: a browser reads
/// `https:host` as a path relative to the page.
pub(crate) fn split_absolute(url: &str) -> Option<Result<(&str, &str, &str), Refusal>> {
    let scheme = scheme_of(url)?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return Some(Err("only http and https URLs are accepted"));
    }
    let Some(rest) = url
        .get(scheme.len() + 1..)
        .and_then(|r| r.strip_prefix("//"))
    else {
        return Some(Err("expected \"//\" and a host after the scheme"));
    };
    let (authority, tail) = split_authority(rest);
    Some(check_authority(authority).map(|()| (scheme, authority, tail)))
}

/// The authority at the start of `rest` (what follows `//`) and what comes after it.
pub(crate) fn split_authority(rest: &str) -> (&str, &str) {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest.split_at(end)
}

/// The scheme of `url`, if it starts with one (`letter *(letter / digit / + - .) ":"`).
pub(crate) fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = url.get(..colon)?;
    let mut bytes = candidate.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    let rest_ok = bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    (first_ok && rest_ok).then_some(candidate)
}

/// Printable ASCII only, and no `\` (which a browser reads as `/`). Tabs and newlines
/// are refused rather than silently dropped as a browser would.
pub(crate) fn check_characters(url: &str) -> Result<(), Refusal> {
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("spaces, tabs, line breaks, control and non-ASCII characters are not allowed");
    }
    if url.contains('\\') {
        return Err("a backslash is not allowed (a browser reads it as '/')");
    }
    Ok(())
}

/// `host[:port]` with a plain host: letters, digits, `.`, `-`, `_`, `~` (a name, or a
/// dotted IPv4 address), or an IPv6 address in brackets; no userinfo, no percent
/// escapes, a port of 1 to 5 digits up to 65535.
pub(crate) fn check_authority(authority: &str) -> Result<(), Refusal> {
    if authority.contains('@') {
        return Err("a URL with a user name or password ('@') is not allowed");
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let Some((inside, after)) = rest.split_once(']') else {
                return Err("an IPv6 host has no closing ']'");
            };
            let ipv6_ok = !inside.is_empty()
                && inside.contains(':')
                && inside
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
            if !ipv6_ok {
                return Err("the IPv6 host is not an address");
            }
            match after {
                "" => (inside, None),
                _ => match after.strip_prefix(':') {
                    Some(port) => (inside, Some(port)),
                    None => return Err("unexpected text after the IPv6 host"),
                },
            }
        }
        None => {
            let (host, port) = match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            };
            check_name(host)?;
            (host, port)
        }
    };
    if host.is_empty() {
        return Err("the URL has no host");
    }
    match port {
        None => Ok(()),
        Some(port)
            if (1..=5).contains(&port.len())
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| p <= 65_535) =>
        {
            Ok(())
        }
        Some(_) => Err("the port is not a number from 0 to 65535"),
    }
}

/// A host name or a dotted IPv4 address, as a browser would accept it unchanged in
/// meaning: a name whose last label looks numeric is an IPv4 address to a browser, so
/// it must then be a plain one (`a.b.c.d`, each 0-255, no leading zeros).
fn check_name(host: &str) -> Result<(), Refusal> {
    let name_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~'));
    if !name_ok {
        return Err("the host must be a name of letters, digits, '.', '-', '_' or '~'");
    }
    let labels: Vec<&str> = host.strip_suffix('.').unwrap_or(host).split('.').collect();
    if labels.iter().any(|label| label.is_empty()) {
        return Err("the host has an empty label");
    }
    let last = labels.last().copied().unwrap_or_default();
    let numeric = |l: &str| {
        l.bytes().all(|b| b.is_ascii_digit())
            || l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"))
    };
    if !numeric(last) {
        return Ok(());
    }
    let plain_octet = |l: &&str| {
        (1..=3).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_digit())
            && !(l.len() > 1 && l.starts_with('0'))
            && l.parse::<u16>().is_ok_and(|v| v <= 255)
    };
    // A browser drops an IPv4 address's trailing dot: refuse it so the host reads as written.
    if !host.ends_with('.') && labels.len() == 4 && labels.iter().all(plain_octet) {
        Ok(())
    } else {
        Err("a numeric host must be a plain IPv4 address (a.b.c.d)")
    }
}

/// `.` or its percent-encoded form, which a browser treats alike in a path.
fn is_single_dot(segment: &str) -> bool {
    segment == "." || segment.eq_ignore_ascii_case("%2e")
}

/// `..` in any mix of `.` and `%2e`.
fn is_double_dot(segment: &str) -> bool {
    matches!(
        segment.to_ascii_lowercase().as_str(),
        ".." | ".%2e" | "%2e." | "%2e%2e"
    )
}

/// Whether a path (starting with `/`, without query) has a segment that a browser
/// would remove or that is empty: `.`, `..` (also `%2e`-encoded), or `//`.
pub(crate) fn has_dot_or_empty_segment(path: &str) -> bool {
    path.split('/')
        .skip(1)
        .any(|s| s.is_empty() || is_single_dot(s) || is_double_dot(s))
}

/// Removes dot segments from the path of a path-absolute reference (`/a/./b/../c?q`)
/// as the WHATWG path parser does: `%2e` counts as `.`, `..` never climbs above the
/// root, and a trailing dot segment leaves a trailing `/`. The query and fragment are
/// kept as they are.
pub(crate) fn remove_dot_segments(path_and_query: &str) -> String {
    let (path, query) = match path_and_query.find(['?', '#']) {
        Some(i) => path_and_query.split_at(i),
        None => (path_and_query, ""),
    };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut kept: Vec<&str> = Vec::with_capacity(segments.len());
    for (index, segment) in segments.iter().enumerate() {
        let dot = is_single_dot(segment);
        let double = is_double_dot(segment);
        if double {
            kept.pop();
        } else if !dot {
            kept.push(segment);
        }
        // A trailing dot segment still names a directory: keep its slash.
        if index == last && (dot || double) {
            kept.push("");
        }
    }
    format!("/{}{query}", kept.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_dots_are_dot_segments() {
        assert_eq!(remove_dot_segments("/a/%2E%2e/b"), "/b");
        assert_eq!(remove_dot_segments("/a/.%2e/b/%2e/c"), "/b/c");
        assert_eq!(remove_dot_segments("/a/b/%2e%2E"), "/a/");
    }

    #[test]
    fn dot_segments_can_leave_an_empty_first_segment() {
        assert_eq!(
            remove_dot_segments("/.//evil.example/s"),
            "//evil.example/s"
        );
        assert_eq!(
            remove_dot_segments("/a/..//evil.example/s"),
            "//evil.example/s"
        );
    }

    #[test]
    fn the_query_is_not_a_path() {
        assert_eq!(remove_dot_segments("/a/..?x=/../y"), "/?x=/../y");
    }

    #[test]
    fn numeric_hosts_must_be_plain_ipv4() {
        assert!(check_authority("127.0.0.1:8080").is_ok());
        assert!(check_authority("a.example.1").is_err());
        assert!(check_authority("0x7f.1").is_err());
        assert!(check_authority("010.0.0.1").is_err());
        assert!(check_authority("256.0.0.1").is_err());
        assert!(check_authority("1.2.3").is_err());
        assert!(check_authority("127.0.0.1.").is_err());
        assert!(check_authority("v1.example").is_ok());
    }

    #[test]
    fn ports_and_brackets_are_checked() {
        assert!(check_authority("[::1]:20001").is_ok());
        assert!(check_authority("[::1").is_err());
        assert!(check_authority("[::1]x").is_err());
        assert!(check_authority("host:").is_err());
        assert!(check_authority("host:65536").is_err());
        assert!(check_authority("host:+80").is_err());
        assert!(check_authority("a..b").is_err());
        assert!(check_authority("").is_err());
    }
}
