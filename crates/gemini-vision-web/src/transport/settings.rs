//! Where requests go and how they are sent: the client's endpoint, key and `httpOptions`
//! (headers, timeout, retries), shared by the client and its `files`. The requests
//! themselves go out through `rest`.

use crate::request::options::HttpOptions;
use gemini_vision::ApiKey;
use gemini_vision::endpoint::Endpoint;
use std::fmt;

/// Where requests go and with which key: shared by the client and its `files`.
#[derive(Clone)]
pub struct Transport {
    endpoint: Endpoint,
    api_key: Option<ApiKey>,
    http: HttpOptions,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `ApiKey`'s own Debug is redacted; say only whether there is one.
        f.debug_struct("Transport")
            .field("endpoint", &self.endpoint)
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("http", &self.http)
            .finish()
    }
}

impl Transport {
    /// Requests to `endpoint` with `api_key`, sent with `http` (the client's
    /// `httpOptions`: their headers, timeout and retries).
    pub fn new(endpoint: Endpoint, api_key: Option<ApiKey>, http: HttpOptions) -> Self {
        Transport {
            endpoint,
            api_key,
            http,
        }
    }

    /// The same key towards `endpoint`, sent with `http` (the client's `httpOptions`
    /// with one call's over them).
    pub fn for_call(&self, endpoint: Endpoint, http: HttpOptions) -> Self {
        Self::new(endpoint, self.api_key.clone(), http)
    }

    /// The `httpOptions` requests are sent with.
    pub fn http(&self) -> &HttpOptions {
        &self.http
    }

    /// Where the API lives.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The key, for scrubbing error texts.
    pub fn api_key(&self) -> Option<&ApiKey> {
        self.api_key.as_ref()
    }
}
