//! `countTokens`: `POST {model}:countTokens` with `{ contents }` (media planned and sent
//! as for `generateContent`), answered as the SDK's `CountTokensResponse`.

use super::{Params, resource_url};
use crate::genai::ClientCore;
use crate::request::config::count_tokens_body;
use crate::request::options::CallOptions;
use crate::request::{Draft, prepare};
use crate::response::plain_response;
use crate::rest::{Body, Outgoing, json_call};
use gemini_vision::Result;
use gemini_vision::sdk::shape::Shape;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// `countTokens(params)`.
pub(crate) async fn count_tokens(core: &Rc<ClientCore>, params: &JsValue) -> Result<JsValue> {
    let params = Params::read(params)?;
    let options = CallOptions::read(core, &params.config)?;
    let url = resource_url(options.endpoint(), &params.model, ":countTokens")?;
    let mut media = Vec::new();
    let body = count_tokens_body(&params.contents, &params.config, &mut media)?;
    let prepared = prepare(Draft { body, media }, &options).await?;
    let out = Outgoing::api("POST", &url).json_body(Body::Blob(prepared.body));
    let (parsed, http) = json_call(&options.context, &out).await?;
    plain_response(
        &parsed,
        Shape::CountTokensResponse,
        Some("CountTokensResponse"),
        Some(&http),
    )
}
