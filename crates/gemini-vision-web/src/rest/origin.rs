//! URLs decided as the browser decides them: parsed with its own `URL` (the WHATWG
//! parser `fetch` uses), so that what is checked is what is sent.
//!
//! What this module never does: compare URLs as strings, or pass on a URL other than
//! the browser's own serialisation of the one it checked.

use gemini_vision::endpoint::Endpoint;

use gemini_vision::{Error, Result};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use web_sys::Url;

/// The page's URL (`globalThis.location.href`), which path-only base URLs are relative
/// to; `None` where there is no location.
fn page_href() -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location")).ok()?;
    Reflect::get(&location, &JsValue::from_str("href"))
        .ok()?
        .as_string()
}

/// `url` parsed as `fetch` would resolve it (against the page for a relative URL).
pub(crate) fn parse(url: &str) -> Result<Url> {
    let parsed = match page_href() {
        Some(base) => Url::new_with_base(url, &base),
        None => Url::new(url),
    };
    parsed.map_err(|_| Error::invalid("URL", "the browser cannot parse it"))
}

/// The origin of the API `endpoint` (`https://host:port`).
pub(crate) fn api_origin(endpoint: &Endpoint) -> Result<String> {
    Ok(parse(endpoint.base_url())?.origin())
}

/// Whether the API key may go with a request to `url`: only to the API's own origin, as
/// the browser sees both.
pub(crate) fn key_may_go_to(url: &str, endpoint: &Endpoint) -> bool {
    match (parse(url), api_origin(endpoint)) {
        (Ok(url), Ok(api)) => url.origin() == api && api != "null",
        _ => false,
    }
}

fn refused(reason: &str) -> Error {
    Error::upload_protocol(
        &format!("the upload session URL is refused: {reason}"),
        None,
    )
}

/// Decides an upload session URL (from `X-Goog-Upload-URL`, a resume record or the
/// caller's `uploadUrl`): the browser's serialisation of it, or an error (which never
/// repeats the URL: it is a credential). Refused: a `\` anywhere (browsers read it as
/// `/` in http URLs), a scheme-relative URL or a path starting with `//`, credentials,
/// schemes other than http(s), an https API downgraded to http, and a URL the core's
/// string check judged to be on the API's origin (`claimed_same_origin`) that the
/// browser puts elsewhere.
pub(crate) fn session_url(
    raw: &str,
    endpoint: &Endpoint,
    claimed_same_origin: bool,
) -> Result<String> {
    let raw = raw.trim();
    if raw.contains('\\') {
        return Err(refused("it contains a backslash"));
    }
    if raw.starts_with("//") {
        return Err(refused("it is scheme-relative"));
    }
    let api = parse(endpoint.base_url())?;
    let url = Url::new_with_base(raw, &api.href()).map_err(|_| refused("it is not a URL"))?;
    let scheme = url.protocol();
    if scheme != "https:" && scheme != "http:" {
        return Err(refused("only http and https are followed"));
    }
    if api.protocol() == "https:" && scheme == "http:" {
        return Err(refused("it would downgrade an https API to http"));
    }
    if url.pathname().starts_with("//") {
        return Err(refused("its path starts with //"));
    }
    if !url.username().is_empty() || !url.password().is_empty() {
        return Err(refused("it carries credentials"));
    }
    if claimed_same_origin && url.origin() != api.origin() {
        return Err(refused(
            "the browser puts it on another origin than the API's",
        ));
    }
    Ok(url.href())
}

#[cfg(all(test, target_arch = "wasm32"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    fn google() -> Endpoint {
        Endpoint::new("https://generativelanguage.googleapis.com", "v1beta").unwrap()
    }

    #[wasm_bindgen_test]
    fn a_google_session_url_is_kept() {
        let url = "https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=AB&upload_protocol=resumable";
        assert_eq!(session_url(url, &google(), true).unwrap(), url);
    }

    #[wasm_bindgen_test]
    fn tricks_that_string_checks_miss_are_refused() {
        let proxy = Endpoint::new("/proxy", "v1beta").unwrap();
        for hostile in [
            "/.//evil.example/s",
            "/a/..//evil.example/s",
            "/\\evil.example/s",
            "//evil.example/s",
            "https://evil.example\\.localhost/s",
            "https://user:pass@generativelanguage.googleapis.com/s",
            "javascript:alert(1)",
            "http://generativelanguage.googleapis.com/s",
        ] {
            for endpoint in [&proxy, &google()] {
                let error = session_url(hostile, endpoint, true).unwrap_err();
                assert_eq!(error.code(), "UPLOAD_PROTOCOL", "{hostile}");
                assert!(!error.to_string().contains("evil"), "{error}");
            }
        }
    }

    #[wasm_bindgen_test]
    fn a_claimed_same_origin_url_on_another_host_is_refused() {
        let error = session_url("https://elsewhere.example/s", &google(), true).unwrap_err();
        assert_eq!(error.code(), "UPLOAD_PROTOCOL");
        assert!(session_url("https://elsewhere.example/s", &google(), false).is_ok());
    }

    #[wasm_bindgen_test]
    fn the_key_goes_only_to_the_api_origin() {
        let api = google();
        assert!(key_may_go_to(
            "https://generativelanguage.googleapis.com/v1beta/files",
            &api
        ));
        assert!(!key_may_go_to(
            "https://generativelanguage.googleapis.com.evil.example/",
            &api
        ));
        assert!(!key_may_go_to(
            "http://generativelanguage.googleapis.com/",
            &api
        ));
    }
}
