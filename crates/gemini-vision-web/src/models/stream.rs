//! `generateContentStream`: the promise resolves once the API accepted the request (an
//! HTTP error rejects it, as the SDK's does), to an async iterable (`js/runtime.js`) whose
//! chunks are read as they arrive: the body framed into events by the core's SSE
//! decoder, each event's JSON parsed by the browser and handed out as a
//! `GenerateContentResponse`. An `{"error": ...}` event ends the stream with an
//! `ApiError`, with the SDK's message for it.
//!
//! What this module never does: hold a `RefCell` borrow across an `.await` (the stream is
//! taken out of its cell while a chunk is awaited), or keep reading after `return()`.

use super::Params;
use super::generate::send_generate;
use crate::errors::{error_to_js, stream_error_to_js};
use crate::genai::ClientCore;
use crate::response::{sdk_http_response, stream_chunk};
use crate::rest::Answer;
use crate::transport::{BodyReader, scrub};
use gemini_vision::response::SseDecoder;
use gemini_vision::{ApiError, ApiKey, Error, Result};
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// An async iterable over `next()` promises (`js/runtime.js`); batch results use it too.
    #[wasm_bindgen(js_name = makeStream)]
    pub(crate) fn make_stream(next: &Function, cancel: &Function) -> JsValue;
}

/// Sees the chunks of a stream as they are handed out, and its end (a chat records its
/// history there).
pub(crate) trait StreamObserver {
    /// A chunk was handed out.
    fn chunk(&mut self, chunk: &JsValue);
    /// The stream ended normally (not after an error or `return()`).
    fn end(&mut self);
}

/// The chunks of one streamed answer.
pub(crate) struct ChunkStream {
    reader: BodyReader,
    /// The answer, whose deadline (`httpOptions.timeout`) stays armed while it is read.
    answer: Answer,
    decoder: SseDecoder,
    http: JsValue,
    key: Option<ApiKey>,
    body_done: bool,
    observer: Option<Box<dyn StreamObserver>>,
}

impl ChunkStream {
    /// The chunks of `sent`'s answer (a 2xx `streamGenerateContent` answer).
    pub(crate) fn new(sent: super::Sent, observer: Option<Box<dyn StreamObserver>>) -> Self {
        let key = sent.options.context.api_key().cloned();
        let response = &sent.answer.response;
        ChunkStream {
            reader: BodyReader::new(
                response,
                sent.options.context.signal().cloned(),
                key.clone(),
            ),
            http: sdk_http_response(response),
            answer: sent.answer,
            decoder: SseDecoder::new(),
            key,
            body_done: false,
            observer,
        }
    }

    /// The next chunk, `undefined` at the end, or the error to reject with.
    async fn next(&mut self) -> std::result::Result<JsValue, JsValue> {
        loop {
            if let Some(event) = self.decoder.next_event() {
                let event = event.map_err(|e| error_to_js(&e))?;
                let chunk = self.chunk(&event.data)?;
                if let Some(observer) = &mut self.observer {
                    observer.chunk(&chunk);
                }
                return Ok(chunk);
            }
            if self.body_done {
                if let Some(mut observer) = self.observer.take() {
                    observer.end();
                }
                return Ok(JsValue::UNDEFINED);
            }
            match self.reader.next_chunk().await {
                Ok(Some(bytes)) => self.decoder.push(&bytes),
                Ok(None) => {
                    self.decoder.finish();
                    self.body_done = true;
                }
                Err(error) => return Err(error_to_js(&self.answer.explain(error))),
            }
        }
    }

    /// One event's data as a chunk, or the error it carries.
    fn chunk(&self, data: &str) -> std::result::Result<JsValue, JsValue> {
        let parsed = js_sys::JSON::parse(data).map_err(|_| {
            let reason = self.scrubbed("a streamed event is not JSON");
            error_to_js(&Error::malformed("stream", reason))
        })?;
        let error = crate::values::field(&parsed, "error").filter(JsValue::is_object);
        let code = error
            .as_ref()
            .and_then(|e| crate::values::field(e, "code"))
            .and_then(|c| c.as_f64())
            .filter(|c| (400.0..600.0).contains(c));
        if let Some(code) = code {
            let api = ApiError::from_response(code as u16, data.as_bytes(), self.key.as_ref());
            let error = scrub(Error::Api(api), self.key.as_ref());
            let event = error.api().map(|a| a.raw_body.clone()).unwrap_or_default();
            return Err(stream_error_to_js(&error, &event));
        }
        stream_chunk(&parsed, &self.http).map_err(|e| error_to_js(&e))
    }

    fn scrubbed(&self, text: &str) -> String {
        match &self.key {
            Some(key) => key.redact(text),
            None => text.to_owned(),
        }
    }

    fn cancel(&mut self) {
        self.reader.cancel();
        self.observer = None;
    }
}

/// The async iterable over `stream`.
pub(crate) fn iterable(stream: ChunkStream) -> JsValue {
    let cell = Rc::new(RefCell::new(Some(stream)));
    let for_next = cell.clone();
    let next = Closure::<dyn Fn() -> Promise>::new(move || {
        let cell = for_next.clone();
        crate::errors::promise_js(async move {
            let taken = cell.borrow_mut().take();
            let Some(mut stream) = taken else {
                return Ok(JsValue::UNDEFINED);
            };
            let result = stream.next().await;
            // A finished stream (its end, or an error) is not put back.
            if matches!(&result, Ok(chunk) if !chunk.is_undefined()) {
                *cell.borrow_mut() = Some(stream);
            }
            result
        })
    });
    let cancel = Closure::<dyn Fn()>::new(move || {
        if let Some(mut stream) = cell.borrow_mut().take() {
            stream.cancel();
        }
    });
    let next: Function = next.into_js_value().unchecked_into();
    let cancel: Function = cancel.into_js_value().unchecked_into();
    make_stream(&next, &cancel)
}

/// `generateContentStream(params)`.
pub(crate) async fn generate_content_stream(
    core: &Rc<ClientCore>,
    params: &JsValue,
) -> Result<JsValue> {
    let params = Params::read(params)?;
    let sent = send_generate(core, &params.model, &params.contents, &params.config, true).await?;
    Ok(iterable(ChunkStream::new(sent, None)))
}
