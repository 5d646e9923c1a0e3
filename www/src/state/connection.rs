//! The connection panel's state.

use crate::browser::{key_store, page};
use crate::domain::connection::{
    ConnectionMode, EMULATOR_PLACEHOLDER_KEY, default_emulator_url, gemini_api_url,
    normalize_base_url,
};

/// Where requests go, and with which key.
///
/// `Debug` is not derived: it would print the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionState {
    /// Emulator or Gemini API.
    pub mode: ConnectionMode,
    /// The emulator's base URL.
    pub emulator_url: String,
    /// The person's API key for the Gemini API (or for an emulator started with
    /// `--api-key`).
    pub api_key: Option<String>,
    /// Whether the key is kept in `localStorage`.
    pub remember: bool,
    /// A proxy that adds the key server-side, used instead of Google's URL in Gemini
    /// API mode.
    pub proxy_url: Option<String>,
}

impl std::fmt::Debug for ConnectionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectionState")
            .field("mode", &self.mode)
            .field("emulator_url", &self.emulator_url)
            .field("has_key", &self.api_key.is_some())
            .field("proxy_url", &self.proxy_url)
            .finish()
    }
}

impl ConnectionState {
    /// What the page starts with: saved choices first, then the defaults for
    /// `hostname`. `?emulator=URL` picks the emulator at that URL.
    pub fn load(hostname: &str) -> Self {
        let from_query = page::query_param("emulator").and_then(|u| normalize_base_url(&u).ok());
        let (api_key, remember) = match key_store::load_key() {
            Some((key, remember)) => (Some(key), remember),
            None => (None, false),
        };
        let mode = if from_query.is_some() {
            ConnectionMode::Emulator
        } else {
            key_store::load_mode().unwrap_or_else(|| ConnectionMode::default_for_host(hostname))
        };
        ConnectionState {
            mode,
            emulator_url: from_query
                .or_else(key_store::load_emulator_url)
                .unwrap_or_else(|| default_emulator_url(hostname)),
            api_key,
            remember,
            proxy_url: key_store::load_proxy_url(),
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

    /// The key requests carry: the person's, or for the emulator a placeholder (it
    /// accepts any key unless started with `--api-key`). `None` with a proxy and no key.
    pub fn request_key(&self) -> Option<String> {
        match (self.mode, &self.api_key) {
            (_, Some(key)) => Some(key.clone()),
            (ConnectionMode::Emulator, None) => Some(EMULATOR_PLACEHOLDER_KEY.to_owned()),
            (ConnectionMode::GeminiApi, None) => None,
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
