//! Per-call options as the SDK takes them (`config.abortSignal`, `config.httpOptions`),
//! resolved over the client's into the [`Context`] a call is sent with.

use crate::genai::ClientCore;
use crate::request::options::HttpOptions;
use crate::transport::Transport;
use crate::values::field;
use gemini_vision::endpoint::Endpoint;
use gemini_vision::retry::RetryPolicy;
use gemini_vision::{ApiKey, Error, Result};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

/// `config.abortSignal`: an `AbortSignal` or nothing (any other value is refused, so a
/// typo cannot silently make a call unabortable).
pub(crate) fn abort_signal(config: &JsValue) -> Result<Option<AbortSignal>> {
    crate::values::signal_field(config, "abortSignal")
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
    /// `extraBody`, the call's else the client's: merged into JSON bodies made here.
    pub(crate) extra_body: Option<JsValue>,
}

impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("transport", &self.transport)
            .field("endpoint", &self.endpoint)
            .field(
                "headers",
                &crate::request::options::header_names(&self.headers),
            )
            .field("timeout_ms", &self.timeout_ms)
            .field("signal", &self.signal.is_some())
            .field("retry", &self.retry)
            .field("extra_body", &self.extra_body.is_some())
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
        let options = core.http().patched(http);
        Ok(Context {
            transport: core.transport.clone(),
            endpoint,
            headers: options.headers,
            timeout_ms: options.timeout_ms,
            signal,
            retry: options.retry.unwrap_or_default(),
            extra_body: options.extra_body,
        })
    }

    /// The context of a models call: `transport`'s endpoint, headers, timeout and
    /// retries (the client's with the call's `httpOptions` over them, as
    /// [`Transport::for_call`] makes it), and the caller's signal.
    pub(crate) fn of_transport(transport: Rc<Transport>, signal: Option<AbortSignal>) -> Self {
        let http = transport.http();
        Context {
            endpoint: transport.endpoint().clone(),
            headers: http.headers.clone(),
            timeout_ms: http.timeout_ms,
            retry: http.retry.clone().unwrap_or_default(),
            // The models' bodies are made with it already (`request`).
            extra_body: None,
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

    /// Where the client's requests go and how, with this call's `httpOptions`.
    pub(crate) fn transport(&self) -> &Rc<Transport> {
        &self.transport
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
