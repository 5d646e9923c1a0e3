//! `httpOptions` (of the client, and of one call through `config.httpOptions`) and the
//! other per-call options (`config.abortSignal`, our `config.onUploadProgress`), read
//! field by field, merged as the SDK merges them (`patchHttpOptions`: an object option
//! such as `headers` is merged key by key, any other replaces).
//!
//! `retryOptions` differs on purpose: the SDK retries only when it is given; we retry
//! 408, 429 and 5xx answers and network failures by default (six retries from 1 s,
//! doubling to 32 s, honouring `Retry-After`), and `retryOptions` changes the counts and
//! waits (`attempts`, `initialDelay`, `maxDelay`, `expBase`, in seconds as the SDK has
//! them); `jitter` and `httpStatusCodes` are not read (our jitter is always on, and
//! which statuses are worth a retry is the core's rule). Files, caches and batches read
//! their `config.httpOptions` with this reader too (`rest::HttpOptions::from_config`).

use crate::genai::ClientCore;
use crate::rest::Context;
use crate::values::{field, function_field, number_field, signal_field, string_field, string_map};
use gemini_vision::endpoint::Endpoint;
use gemini_vision::retry::RetryPolicy;
use gemini_vision::{Error, Result};
use js_sys::Function;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// `httpOptions` of the client or of one call (`config.httpOptions`), read: each field
/// a call sets overrides the client's (`headers` are merged over the client's, name by
/// name, as the SDK merges them).
#[derive(Clone, Default, PartialEq)]
pub struct HttpOptions {
    /// `baseUrl`.
    pub base_url: Option<String>,
    /// `apiVersion`.
    pub api_version: Option<String>,
    /// `headers`, in the order given: sent with the API's requests, never with an upload
    /// session's, and never in the key's place.
    pub headers: Vec<(String, String)>,
    /// `timeout`: milliseconds each attempt may take before it fails with `TIMEOUT`.
    pub timeout_ms: Option<u64>,
    /// `retryOptions`, as our retry policy (`None`: the client's, else ours).
    pub retry: Option<RetryPolicy>,
    /// `extraBody`: merged into every JSON body (`generateContent`'s and `countTokens`'
    /// when they are made, the others' as they are sent).
    pub extra_body: Option<JsValue>,
}

/// Header names only: a header's value may be a credential (a proxy's token, a key).
pub(crate) fn header_names(headers: &[(String, String)]) -> Vec<&str> {
    headers.iter().map(|(name, _)| name.as_str()).collect()
}

impl fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpOptions")
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("headers", &header_names(&self.headers))
            .field("timeout_ms", &self.timeout_ms)
            .field("retry", &self.retry)
            .field("extra_body", &self.extra_body.is_some())
            .finish()
    }
}

impl HttpOptions {
    /// Reads `config.httpOptions` (absent: no overrides).
    pub(crate) fn from_config(config: &JsValue) -> Result<HttpOptions> {
        Self::read(&field(config, "httpOptions").unwrap_or(JsValue::UNDEFINED))
    }

    /// Reads an `httpOptions` object (`undefined` reads as no options).
    pub(crate) fn read(value: &JsValue) -> Result<HttpOptions> {
        if value.is_undefined() || value.is_null() {
            return Ok(HttpOptions::default());
        }
        if !value.is_object() {
            return Err(Error::invalid("httpOptions", "expected an object"));
        }
        let headers = match field(value, "headers") {
            None => Vec::new(),
            Some(headers) => string_map(&headers, "httpOptions.headers")?,
        };
        let timeout_ms = match number_field(value, "timeout")? {
            None => None,
            Some(ms) if ms >= 0.0 && ms <= 2f64.powi(31) => Some(ms.ceil() as u64),
            Some(_) => return Err(Error::invalid("timeout", "expected milliseconds from 0")),
        };
        let retry = match field(value, "retryOptions") {
            None => None,
            Some(options) => Some(retry_policy(&options)?),
        };
        Ok(HttpOptions {
            base_url: string_field(value, "baseUrl")?,
            api_version: string_field(value, "apiVersion")?,
            headers,
            timeout_ms,
            retry,
            extra_body: field(value, "extraBody").filter(|v| v.is_object()),
        })
    }

    /// These options with `call`'s on top.
    pub(crate) fn patched(&self, call: &HttpOptions) -> HttpOptions {
        let mut headers = self.headers.clone();
        for (name, value) in &call.headers {
            headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
            headers.push((name.clone(), value.clone()));
        }
        HttpOptions {
            base_url: call.base_url.clone().or_else(|| self.base_url.clone()),
            api_version: call
                .api_version
                .clone()
                .or_else(|| self.api_version.clone()),
            headers,
            timeout_ms: call.timeout_ms.or(self.timeout_ms),
            retry: call.retry.clone().or_else(|| self.retry.clone()),
            extra_body: call.extra_body.clone().or_else(|| self.extra_body.clone()),
        }
    }
}

/// `retryOptions` as our retry policy.
fn retry_policy(options: &JsValue) -> Result<RetryPolicy> {
    let mut policy = RetryPolicy::default();
    let seconds = |name: &'static str| -> Result<Option<u64>> {
        match number_field(options, name)? {
            Some(s) if (0.0..=86_400.0).contains(&s) => Ok(Some((s * 1000.0).round() as u64)),
            Some(_) => Err(Error::invalid(name, "expected seconds from 0 to 86400")),
            None => Ok(None),
        }
    };
    if let Some(attempts) = number_field(options, "attempts")? {
        if !(1.0..=100.0).contains(&attempts) || attempts.fract() != 0.0 {
            return Err(Error::invalid(
                "attempts",
                "expected a whole number from 1 to 100",
            ));
        }
        policy.max_retries = attempts as u32 - 1;
    }
    if let Some(initial) = seconds("initialDelay")? {
        policy.backoff.initial_ms = initial;
    }
    if let Some(max) = seconds("maxDelay")? {
        policy.backoff.max_ms = max.max(policy.backoff.initial_ms);
    }
    if let Some(base) = number_field(options, "expBase")? {
        policy.backoff.multiplier = base;
    }
    Ok(policy)
}

/// Everything one call is made with.
#[derive(Debug, Clone)]
pub(crate) struct CallOptions {
    /// Where and how its requests go (the client's, with the call's `httpOptions`), and
    /// the caller's `config.abortSignal` (it aborts uploads, the request and every wait).
    pub(crate) context: Context,
    /// Our `config.onUploadProgress`: progress of the media the plan uploads.
    pub(crate) progress: Option<Function>,
    /// `httpOptions.extraBody`.
    pub(crate) extra_body: Option<JsValue>,
    /// The largest body sent inline.
    pub(crate) max_inline_bytes: u64,
}

impl CallOptions {
    /// The options of a call whose `config` is `config` (any JS value: a missing one
    /// reads as none).
    pub(crate) fn read(core: &ClientCore, config: &JsValue) -> Result<CallOptions> {
        if !config.is_undefined() && !config.is_null() && !config.is_object() {
            return Err(Error::invalid("config", "expected an object"));
        }
        let call = HttpOptions::from_config(config)?;
        let options = core.http().patched(&call);
        let transport = if call.base_url.is_none()
            && call.api_version.is_none()
            && call.headers.is_empty()
            && call.timeout_ms.is_none()
            && call.retry.is_none()
        {
            core.transport.clone()
        } else {
            let endpoint = core.endpoint_for(&options)?;
            Rc::new(core.transport.for_call(endpoint, options.clone()))
        };
        Ok(CallOptions {
            context: Context::of_transport(transport, signal_field(config, "abortSignal")?),
            progress: function_field(config, "onUploadProgress")?,
            extra_body: options.extra_body,
            max_inline_bytes: core.max_inline_bytes,
        })
    }

    /// Where the call's requests go.
    pub(crate) fn endpoint(&self) -> &Endpoint {
        &self.context.endpoint
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_names_headers_but_never_shows_their_values() {
        let options = HttpOptions {
            headers: vec![("x-goog-api-key".into(), "AIzaSecret123".into())],
            ..HttpOptions::default()
        };
        let shown = format!("{options:?}");
        assert!(shown.contains("x-goog-api-key"), "{shown}");
        assert!(!shown.contains("AIzaSecret123"), "{shown}");
    }
}
