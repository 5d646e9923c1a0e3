//! Where requests go: `{base}/{version}/models/{model}:{method}`, as pure functions.
//!
//! The API key is never part of a URL here; it travels in the `x-goog-api-key`
//! header ([`crate::ApiKey::HEADER`]).

use crate::error::{Error, Result};

/// The public Gemini API.
pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com";

/// The API version this library speaks by default.
pub const DEFAULT_API_VERSION: &str = "v1beta";

/// A base URL and API version, from which every endpoint path is derived.
///
/// The base may be a proxy (`https://example.com/gemini`) or a path on the page's own
/// origin (`/api/gemini`); trailing slashes are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase {
    base_url: String,
    version: String,
}

impl Default for ApiBase {
    fn default() -> Self {
        ApiBase {
            base_url: DEFAULT_BASE_URL.to_owned(),
            version: DEFAULT_API_VERSION.to_owned(),
        }
    }
}

impl ApiBase {
    /// A base URL with the default API version (`v1beta`).
    pub fn new(base_url: &str) -> Self {
        ApiBase {
            base_url: base_url.trim().trim_end_matches('/').to_owned(),
            version: DEFAULT_API_VERSION.to_owned(),
        }
    }

    /// The same base with another API version (`v1`, `v1alpha`...).
    pub fn with_version(mut self, version: &str) -> Self {
        self.version = version.trim().trim_matches('/').to_owned();
        self
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// `POST` URL of `generateContent`.
    pub fn generate_content(&self, model: &str) -> Result<String> {
        self.model_method(model, "generateContent")
    }

    /// `POST` URL of `streamGenerateContent`, asking for server-sent events.
    pub fn stream_generate_content(&self, model: &str) -> Result<String> {
        Ok(self.model_method(model, "streamGenerateContent")? + "?alt=sse")
    }

    /// `POST` URL of `countTokens`.
    pub fn count_tokens(&self, model: &str) -> Result<String> {
        self.model_method(model, "countTokens")
    }

    fn model_method(&self, model: &str, method: &str) -> Result<String> {
        let id = model_id(model)?;
        Ok(format!(
            "{}/{}/models/{}:{method}",
            self.base_url,
            self.version,
            percent_encode(id)
        ))
    }
}

/// The model id without its `models/` prefix (`models/gemini-2.5-flash` ->
/// `gemini-2.5-flash`). Fails on an empty id.
pub fn model_id(model: &str) -> Result<&str> {
    let trimmed = model.trim();
    let id = trimmed.strip_prefix("models/").unwrap_or(trimmed);
    if id.is_empty() {
        return Err(Error::invalid("model", "the model name is empty"));
    }
    Ok(id)
}

/// The model's resource name, `models/{id}`, as countTokens' `generateContentRequest`
/// wants it.
pub fn model_resource_name(model: &str) -> Result<String> {
    Ok(format!("models/{}", model_id(model)?))
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so that a model
/// name can never add a path segment, a query or a fragment.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_base_is_googles_v1beta() {
        let url = ApiBase::default()
            .generate_content("gemini-2.5-flash")
            .unwrap();
        assert_eq!(
            url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
        );
    }

    #[test]
    fn the_models_prefix_is_optional() {
        let base = ApiBase::default();
        assert_eq!(
            base.count_tokens("models/gemini-2.5-flash").unwrap(),
            base.count_tokens("gemini-2.5-flash").unwrap()
        );
    }

    #[test]
    fn streaming_asks_for_sse() {
        let url = ApiBase::new("http://127.0.0.1:20001/")
            .with_version("v1")
            .stream_generate_content("m")
            .unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:20001/v1/models/m:streamGenerateContent?alt=sse"
        );
    }

    #[test]
    fn model_names_cannot_escape_their_path_segment() {
        let url = ApiBase::new("/api")
            .generate_content("../files/x?key=1#f")
            .unwrap();
        assert_eq!(
            url,
            "/api/v1beta/models/..%2Ffiles%2Fx%3Fkey%3D1%23f:generateContent"
        );
    }

    #[test]
    fn an_empty_model_is_refused() {
        for model in ["", "  ", "models/"] {
            let err = ApiBase::default().generate_content(model).unwrap_err();
            assert_eq!(err.code(), "INVALID_INPUT", "{model:?}");
        }
    }

    fn percent_decode(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn any_model_name_stays_one_reversible_path_segment(model in ".{1,40}") {
            let encoded = percent_encode(&model);
            let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~%".contains(&b);
            proptest::prop_assert!(encoded.bytes().all(allowed), "{}", encoded);
            proptest::prop_assert_eq!(percent_decode(&encoded), model.as_bytes());
        }
    }

    #[test]
    fn resource_names_gain_the_prefix_once() {
        assert_eq!(model_resource_name("models/m").unwrap(), "models/m");
        assert_eq!(model_resource_name("m").unwrap(), "models/m");
    }
}
