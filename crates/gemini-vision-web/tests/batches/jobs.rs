//! The job methods: cancel, delete, get by name or id, list across pages, and a wait
//! aborted by its signal.

use super::*;
use crate::support::{self, Capture, fake, reset};
use std::collections::HashSet;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

fn named(name: &str) -> JsValue {
    support::js(&json!({ "name": name }))
}

#[wasm_bindgen_test]
async fn a_cancelled_job_is_cancelled_at_once() {
    reset(fake()).await;
    clock(10_000, 100, 1).await;
    let job = create(questions(3), json!({})).await.unwrap();
    let name = text(&job, "name");
    let capture = Capture::start();
    let cancelled = settle(ai().batches().cancel_js(named(&name)))
        .await
        .unwrap();
    assert!(cancelled.is_undefined());
    assert_eq!(capture.body_text(":cancel", 0), "{}");
    drop(capture);
    let id = name.strip_prefix("batches/").unwrap();
    let got = settle(ai().batches().get_js(named(id))).await.unwrap();
    assert_eq!(text(&got, "state"), "JOB_STATE_CANCELLED");
    let (done, _) = wait(&job).await;
    assert_eq!(text(&done, "state"), "JOB_STATE_CANCELLED");
    fast_clock().await;
}

#[wasm_bindgen_test]
async fn a_deleted_job_is_gone() {
    reset(fake()).await;
    fast_clock().await;
    let job = create(questions(2), json!({})).await.unwrap();
    let (done, _) = wait(&job).await;
    let name = text(&done, "name");
    let deleted = settle(ai().batches().delete_js(named(&name)))
        .await
        .unwrap();
    assert!(support::get(&deleted, "sdkHttpResponse").is_object());
    let error = settle(ai().batches().get_js(named(&name)))
        .await
        .unwrap_err();
    assert_eq!(text(&error, "name"), "ApiError");
    assert_eq!(support::get(&error, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn an_aborted_wait_rejects_with_an_abort_error() {
    reset(fake()).await;
    clock(10_000, 100, 1).await;
    let job = create(questions(1), json!({})).await.unwrap();
    let controller = AbortController::new().unwrap();
    let options = support::js(&json!({"pollMs": 100}));
    support::set(&options, "abortSignal", &controller.signal());
    let waiting = ai().batches().wait_js(job, options);
    gemini_vision_web::timer::sleep(300, None).await.unwrap();
    controller.abort();
    let started = gemini_vision_web::timer::now_ms();
    let error = settle(waiting).await.unwrap_err();
    assert_eq!(code(&error), "AbortError");
    assert!(gemini_vision_web::timer::elapsed_ms(started) < 1000);
    fast_clock().await;
}

#[wasm_bindgen_test]
async fn list_pages_through_every_job() {
    reset(fake()).await;
    fast_clock().await;
    let mut created = HashSet::new();
    for n in 1..=3 {
        let job = create(questions(n), json!({})).await.unwrap();
        created.insert(text(&job, "name"));
    }
    let pager = settle(
        ai().batches()
            .list_js(support::js(&json!({"config": {"pageSize": 2}}))),
    )
    .await
    .unwrap();
    assert_eq!(support::get(&pager, "pageLength").as_f64(), Some(2.0));
    let has_next = js_sys::Reflect::get(&pager, &"hasNextPage".into()).unwrap();
    let has_next: Function = has_next.unchecked_into();
    assert_eq!(has_next.call0(&pager).unwrap().as_bool(), Some(true));
    let first = support::get(&pager, "page");
    let job = Array::from(&first).get(0);
    assert!(
        text(&job, "state").starts_with("JOB_STATE_"),
        "{:?}",
        support::json(&job)
    );
    assert!(support::get(&job, "batchStats").is_object());
    let all = Array::from(&settle(collect(&pager)).await.unwrap());
    let listed: HashSet<String> = all.iter().map(|j| text(&j, "name")).collect();
    assert_eq!(listed, created);
}
