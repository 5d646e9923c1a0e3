//! `models.get` (`GET models/{id}`, the model as a plain object) and `models.list` (`GET
//! models?pageSize&pageToken&filter`, or `tunedModels` with `queryBase: false`, as a
//! `Pager` of models whose pages are `ListModelsResponse`s).

use super::{model_of, resource_url};
use crate::genai::ClientCore;
use crate::pager::pager;
use crate::request::options::CallOptions;
use crate::response::plain_response;
use crate::rest::{Outgoing, json_call};
use crate::values::{field, get as get_field, keys, object_of, set};
use gemini_vision::sdk::names::models_collection;
use gemini_vision::sdk::shape::Shape;
use gemini_vision::{Error, Result};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::UrlSearchParams;

/// `get({ model, config })`.
pub(crate) async fn get(core: &Rc<ClientCore>, params: &JsValue) -> Result<JsValue> {
    if !params.is_object() {
        return Err(Error::invalid(
            "params",
            "expected an object { model, config }",
        ));
    }
    let model = model_of(params)?;
    let config = get_field(params, "config", "params")?;
    let options = CallOptions::read(core, &config)?;
    let url = resource_url(options.endpoint(), &model, "")?;
    let (parsed, _) = json_call(&options.context, &Outgoing::api("GET", &url)).await?;
    plain_response(&parsed, Shape::Model, None, None)
}

/// `list(params)`: the first page fetched, then a `Pager` that fetches the next ones.
pub(crate) async fn list(core: &Rc<ClientCore>, params: &JsValue) -> Result<JsValue> {
    if !params.is_undefined() && !params.is_null() && !params.is_object() {
        return Err(Error::invalid("params", "expected an object { config }"));
    }
    // The SDK's defaults, then the caller's config on top.
    let config = object_of(&[("queryBase", &JsValue::TRUE)]);
    let given = field(params, "config").unwrap_or(JsValue::UNDEFINED);
    if !given.is_undefined() && !given.is_object() {
        return Err(Error::invalid("config", "expected an object"));
    }
    for key in keys(&given, "config")? {
        set(&config, &key, &get_field(&given, &key, "config")?);
    }
    let params: JsValue = object_of(&[("config", &config)]).into();
    let first = list_page(core.clone(), params.clone()).await?;
    let core = core.clone();
    Ok(pager("models", first, params, move |params| {
        list_page(core.clone(), params)
    }))
}

/// One page of models for `params` (`{ config }`, `config.pageToken` set by the pager).
async fn list_page(core: Rc<ClientCore>, params: JsValue) -> Result<JsValue> {
    let config = field(&params, "config").unwrap_or(JsValue::UNDEFINED);
    let options = CallOptions::read(&core, &config)?;
    let query_base = field(&config, "queryBase").is_none_or(|v| v.is_truthy());
    let collection = models_collection(query_base);
    let query = UrlSearchParams::new().map_err(|_| Error::invalid("query", "unavailable"))?;
    for name in ["pageSize", "pageToken", "filter"] {
        if let Some(value) = field(&config, name) {
            // `String(value)`, as the SDK's URLSearchParams sees it.
            query.append(name, &crate::values::js_text(&value));
        }
    }
    let query: String = query.to_string().into();
    let mut url = format!(
        "{}/{}/{collection}",
        options.endpoint().base_url(),
        options.endpoint().api_version()
    );
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    let (parsed, http) = json_call(&options.context, &Outgoing::api("GET", &url)).await?;
    plain_response(
        &parsed,
        Shape::ListModelsResponse,
        Some("ListModelsResponse"),
        Some(&http),
    )
}
