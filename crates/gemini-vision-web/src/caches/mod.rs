//! `ai.caches`: context caches (`create`, `get`, `list`, `update`, `delete`), with the
//! SDK's arguments, requests and results.
//!
//! What this module never does: put a caller's name into a URL unchecked (names are
//! normalised as the SDK does, then must be `cachedContents/{id}`), or send the SDK's
//! own options (`abortSignal`, `httpOptions`) in a body.

mod body;
mod contents;
mod types;

use crate::errors::promise;
use crate::genai::ClientCore;
use crate::pager::pager;
use crate::rest::names::cached_content_name;
use crate::rest::{
    Context, Outgoing, argument_object, config_and_context, json_call, pager_params,
    with_http_response,
};
use crate::values::{field, integer_field, string_field};
use gemini_vision::endpoint::percent_encode;
use gemini_vision::{Error, Result};
use js_sys::Promise;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.caches` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Caches {
    core: Rc<ClientCore>,
}

impl Caches {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Caches { core }
    }
}

/// `params` checked, its `config` and the call context.
fn call(core: &ClientCore, params: &JsValue, method: &'static str) -> Result<(JsValue, Context)> {
    argument_object(params, method, method == "caches.list")?;
    config_and_context(core, params)
}

/// `{base}/{version}/{name}` of the cache `params.name` names (`tCachedContentName`).
fn cache_url(context: &Context, params: &JsValue) -> Result<String> {
    let name = match field(params, "name") {
        Some(name) => name
            .as_string()
            .ok_or_else(|| Error::invalid("name", "name must be a string"))?,
        None => return Err(Error::invalid("name", "is required")),
    };
    let endpoint = &context.endpoint;
    Ok(format!(
        "{}/{}/{}",
        endpoint.base_url(),
        endpoint.api_version(),
        cached_content_name(&name)?
    ))
}

impl Caches {
    /// `caches.create({ model, config })` from Rust: the `CachedContent` created.
    pub async fn create(&self, params: JsValue) -> Result<JsValue> {
        let (config, context) = call(&self.core, &params, "caches.create")?;
        let model = field(&params, "model").unwrap_or(JsValue::UNDEFINED);
        let body = body::create_body(&model, &config)?;
        let endpoint = &context.endpoint;
        let url = format!(
            "{}/{}/cachedContents",
            endpoint.base_url(),
            endpoint.api_version()
        );
        Ok(json_call(&context, &Outgoing::api("POST", &url).json(body))
            .await?
            .0)
    }

    /// `caches.get({ name, config })` from Rust.
    pub async fn get(&self, params: JsValue) -> Result<JsValue> {
        let (_, context) = call(&self.core, &params, "caches.get")?;
        let url = cache_url(&context, &params)?;
        Ok(json_call(&context, &Outgoing::api("GET", &url)).await?.0)
    }

    /// `caches.update({ name, config: { ttl, expireTime } })` from Rust: a `PATCH` of the
    /// expiry (the SDK sends no `updateMask`; the API takes the fields the body sets).
    pub async fn update(&self, params: JsValue) -> Result<JsValue> {
        let (config, context) = call(&self.core, &params, "caches.update")?;
        let url = cache_url(&context, &params)?;
        let body = body::update_body(&config)?;
        Ok(
            json_call(&context, &Outgoing::api("PATCH", &url).json(body))
                .await?
                .0,
        )
    }

    /// `caches.delete({ name, config })` from Rust: `{ sdkHttpResponse }`.
    pub async fn delete(&self, params: JsValue) -> Result<JsValue> {
        let (_, context) = call(&self.core, &params, "caches.delete")?;
        let url = cache_url(&context, &params)?;
        // An empty JSON object as the body, as the SDK sends every DELETE.
        let out = Outgoing::api("DELETE", &url).json("{}".to_owned());
        let (body, http) = json_call(&context, &out).await?;
        Ok(with_http_response(&body, &http))
    }

    /// One page: `{ sdkHttpResponse, nextPageToken, cachedContents }`.
    async fn list_page(core: Rc<ClientCore>, params: JsValue) -> Result<JsValue> {
        let (config, context) = call(&core, &params, "caches.list")?;
        let endpoint = &context.endpoint;
        let mut url = format!(
            "{}/{}/cachedContents",
            endpoint.base_url(),
            endpoint.api_version()
        );
        let mut query = Vec::new();
        if let Some(size) = integer_field(&config, "pageSize", 0.0, f64::from(u32::MAX))? {
            query.push(format!("pageSize={}", size as u64));
        }
        if let Some(token) = string_field(&config, "pageToken")?.filter(|t| !t.is_empty()) {
            query.push(format!("pageToken={}", percent_encode(&token)));
        }
        if !query.is_empty() {
            url = format!("{url}?{}", query.join("&"));
        }
        let (body, http) = json_call(&context, &Outgoing::api("GET", &url)).await?;
        Ok(with_http_response(&body, &http))
    }

    /// `caches.list(params)` from Rust: a `Pager` over `cachedContents`.
    pub async fn list(&self, params: JsValue) -> Result<JsValue> {
        call(&self.core, &params, "caches.list")?;
        let params = pager_params(&params);
        let first = Caches::list_page(self.core.clone(), params.clone()).await?;
        let core = self.core.clone();
        let fetch_page = move |params: JsValue| Caches::list_page(core.clone(), params);
        Ok(pager("cachedContents", first, params, fetch_page))
    }
}

#[wasm_bindgen]
impl Caches {
    /// Creates a context cache: `{ model, config: { contents, systemInstruction, tools,
    /// toolConfig, ttl, expireTime, displayName, abortSignal, httpOptions } }`.
    #[wasm_bindgen(js_name = create, unchecked_return_type = "Promise<CachedContent>")]
    pub fn create_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateCachedContentParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.create(params).await })
    }

    /// The cache `params.name` (`cachedContents/abc` or `abc`).
    #[wasm_bindgen(js_name = get, unchecked_return_type = "Promise<CachedContent>")]
    pub fn get_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CachedContentParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.get(params).await })
    }

    /// Changes the expiry of the cache `params.name` (`config.ttl` or `config.expireTime`).
    #[wasm_bindgen(js_name = update, unchecked_return_type = "Promise<CachedContent>")]
    pub fn update_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UpdateCachedContentParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.update(params).await })
    }

    /// Deletes the cache `params.name`.
    #[wasm_bindgen(js_name = delete, unchecked_return_type = "Promise<DeleteCachedContentResponse>")]
    pub fn delete_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CachedContentParameters")] params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.delete(params).await })
    }

    /// A `Pager` over the project's caches (`config.pageSize`, `config.pageToken`).
    #[wasm_bindgen(js_name = list, unchecked_return_type = "Promise<Pager<CachedContent>>")]
    pub fn list_js(
        &self,
        // `| void`: TypeScript lets a caller leave the argument out, as the SDK does.
        #[wasm_bindgen(unchecked_param_type = "ListCachedContentsParameters | void")]
        params: JsValue,
    ) -> Promise {
        let this = self.clone();
        promise(async move { this.list(params).await })
    }
}
