//! Which origin a URL names, decided by the browser's own `URL` parser (WHATWG rules:
//! `\`, `//`, dot segments and all), never by string checks of ours.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::Url;

/// The page's (or worker's) URL, against which a path-only base URL (`/gemini-proxy`)
/// is resolved, as `fetch` resolves it.
fn document_url() -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location")).ok()?;
    Reflect::get(&location, &JsValue::from_str("href"))
        .ok()?
        .as_string()
}

/// The origin of `url` (relative URLs resolved against the page), or `None` when the
/// browser cannot parse it or it has no origin to speak of (`null`).
pub fn origin_of(url: &str) -> Option<String> {
    let parsed = match document_url() {
        Some(base) => Url::new_with_base(url, &base).ok()?,
        None => Url::new(url).ok()?,
    };
    let origin = parsed.origin();
    (origin != "null").then_some(origin)
}

/// Whether `url` goes to the same origin as `base` (both as `fetch` would resolve them).
pub fn same_origin(url: &str, base: &str) -> bool {
    match (origin_of(url), origin_of(base)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}
