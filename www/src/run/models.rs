//! The model picker's list from the API itself (`models.list`), when connected to the
//! real Gemini API: the models that can `generateContent`, newest names first as the
//! API lists them. The emulator's list is not the real one, so it is not asked.

use super::chunks::error_from_js;
use crate::state::ConnectionState;
use gemini_vision::Error;
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The most pages read (the API lists about fifty models a page).
const MAX_PAGES: usize = 5;

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The names (`gemini-2.5-flash`, without `models/`) of the models `connection` can
/// generate content with.
pub async fn load_model_names(connection: &ConnectionState) -> Result<Vec<String>, Error> {
    let ai = super::client_for(connection)
        .map_err(|problem| Error::invalid("connection", problem.detail))?;
    let config = js_sys::Object::new();
    let _ = Reflect::set(&config, &"pageSize".into(), &JsValue::from(100));
    let params = js_sys::Object::new();
    let _ = Reflect::set(&params, &"config".into(), &config);
    let pager = ai.models().list(&params.into()).await?;
    let mut names = Vec::new();
    for page in 0..MAX_PAGES {
        for model in Array::from(&get(&pager, "page")).iter() {
            let generates = Array::from(&get(&model, "supportedActions"))
                .iter()
                .any(|a| a.as_string().as_deref() == Some("generateContent"));
            if let Some(name) = get(&model, "name").as_string()
                && generates
            {
                names.push(name.trim_start_matches("models/").to_owned());
            }
        }
        let more = Reflect::get(&pager, &"hasNextPage".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&pager).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if !more || page + 1 == MAX_PAGES {
            break;
        }
        let next = Reflect::get(&pager, &"nextPage".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| Error::malformed("models.list", "the pager has no nextPage"))?;
        let promise: Promise = next
            .call0(&pager)
            .map_err(|e| error_from_js(&e))?
            .dyn_into()
            .map_err(|_| Error::malformed("models.list", "nextPage gave no promise"))?;
        JsFuture::from(promise)
            .await
            .map_err(|e| error_from_js(&e))?;
    }
    Ok(names)
}
