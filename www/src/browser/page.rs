//! The page itself: its host, its query parameters, and a clock.

/// The page's `location.hostname` (empty outside a window).
pub fn hostname() -> String {
    web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .unwrap_or_default()
}

/// A query parameter of the page's URL (`?emulator=http://127.0.0.1:9000`), used to
/// point the demo at an emulator elsewhere. Never carries a key.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|v| !v.trim().is_empty())
}

/// Loads the page again (the state on screen is lost; saved settings stay).
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Milliseconds from `performance.now()` (0 when unavailable).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Adds a `performance.mark` (the end-to-end tests time the demo with them).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // A mark that cannot be added only loses a measurement.
        let _ = performance.mark(name);
    }
}

/// On a narrow screen the results sit below the inputs: scroll them into view.
pub fn reveal_results() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let narrow = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < 960.0);
    if !narrow {
        return;
    }
    if let Some(outputs) = window
        .document()
        .and_then(|d| d.query_selector(".outputs").ok().flatten())
    {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        outputs.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
