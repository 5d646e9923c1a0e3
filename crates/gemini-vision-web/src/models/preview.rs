//! Ours: `models.preview(params)`, what `generateContent` would send, from the same
//! request path up to the plan: `{ url, method, plan, body, bodyLength }`, each base64
//! shown as `<N bytes of base64>` and each file still to be uploaded as
//! `<uploaded before sending>`. Nothing is uploaded or sent.

use super::{Params, resource_url};
use crate::genai::ClientCore;
use crate::request::config::generate_body;
use crate::request::options::CallOptions;
use crate::request::{Draft, preview as preview_request};
use crate::values::{object_of, set};
use gemini_vision::Result;
use gemini_vision::request::{InlinePlan, Route};
use js_sys::{Array, Object};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// `preview(params)`.
pub(crate) async fn preview(core: &Rc<ClientCore>, params: &JsValue) -> Result<JsValue> {
    let params = Params::read(params)?;
    let options = CallOptions::read(core, &params.config)?;
    let url = resource_url(options.endpoint(), &params.model, ":generateContent")?;
    let mut media = Vec::new();
    let body = generate_body(&params.contents, &params.config, &mut media)?;
    let preview = preview_request(Draft { body, media }, &options).await?;
    let out = object_of(&[
        ("url", &JsValue::from_str(&url)),
        ("method", &JsValue::from_str("POST")),
        ("plan", &plan_object(&preview.plan)),
        ("body", &preview.body),
    ]);
    set(
        &out,
        "bodyLength",
        &JsValue::from(preview.plan.body_len as f64),
    );
    Ok(out.into())
}

/// The plan as a plain object: `{ items: [{ index, mimeType, kind, size, route, reason
/// }], bodyLength, limit }`.
fn plan_object(plan: &InlinePlan) -> Object {
    let items = Array::new();
    for item in &plan.items {
        let route = match item.route {
            Route::Inline => "inline",
            Route::FileApi => "fileApi",
        };
        items.push(&object_of(&[
            ("index", &JsValue::from(item.index as f64)),
            ("mimeType", &JsValue::from_str(&item.mime)),
            ("kind", &JsValue::from_str(item.kind.as_str())),
            ("size", &JsValue::from(item.size as f64)),
            ("route", &JsValue::from_str(route)),
            ("reason", &JsValue::from_str(&item.reason.to_string())),
        ]));
    }
    object_of(&[
        ("items", &items),
        ("bodyLength", &JsValue::from(plan.body_len as f64)),
        ("limit", &JsValue::from(plan.limit as f64)),
    ])
}
