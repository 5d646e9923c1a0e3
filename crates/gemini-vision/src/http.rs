//! The HTTP vocabulary the machines speak: the requests they ask the shell to send and
//! the answers the shell hands back.
//!
//! Nothing here performs I/O. A request names its body as a byte range of the source
//! (never the bytes: the browser passes `Blob.slice(start, end)` straight to `fetch`),
//! and an answer keeps only the few headers the protocol reads, so a hostile server
//! cannot make us hold more than [`Response::BODY_CAP`] bytes plus a handful of short
//! header values.

use crate::api_key::ApiKey;
use crate::error::redacted::cut_to;
use std::fmt;

/// Header names, spelled as the official clients send them. Lookups are
/// case-insensitive, so the spelling only matters on the way out.
pub mod header {
    /// `resumable`, on the start request.
    pub const UPLOAD_PROTOCOL: &str = "X-Goog-Upload-Protocol";
    /// `start`, `upload`, `upload, finalize`, `query` or `cancel`.
    pub const UPLOAD_COMMAND: &str = "X-Goog-Upload-Command";
    /// The total size of the file, on the start request.
    pub const UPLOAD_CONTENT_LENGTH: &str = "X-Goog-Upload-Header-Content-Length";
    /// The MIME type of the file, on the start request.
    pub const UPLOAD_CONTENT_TYPE: &str = "X-Goog-Upload-Header-Content-Type";
    /// Where a chunk starts in the file.
    pub const UPLOAD_OFFSET: &str = "X-Goog-Upload-Offset";
    /// The session URL, in the start answer.
    pub const UPLOAD_URL: &str = "X-Goog-Upload-URL";
    /// `active`, `final` or `cancelled`, in every session answer.
    pub const UPLOAD_STATUS: &str = "X-Goog-Upload-Status";
    /// How many bytes the server holds, in query (and some chunk) answers.
    pub const UPLOAD_SIZE_RECEIVED: &str = "X-Goog-Upload-Size-Received";
    /// The chunk granularity, in the start answer.
    pub const UPLOAD_CHUNK_GRANULARITY: &str = "X-Goog-Upload-Chunk-Granularity";
    /// Seconds or an HTTP-date, on 429 and 503 answers.
    pub const RETRY_AFTER: &str = "Retry-After";
    /// The server's clock, needed to turn an HTTP-date `Retry-After` into a delay.
    pub const DATE: &str = "Date";
    /// The body's media type, set on the start request; read on an error answer (a body
    /// that is not JSON is shown as text, as the SDK shows it).
    pub const CONTENT_TYPE: &str = "Content-Type";
}

/// The HTTP method of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What goes in a request's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestBody {
    /// No body.
    Empty,
    /// A small JSON document built here (send with `Content-Type: application/json`,
    /// which is already among the request's headers).
    Json(Vec<u8>),
    /// The bytes `start..end` of the source, sent as they are. In a browser:
    /// `blob.slice(start, end)`. `start == end` is an empty body.
    SourceRange {
        /// First byte, inclusive.
        start: u64,
        /// Last byte, exclusive.
        end: u64,
    },
}

impl RequestBody {
    /// How many bytes the body has.
    pub fn len(&self) -> u64 {
        match self {
            RequestBody::Empty => 0,
            RequestBody::Json(bytes) => bytes.len() as u64,
            RequestBody::SourceRange { start, end } => end.saturating_sub(*start),
        }
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What authorizes a request, and so whether the shell adds the API key to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A request to the API's own endpoint (starting an upload, reading a file): the
    /// shell adds the `x-goog-api-key` header when it has a key.
    ApiKey,
    /// A request to an upload session URL. The URL itself is the credential (the
    /// official REST example and the Vercel AI SDK send no key there); the key is never
    /// sent, so a session URL that a server or a tampered resume record points
    /// elsewhere cannot collect it.
    SessionUrl,
}

/// A request the shell must send, exactly as described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL (or a path-absolute one when the endpoint's base URL is a
    /// same-origin path such as `/gemini-proxy`). Never contains the API key.
    pub url: String,
    /// Headers to set, in this order.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: RequestBody,
    /// What authorizes it. Add the key with [`HttpRequest::api_key_header`], which
    /// decides from this.
    pub credential: Credential,
}

impl HttpRequest {
    /// The `x-goog-api-key` header to add, if any: the key, only for a request to the
    /// API's own endpoint ([`Credential::ApiKey`]), and only when the shell has a key.
    pub fn api_key_header<'k>(&self, key: Option<&'k ApiKey>) -> Option<(&'static str, &'k str)> {
        match self.credential {
            Credential::ApiKey => key.map(|key| (ApiKey::HEADER, key.expose())),
            Credential::SessionUrl => None,
        }
    }

    /// The value of the header `name` (ASCII case-insensitive), if the request sets it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// The headers of an answer that the protocol reads, looked up case-insensitively.
///
/// Build it from whatever the HTTP client exposes (in a browser, `fetch`'s `Headers`,
/// where CORS may hide all but `X-Goog-Upload-URL` and `X-Goog-Upload-Status`). Headers
/// the protocol never reads are dropped on insertion, and values are cut at
/// [`ResponseHeaders::VALUE_CAP`] bytes, so memory stays bounded whatever the server sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHeaders {
    kept: Vec<(&'static str, String)>,
}

impl ResponseHeaders {
    /// The longest header value kept, in bytes (a session URL is far shorter).
    pub const VALUE_CAP: usize = 8 * 1024;

    const READ: [&'static str; 7] = [
        header::UPLOAD_URL,
        header::UPLOAD_STATUS,
        header::UPLOAD_SIZE_RECEIVED,
        header::UPLOAD_CHUNK_GRANULARITY,
        header::RETRY_AFTER,
        header::DATE,
        header::CONTENT_TYPE,
    ];

    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a header. A name the protocol does not read is ignored; a repeated name
    /// keeps its first value (as `fetch` joins repeats with `, `, a later one is noise).
    pub fn insert(&mut self, name: &str, value: &str) {
        let Some(known) = Self::READ.iter().find(|k| k.eq_ignore_ascii_case(name)) else {
            return;
        };
        if self.get(known).is_some() {
            return;
        }
        let kept = cut_to(value, Self::VALUE_CAP).trim();
        self.kept.push((known, kept.to_owned()));
    }

    /// [`insert`](Self::insert), chained.
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.insert(name, value);
        self
    }

    /// The value of `name` (ASCII case-insensitive), or `None` when it is missing.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.kept
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for ResponseHeaders {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut headers = Self::new();
        for (name, value) in iter {
            headers.insert(name.as_ref(), value.as_ref());
        }
        headers
    }
}

/// An HTTP answer, as the shell received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// The headers the shell could read.
    pub headers: ResponseHeaders,
    /// The body, at most [`Response::BODY_CAP`] bytes: the shell stops reading there,
    /// and the machines cut anything longer.
    pub body: Vec<u8>,
    /// How long the request took, from sending to the end of the answer, in ms.
    /// Adaptive chunk sizing and the poller's timeout use it; pass 0 if unknown.
    pub elapsed_ms: u64,
}

impl Response {
    /// The most body bytes the shell needs to read from any answer these machines
    /// consume. A `File` resource is about a kilobyte and Google's error bodies are
    /// smaller; 256 KiB leaves room for long `details` without letting a broken proxy's
    /// endless page fill memory.
    pub const BODY_CAP: usize = 256 * 1024;

    /// An answer with `status`, no headers, no body, and an unknown duration.
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: ResponseHeaders::new(),
            body: Vec::new(),
            elapsed_ms: 0,
        }
    }

    /// Adds a header (see [`ResponseHeaders::insert`]).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Sets the body, cut at [`Response::BODY_CAP`].
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self.body.truncate(Self::BODY_CAP);
        self
    }

    /// Sets the measured duration.
    pub fn elapsed_ms(mut self, millis: u64) -> Self {
        self.elapsed_ms = millis;
        self
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body, never longer than the cap even if a caller filled the field directly.
    pub(crate) fn capped_body(&self) -> &[u8] {
        let end = self.body.len().min(Self::BODY_CAP);
        self.body.get(..end).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lookup_ignores_case() {
        let headers = ResponseHeaders::new().with("x-goog-upload-status", "active");
        assert_eq!(headers.get("X-Goog-Upload-Status"), Some("active"));
        assert_eq!(headers.get("X-GOOG-UPLOAD-STATUS"), Some("active"));
    }

    #[test]
    fn missing_header_is_none() {
        let headers = ResponseHeaders::new().with(header::UPLOAD_STATUS, "active");
        assert_eq!(headers.get(header::UPLOAD_SIZE_RECEIVED), None);
    }

    #[test]
    fn headers_the_protocol_never_reads_are_dropped() {
        let headers: ResponseHeaders = [("Set-Cookie", "a=b"), ("X-Goog-Upload-URL", "/s")]
            .into_iter()
            .collect();
        assert_eq!(headers.get("set-cookie"), None);
        assert_eq!(headers.get(header::UPLOAD_URL), Some("/s"));
    }

    #[test]
    fn long_header_values_are_cut_on_a_char_boundary() {
        let value = "é".repeat(ResponseHeaders::VALUE_CAP);
        let headers = ResponseHeaders::new().with(header::UPLOAD_URL, &value);
        let kept = headers.get(header::UPLOAD_URL).unwrap();
        assert!(kept.len() <= ResponseHeaders::VALUE_CAP);
        assert!(kept.chars().all(|c| c == 'é'));
    }

    #[test]
    fn repeated_header_keeps_the_first_value() {
        let headers = ResponseHeaders::new()
            .with(header::UPLOAD_STATUS, "active")
            .with(header::UPLOAD_STATUS, "final");
        assert_eq!(headers.get(header::UPLOAD_STATUS), Some("active"));
    }

    #[test]
    fn body_is_cut_at_the_cap() {
        let response = Response::new(200).body(vec![b'x'; Response::BODY_CAP + 10]);
        assert_eq!(response.body.len(), Response::BODY_CAP);
    }

    #[test]
    fn capped_body_cuts_a_body_set_directly() {
        let mut response = Response::new(200);
        response.body = vec![0; Response::BODY_CAP + 1];
        assert_eq!(response.capped_body().len(), Response::BODY_CAP);
    }

    #[test]
    fn the_key_header_goes_only_on_requests_to_the_api() {
        let key = ApiKey::new("k").unwrap();
        let mut request = HttpRequest {
            method: Method::Post,
            url: "/s".into(),
            headers: Vec::new(),
            body: RequestBody::Empty,
            credential: Credential::ApiKey,
        };
        assert_eq!(
            request.api_key_header(Some(&key)),
            Some(("x-goog-api-key", "k"))
        );
        assert_eq!(request.api_key_header(None), None);
        request.credential = Credential::SessionUrl;
        assert_eq!(request.api_key_header(Some(&key)), None);
    }

    #[test]
    fn source_range_length_is_end_minus_start() {
        assert_eq!(RequestBody::SourceRange { start: 5, end: 9 }.len(), 4);
        assert!(RequestBody::SourceRange { start: 9, end: 9 }.is_empty());
        assert!(RequestBody::Empty.is_empty());
    }
}
