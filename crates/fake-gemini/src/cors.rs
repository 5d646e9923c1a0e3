//! CORS as a browser needs it, with Google's quirks, for the pages that may call the
//! emulator at all (loopback origins and `--allow-origin`; [`crate::access::guard`]
//! refuses the others before this runs, preflights included).
//!
//! Preflights are answered for every path with the requested method and headers.
//! Answers expose every `X-Goog-Upload-*` header, or in strict mode only
//! `X-Goog-Upload-URL` and `X-Goog-Upload-Status`, which is all we may assume of the
//! real API. An upload session's answers carry the `Origin` its start request came from,
//! whatever origin asks, so a session cannot be used from another origin.

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS, ORIGIN,
    VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::Shared;

/// Exposed in the normal mode.
const EXPOSE_ALL: &str = "X-Goog-Upload-URL, X-Goog-Upload-Status, X-Goog-Upload-Control-URL, \
    X-Goog-Upload-Chunk-Granularity, X-Goog-Upload-Size-Received, \
    X-Goog-Upload-Header-Content-Length, X-Goog-Upload-Header-Content-Type, X-GUploader-UploadID";
/// Exposed in strict mode.
const EXPOSE_STRICT: &str = "X-Goog-Upload-URL, X-Goog-Upload-Status";
/// Allowed when a preflight does not list its headers.
const ALLOW_HEADERS: &str = "x-goog-api-key, x-goog-api-client, content-type, \
    x-goog-upload-protocol, x-goog-upload-command, x-goog-upload-offset, \
    x-goog-upload-header-content-length, x-goog-upload-header-content-type, \
    x-goog-upload-file-name";
const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/// The upload id in a session URL's query.
fn upload_id(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("upload_id="))
}

/// The origin to allow: the session's start origin for session URLs, else the caller's.
fn allowed_origin(state: &Shared, request_origin: &str, query: Option<&str>) -> String {
    upload_id(query)
        .and_then(|id| state.sessions.origin(id))
        .unwrap_or_else(|| request_origin.to_string())
}

fn set(headers: &mut HeaderMap, name: axum::http::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// The middleware.
pub async fn cors(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let origin = request
        .headers()
        .get(ORIGIN)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string);
    let query = request.uri().query().map(str::to_string);
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key("access-control-request-method");

    if is_preflight {
        let requested_headers = request
            .headers()
            .get(ACCESS_CONTROL_REQUEST_HEADERS)
            .and_then(|value| value.to_str().ok())
            .unwrap_or(ALLOW_HEADERS)
            .to_string();
        let mut response = StatusCode::OK.into_response();
        let headers = response.headers_mut();
        if let Some(origin) = &origin {
            set(
                headers,
                ACCESS_CONTROL_ALLOW_ORIGIN,
                &allowed_origin(&state, origin, query.as_deref()),
            );
        }
        set(headers, ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
        set(headers, ACCESS_CONTROL_ALLOW_HEADERS, &requested_headers);
        set(headers, ACCESS_CONTROL_MAX_AGE, "3600");
        set(headers, VARY, "Origin, X-Origin, Referer");
        return response;
    }

    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    set(headers, VARY, "Origin, X-Origin, Referer");
    if let Some(origin) = origin {
        // A start request's own answer: the session now exists and pins this origin.
        let strict = state.settings().strict_cors;
        set(
            headers,
            ACCESS_CONTROL_ALLOW_ORIGIN,
            &allowed_origin(&state, &origin, query.as_deref()),
        );
        set(
            headers,
            ACCESS_CONTROL_EXPOSE_HEADERS,
            if strict { EXPOSE_STRICT } else { EXPOSE_ALL },
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_the_upload_id() {
        assert_eq!(
            upload_id(Some("upload_id=abc&upload_protocol=resumable")),
            Some("abc")
        );
        assert_eq!(upload_id(Some("alt=sse")), None);
        assert_eq!(upload_id(None), None);
    }

    #[test]
    fn strict_mode_exposes_only_url_and_status() {
        assert!(!EXPOSE_STRICT.contains("Size-Received"));
        assert!(EXPOSE_ALL.contains("X-Goog-Upload-Size-Received"));
        assert!(EXPOSE_ALL.contains("X-Goog-Upload-Chunk-Granularity"));
    }

    proptest! {
        #[test]
        fn upload_id_is_found_anywhere_in_the_query(id in "[A-Za-z0-9_-]{1,20}", other in "[a-z]{1,5}=[a-z]{0,5}") {
            let query = format!("{other}&upload_id={id}");
            prop_assert_eq!(upload_id(Some(&query)), Some(id.as_str()));
        }
    }
}
