//! Any JS value given to any method is refused with our error, never a panic or a hang.

use super::*;
use crate::support::{fake, reset};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export function hostile() {
  const trap = () => { throw new Error("trap"); };
  const throwing = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap });
  return [undefined, null, 3, "text", [], {}, throwing, { name: 5 }, { name: "batches/../x" },
    { name: "batches/a/b" }, { model: 5, src: [] }, { model: "m", src: 5 },
    { model: "m", src: [{ contents: "x" }], config: 5 },
    { model: "m", src: [{ contents: "x", key: 5 }] }, { model: "m", src: [throwing] },
    { model: "m", src: { inlinedRequests: 5 } }, { config: { pageSize: -1 } },
    { config: { abortSignal: {} } }, { model: "m", src: "files/x", config: { dest: "gs://b" } }];
}
export function within(promise, ms) {
  return Promise.race([
    promise.then((value) => ({ settled: "resolved", value }), (value) => ({ settled: "rejected", value })),
    new Promise((resolve) => setTimeout(() => resolve({ settled: "hung" }), ms)),
  ]);
}
"#)]
extern "C" {
    fn hostile() -> Array;
    fn within(promise: &Promise, ms: f64) -> Promise;
}

/// `promise` rejects with our error within 3 s (or, with `may_resolve`, resolves).
async fn refused(promise: Promise, what: &str, may_resolve: bool) {
    let outcome = settle(within(&promise, 3000.0)).await.unwrap();
    let settled = text(&outcome, "settled");
    if settled == "rejected" {
        let error = support::get(&outcome, "value");
        let code = code(&error);
        assert!(
            code == "INVALID_INPUT" || code == "API_ERROR" || code == "RETRIES_EXHAUSTED",
            "{what}: {code}"
        );
    } else {
        // `list` takes any object (and none) and resolves to a Pager.
        assert!(may_resolve && settled == "resolved", "{what}: {settled}");
    }
}

#[wasm_bindgen_test]
async fn hostile_arguments_are_refused() {
    reset(fake()).await;
    let batches = ai().batches();
    for (i, value) in hostile().iter().enumerate() {
        refused(
            batches.create_js(value.clone()),
            &format!("create {i}"),
            false,
        )
        .await;
        refused(batches.get_js(value.clone()), &format!("get {i}"), false).await;
        refused(
            batches.cancel_js(value.clone()),
            &format!("cancel {i}"),
            false,
        )
        .await;
        refused(
            batches.delete_js(value.clone()),
            &format!("delete {i}"),
            false,
        )
        .await;
        refused(batches.list_js(value.clone()), &format!("list {i}"), true).await;
        refused(
            batches.wait_js(value.clone(), value.clone()),
            &format!("wait {i}"),
            false,
        )
        .await;
        match batches.results_js(value.clone(), value.clone()) {
            Err(error) => assert_eq!(code(&error), "INVALID_INPUT", "results {i}"),
            Ok(iterable) => refused(collect(&iterable), &format!("results {i}"), false).await,
        }
    }
    // Nothing was created: every create above was refused.
    let pager = settle(batches.list_js(JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(support::get(&pager, "pageLength").as_f64(), Some(0.0));
}
