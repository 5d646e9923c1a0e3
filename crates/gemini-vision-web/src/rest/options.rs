//! Per-call options as the SDK takes them (`config.abortSignal`, `config.httpOptions`),
//! resolved over the client's into the [`Context`] a call is sent with.

use crate::genai::ClientCore;
use crate::transport::Transport;
use crate::values::field;
use gemini_vision::endpoint::Endpoint;
use gemini_vision::retry::RetryPolicy;
use gemini_vision::{ApiKey, Error, Result};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

/// `config.httpOptions` of one call: each field set here overrides the client's
/// (`headers` are merged over the client's, name by name, as the SDK merges them).
/// Read as the models' calls read theirs (`request::options`), `extraBody` aside.
#[derive(Clone, Default, PartialEq)]
pub struct HttpOptions {
    /// Another base URL for this call.
    pub base_url: Option<String>,
    /// Another API version for this call.
    pub api_version: Option<String>,
    /// Headers sent with this call's API requests.
    pub headers: Vec<(String, String)>,
    /// Milliseconds each attempt may take before it fails with a `TIMEOUT` error.
    pub timeout_ms: Option<u64>,
    /// `retryOptions`, as our retry policy (the client's when `None`, else ours).
    pub retry: Option<RetryPolicy>,
}

/// Header names only: a header's value may be a credential (a proxy's token, a key).
fn header_names(headers: &[(String, String)]) -> Vec<&str> {
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
            .finish()
    }
}

impl HttpOptions {
    /// Reads `config.httpOptions` (absent: no overrides), with the reader of the
    /// client's and the models' calls' options.
    pub(crate) fn from_config(config: &JsValue) -> Result<Self> {
        let given = field(config, "httpOptions").unwrap_or(JsValue::UNDEFINED);
        let read = crate::request::options::HttpOptions::read(&given)?;
        Ok(HttpOptions {
            base_url: read.base_url,
            api_version: read.api_version,
            headers: read.headers,
            timeout_ms: read.timeout_ms,
            retry: read.retry,
        })
    }
}

/// `config.abortSignal`: an `AbortSignal` or nothing (any other value is refused, so a
/// typo cannot silently make a call unabortable).
pub(crate) fn abort_signal(config: &JsValue) -> Result<Option<AbortSignal>> {
    match field(config, "abortSignal") {
        None => Ok(None),
        Some(value) => value
            .dyn_into::<AbortSignal>()
            .map(Some)
            .map_err(|_| Error::invalid("abortSignal", "expected an AbortSignal")),
    }
}

/// What one call is sent with: where, with which key and headers, how long each attempt
/// may take, and the caller's signal. Owned and cheap to clone, so that work which
/// outlives the caller's future (the `cancel` of an aborted upload) can keep it.
#[derive(Clone)]
pub(crate) struct Context {
    transport: Rc<Transport>,
    /// Where this call's API requests go.
    pub(crate) endpoint: Endpoint,
    /// The client's headers, then this call's.
    pub(crate) headers: Vec<(String, String)>,
    /// Per attempt.
    pub(crate) timeout_ms: Option<u64>,
    /// The caller's signal.
    pub(crate) signal: Option<AbortSignal>,
    /// When to retry and how long to wait: the call's `retryOptions`, else the
    /// client's, else ours.
    pub(crate) retry: RetryPolicy,
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("transport", &self.transport)
            .field("endpoint", &self.endpoint)
            .field("headers", &header_names(&self.headers))
            .field("timeout_ms", &self.timeout_ms)
            .field("signal", &self.signal.is_some())
            .field("retry", &self.retry)
            .finish()
    }
}

impl Context {
    /// The client's settings with `http` over them.
    pub(crate) fn new(
        core: &ClientCore,
        http: &HttpOptions,
        signal: Option<AbortSignal>,
    ) -> Result<Self> {
        let client = core.transport.endpoint();
        let endpoint = if http.base_url.is_some() || http.api_version.is_some() {
            Endpoint::new(
                http.base_url.as_deref().unwrap_or(client.base_url()),
                http.api_version.as_deref().unwrap_or(client.api_version()),
            )?
        } else {
            client.clone()
        };
        let mut headers = core.http.headers.clone();
        for (name, value) in &http.headers {
            headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
            headers.push((name.clone(), value.clone()));
        }
        Ok(Context {
            transport: core.transport.clone(),
            endpoint,
            headers,
            timeout_ms: http.timeout_ms.or(core.http.timeout_ms),
            signal,
            retry: (http.retry.clone())
                .or_else(|| core.http.retry.clone())
                .unwrap_or_default(),
        })
    }

    /// The context of a models call: `transport`'s endpoint, headers, timeout and
    /// retries (the client's with the call's `httpOptions` over them, as
    /// [`Transport::for_call`] makes it), and the caller's signal.
    pub(crate) fn of_transport(transport: Rc<Transport>, signal: Option<AbortSignal>) -> Self {
        let settings = transport.settings();
        Context {
            endpoint: transport.endpoint().clone(),
            headers: settings.headers.clone(),
            timeout_ms: settings.timeout_ms,
            retry: settings.retry.clone(),
            signal,
            transport,
        }
    }

    /// The same call with another signal (and no caller's timeout: the `cancel` of an
    /// aborted upload runs on a deadline of its own).
    pub(crate) fn detached(&self, timeout_ms: u64) -> Self {
        Context {
            signal: None,
            timeout_ms: Some(timeout_ms),
            ..self.clone()
        }
    }

    /// The key, if the client has one.
    pub(crate) fn api_key(&self) -> Option<&ApiKey> {
        self.transport.api_key()
    }

    /// The caller's signal.
    pub(crate) fn signal(&self) -> Option<&AbortSignal> {
        self.signal.as_ref()
    }
}

/// Checks that `params` is an argument object (`optional`: `undefined` and `null` too,
/// as list methods take them).
pub(crate) fn argument_object(
    params: &JsValue,
    method: &'static str,
    optional: bool,
) -> Result<()> {
    let absent = params.is_undefined() || params.is_null();
    if params.is_object() || (optional && absent) {
        Ok(())
    } else {
        Err(Error::invalid(method, "expected an argument object"))
    }
}

/// `params.config` (an object or nothing) and the context of the call it configures.
pub(crate) fn config_and_context(
    core: &ClientCore,
    params: &JsValue,
) -> Result<(JsValue, Context)> {
    let config = field(params, "config").unwrap_or(JsValue::UNDEFINED);
    if !config.is_undefined() && !config.is_object() {
        return Err(Error::invalid("config", "expected an object"));
    }
    let context = Context::new(
        core,
        &HttpOptions::from_config(&config)?,
        abort_signal(&config)?,
    )?;
    Ok((config, context))
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
