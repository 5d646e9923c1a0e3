//! Reading answers: the headers the protocol needs, and bodies with a cap.

use super::errors::from_js;
use gemini_vision::http::ResponseHeaders;
use gemini_vision::{ApiKey, Error, Result};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, ReadableStreamDefaultReader, Response};

/// The largest successful answer read (answers with many masks run to megabytes;
/// nothing legitimate comes near this).
pub const UNARY_BODY_CAP: usize = 64 * 1024 * 1024;

/// The headers the upload protocol and the retry policy read, as far as CORS shows them
/// (the core's [`ResponseHeaders`] keeps those it reads and drops the rest).
pub fn response_headers(response: &Response) -> ResponseHeaders {
    let mut kept = ResponseHeaders::new();
    let Ok(Some(entries)) = js_sys::try_iter(&response.headers().entries()) else {
        return kept;
    };
    for entry in entries.flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            kept.insert(&name, &value);
        }
    }
    kept
}

/// Reads a body chunk by chunk as it arrives.
#[derive(Debug)]
pub struct BodyReader {
    reader: Option<ReadableStreamDefaultReader>,
    signal: Option<AbortSignal>,
    key: Option<ApiKey>,
}

impl BodyReader {
    /// A reader of `response`'s body (an answer without a body reads as empty).
    pub fn new(response: &Response, signal: Option<AbortSignal>, key: Option<ApiKey>) -> Self {
        let reader = response
            .body()
            .and_then(|stream| ReadableStreamDefaultReader::new(&stream).ok());
        BodyReader {
            reader,
            signal,
            key,
        }
    }

    /// The next bytes, or `None` at the end of the body.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>> {
        Ok(self.next_js_chunk().await?.map(|bytes| bytes.to_vec()))
    }

    /// The next bytes as the browser holds them (no copy into wasm memory), or `None`
    /// at the end of the body.
    pub async fn next_js_chunk(&mut self) -> Result<Option<Uint8Array>> {
        let Some(reader) = &self.reader else {
            return Ok(None);
        };
        let result = JsFuture::from(reader.read())
            .await
            .map_err(|e| from_js(&e, self.signal.as_ref(), self.key.as_ref()))?;
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            self.reader = None;
            return Ok(None);
        }
        let value = Reflect::get(&result, &JsValue::from_str("value")).unwrap_or_default();
        let bytes = value
            .dyn_into::<Uint8Array>()
            .map_err(|_| Error::malformed("response body", "a chunk was not bytes"))?;
        Ok(Some(bytes))
    }

    /// Stops reading and lets the browser drop the rest of the body.
    pub fn cancel(&mut self) {
        if let Some(reader) = self.reader.take() {
            // The promise only says when the cancel finished; nothing waits for it.
            let _ = reader.cancel();
        }
    }
}

impl Drop for BodyReader {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The body of `response`, at most `cap` bytes: a longer body is cut there (for error
/// answers, whose head is what matters) or refused with [`Error::LimitExceeded`] when
/// `refuse_longer` (for answers that must be parsed whole).
pub async fn read_capped(
    response: &Response,
    cap: usize,
    refuse_longer: bool,
    signal: Option<&AbortSignal>,
    key: Option<&ApiKey>,
) -> Result<Vec<u8>> {
    let mut reader = BodyReader::new(response, signal.cloned(), key.cloned());
    let mut body = Vec::new();
    while let Some(chunk) = reader.next_chunk().await? {
        let room = cap.saturating_sub(body.len());
        if chunk.len() > room {
            if refuse_longer {
                return Err(Error::LimitExceeded {
                    what: "response body",
                    actual: (body.len() + chunk.len()) as u64,
                    max: cap as u64,
                });
            }
            body.extend_from_slice(chunk.get(..room).unwrap_or_default());
            reader.cancel();
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
