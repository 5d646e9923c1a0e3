//! Where requests go: the local emulator or the Gemini API, and how the key is shown.
//!
//! Pure rules only (defaults by host, URL checks, the masked key); keeping the key in
//! `sessionStorage` or `localStorage` is `browser::key_store`'s job. Nothing here ever
//! formats a whole key: the only way to show one is [`masked_key`].

use gemini_vision::endpoint::DEFAULT_BASE_URL;

/// The emulator's port when the demo is served by `scripts/demo`.
pub const EMULATOR_PORT: u16 = 8787;

/// The key sent to the emulator when the person typed none: it accepts any non-empty key
/// unless it was started with `--api-key`.
pub const EMULATOR_PLACEHOLDER_KEY: &str = "fake-gemini-demo";

/// Which backend answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConnectionMode {
    /// `fake-gemini` on this machine.
    Emulator,
    /// `generativelanguage.googleapis.com` (or a proxy) with the person's key.
    GeminiApi,
}

impl ConnectionMode {
    /// The mode a page starts in: the emulator when it is served from this machine
    /// (where `scripts/demo` runs one), the real API anywhere else.
    pub fn default_for_host(hostname: &str) -> Self {
        if is_loopback_host(hostname) {
            ConnectionMode::Emulator
        } else {
            ConnectionMode::GeminiApi
        }
    }

    /// The radio button's label.
    pub fn label(self) -> &'static str {
        match self {
            ConnectionMode::Emulator => "Local emulator",
            ConnectionMode::GeminiApi => "Gemini API",
        }
    }

    /// Stable name for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionMode::Emulator => "emulator",
            ConnectionMode::GeminiApi => "gemini",
        }
    }

    /// Reads [`ConnectionMode::as_str`] back.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "emulator" => Some(ConnectionMode::Emulator),
            "gemini" => Some(ConnectionMode::GeminiApi),
            _ => None,
        }
    }
}

/// Whether `hostname` (as `location.hostname` gives it) is this machine.
pub fn is_loopback_host(hostname: &str) -> bool {
    let host = hostname.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.to_ascii_lowercase().ends_with(".localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The emulator URL a page on `hostname` starts with.
pub fn default_emulator_url(hostname: &str) -> String {
    let host = if is_loopback_host(hostname) && !hostname.is_empty() {
        hostname
    } else {
        "127.0.0.1"
    };
    format!("http://{host}:{EMULATOR_PORT}")
}

/// The base URL of the real API.
pub fn gemini_api_url() -> &'static str {
    DEFAULT_BASE_URL
}

/// The `host[:port]` of an `http://` or `https://` URL (empty when it has no host);
/// `None` for any other scheme.
pub fn authority_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    rest.split('/').next()
}

/// Checks and normalises a base URL typed by the person: `http` or `https`, a host, no
/// credentials, query or fragment (a key must never ride in a URL); the trailing slash
/// is dropped.
pub fn normalize_base_url(text: &str) -> Result<String, String> {
    let url = text.trim().trim_end_matches('/');
    let authority = authority_of(url)
        .ok_or_else(|| "The URL must start with http:// or https://.".to_owned())?;
    if authority.is_empty() {
        return Err("The URL has no host.".to_owned());
    }
    if authority.contains('@') {
        return Err("The URL must not carry a user name or password.".to_owned());
    }
    if url.contains(['?', '#']) {
        return Err(
            "The URL must not have a query or fragment (a key never goes in a URL).".to_owned(),
        );
    }
    if url.chars().any(char::is_whitespace) {
        return Err("The URL must not contain spaces.".to_owned());
    }
    Ok(url.to_owned())
}

/// A base URL from outside the page (the `?emulator=` query parameter), accepted only
/// when it points at this machine: a link must not be able to send the demo's requests
/// to someone else's server.
pub fn loopback_base_url(text: &str) -> Option<String> {
    let url = normalize_base_url(text).ok()?;
    let authority = authority_of(&url)?;
    let host = match authority.rsplit_once(':') {
        // `[::1]:8787`, `127.0.0.1:8787`, `localhost:8787`; a bare `[::1]` keeps its colons.
        Some((host, port)) if !host.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    is_loopback_host(host).then_some(url)
}

/// A key as the page may show it: its last 4 characters, the rest hidden. Keys of 8
/// characters or fewer are hidden entirely, so that at most half of a key is ever shown.
pub fn masked_key(key: &str) -> String {
    let chars: Vec<char> = key.trim().chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    if chars.len() <= 8 {
        return "\u{2022}".repeat(4);
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("\u{2022}\u{2022}\u{2022}\u{2022}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_containing_bullets_shows_only_its_last_four_characters() {
        // Found by the property below: a key may itself contain the mask's bullet.
        let key = "A A\u{ffca}A0\u{2022}\u{09df}!";
        assert_eq!(
            masked_key(key),
            "\u{2022}\u{2022}\u{2022}\u{2022}0\u{2022}\u{09df}!"
        );
        assert_eq!(
            masked_key("short\u{2022}"),
            "\u{2022}\u{2022}\u{2022}\u{2022}"
        );
    }

    #[test]
    fn loopback_pages_start_on_the_emulator() {
        for host in [
            "localhost",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "app.localhost",
        ] {
            assert_eq!(
                ConnectionMode::default_for_host(host),
                ConnectionMode::Emulator,
                "{host}"
            );
        }
    }

    #[test]
    fn other_hosts_start_on_the_gemini_api() {
        for host in ["example.com", "10.0.0.2", "localhost.example.com", ""] {
            assert_eq!(
                ConnectionMode::default_for_host(host),
                ConnectionMode::GeminiApi,
                "{host}"
            );
        }
    }

    #[test]
    fn the_emulator_url_keeps_the_pages_loopback_name() {
        assert_eq!(default_emulator_url("localhost"), "http://localhost:8787");
        assert_eq!(default_emulator_url("127.0.0.1"), "http://127.0.0.1:8787");
        assert_eq!(default_emulator_url("example.com"), "http://127.0.0.1:8787");
    }

    #[test]
    fn base_urls_lose_their_trailing_slash() {
        assert_eq!(
            normalize_base_url(" http://127.0.0.1:9000/ ").unwrap(),
            "http://127.0.0.1:9000"
        );
        assert_eq!(
            normalize_base_url("https://proxy.example.com/gemini").unwrap(),
            "https://proxy.example.com/gemini"
        );
    }

    #[test]
    fn base_urls_with_a_query_are_refused() {
        assert!(normalize_base_url("https://x.example.com/?key=AIza123").is_err());
    }

    #[test]
    fn base_urls_with_credentials_are_refused() {
        assert!(normalize_base_url("https://me:secret@x.example.com").is_err());
    }

    #[test]
    fn base_urls_need_a_scheme_and_a_host() {
        assert!(normalize_base_url("127.0.0.1:8787").is_err());
        assert!(normalize_base_url("http://").is_err());
        assert!(normalize_base_url("ftp://x").is_err());
    }

    #[test]
    fn only_loopback_urls_are_taken_from_a_link() {
        assert_eq!(
            loopback_base_url("http://127.0.0.1:41837").as_deref(),
            Some("http://127.0.0.1:41837")
        );
        assert!(loopback_base_url("http://localhost:8787/").is_some());
        assert!(loopback_base_url("http://[::1]:8787").is_some());
        assert_eq!(loopback_base_url("https://evil.example:8787"), None);
        assert_eq!(loopback_base_url("http://127.0.0.1.evil.example"), None);
        assert_eq!(loopback_base_url("http://localhost.evil.example:80"), None);
    }

    #[test]
    fn a_masked_key_shows_only_its_last_four_characters() {
        assert_eq!(
            masked_key("AIzaSyExampleExampleExample1234"),
            "\u{2022}\u{2022}\u{2022}\u{2022}1234"
        );
    }

    #[test]
    fn a_short_key_is_hidden_entirely() {
        assert_eq!(masked_key("abcd1234"), "\u{2022}".repeat(4));
        assert_eq!(masked_key(""), "");
    }

    #[test]
    fn modes_round_trip_through_storage_names() {
        for mode in [ConnectionMode::Emulator, ConnectionMode::GeminiApi] {
            assert_eq!(ConnectionMode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(ConnectionMode::parse("other"), None);
    }

    proptest::proptest! {
        #[test]
        fn a_masked_key_never_reveals_more_than_four_characters(key in "\\PC{0,64}") {
            // The mask is four bullets and then what is shown; the key itself may contain
            // bullets, so what is shown is read by position, never by filtering bullets out.
            let masked = masked_key(&key);
            let trimmed = key.trim();
            if trimmed.is_empty() {
                proptest::prop_assert_eq!(masked, "");
            } else {
                let mut chars = masked.chars();
                let prefix: String = chars.by_ref().take(4).collect();
                let shown: String = chars.collect();
                proptest::prop_assert_eq!(prefix, "\u{2022}".repeat(4));
                proptest::prop_assert!(shown.chars().count() <= 4);
                if trimmed.chars().count() > 8 {
                    proptest::prop_assert_eq!(shown.chars().count(), 4);
                    proptest::prop_assert!(trimmed.ends_with(&shown));
                } else {
                    proptest::prop_assert!(shown.is_empty());
                }
            }
        }

        #[test]
        fn normalized_urls_never_carry_a_query(text in "\\PC{0,40}") {
            if let Ok(url) = normalize_base_url(&text) {
                proptest::prop_assert!(!url.contains('?') && !url.contains('#') && !url.contains('@'));
                proptest::prop_assert!(url.starts_with("http://") || url.starts_with("https://"));
            }
        }
    }
}
