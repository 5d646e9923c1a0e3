//! Where requests go and how they are sent: the client's endpoint, key and `httpOptions`
//! (headers, timeout, retries), shared by the client and its `files`. The requests
//! themselves go out through `rest`.

use gemini_vision::ApiKey;
use gemini_vision::endpoint::Endpoint;
use gemini_vision::retry::RetryPolicy;
use std::fmt;

/// How requests are sent, besides where: `httpOptions` of the client (or of one call).
#[derive(Clone, Default)]
pub struct HttpSettings {
    /// `httpOptions.headers`: sent with every request (the key header cannot be
    /// replaced through them).
    pub headers: Vec<(String, String)>,
    /// `httpOptions.timeout`: each attempt is aborted after this many milliseconds.
    pub timeout_ms: Option<u64>,
    /// When to retry and how long to wait (ours by default; `httpOptions.retryOptions`
    /// changes the counts and waits).
    pub retry: RetryPolicy,
}

impl fmt::Debug for HttpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: a value may be a credential (a proxy's token).
        f.debug_struct("HttpSettings")
            .field(
                "headers",
                &crate::request::options::header_names(&self.headers),
            )
            .field("timeout_ms", &self.timeout_ms)
            .field("retry", &self.retry)
            .finish()
    }
}

/// Where requests go and with which key: shared by the client and its `files`.
#[derive(Clone)]
pub struct Transport {
    endpoint: Endpoint,
    api_key: Option<ApiKey>,
    settings: HttpSettings,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `ApiKey`'s own Debug is redacted; say only whether there is one.
        f.debug_struct("Transport")
            .field("endpoint", &self.endpoint)
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .field("settings", &self.settings)
            .finish()
    }
}

impl Transport {
    /// Requests to `endpoint` with `api_key`, sent as `settings` say.
    pub fn with_settings(
        endpoint: Endpoint,
        api_key: Option<ApiKey>,
        settings: HttpSettings,
    ) -> Self {
        Transport {
            endpoint,
            api_key,
            settings,
        }
    }

    /// The same key towards `endpoint`, sent as `settings` say (one call's
    /// `httpOptions`).
    pub fn for_call(&self, endpoint: Endpoint, settings: HttpSettings) -> Self {
        Self::with_settings(endpoint, self.api_key.clone(), settings)
    }

    /// How requests are sent.
    pub fn settings(&self) -> &HttpSettings {
        &self.settings
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
