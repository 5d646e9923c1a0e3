//! Where the connection settings live between visits.
//!
//! Keys live in `sessionStorage` (gone when the tab closes) unless the person ticks
//! "remember", which moves them to `localStorage`; never in a URL, a cookie or a log.
//! The Gemini API key and the emulator's key are kept apart, so that a key typed for
//! Google is never sent to an emulator address. The mode and the URLs (not secrets)
//! live in `localStorage`.

use crate::domain::connection::ConnectionMode;
use web_sys::Storage;

const MODE: &str = "gemini-vision-demo.mode";
const EMULATOR_URL: &str = "gemini-vision-demo.emulator-url";
const PROXY_URL: &str = "gemini-vision-demo.api-base-url";

fn key_name(mode: ConnectionMode) -> &'static str {
    match mode {
        ConnectionMode::GeminiApi => "gemini-vision-demo.api-key",
        ConnectionMode::Emulator => "gemini-vision-demo.emulator-key",
    }
}

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(storage: Option<Storage>, name: &str) -> Option<String> {
    storage?
        .get_item(name)
        .ok()
        .flatten()
        .filter(|v| !v.is_empty())
}

fn set(storage: Option<Storage>, name: &str, value: &str) {
    if let Some(storage) = storage {
        // Storage can be full or disabled (private windows); the setting then lasts
        // for this page only, which is the best we can do.
        let _ = storage.set_item(name, value);
    }
}

fn remove(storage: Option<Storage>, name: &str) {
    if let Some(storage) = storage {
        let _ = storage.remove_item(name);
    }
}

/// The key kept earlier for `mode`, and whether it was remembered (`localStorage`).
pub fn load_key(mode: ConnectionMode) -> Option<(String, bool)> {
    let name = key_name(mode);
    if let Some(key) = get(session(), name) {
        return Some((key, false));
    }
    get(local(), name).map(|key| (key, true))
}

/// Keeps `key` for `mode`, for this tab or on this device when `remember` is set; the
/// other store is cleared so the key is never in both.
pub fn save_key(mode: ConnectionMode, key: &str, remember: bool) {
    let name = key_name(mode);
    if remember {
        remove(session(), name);
        set(local(), name, key);
    } else {
        remove(local(), name);
        set(session(), name, key);
    }
}

/// Forgets the key of `mode` everywhere.
pub fn forget_key(mode: ConnectionMode) {
    let name = key_name(mode);
    remove(session(), name);
    remove(local(), name);
}

/// The mode chosen on an earlier visit.
pub fn load_mode() -> Option<ConnectionMode> {
    get(local(), MODE).and_then(|m| ConnectionMode::parse(&m))
}

/// Keeps the chosen mode.
pub fn save_mode(mode: ConnectionMode) {
    set(local(), MODE, mode.as_str());
}

/// The emulator URL typed on an earlier visit.
pub fn load_emulator_url() -> Option<String> {
    get(local(), EMULATOR_URL)
}

/// Keeps the emulator URL.
pub fn save_emulator_url(url: &str) {
    set(local(), EMULATOR_URL, url);
}

/// The base URL of a proxy that holds the key, typed on an earlier visit.
pub fn load_proxy_url() -> Option<String> {
    get(local(), PROXY_URL)
}

/// Keeps (or with `None`, forgets) the proxy's base URL.
pub fn save_proxy_url(url: Option<&str>) {
    match url {
        Some(url) => set(local(), PROXY_URL, url),
        None => remove(local(), PROXY_URL),
    }
}
