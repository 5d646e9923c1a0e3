//! `ai.caches` against the emulator: the SDK's create body (keys in its order, contents
//! normalised as `tContents` does), get, a Pager over `cachedContents`, the `PATCH` of
//! the expiry (as the SDK sends it: no `updateMask`), delete, and the SDK's refusals.

use super::{ai, code, collect, get, obj, set, settle, text, watch};
use crate::support::{fake, reset};
use js_sys::Array;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const MODEL: &str = "gemini-2.5-flash";

/// Text long enough to be cached (the emulator wants 2048 tokens for 2.5 Flash).
fn long_text() -> String {
    "The quick brown fox jumps over the lazy dog. ".repeat(300)
}

fn create_params(display_name: &str) -> JsValue {
    // Keys in another order than the SDK's, and a bare string for contents.
    let config = obj(&format!(
        r#"{{"systemInstruction":"Be brief.","displayName":"{display_name}","ttl":"600s"}}"#
    ));
    set(&config, "contents", &JsValue::from_str(&long_text()));
    set(
        &config,
        "abortSignal",
        &web_sys::AbortController::new().unwrap().signal().into(),
    );
    set(
        &config,
        "httpOptions",
        &obj(r#"{"headers":{"x-app-tag":"cache"}}"#),
    );
    let params = obj(&format!(r#"{{"model":"{MODEL}"}}"#));
    set(&params, "config", &config);
    params
}

fn named(name: &str) -> JsValue {
    obj(&format!(r#"{{"name":"{name}"}}"#))
}

#[wasm_bindgen_test]
async fn create_sends_the_sdks_body() {
    reset(fake()).await;
    let watching = watch();
    let cache = ai(fake())
        .caches()
        .create(create_params("first"))
        .await
        .unwrap();
    let requests = watching.requests();
    drop(watching);
    assert!(text(&cache, "name").starts_with("cachedContents/"));
    assert_eq!(text(&cache, "model"), format!("models/{MODEL}"));
    let create = &requests[0];
    assert_eq!(create["method"], "POST");
    assert_eq!(create["url"], format!("{}/v1/cachedContents", fake()));
    assert_eq!(create["headers"]["x-app-tag"], "cache");
    let expected = serde_json::json!({
        "model": format!("models/{MODEL}"),
        "ttl": "600s",
        "displayName": "first",
        "contents": [{"role": "user", "parts": [{"text": long_text()}]}],
        "systemInstruction": {"role": "user", "parts": [{"text": "Be brief."}]},
    });
    // serde_json keeps object keys sorted; the SDK's order is checked on the text.
    let body = create["body"].as_str().unwrap();
    let parsed: Value = serde_json::from_str(body).unwrap();
    assert_eq!(parsed, expected);
    let order: Vec<usize> = [
        "\"model\"",
        "\"ttl\"",
        "\"displayName\"",
        "\"contents\"",
        "\"systemInstruction\"",
    ]
    .iter()
    .map(|key| body.find(key).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{body}");
}

#[wasm_bindgen_test]
async fn get_update_and_delete_a_cache() {
    reset(fake()).await;
    let caches = ai(fake()).caches();
    let cache = caches.create(create_params("life")).await.unwrap();
    let name = text(&cache, "name");
    let id = name.strip_prefix("cachedContents/").unwrap();
    // tCachedContentName: a bare id gets its prefix.
    let got = caches.get(named(id)).await.unwrap();
    assert_eq!(text(&got, "name"), name);
    let watching = watch();
    let update = named(&name);
    set(&update, "config", &obj(r#"{"ttl":"7200s"}"#));
    let updated = caches.update(update).await.unwrap();
    let requests = watching.requests();
    drop(watching);
    assert!(text(&updated, "expireTime") > text(&cache, "expireTime"));
    assert_eq!(requests[0]["method"], "PATCH");
    assert_eq!(requests[0]["url"], format!("{}/v1/{name}", fake()));
    assert_eq!(requests[0]["body"], r#"{"ttl":"7200s"}"#);
    let deleted = caches.delete(named(&name)).await.unwrap();
    assert!(get(&deleted, "sdkHttpResponse").is_object());
    let error = settle(caches.get_js(named(&name))).await.unwrap_err();
    assert_eq!(code(&error), "API_ERROR");
}

#[wasm_bindgen_test]
async fn list_is_a_pager_over_cached_contents() {
    reset(fake()).await;
    let caches = ai(fake()).caches();
    let mut made = Vec::new();
    for name in ["one", "two", "three"] {
        made.push(text(
            &caches.create(create_params(name)).await.unwrap(),
            "name",
        ));
    }
    let pager = caches
        .list(obj(r#"{"config":{"pageSize":2}}"#))
        .await
        .unwrap();
    assert_eq!(get(&pager, "pageLength").as_f64(), Some(2.0));
    let items = Array::from(&settle(collect(&pager)).await.unwrap());
    let seen: Vec<String> = items.iter().map(|c| text(&c, "name")).collect();
    assert_eq!(seen, made, "oldest first, across pages");
}

#[wasm_bindgen_test]
async fn the_sdks_refusals_are_kept() {
    let caches = ai(fake()).caches();
    let kms = create_params("kms");
    set(
        &get(&kms, "config"),
        "kmsKeyName",
        &JsValue::from_str("projects/p/keys/k"),
    );
    let error = caches.create(kms).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("kmsKeyName parameter is only supported"),
        "{error}"
    );
    let error = caches.create(obj(r#"{"model":"a..b"}"#)).await.unwrap_err();
    assert!(
        error.to_string().contains("invalid model parameter"),
        "{error}"
    );
    let mixed = create_params("mixed");
    set(
        &get(&mixed, "config"),
        "contents",
        &obj(r#"[{"role":"user","parts":[{"text":"a"}]},"b"]"#),
    );
    let error = caches.create(mixed).await.unwrap_err();
    assert!(
        error.to_string().contains("Mixing Content and Parts"),
        "{error}"
    );
    for name in ["cachedContents/../files", "a/b", ""] {
        assert_eq!(
            caches.get(named(name)).await.unwrap_err().code(),
            "INVALID_INPUT",
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
async fn contents_too_small_to_cache_are_the_apis_error() {
    reset(fake()).await;
    let params = obj(&format!(
        r#"{{"model":"{MODEL}","config":{{"contents":"hi"}}}}"#
    ));
    let error = settle(ai(fake()).caches().create_js(params))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "API_ERROR");
    assert_eq!(get(&error, "status").as_f64(), Some(400.0));
}

/// `httpOptions.extraBody` is merged into the resource methods' JSON bodies, as the SDK
/// merges it into every request body: object into object, any other value replacing.
#[wasm_bindgen_test]
async fn extra_body_is_merged_into_a_resource_methods_json_body() {
    reset(fake()).await;
    let params = create_params("with-extra");
    let config = get(&params, "config");
    set(
        &config,
        "httpOptions",
        &obj(r#"{"extraBody":{"displayName":"from-extra","systemInstruction":{"role":"system"}}}"#),
    );
    let watching = watch();
    let cache = ai(fake()).caches().create(params).await.unwrap();
    let requests = watching.requests();
    drop(watching);
    let body: Value = serde_json::from_str(requests[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["displayName"], "from-extra");
    assert_eq!(
        body["systemInstruction"],
        serde_json::json!({"role": "system", "parts": [{"text": "Be brief."}]})
    );
    assert_eq!(text(&cache, "displayName"), "from-extra");
}
