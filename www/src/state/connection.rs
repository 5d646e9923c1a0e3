//! The connection panel's state.

use crate::browser::{key_store, page};
use crate::domain::connection::{
    ConnectionMode, EMULATOR_PLACEHOLDER_KEY, default_emulator_url, gemini_api_url,
    loopback_base_url, normalize_base_url,
};

/// A key and where it is kept.
#[derive(Clone, PartialEq, Eq)]
pub struct KeptKey {
    /// The key itself (never displayed: see `masked_key`).
    pub key: String,
    /// Whether it is kept in `localStorage` rather than `sessionStorage`.
    pub remembered: bool,
}

impl std::fmt::Debug for KeptKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptKey")
            .field("key", &crate::domain::connection::masked_key(&self.key))
            .field("remembered", &self.remembered)
            .finish()
    }
}

/// Where requests go, and with which key.
///
/// `Debug` is not derived: it would print the keys.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionState {
    /// Emulator or Gemini API.
    pub mode: ConnectionMode,
    /// The emulator's base URL.
    pub emulator_url: String,
    /// The key for the Gemini API (or the proxy); only ever sent there.
    pub api_key: Option<KeptKey>,
    /// The key for an emulator started with `--api-key`; only ever sent to the emulator.
    pub emulator_key: Option<KeptKey>,
    /// A proxy that adds the key server-side, used instead of Google's URL in Gemini
    /// API mode.
    pub proxy_url: Option<String>,
}

impl std::fmt::Debug for ConnectionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectionState")
            .field("mode", &self.mode)
            .field("emulator_url", &self.emulator_url)
            .field("has_api_key", &self.api_key.is_some())
            .field("has_emulator_key", &self.emulator_key.is_some())
            .field("proxy_url", &self.proxy_url)
            .finish()
    }
}

fn kept(mode: ConnectionMode) -> Option<KeptKey> {
    key_store::load_key(mode).map(|(key, remembered)| KeptKey { key, remembered })
}

impl ConnectionState {
    /// What the page starts with: saved choices first, then the defaults for
    /// `hostname`. `?emulator=URL` (a loopback URL only) picks the emulator at that URL.
    pub fn load(hostname: &str) -> Self {
        let from_query = page::query_param("emulator").and_then(|u| loopback_base_url(&u));
        let mode = if from_query.is_some() {
            ConnectionMode::Emulator
        } else {
            key_store::load_mode().unwrap_or_else(|| ConnectionMode::default_for_host(hostname))
        };
        let saved_url = key_store::load_emulator_url().and_then(|u| normalize_base_url(&u).ok());
        ConnectionState {
            mode,
            emulator_url: from_query
                .or(saved_url)
                .unwrap_or_else(|| default_emulator_url(hostname)),
            api_key: kept(ConnectionMode::GeminiApi),
            emulator_key: kept(ConnectionMode::Emulator),
            proxy_url: key_store::load_proxy_url().and_then(|u| normalize_base_url(&u).ok()),
        }
    }

    /// The key of the current mode, if one is kept.
    pub fn current_key(&self) -> Option<&KeptKey> {
        match self.mode {
            ConnectionMode::Emulator => self.emulator_key.as_ref(),
            ConnectionMode::GeminiApi => self.api_key.as_ref(),
        }
    }

    /// Keeps (or with `None`, forgets) the key of the current mode.
    pub fn set_current_key(&mut self, key: Option<KeptKey>) {
        match &key {
            Some(k) => key_store::save_key(self.mode, &k.key, k.remembered),
            None => key_store::forget_key(self.mode),
        }
        match self.mode {
            ConnectionMode::Emulator => self.emulator_key = key,
            ConnectionMode::GeminiApi => self.api_key = key,
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        match self.mode {
            ConnectionMode::Emulator => self.emulator_url.clone(),
            ConnectionMode::GeminiApi => self
                .proxy_url
                .clone()
                .unwrap_or_else(|| gemini_api_url().to_owned()),
        }
    }

    /// The key requests carry. The emulator gets its own key or a placeholder (it
    /// accepts any key unless started with `--api-key`), never the Gemini key; the
    /// Gemini API gets the person's key, and a proxy none: it adds its own, and the
    /// person's key must not reach a server other than Google's.
    pub fn request_key(&self) -> Option<String> {
        match self.mode {
            ConnectionMode::Emulator => Some(
                self.emulator_key
                    .as_ref()
                    .map_or_else(|| EMULATOR_PLACEHOLDER_KEY.to_owned(), |k| k.key.clone()),
            ),
            ConnectionMode::GeminiApi if self.proxy_url.is_some() => None,
            ConnectionMode::GeminiApi => self.api_key.as_ref().map(|k| k.key.clone()),
        }
    }

    /// Whether a request can be sent as configured, and if not, why.
    pub fn readiness(&self) -> Result<(), String> {
        match self.mode {
            ConnectionMode::GeminiApi if self.api_key.is_none() && self.proxy_url.is_none() => {
                Err("Enter a Gemini API key under Connection (or a proxy URL), or switch to the local emulator.".to_owned())
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gemini(proxy: Option<&str>) -> ConnectionState {
        ConnectionState {
            mode: ConnectionMode::GeminiApi,
            emulator_url: "http://127.0.0.1:8787".into(),
            api_key: Some(KeptKey {
                key: "AIzaPersonalKey".into(),
                remembered: false,
            }),
            emulator_key: None,
            proxy_url: proxy.map(str::to_owned),
        }
    }

    #[test]
    fn the_gemini_key_goes_to_google_but_never_to_a_proxy() {
        assert_eq!(
            gemini(None).request_key().as_deref(),
            Some("AIzaPersonalKey")
        );
        let proxied = gemini(Some("https://proxy.example.com"));
        assert_eq!(proxied.request_key(), None);
        assert_eq!(proxied.base_url(), "https://proxy.example.com");
        assert!(proxied.readiness().is_ok());
    }

    #[test]
    fn the_emulator_never_gets_the_gemini_key() {
        let mut emulator = gemini(None);
        emulator.mode = ConnectionMode::Emulator;
        assert_ne!(emulator.request_key().as_deref(), Some("AIzaPersonalKey"));
    }
}
