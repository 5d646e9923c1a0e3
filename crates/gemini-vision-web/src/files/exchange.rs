//! One request a core machine asked for, sent with `fetch`, and its answer in the
//! core's terms (status, the headers it reads, a capped body, the time it took).

use crate::timer::{elapsed_ms, now_ms};
use crate::transport::{Call, CallBody, Transport, read_capped, response_headers};
use gemini_vision::upload::{HttpRequest, RequestBody, Response};
use gemini_vision::{Error, Result};
use web_sys::{AbortSignal, Blob};

/// Sends `request`; its body range (if any) is `source.slice(start, end)`. `Err` is
/// [`Error::Aborted`] or [`Error::Transport`] (no answer); any HTTP answer is `Ok`.
pub async fn exchange(
    transport: &Transport,
    request: &HttpRequest,
    source: Option<&Blob>,
    signal: Option<&AbortSignal>,
) -> Result<Response> {
    let body = match &request.body {
        RequestBody::Empty => CallBody::Empty,
        RequestBody::Json(json) => CallBody::Bytes(json.clone()),
        RequestBody::SourceRange { start, end } => {
            let source = source.ok_or_else(|| Error::invalid("upload", "no source to read"))?;
            let slice = source
                .slice_with_f64_and_f64(*start as f64, *end as f64)
                .map_err(|e| transport.js_error(e, None))?;
            CallBody::Blob(slice)
        }
    };
    let call = Call {
        method: request.method.as_str(),
        url: &request.url,
        headers: request.headers.clone(),
        body,
        attach_api_key: request.attach_api_key,
        signal,
    };
    let started = now_ms();
    let answer = transport.send(&call).await?;
    let headers = response_headers(&answer);
    let body = read_capped(
        &answer,
        Response::BODY_CAP,
        false,
        signal,
        transport.api_key(),
    )
    .await?;
    Ok(Response {
        status: answer.status(),
        headers,
        body,
        elapsed_ms: elapsed_ms(started),
    })
}
