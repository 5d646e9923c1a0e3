//! One request of a resource method, sent with `fetch`: `redirect: "error"` (a redirect
//! must not carry the key elsewhere), the key only where [`origin::key_may_go_to`]
//! allows it, the call's headers, and a deadline per attempt.

use super::Context;
use super::origin;
use crate::transport::from_js;
use gemini_vision::{ApiKey, Error, Result};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, Headers, Request, RequestInit, RequestRedirect, Response};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// The global `fetch` (windows and workers alike), always as a promise: a page's own
    /// wrapper of `fetch` may return anything, and awaiting a non-promise would throw
    /// through the module.
    #[wasm_bindgen(js_name = fetchRequest)]
    fn global_fetch(request: &Request) -> Promise;

    /// A signal that fires on the caller's signal or after a time (`js/runtime.js`).
    #[derive(Debug)]
    type Deadline;
    #[wasm_bindgen(constructor)]
    fn new(signal: Option<&AbortSignal>, ms: Option<f64>) -> Deadline;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &Deadline) -> AbortSignal;
    #[wasm_bindgen(method, getter, js_name = timedOut)]
    fn timed_out(this: &Deadline) -> bool;
    #[wasm_bindgen(method)]
    fn dispose(this: &Deadline);
}

/// A request body.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// None.
    Empty,
    /// JSON text made in JS or wasm.
    Json(String),
    /// A `Blob` (a slice of the user's file): `fetch` streams it.
    Blob(Blob),
}

/// Whether the request may carry the API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// The key, if the client has one and the URL is on the API's origin.
    ApiKey,
    /// Never: upload session URLs are credentials of their own.
    None,
}

/// One request to send.
#[derive(Debug, Clone)]
pub(crate) struct Outgoing<'a> {
    pub(crate) method: &'static str,
    pub(crate) url: &'a str,
    /// Headers of this request (after the call's own).
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Body,
    pub(crate) credential: Credential,
}

impl<'a> Outgoing<'a> {
    /// A request to the API with the key and no body.
    pub(crate) fn api(method: &'static str, url: &'a str) -> Self {
        Outgoing {
            method,
            url,
            headers: Vec::new(),
            body: Body::Empty,
            credential: Credential::ApiKey,
        }
    }

    /// The same request with a JSON body.
    pub(crate) fn json(self, json: String) -> Self {
        self.json_body(Body::Json(json))
    }

    /// The same request with `body`, typed as JSON.
    pub(crate) fn json_body(mut self, body: Body) -> Self {
        self.headers
            .push(("Content-Type", "application/json".to_owned()));
        self.body = body;
        self
    }
}

/// An answer whose body may still be read under the attempt's deadline.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) response: Response,
    deadline: Option<Deadline>,
    timeout_ms: Option<u64>,
}

impl Answer {
    /// `error` from reading this answer's body, as a timeout when the deadline fired.
    pub(crate) fn explain(&self, error: Error) -> Error {
        explain(self.deadline.as_ref(), self.timeout_ms, error)
    }
}

impl Drop for Answer {
    fn drop(&mut self) {
        if let Some(deadline) = &self.deadline {
            deadline.dispose();
        }
    }
}

fn explain(deadline: Option<&Deadline>, timeout_ms: Option<u64>, error: Error) -> Error {
    match (deadline, timeout_ms) {
        (Some(deadline), Some(millis)) if deadline.timed_out() => Error::Timeout { millis },
        _ => error,
    }
}

/// Sends `out`; an HTTP answer of any status is `Ok`. `Err` is [`Error::Aborted`],
/// [`Error::Timeout`] or [`Error::Transport`] (no answer, or a redirect).
pub(crate) async fn send(context: &Context, out: &Outgoing<'_>) -> Result<Answer> {
    let signal = context.signal();
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Error::Aborted);
    }
    let timeout_ms = context.timeout_ms;
    let deadline = (signal.is_some() || timeout_ms.is_some())
        .then(|| Deadline::new(signal, timeout_ms.map(|ms| ms as f64)));
    let fetched = fetch(context, out, deadline.as_ref()).await;
    match fetched {
        Ok(response) => Ok(Answer {
            response,
            deadline,
            timeout_ms,
        }),
        Err(error) => {
            let error = explain(deadline.as_ref(), timeout_ms, error);
            if let Some(deadline) = &deadline {
                deadline.dispose();
            }
            Err(error)
        }
    }
}

async fn fetch(
    context: &Context,
    out: &Outgoing<'_>,
    deadline: Option<&Deadline>,
) -> Result<Response> {
    let (signal, key) = (context.signal(), context.api_key());
    let request = request(context, out, deadline.map(Deadline::signal))?;
    JsFuture::from(global_fetch(&request))
        .await
        .map_err(|e| from_js(&e, signal, key))?
        .dyn_into::<Response>()
        .map_err(|_| Error::malformed("fetch answer", "not a Response"))
}

/// `json` with `httpOptions.extraBody` merged in, as the SDK merges it into every JSON
/// body (object into object, any other value replacing); a body that is not an object
/// is sent as it is.
fn with_extra_body(json: &str, extra: Option<&JsValue>) -> Result<JsValue> {
    let Some(extra) = extra.filter(|e| e.is_object()) else {
        return Ok(JsValue::from_str(json));
    };
    let body = js_sys::JSON::parse(json)
        .ok()
        .filter(|b| b.is_object() && !js_sys::Array::is_array(b));
    let Some(body) = body else {
        return Ok(JsValue::from_str(json));
    };
    crate::request::config::merge_extra_body(body.unchecked_ref(), extra, 0)?;
    js_sys::JSON::stringify(&body)
        .map(JsValue::from)
        .map_err(|_| Error::invalid("extraBody", "cannot be written as JSON"))
}

fn request(context: &Context, out: &Outgoing<'_>, signal: Option<AbortSignal>) -> Result<Request> {
    let js = |e: JsValue| from_js(&e, None, context.api_key());
    let headers = Headers::new().map_err(js)?;
    let to_api = out.credential == Credential::ApiKey;
    if to_api {
        // Headers configured for the API go to the API, not to an upload session; the
        // key comes from `apiKey` alone, and is not replaced through them.
        for (name, value) in &context.headers {
            if name.eq_ignore_ascii_case(ApiKey::HEADER) {
                continue;
            }
            headers.set(name, value).map_err(|_| {
                Error::invalid(
                    "httpOptions.headers",
                    format!("{name} is not a valid header"),
                )
            })?;
        }
        if let Some(millis) = context.timeout_ms.filter(|ms| *ms > 0) {
            // As the SDK does: the server may give up when the client will.
            headers
                .set("X-Server-Timeout", &millis.div_ceil(1000).to_string())
                .map_err(js)?;
        }
    }
    for (name, value) in &out.headers {
        headers
            .set(name, value)
            .map_err(|_| Error::invalid("header", format!("{name} has an invalid value")))?;
    }
    if to_api
        && let Some(key) = context.api_key()
        && origin::key_may_go_to(out.url, &context.endpoint)
    {
        headers
            .set(ApiKey::HEADER, key.expose())
            .map_err(|_| Error::invalid("API key", "not a valid header value"))?;
    }
    let init = RequestInit::new();
    init.set_method(out.method);
    init.set_headers(&headers);
    init.set_redirect(RequestRedirect::Error);
    match &out.body {
        Body::Empty => {}
        Body::Json(json) => init.set_body(&with_extra_body(json, context.extra_body.as_ref())?),
        Body::Blob(blob) => init.set_body(blob),
    }
    if let Some(signal) = &signal {
        init.set_signal(Some(signal));
    }
    Request::new_with_str_and_init(out.url, &init).map_err(js)
}
