//! What the library plans for a request, read from its own preview (`models.preview`):
//! the view shows it, and the run uploads (with progress) exactly what it routes to the
//! File API before sending, so the request sent is the one previewed.

use super::Ask;
use super::params::params_for;
use crate::domain::request_preview::{RequestPreview, RouteLine, route_named, stream_endpoint};
use crate::state::MediaEntry;
use gemini_vision::Error;
use gemini_vision::request::Route;
use gemini_vision_web::GoogleGenAI;
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn number(value: &JsValue, key: &str) -> u64 {
    get(value, key)
        .as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map_or(0, |n| n as u64)
}

/// Whether `entry` still goes as a `Blob` (not uploaded yet): those are the media the
/// plan's items describe, in order.
fn pending(entry: &MediaEntry) -> bool {
    entry
        .uploaded
        .as_ref()
        .and_then(|f| f.uri.as_ref())
        .is_none()
}

/// The library's preview of `ask`'s request on `entries`.
pub async fn preview(
    ai: &GoogleGenAI,
    ask: &Ask,
    entries: &[&MediaEntry],
) -> Result<RequestPreview, Error> {
    let params = params_for(ask, entries, None)?;
    let preview = ai.models().preview(&params).await?;
    let plan = get(&preview, "plan");
    let mut items: Vec<(u64, Route, String)> = Array::from(&get(&plan, "items"))
        .iter()
        .map(|item| {
            let route = get(&item, "route").as_string().unwrap_or_default();
            let reason = get(&item, "reason").as_string().unwrap_or_default();
            (number(&item, "index"), route_named(&route), reason)
        })
        .collect();
    items.sort_by_key(|(index, ..)| *index);
    let mut items = items.into_iter();
    let routes = entries
        .iter()
        .map(|entry| match pending(entry) {
            true => {
                let (route, reason) = items
                    .next()
                    .map_or((Route::Inline, String::new()), |(_, route, reason)| {
                        (route, reason)
                    });
                RouteLine {
                    name: entry.name.clone(),
                    route,
                    reason,
                }
            }
            false => RouteLine {
                name: entry.name.clone(),
                route: Route::FileApi,
                reason: "already uploaded".to_owned(),
            },
        })
        .collect();
    // The library gives the body as its JSON text (each base64 replaced by a note, inside
    // the string it stands for): parsed once more here only to indent it.
    let body = get(&preview, "body");
    let body = body
        .as_string()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(body);
    let body =
        js_sys::JSON::stringify_with_replacer_and_space(&body, &JsValue::NULL, &JsValue::from(2))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
    Ok(RequestPreview {
        endpoint: stream_endpoint(&get(&preview, "url").as_string().unwrap_or_default()),
        body,
        routes,
        body_len: number(&preview, "bodyLength"),
        limit: number(&plan, "limit"),
    })
}

/// Which of `entries` the library's plan sends through the File API and are not
/// uploaded yet.
pub async fn planned_uploads(
    ai: &GoogleGenAI,
    ask: &Ask,
    entries: &[&MediaEntry],
) -> Result<Vec<bool>, Error> {
    let preview = preview(ai, ask, entries).await?;
    Ok(entries
        .iter()
        .zip(&preview.routes)
        .map(|(entry, line)| pending(entry) && line.route == Route::FileApi)
        .collect())
}
