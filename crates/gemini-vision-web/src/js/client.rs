//! `GeminiClient` for JS: `generateContent`, `generateContentStream` (an async
//! iterable), `countTokens`, `preview` and `files`, each returning a promise that
//! rejects with the classes of `errors.rs`.
//!
//! What this module never does: decide anything (it converts arguments, calls the Rust
//! client and converts the result), or let a Rust panic reach JS: every value from JS is
//! checked in `request.rs`.

use super::errors::error_to_js;
use super::files::JsFiles;
use super::request::{client_options, generate_request};
use super::response;
use crate::client::{Client, ContentStream};
use gemini_vision::Result;
use js_sys::Promise;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen(module = "/js/stream.js")]
extern "C" {
    #[wasm_bindgen(js_name = toAsyncIterable)]
    fn to_async_iterable(stream: JsContentStream) -> JsValue;
}

/// Runs `work` as a promise that rejects with our error classes.
pub(crate) fn promise<F>(work: F) -> Promise
where
    F: std::future::Future<Output = Result<JsValue>> + 'static,
{
    future_to_promise(async move { work.await.map_err(|e| error_to_js(&e)) })
}

/// A Gemini client.
#[wasm_bindgen(js_name = GeminiClient)]
#[derive(Debug)]
pub struct JsGeminiClient {
    client: Client,
}

#[wasm_bindgen(js_class = GeminiClient)]
impl JsGeminiClient {
    /// `new GeminiClient({ apiKey, baseUrl, apiVersion, maxInlineBytes })`; throws a
    /// `GeminiError` (`INVALID_INPUT`) for a malformed base URL or version.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "GeminiClientOptions")] options: JsValue,
    ) -> std::result::Result<JsGeminiClient, JsValue> {
        client_options(&options)
            .and_then(Client::new)
            .map(|client| JsGeminiClient { client })
            .map_err(|e| error_to_js(&e))
    }

    /// The File API.
    #[wasm_bindgen(getter)]
    pub fn files(&self) -> JsFiles {
        JsFiles::new(self.client.files())
    }

    /// Generates content; media too large to go inline is uploaded first.
    #[wasm_bindgen(
        js_name = generateContent,
        unchecked_return_type = "Promise<GenerateContentResult>"
    )]
    pub fn generate_content(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentRequest")] request: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let result = client.generate_content(generate_request(&request)?).await?;
            response::generate_result(&result.response, &result.uploaded)
        })
    }

    /// Streams the answer: `for await (const chunk of client.generateContentStream(...))`.
    #[wasm_bindgen(
        js_name = generateContentStream,
        unchecked_return_type = "AsyncIterableIterator<GenerateContentResponse>"
    )]
    pub fn generate_content_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentRequest")] request: JsValue,
    ) -> JsValue {
        let stream = match generate_request(&request) {
            Ok(request) => Ok(self.client.generate_content_stream(request)),
            Err(error) => Err(error),
        };
        to_async_iterable(JsContentStream {
            inner: Rc::new(RefCell::new(Some(stream))),
        })
    }

    /// Counts the request's tokens.
    #[wasm_bindgen(js_name = countTokens, unchecked_return_type = "Promise<CountTokensResponse>")]
    pub fn count_tokens(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentRequest")] request: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let counted = client.count_tokens(generate_request(&request)?).await?;
            response::plain(&counted)
        })
    }

    /// What `generateContent` would send, without sending or uploading: `{ plan, body,
    /// bodyLength }`, base64 payloads elided from `body`.
    #[wasm_bindgen(unchecked_return_type = "Promise<RequestPreview>")]
    pub fn preview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentRequest")] request: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        promise(async move {
            let preview = client.preview(&generate_request(&request)?).await?;
            let plan: Vec<serde_json::Value> = preview
                .plan
                .items
                .iter()
                .map(|item| {
                    serde_json::json!({
                        "index": item.index,
                        "mimeType": item.mime,
                        "size": item.size,
                        "route": match item.route {
                            gemini_vision::request::Route::Inline => "inline",
                            gemini_vision::request::Route::FileApi => "fileApi",
                        },
                        "reason": item.reason.to_string(),
                    })
                })
                .collect();
            response::plain(&serde_json::json!({
                "plan": plan,
                "body": preview.body,
                "bodyLength": preview.body_len,
            }))
        })
    }
}

type StreamSlot = Rc<RefCell<Option<Result<ContentStream>>>>;

/// The Rust side of `generateContentStream`'s iterator (wrapped by `js/stream.js`).
#[wasm_bindgen(js_name = ContentStream)]
#[derive(Debug)]
pub struct JsContentStream {
    inner: StreamSlot,
}

#[wasm_bindgen(js_class = ContentStream)]
impl JsContentStream {
    /// The next chunk, or `undefined` at the end.
    #[wasm_bindgen(unchecked_return_type = "Promise<GenerateContentResponse | undefined>")]
    pub fn next(&self) -> Promise {
        let slot = self.inner.clone();
        promise(async move {
            // The JS wrapper never overlaps calls; taking the stream out keeps the
            // RefCell unborrowed across the await all the same.
            let taken = slot.borrow_mut().take();
            let mut stream = match taken {
                None => return Ok(JsValue::UNDEFINED),
                Some(Err(error)) => return Err(error),
                Some(Ok(stream)) => stream,
            };
            let next = stream.next().await;
            match next {
                Some(Ok(chunk)) => {
                    *slot.borrow_mut() = Some(Ok(stream));
                    response::response(&chunk)
                }
                Some(Err(error)) => Err(error),
                None => Ok(JsValue::UNDEFINED),
            }
        })
    }

    /// Stops the stream; the rest of the answer is dropped.
    pub fn cancel(&self) {
        if let Some(Ok(mut stream)) = self.inner.borrow_mut().take() {
            stream.cancel();
        }
    }
}
