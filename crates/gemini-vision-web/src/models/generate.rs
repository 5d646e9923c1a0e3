//! `generateContent`: `POST {model}:generateContent` with the body the request path
//! makes, retried on 429/5xx, the answer parsed by the browser and handed out as the
//! SDK's `GenerateContentResponse`.

use super::{Params, resource_url};
use crate::genai::ClientCore;
use crate::request::config::generate_body;
use crate::request::options::CallOptions;
use crate::request::{Draft, Place, prepare};
use crate::response::{generate_content_response, json, sdk_http_response};
use crate::rest::{Answer, Body, Outgoing, send_until_accepted};
use gemini_vision::Result;
use js_sys::Object;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// A request the API accepted: its answer (body unread), and what was uploaded for it.
#[derive(Debug)]
pub(crate) struct Sent {
    /// The 2xx answer (its deadline armed while the body is read).
    pub(crate) answer: Answer,
    /// The parts that now refer to an uploaded file, and where they sit.
    pub(crate) uploaded: Vec<(Place, Object)>,
    /// The options the call was made with.
    pub(crate) options: CallOptions,
}

/// Sends a `generateContent` (or, with `stream`, `streamGenerateContent?alt=sse`)
/// request for `model` (a resource name) until the API accepts it.
pub(crate) async fn send_generate(
    core: &Rc<ClientCore>,
    model: &str,
    contents: &JsValue,
    config: &JsValue,
    stream: bool,
) -> Result<Sent> {
    let options = CallOptions::read(core, config)?;
    let suffix = if stream {
        ":streamGenerateContent?alt=sse"
    } else {
        ":generateContent"
    };
    let url = resource_url(options.endpoint(), model, suffix)?;
    let mut media = Vec::new();
    let body = generate_body(contents, config, &mut media)?;
    let prepared = prepare(Draft { body, media }, &options).await?;
    let out = Outgoing::api("POST", &url).json_body(Body::Blob(prepared.body));
    let answer = send_until_accepted(&options.context, &out).await?;
    Ok(Sent {
        answer,
        uploaded: prepared.uploaded,
        options,
    })
}

impl Sent {
    /// The answer read as one `GenerateContentResponse`.
    pub(crate) async fn response(&self) -> Result<JsValue> {
        let context = &self.options.context;
        let parsed = json(&self.answer.response, context.signal(), context.api_key())
            .await
            .map_err(|e| self.answer.explain(e))?;
        generate_content_response(&parsed, &sdk_http_response(&self.answer.response))
    }
}

/// `generateContent(params)`.
pub(crate) async fn generate_content(core: &Rc<ClientCore>, params: &JsValue) -> Result<JsValue> {
    let params = Params::read(params)?;
    send_generate(core, &params.model, &params.contents, &params.config, false)
        .await?
        .response()
        .await
}
