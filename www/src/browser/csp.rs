//! Installs the page's connection policy (`domain::csp`) as a `<meta>` in `<head>`
//! before the app sends anything, and tells whether a new proxy needs a reload.

use crate::domain::csp::{allowed_without_proxy, connect_src, origin_of};
use std::cell::RefCell;

thread_local! {
    /// The proxy origin the installed policy allows.
    static ALLOWED_PROXY: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Adds `<meta http-equiv="Content-Security-Policy" content="connect-src ...">` for
/// `proxy` (once per page).
pub fn install(proxy: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(head), Ok(meta)) = (document.head(), document.create_element("meta")) else {
        return;
    };
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", &connect_src(proxy));
    let _ = meta.set_attribute("data-policy", "connections");
    if head.append_child(&meta).is_ok() {
        ALLOWED_PROXY.with(|p| *p.borrow_mut() = proxy.and_then(origin_of));
    }
}

/// Whether requests to `proxy` are blocked by the installed policy (the page must
/// reload to allow them).
pub fn needs_reload(proxy: &str) -> bool {
    let Some(origin) = origin_of(proxy) else {
        return false;
    };
    let allowed = ALLOWED_PROXY.with(|p| p.borrow().clone());
    allowed.as_deref() != Some(origin.as_str()) && !allowed_without_proxy(&origin)
}
