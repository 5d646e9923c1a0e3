//! API keys: from `x-goog-api-key` or `?key=`, checked against `--api-key`.
//!
//! The key is compared and dropped here; it is never stored, logged or echoed.

use axum::http::HeaderMap;

use crate::errors::ApiError;

/// The key a request carries, if any.
fn presented_key<'a>(headers: &'a HeaderMap, query: Option<&'a str>) -> Option<&'a str> {
    if let Some(value) = headers.get("x-goog-api-key") {
        return Some(value.to_str().unwrap_or(""));
    }
    query?.split('&').find_map(|pair| pair.strip_prefix("key="))
}

/// Accepts the request or returns the API's answer to a missing or wrong key.
pub fn check(
    headers: &HeaderMap,
    query: Option<&str>,
    expected: Option<&str>,
) -> Result<(), ApiError> {
    let Some(key) = presented_key(headers, query) else {
        return Err(ApiError::unregistered_caller());
    };
    let key = key.trim();
    let valid = match expected {
        Some(expected) => key == expected,
        None => !key.is_empty(),
    };
    if valid {
        Ok(())
    } else {
        Err(ApiError::api_key_invalid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::Status;
    use axum::http::HeaderValue;
    use proptest::prelude::*;

    fn with_header(key: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-goog-api-key", HeaderValue::from_str(key).unwrap());
        headers
    }

    #[test]
    fn no_key_is_permission_denied() {
        let error = check(&HeaderMap::new(), None, None).unwrap_err();
        assert_eq!(error.status, Status::PermissionDenied);
    }

    #[test]
    fn any_non_empty_key_passes_without_a_configured_key() {
        assert!(check(&with_header("anything"), None, None).is_ok());
        assert_eq!(
            check(&with_header(""), None, None).unwrap_err().status,
            Status::InvalidArgument
        );
    }

    #[test]
    fn a_configured_key_must_match() {
        assert!(check(&with_header("right"), None, Some("right")).is_ok());
        let error = check(&with_header("wrong"), None, Some("right")).unwrap_err();
        assert_eq!(
            error.message,
            "API key not valid. Please pass a valid API key."
        );
    }

    #[test]
    fn the_query_parameter_counts_too() {
        assert!(check(&HeaderMap::new(), Some("alt=sse&key=right"), Some("right")).is_ok());
    }

    proptest! {
        #[test]
        fn the_error_never_contains_the_key(key in "[A-Za-z0-9]{10,40}") {
            let error = check(&with_header(&key), None, Some("expected-key")).unwrap_err();
            prop_assert!(!error.body().to_string().contains(&key));
        }
    }
}
