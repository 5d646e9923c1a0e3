//! One `fetch`: method, URL, headers, body, signal; never following a redirect, the key
//! only on requests to the API's own origin, and each attempt bounded by the client's
//! timeout.

use super::errors::from_js;
use crate::rest::origin::key_may_go_to;
use gemini_vision::endpoint::Endpoint;
use gemini_vision::retry::RetryPolicy;
use gemini_vision::{ApiKey, Error, Result};
use js_sys::Promise;
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, Headers, Request, RequestInit, RequestRedirect, Response};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, present in windows and workers alike.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &Request) -> std::result::Result<Promise, JsValue>;
}

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = attemptSignal)]
    fn attempt_signal(timeout_ms: f64, signal: Option<&AbortSignal>) -> Option<AbortSignal>;
}

/// The header that tells the server how long the client waits (the SDK sends it when a
/// timeout is set), in whole seconds.
const SERVER_TIMEOUT_HEADER: &str = "X-Server-Timeout";

/// How requests are sent, besides where: `httpOptions` of the client (or of one call).
#[derive(Debug, Clone, Default)]
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

/// A request body.
#[derive(Debug, Clone)]
pub enum CallBody {
    /// No body.
    Empty,
    /// Small bytes made in wasm, copied once into JS (the browser tests' raw requests).
    #[cfg(feature = "test-support")]
    Bytes(Vec<u8>),
    /// A `Blob` (a slice of the user's file, or an inline body assembled from
    /// pieces): `fetch` streams it without a copy in wasm.
    Blob(Blob),
}

/// One request to send.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// The URL (never with the key in it).
    pub url: &'a str,
    /// Headers besides the key.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: CallBody,
    /// Whether `x-goog-api-key` may go on this request (not on a session URL that a
    /// server put on another origin).
    pub attach_api_key: bool,
    /// Aborts the request in flight.
    pub signal: Option<&'a AbortSignal>,
}

impl<'a> Call<'a> {
    /// A request with no headers or body, the key attached.
    pub fn new(method: &'static str, url: &'a str, signal: Option<&'a AbortSignal>) -> Self {
        Call {
            method,
            url,
            headers: Vec::new(),
            body: CallBody::Empty,
            attach_api_key: true,
            signal,
        }
    }

    /// The same request with a JSON-typed body.
    pub fn json(mut self, body: CallBody) -> Self {
        self.headers
            .push(("Content-Type", "application/json".to_owned()));
        self.body = body;
        self
    }
}

impl Transport {
    /// Requests to `endpoint`, with `api_key` (if any) in the `x-goog-api-key` header
    /// (the browser tests' raw requests).
    #[cfg(feature = "test-support")]
    pub fn new(endpoint: Endpoint, api_key: Option<ApiKey>) -> Self {
        Self::with_settings(endpoint, api_key, HttpSettings::default())
    }

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

    /// Sends `call`; an HTTP answer of any status is `Ok`. Fails with
    /// [`Error::Aborted`] when the signal fired, [`Error::Transport`] when no answer
    /// came.
    pub async fn send(&self, call: &Call<'_>) -> Result<Response> {
        if call.signal.is_some_and(AbortSignal::aborted) {
            return Err(Error::Aborted);
        }
        // The attempt's own signal: the caller's, cut short by the timeout. It stays
        // armed while the body is read, as the SDK's does.
        let timeout = self.settings.timeout_ms.filter(|ms| *ms > 0);
        let signal = match timeout {
            Some(ms) => attempt_signal(ms as f64, call.signal),
            None => call.signal.cloned(),
        };
        let request = self.request(call, signal.as_ref())?;
        let promise = global_fetch(&request).map_err(|e| self.js_error(e, call.signal))?;
        let answer = JsFuture::from(promise)
            .await
            .map_err(|e| self.js_error(e, call.signal))?;
        answer
            .dyn_into::<Response>()
            .map_err(|_| Error::malformed("fetch answer", "not a Response"))
    }

    /// A JS failure as the core's error, with the key scrubbed from its text.
    pub fn js_error(&self, value: JsValue, signal: Option<&AbortSignal>) -> Error {
        from_js(&value, signal, self.api_key.as_ref())
    }

    fn request(&self, call: &Call<'_>, signal: Option<&AbortSignal>) -> Result<Request> {
        let headers = Headers::new().map_err(|e| self.js_error(e, None))?;
        for (name, value) in &self.settings.headers {
            if name.eq_ignore_ascii_case(ApiKey::HEADER) {
                continue;
            }
            headers
                .set(name, value)
                .map_err(|_| Error::invalid("header", format!("{name} is not a valid header")))?;
        }
        if let Some(ms) = self.settings.timeout_ms.filter(|ms| *ms > 0) {
            let seconds = ms.div_ceil(1000).to_string();
            let _ = headers.set(SERVER_TIMEOUT_HEADER, &seconds);
        }
        for (name, value) in &call.headers {
            headers
                .set(name, value)
                .map_err(|_| Error::invalid("header", format!("{name} has an invalid value")))?;
        }
        // The key goes only to the API's own origin, as the browser's URL parser sees
        // both: never to another host a URL may name (a session URL, a redirect).
        if call.attach_api_key
            && key_may_go_to(call.url, &self.endpoint)
            && let Some(key) = &self.api_key
        {
            headers
                .set(ApiKey::HEADER, key.expose())
                .map_err(|_| Error::invalid("API key", "not a valid header value"))?;
        }
        let init = RequestInit::new();
        init.set_method(call.method);
        init.set_headers(&headers);
        // A redirect could carry the request (and its key) to another host: refused.
        init.set_redirect(RequestRedirect::Error);
        match &call.body {
            CallBody::Empty => {}
            #[cfg(feature = "test-support")]
            CallBody::Bytes(bytes) => init.set_body(&js_sys::Uint8Array::from(bytes.as_slice())),
            CallBody::Blob(blob) => init.set_body(blob),
        }
        if let Some(signal) = signal {
            init.set_signal(Some(signal));
        }
        Request::new_with_str_and_init(call.url, &init).map_err(|e| self.js_error(e, None))
    }
}
