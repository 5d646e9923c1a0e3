//! Where the API lives: a base URL (Google's, an emulator's, or the app's own proxy)
//! and an API version, and every URL derived from them: `generateContent`,
//! `streamGenerateContent`, `countTokens`, and the File API's upload, get, list and
//! delete. Requests ([`crate::request`]) and uploads ([`crate::upload`]) share this one
//! type.
//!
//! Everything a caller names (model, file, page token) is encoded or checked so that it
//! stays inside its own path segment or query value. The API key is never part of a URL
//! here: it travels only in the `x-goog-api-key` header ([`crate::ApiKey::HEADER`]),
//! which the shell adds.

use crate::error::{Error, Result};

pub mod batch;
pub(crate) mod url_syntax;

#[cfg(test)]
pub(crate) mod browser_oracle;

/// The public Gemini API.
pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com";

/// The API version this library speaks by default (the official clients now default to
/// `v1`; the File API and vision features are documented on `v1beta`).
pub const DEFAULT_API_VERSION: &str = "v1beta";

/// A base URL and API version, validated once.
///
/// ```
/// use gemini_vision::endpoint::Endpoint;
///
/// let api = Endpoint::new("http://127.0.0.1:20001/", "v1beta")?;
/// assert_eq!(
///     api.generate_content("gemini-2.5-flash")?,
///     "http://127.0.0.1:20001/v1beta/models/gemini-2.5-flash:generateContent"
/// );
/// assert_eq!(api.upload_url(), "http://127.0.0.1:20001/upload/v1beta/files");
/// # Ok::<(), gemini_vision::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    api_version: String,
}

impl Endpoint {
    /// An endpoint at `base_url` (`https://host[:port][/path]`, `http://...` for a local
    /// emulator, or a same-origin path such as `/gemini-proxy`) speaking `api_version`.
    /// Trailing slashes are ignored.
    pub fn new(base_url: &str, api_version: &str) -> Result<Self> {
        let base_url = base_url.trim().trim_end_matches('/');
        check_base_url(base_url)?;
        let version_ok = !api_version.is_empty()
            && api_version.len() <= 32
            && api_version
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !version_ok {
            return Err(Error::invalid(
                "API version",
                "expected letters, digits, '.', '_' or '-' (like \"v1beta\")",
            ));
        }
        Ok(Endpoint {
            base_url: base_url.to_owned(),
            api_version: api_version.to_owned(),
        })
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API version.
    pub fn api_version(&self) -> &str {
        &self.api_version
    }

    /// `{base}/upload/{version}/files`: where a resumable upload starts.
    pub fn upload_url(&self) -> String {
        format!("{}/upload/{}/files", self.base_url, self.api_version)
    }

    /// `{base}/{version}/files/{id}` for a file name given as `files/{id}` or `{id}`:
    /// `GET` reads the file, `DELETE` removes it.
    pub fn file_url(&self, name: &str) -> Result<String> {
        Ok(format!(
            "{}/{}/{}",
            self.base_url,
            self.api_version,
            file_resource_name(name)?
        ))
    }

    /// `GET {base}/{version}/files`, with `pageSize` and `pageToken` when given (the
    /// token is percent-encoded, so a hostile one cannot add parameters).
    pub fn list_files_url(&self, page_size: Option<u32>, page_token: Option<&str>) -> String {
        let mut url = format!("{}/{}/files", self.base_url, self.api_version);
        let mut separator = '?';
        if let Some(size) = page_size {
            url.push_str(&format!("{separator}pageSize={size}"));
            separator = '&';
        }
        if let Some(token) = page_token.filter(|t| !t.is_empty()) {
            url.push_str(&format!("{separator}pageToken={}", percent_encode(token)));
        }
        url
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
            self.api_version,
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

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: DEFAULT_API_VERSION.to_owned(),
        }
    }
}

/// `files/{id}` for a name given as `files/{id}` or `{id}`; ids are short runs of
/// letters, digits, `-` and `_`, so nothing else can reach a URL path.
pub(crate) fn file_resource_name(name: &str) -> Result<String> {
    let id = name.trim().strip_prefix("files/").unwrap_or(name.trim());
    let id_ok = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    if id_ok {
        Ok(format!("files/{id}"))
    } else {
        Err(Error::invalid(
            "file name",
            "expected \"files/{id}\" with an id of letters, digits, '-' or '_'",
        ))
    }
}

const MAX_BASE_URL_LEN: usize = 2048;

/// Accepts `http(s)://host[:port][/path]` or a same-origin `/path`, and only in forms
/// that a browser reads exactly as written (see [`url_syntax`]): no `\`, no userinfo,
/// no `//`, `.` or `..` segments (which could turn the path into `//host`).
fn check_base_url(url: &str) -> Result<()> {
    let invalid = |reason: &str| Err(Error::invalid("base URL", reason));
    if url.is_empty() || url.len() > MAX_BASE_URL_LEN {
        return invalid("expected a non-empty URL of at most 2048 characters");
    }
    url_syntax::check_characters(url).or_else(invalid)?;
    if url.contains(['?', '#']) {
        return invalid("a base URL cannot have a query or a fragment");
    }
    let path = match url_syntax::split_absolute(url) {
        Some(Ok((_, _, path))) => path,
        Some(Err(reason)) => return invalid(reason),
        None if url.starts_with('/') => url,
        None => {
            return invalid("expected http://, https:// or a same-origin path starting with '/'");
        }
    };
    if url_syntax::has_dot_or_empty_segment(path) {
        return invalid("the path has an empty, '.' or '..' segment");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
