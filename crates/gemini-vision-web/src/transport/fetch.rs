//! One `fetch`: method, URL, headers, body, signal.

use super::errors::from_js;
use gemini_vision::{ApiKey, Endpoint, Error, Result};
use js_sys::{Promise, Uint8Array};
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, Headers, Request, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, present in windows and workers alike.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &Request) -> std::result::Result<Promise, JsValue>;
}

/// Where requests go and with which key: shared by the client and its `files`.
#[derive(Clone)]
pub struct Transport {
    endpoint: Endpoint,
    api_key: Option<ApiKey>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `ApiKey`'s own Debug is redacted; say only whether there is one.
        f.debug_struct("Transport")
            .field("endpoint", &self.endpoint)
            .field("api_key", &self.api_key.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// A request body.
#[derive(Debug, Clone)]
pub enum CallBody {
    /// No body.
    Empty,
    /// Small bytes made in wasm (JSON), copied once into JS.
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
    /// Requests to `endpoint`, with `api_key` (if any) in the `x-goog-api-key` header.
    pub fn new(endpoint: Endpoint, api_key: Option<ApiKey>) -> Self {
        Transport { endpoint, api_key }
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
        let request = self.request(call)?;
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

    fn request(&self, call: &Call<'_>) -> Result<Request> {
        let headers = Headers::new().map_err(|e| self.js_error(e, None))?;
        for (name, value) in &call.headers {
            headers
                .set(name, value)
                .map_err(|_| Error::invalid("header", format!("{name} has an invalid value")))?;
        }
        if call.attach_api_key
            && let Some(key) = &self.api_key
        {
            headers
                .set(ApiKey::HEADER, key.expose())
                .map_err(|_| Error::invalid("API key", "not a valid header value"))?;
        }
        let init = RequestInit::new();
        init.set_method(call.method);
        init.set_headers(&headers);
        match &call.body {
            CallBody::Empty => {}
            CallBody::Bytes(bytes) => init.set_body(&Uint8Array::from(bytes.as_slice())),
            CallBody::Blob(blob) => init.set_body(blob),
        }
        if let Some(signal) = call.signal {
            init.set_signal(Some(signal));
        }
        Request::new_with_str_and_init(call.url, &init).map_err(|e| self.js_error(e, None))
    }
}
