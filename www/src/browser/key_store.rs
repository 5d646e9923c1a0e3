//! Where the connection settings live between visits.
//!
//! The API key lives in `sessionStorage` (gone when the tab closes) unless the person
//! ticks "remember", which moves it to `localStorage`; never in a URL, a cookie or a
//! log. The mode and the emulator URL (not secrets) live in `localStorage`.

use crate::domain::connection::ConnectionMode;
use web_sys::Storage;

const KEY: &str = "gemini-vision-demo.api-key";
const MODE: &str = "gemini-vision-demo.mode";
const EMULATOR_URL: &str = "gemini-vision-demo.emulator-url";
const PROXY_URL: &str = "gemini-vision-demo.api-base-url";

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

/// A key kept earlier, and whether it was remembered (`localStorage`).
pub fn load_key() -> Option<(String, bool)> {
    if let Some(key) = get(session(), KEY) {
        return Some((key, false));
    }
    get(local(), KEY).map(|key| (key, true))
}

/// Keeps `key` for this tab, or on this device when `remember` is set; the other
/// store is cleared so the key is never in both.
pub fn save_key(key: &str, remember: bool) {
    if remember {
        remove(session(), KEY);
        set(local(), KEY, key);
    } else {
        remove(local(), KEY);
        set(session(), KEY, key);
    }
}

/// Forgets the key everywhere.
pub fn forget_key() {
    remove(session(), KEY);
    remove(local(), KEY);
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
