//! Every method of `ai.files` and `ai.caches` with hostile arguments (wrong types, a
//! `{size: 3}` posing as a Blob, proxies whose traps throw, revoked proxies, throwing
//! getters, cycles, Blobs where JSON goes): each settles within a second, and a
//! rejection is one of our error classes with a code, never a bare `TypeError`, a hang
//! or a trap of the module.

use super::{ai, get, hostile_values, settle, text, within};
use crate::support::{fake, reset};
use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

type Method = (&'static str, Box<dyn Fn(JsValue) -> Promise>);

fn methods() -> Vec<Method> {
    let files = ai(fake()).files();
    let caches = ai(fake()).caches();
    let f = |f: fn(&gemini_vision_web::Files, JsValue) -> Promise| {
        let files = files.clone();
        Box::new(move |v| f(&files, v)) as Box<dyn Fn(JsValue) -> Promise>
    };
    let c = |f: fn(&gemini_vision_web::Caches, JsValue) -> Promise| {
        let caches = caches.clone();
        Box::new(move |v| f(&caches, v)) as Box<dyn Fn(JsValue) -> Promise>
    };
    vec![
        ("files.upload", f(|x, v| x.upload_js(v))),
        ("files.get", f(|x, v| x.get_js(v))),
        ("files.list", f(|x, v| x.list_js(v))),
        ("files.delete", f(|x, v| x.delete_js(v))),
        ("files.waitUntilActive", f(|x, v| x.wait_until_active_js(v))),
        ("files.download", f(|x, v| x.download_js(v))),
        ("caches.create", c(|x, v| x.create_js(v))),
        ("caches.get", c(|x, v| x.get_js(v))),
        ("caches.update", c(|x, v| x.update_js(v))),
        ("caches.delete", c(|x, v| x.delete_js(v))),
        ("caches.list", c(|x, v| x.list_js(v))),
    ]
}

#[wasm_bindgen_test]
async fn hostile_arguments_reject_promptly_with_our_errors() {
    reset(fake()).await;
    let values = hostile_values();
    let mut checked = 0;
    for (name, method) in methods() {
        for (index, value) in values.iter().enumerate() {
            let outcome = settle(within(&method(value), 1000.0)).await.unwrap();
            let settled = text(&outcome, "settled");
            assert_ne!(settled, "hung", "{name} with value #{index} did not settle");
            if settled == "rejected" {
                let error = get(&outcome, "value");
                let class = text(&error, "name");
                assert!(
                    class == "GeminiError" || class == "ApiError",
                    "{name} with value #{index} rejected with {class}: {}",
                    text(&error, "message")
                );
                assert!(!text(&error, "code").is_empty(), "{name} #{index}: no code");
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked} rejections checked");
    // Nothing trapped: the module still works.
    let page = ai(fake()).files().list(JsValue::UNDEFINED).await.unwrap();
    assert!(get(&page, "page").is_object());
}

#[wasm_bindgen_test]
async fn a_blob_imitation_is_refused_at_once_with_a_clear_error() {
    let params = super::obj(r#"{"file":{"size":3,"type":"text/plain"}}"#);
    let error = settle(ai(fake()).files().upload_js(params))
        .await
        .unwrap_err();
    assert_eq!(text(&error, "code"), "INVALID_INPUT");
    assert!(
        text(&error, "message").contains("Blob"),
        "{}",
        text(&error, "message")
    );
}
