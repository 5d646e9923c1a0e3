//! List methods resolve to a `Pager` (`js/runtime.js`), as the SDK's do: this turns a
//! function that fetches one page into one.

use crate::errors::error_to_js;
use js_sys::{Function, Promise};
use std::future::Future;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = makePager)]
    fn make_pager(name: &str, request: &Function, response: &JsValue, params: &JsValue) -> JsValue;
}

/// A `Pager` named `name` (the response field holding the items, e.g. `"files"`) whose
/// first page is `first` (fetched with `params`), and whose next pages come from
/// `fetch_page(params)` (the params with `config.pageToken` set by the pager).
pub(crate) fn pager<F, Fut>(name: &str, first: JsValue, params: JsValue, fetch_page: F) -> JsValue
where
    F: Fn(JsValue) -> Fut + 'static,
    Fut: Future<Output = gemini_vision::Result<JsValue>> + 'static,
{
    let request = Closure::<dyn Fn(JsValue) -> Promise>::new(move |params: JsValue| {
        let page = fetch_page(params);
        wasm_bindgen_futures::future_to_promise(
            async move { page.await.map_err(|e| error_to_js(&e)) },
        )
    });
    let request: Function = request.into_js_value().unchecked_into();
    make_pager(name, &request, &first, &params)
}
