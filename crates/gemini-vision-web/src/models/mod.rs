//! `ai.models`: `generateContent`, `generateContentStream`, `countTokens`, `get`, `list`
//! (and our `preview`), with the SDK's argument objects, URLs and results.
//!
//! Each method is exported to JS (a promise that rejects with our error classes, for any
//! argument) and callable from Rust as an `async fn` over `JsValue`s.

mod count;
mod generate;
mod get_list;
mod preview;
mod stream;

pub(crate) use generate::{Sent, send_generate};
pub(crate) use stream::{ChunkStream, StreamObserver, iterable, make_stream};

use crate::errors::promise;
use crate::genai::ClientCore;
use crate::values::{field, get, string_field};
use gemini_vision::endpoint::Endpoint;
use gemini_vision::sdk::names::{model_name, resource_path};
use gemini_vision::{Error, Result};
use js_sys::Promise;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.models` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Models {
    core: Rc<ClientCore>,
}

impl Models {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Models { core }
    }

    /// `generateContent`: the answer, a `GenerateContentResponse`.
    pub async fn generate_content(&self, params: &JsValue) -> Result<JsValue> {
        generate::generate_content(&self.core, params).await
    }

    /// `generateContentStream`: once the API accepted the request, an async iterable of
    /// `GenerateContentResponse` chunks.
    pub async fn generate_content_stream(&self, params: &JsValue) -> Result<JsValue> {
        stream::generate_content_stream(&self.core, params).await
    }

    /// `countTokens`: a `CountTokensResponse`.
    pub async fn count_tokens(&self, params: &JsValue) -> Result<JsValue> {
        count::count_tokens(&self.core, params).await
    }

    /// `get`: the model, as a plain object.
    pub async fn get(&self, params: &JsValue) -> Result<JsValue> {
        get_list::get(&self.core, params).await
    }

    /// `list`: a `Pager` of models.
    pub async fn list(&self, params: &JsValue) -> Result<JsValue> {
        get_list::list(&self.core, params).await
    }

    /// Ours: what `generateContent` would send (`{ url, method, plan, body, bodyLength }`),
    /// without sending or uploading anything.
    pub async fn preview(&self, params: &JsValue) -> Result<JsValue> {
        preview::preview(&self.core, params).await
    }
}

#[wasm_bindgen]
impl Models {
    /// `generateContent({ model, contents, config })`.
    #[wasm_bindgen(js_name = generateContent, unchecked_return_type = "Promise<GenerateContentResponse>")]
    pub fn js_generate_content(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentParameters")] params: JsValue,
    ) -> Promise {
        let models = self.clone();
        promise(async move { models.generate_content(&params).await })
    }

    /// `generateContentStream({ model, contents, config })`: resolves, once the API
    /// accepted the request, to an async iterable of chunks.
    #[wasm_bindgen(
        js_name = generateContentStream,
        unchecked_return_type = "Promise<AsyncGenerator<GenerateContentResponse>>"
    )]
    pub fn js_generate_content_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentParameters")] params: JsValue,
    ) -> Promise {
        let models = self.clone();
        promise(async move { models.generate_content_stream(&params).await })
    }

    /// `countTokens({ model, contents, config })`.
    #[wasm_bindgen(js_name = countTokens, unchecked_return_type = "Promise<CountTokensResponse>")]
    pub fn js_count_tokens(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CountTokensParameters")] params: JsValue,
    ) -> Promise {
        let models = self.clone();
        promise(async move { models.count_tokens(&params).await })
    }

    /// `get({ model, config })`.
    #[wasm_bindgen(js_name = get, unchecked_return_type = "Promise<Model>")]
    pub fn js_get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetModelParameters")] params: JsValue,
    ) -> Promise {
        let models = self.clone();
        promise(async move { models.get(&params).await })
    }

    /// `list({ config: { pageSize, pageToken, filter, queryBase } })`: a `Pager`.
    #[wasm_bindgen(js_name = list, unchecked_return_type = "Promise<Pager<Model>>")]
    pub fn js_list(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListModelsParameters")] params: Option<
            JsValue,
        >,
    ) -> Promise {
        let models = self.clone();
        let params = params.unwrap_or(JsValue::UNDEFINED);
        promise(async move { models.list(&params).await })
    }

    /// Ours: `preview({ model, contents, config })`, what `generateContent` would send.
    #[wasm_bindgen(js_name = preview, unchecked_return_type = "Promise<RequestPreview>")]
    pub fn js_preview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GenerateContentParameters")] params: JsValue,
    ) -> Promise {
        let models = self.clone();
        promise(async move { models.preview(&params).await })
    }
}

/// `{ model, contents, config }` of a call.
pub(crate) struct Params {
    /// The model's resource name (`models/...`).
    pub(crate) model: String,
    /// `contents` as given.
    pub(crate) contents: JsValue,
    /// `config` as given (`undefined` when there is none).
    pub(crate) config: JsValue,
}

impl Params {
    /// Reads the parameters of a call (any JS value).
    pub(crate) fn read(params: &JsValue) -> Result<Params> {
        if !params.is_object() {
            return Err(Error::invalid(
                "params",
                "expected an object { model, contents, config }",
            ));
        }
        Ok(Params {
            model: model_of(params)?,
            contents: get(params, "contents", "params")?,
            config: get(params, "config", "params")?,
        })
    }
}

/// `params.model` as a resource name (`tModel`).
pub(crate) fn model_of(params: &JsValue) -> Result<String> {
    // The SDK fills `{model}` of the URL template only when the key is there at all.
    if field(params, "model").is_none() {
        return Err(Error::sdk_check("Key 'model' not found in valueMap."));
    }
    let model = string_field(params, "model")
        .ok()
        .flatten()
        .ok_or_else(|| Error::sdk_check("model is required and must be a string"))?;
    model_name(&model)
}

/// `{base}/{version}/{name}{suffix}`: a resource's URL (each segment of `name` kept
/// inside itself), `suffix` being a method (`:generateContent`) or nothing.
pub(crate) fn resource_url(endpoint: &Endpoint, name: &str, suffix: &str) -> Result<String> {
    Ok(format!(
        "{}/{}/{}{suffix}",
        endpoint.base_url(),
        endpoint.api_version(),
        resource_path(name)?
    ))
}
