//! One request a core machine asked for, sent with `fetch`, and its answer in the
//! core's terms (status, the headers it reads, a capped body, the time it took).
//!
//! Upload session requests (`upload`, `query`, `cancel` on the session URL) never carry
//! the API key, whatever the core's string check said: the session URL is the credential
//! (the official REST example sends none), and a URL that tricks a string check must not
//! receive the key. Their URL is decided by the browser's `URL` first
//! ([`origin::session_url`]). Only the `start` request, to the API's upload endpoint,
//! and the poller's `GET` carry the key.

use crate::rest::{Body, Context, Credential, Outgoing, origin, send};
use crate::timer::{elapsed_ms, now_ms};
use crate::transport::{read_capped, response_headers};
use gemini_vision::http::{HttpRequest, RequestBody, Response, header};
use gemini_vision::{Error, Result};
use web_sys::Blob;

/// Whether `request` goes to an upload session (every upload command but `start`).
pub(crate) fn is_session_request(request: &HttpRequest) -> bool {
    request
        .header(header::UPLOAD_COMMAND)
        .is_some_and(|command| !command.eq_ignore_ascii_case("start"))
}

/// Sends `request`; its body range (if any) is `source.slice(start, end)`. `Err` is
/// [`Error::Aborted`], [`Error::Timeout`], [`Error::Transport`] (no answer) or, for a
/// session URL the browser would send elsewhere, [`Error::UploadProtocol`]; any HTTP
/// answer is `Ok`.
pub(crate) async fn exchange(
    context: &Context,
    request: &HttpRequest,
    source: Option<&Blob>,
) -> Result<Response> {
    let session = is_session_request(request);
    let url = if session {
        origin::session_url(
            &request.url,
            &context.endpoint,
            request.credential == gemini_vision::http::Credential::ApiKey,
        )?
    } else {
        request.url.clone()
    };
    let body = match &request.body {
        RequestBody::Empty => Body::Empty,
        RequestBody::Json(json) => Body::Json(String::from_utf8_lossy(json).into_owned()),
        RequestBody::SourceRange { start, end } => {
            let source = source.ok_or_else(|| Error::invalid("upload", "no source to read"))?;
            let slice = crate::blob::blob_slice(source, *start, *end)?;
            Body::Blob(slice)
        }
    };
    let out = Outgoing {
        method: request.method.as_str(),
        url: &url,
        headers: request.headers.clone(),
        body,
        credential: if session || request.credential != gemini_vision::http::Credential::ApiKey {
            Credential::None
        } else {
            Credential::ApiKey
        },
    };
    let started = now_ms();
    let answer = send(context, &out).await?;
    let headers = response_headers(&answer.response);
    let body = read_capped(
        &answer.response,
        Response::BODY_CAP,
        false,
        context.signal(),
        context.api_key(),
    )
    .await
    .map_err(|e| answer.explain(e))?;
    Ok(Response {
        status: answer.response.status(),
        headers,
        body,
        elapsed_ms: elapsed_ms(started),
    })
}
