//! A resource method's call: sent again after 429, 5xx and network failures as the
//! core's [`Retrier`] decides (every wait cut short by the signal), and its JSON answer
//! parsed by the browser.

use super::Context;
use super::send::{Answer, Outgoing, send};
use crate::response::{json, sdk_http_response};
use crate::timer::{random_seed, sleep};
use crate::transport::{read_capped, response_headers, scrub};
use gemini_vision::http::Response as CoreResponse;
use gemini_vision::retry::{Retrier, RetryPolicy, RetryVerdict};
use gemini_vision::{Error, Result};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Sends `out` until a 2xx answer comes (its body unread) or the call's retries
/// (`retryOptions`) run out. A timeout is not retried: the caller set how long an
/// attempt may take.
pub(crate) async fn send_until_accepted(context: &Context, out: &Outgoing<'_>) -> Result<Answer> {
    send_with_policy(context, out, context.retry.clone()).await
}

/// [`send_until_accepted`] with another retry policy (none for a request that must not
/// be repeated, such as a batch creation).
pub(crate) async fn send_with_policy(
    context: &Context,
    out: &Outgoing<'_>,
    policy: RetryPolicy,
) -> Result<Answer> {
    let key = context.api_key();
    let mut retrier = Retrier::new(policy, random_seed(), key);
    loop {
        let verdict = match send(context, out).await {
            Ok(answer) if answer.response.ok() => return Ok(answer),
            Ok(answer) => {
                let response = &answer.response;
                let headers = response_headers(response);
                let body = read_capped(
                    response,
                    CoreResponse::BODY_CAP,
                    false,
                    context.signal(),
                    key,
                )
                .await
                .map_err(|e| answer.explain(e))?;
                retrier.on_response(&CoreResponse {
                    status: response.status(),
                    headers,
                    body,
                    elapsed_ms: 0,
                })
            }
            Err(Error::Transport { message }) => retrier.on_transport_error(&message),
            Err(other) => return Err(other),
        };
        match verdict {
            RetryVerdict::Retry { after_ms } => sleep(after_ms, context.signal()).await?,
            RetryVerdict::Fail(error) => return Err(scrub(error, key)),
            // Only a 2xx is accepted, and that returned above.
            RetryVerdict::Accept => return Err(Error::malformed("answer", "accepted twice")),
        }
    }
}

/// The JSON answer of `out` (parsed by the browser) and its `sdkHttpResponse`.
pub(crate) async fn json_call(context: &Context, out: &Outgoing<'_>) -> Result<(JsValue, JsValue)> {
    json_call_with(context, out, context.retry.clone()).await
}

/// [`json_call`] with another retry policy.
pub(crate) async fn json_call_with(
    context: &Context,
    out: &Outgoing<'_>,
    policy: RetryPolicy,
) -> Result<(JsValue, JsValue)> {
    let answer = send_with_policy(context, out, policy).await?;
    let body = json(&answer.response, context.signal(), context.api_key())
        .await
        .map_err(|e| answer.explain(e))?;
    Ok((body, sdk_http_response(&answer.response)))
}

/// `{ sdkHttpResponse, ...body }`: the SDK's response classes put the HTTP headers
/// first; every field of the body is kept.
pub(crate) fn with_http_response(body: &JsValue, http: &JsValue) -> JsValue {
    let object = Object::new();
    let _ = Reflect::set(&object, &JsValue::from_str("sdkHttpResponse"), http);
    if body.is_object() {
        let _ = Object::assign(&object, body.unchecked_ref());
    }
    object.into()
}

/// The params a `Pager` keeps and fetches the next pages with: `{ config: { pageSize,
/// pageToken, abortSignal, httpOptions } }` as read from the caller's (a plain object
/// that `pager.js` may spread and read: the caller's own could be a proxy that throws).
pub(crate) fn pager_params(params: &JsValue) -> JsValue {
    if params.is_undefined() || params.is_null() {
        return JsValue::UNDEFINED;
    }
    let config = Object::new();
    if let Some(given) = crate::values::field(params, "config") {
        for key in ["pageSize", "pageToken", "abortSignal", "httpOptions"] {
            if let Some(value) = crate::values::field(&given, key) {
                let _ = Reflect::set(&config, &JsValue::from_str(key), &value);
            }
        }
    }
    let copy = Object::new();
    let _ = Reflect::set(&copy, &JsValue::from_str("config"), &config);
    copy.into()
}
