//! A request that expects one answer (`generateContent`, `countTokens`, `files.get`...):
//! sent again after 429, 5xx and network failures as the core's [`Retrier`] decides,
//! with every wait cut short by the signal.

use super::fetch::{Call, Transport};
use super::read::{read_capped, response_headers};
use crate::timer::{random_seed, sleep};
use gemini_vision::http::Response as CoreResponse;
use gemini_vision::retry::{Retrier, RetryVerdict};
use gemini_vision::{Error, Result};
use web_sys::Response;

/// The largest successful answer read (answers with many masks run to megabytes;
/// nothing legitimate comes near this).
pub const UNARY_BODY_CAP: usize = 64 * 1024 * 1024;

/// Sends `call` until a 2xx answer comes (whose body is left unread, for a caller that
/// streams it) or the retries run out. Errors are scrubbed of the key.
pub async fn send_until_accepted(transport: &Transport, call: &Call<'_>) -> Result<Response> {
    let key = transport.api_key();
    let mut retrier = Retrier::new(transport.settings().retry.clone(), random_seed(), key);
    loop {
        let verdict = match transport.send(call).await {
            Ok(answer) if answer.ok() => return Ok(answer),
            Ok(answer) => {
                let headers = response_headers(&answer);
                let body =
                    read_capped(&answer, CoreResponse::BODY_CAP, false, call.signal, key).await?;
                retrier.on_response(&CoreResponse {
                    status: answer.status(),
                    headers,
                    body,
                    elapsed_ms: 0,
                })
            }
            Err(Error::Transport { message }) => retrier.on_transport_error(&message),
            Err(other) => return Err(other),
        };
        match verdict {
            RetryVerdict::Retry { after_ms } => sleep(after_ms, call.signal).await?,
            RetryVerdict::Fail(error) => return Err(super::scrub(error, key)),
            // Only a 2xx is accepted, and that returned above.
            RetryVerdict::Accept => return Err(Error::malformed("answer", "accepted twice")),
        }
    }
}
