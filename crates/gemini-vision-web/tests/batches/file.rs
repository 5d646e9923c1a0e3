//! Batches too big for inline: a few hundred generated images written as a JSONL file,
//! uploaded through the resumable upload (with progress, and resumed after a dropped
//! chunk), run to completion and read back from the streamed result file, each result
//! joined to its image by key and parsed by `parseDetections`; an upload aborted.

use super::*;
use crate::support::{self, arm, assert_faults_fired, fake, reset};
use gemini_vision_web::parse_detections_js;
use std::collections::HashMap;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

/// `{ key: "img-{i}", contents: [Blob, DETECT, padding?] }` for each image; `pad`
/// characters of padding make the file span several upload chunks.
async fn image_requests(count: u32, pad: usize) -> Array {
    let images = Array::from(&settle(make_images(count, 64)).await.unwrap());
    images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let request = support::js(&json!({"key": format!("img-{i}")}));
            let contents = Array::of2(&image, &JsValue::from_str(DETECT));
            if pad > 0 {
                contents.push(&JsValue::from_str(&".".repeat(pad)));
            }
            support::set(&request, "contents", &contents);
            request
        })
        .collect()
}

/// `{ model, src, config }` with `src` the requests.
fn params(src: &Array, config: Value) -> JsValue {
    let params = support::js(&json!({"model": MODEL, "config": config}));
    support::set(&params, "src", src);
    params
}

/// The cell (0..16) of the red square a result's box is in.
fn cell_of(result: &JsValue) -> usize {
    let answer = response_text(result);
    let parsed = parse_detections_js(answer.as_str().into(), None).unwrap();
    let detections = support::json(&support::get(&parsed, "detections"));
    assert_eq!(detections.as_array().map(Vec::len), Some(1), "{answer}");
    // The model's own box, [ymin, xmin, ymax, xmax] in 0..1000.
    let json: Value = serde_json::from_str(
        answer
            .trim()
            .trim_start_matches("```json")
            .trim_end_matches("```"),
    )
    .unwrap();
    let b = &json[0]["box_2d"];
    let centre = |a: usize, z: usize| (b[a].as_f64().unwrap() + b[z].as_f64().unwrap()) / 2.0;
    let (row, col) = (
        (centre(0, 2) / 250.0) as usize,
        (centre(1, 3) / 250.0) as usize,
    );
    row * 4 + col
}

#[wasm_bindgen_test]
async fn hundreds_of_images_go_through_a_jsonl_file_and_come_back_by_key() {
    reset(fake()).await;
    fast_clock().await;
    let count = 240;
    let src = image_requests(count, 0).await;
    let reports: Rc<RefCell<Vec<(f64, f64)>>> = Rc::default();
    let sink = reports.clone();
    let on_progress = function(move |p| {
        let number = |key| support::get(&p, key).as_f64().unwrap();
        sink.borrow_mut().push((number("sent"), number("total")));
    });
    // A low inline limit sends the batch as a file.
    let params = params(
        &src,
        json!({"displayName": "images", "maxInlineBytes": 20_000, "chunkSize": 262_144}),
    );
    support::set(&support::get(&params, "config"), "onProgress", &on_progress);
    let job = settle(ai().batches().create_js(params)).await.unwrap();
    assert_eq!(
        support::json(&job)["batchStats"]["requestCount"],
        count.to_string()
    );
    let reports = reports.borrow().clone();
    let (sent, total) = *reports.last().expect("progress was reported");
    assert_eq!(sent, total, "{reports:?}");
    let report = support::report(fake()).await;
    let uploads = report["uploads"].as_object().unwrap();
    assert_eq!(uploads.len(), 1, "{report}");
    let upload = uploads.values().next().unwrap();
    assert_eq!(upload["bytesCommitted"].as_f64(), Some(total), "{upload}");

    let (done, _) = wait(&job).await;
    assert_eq!(text(&done, "state"), "JOB_STATE_SUCCEEDED");
    let dest = support::json(&support::get(&done, "dest"));
    assert!(
        dest["fileName"].as_str().unwrap().starts_with("files/"),
        "{dest}"
    );
    let results = results(&done).await;
    assert_eq!(results.len(), count as usize);
    let mut seen = HashMap::new();
    for result in &results {
        let key = text(result, "key");
        let index: usize = key.strip_prefix("img-").unwrap().parse().unwrap();
        assert_eq!(cell_of(result), index % 16, "{key}");
        assert!(seen.insert(key, ()).is_none(), "one result per key");
    }
}

#[wasm_bindgen_test]
async fn a_dropped_chunk_of_the_jsonl_upload_is_resumed() {
    reset(fake()).await;
    fast_clock().await;
    let src = image_requests(40, 20_000).await;
    arm(
        fake(),
        json!({"kind": "drop", "afterBytes": 100_000, "nth": 2}),
    )
    .await;
    let params = params(&src, json!({"maxInlineBytes": 1000, "chunkSize": 262_144}));
    let job = settle(ai().batches().create_js(params)).await.unwrap();
    assert_faults_fired(fake()).await;
    let (done, _) = wait(&job).await;
    let results = results(&done).await;
    assert_eq!(results.len(), 40);
    for result in &results {
        let index: usize = text(result, "key")
            .strip_prefix("img-")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(cell_of(result), index % 16);
    }
}

#[wasm_bindgen_test]
async fn an_aborted_upload_creates_no_job() {
    reset(fake()).await;
    fast_clock().await;
    let src = image_requests(60, 20_000).await;
    let controller = AbortController::new().unwrap();
    let signal = controller.signal();
    let on_progress = function(move |p| {
        if support::get(&p, "sent").as_f64().unwrap() > 0.0 {
            controller.abort();
        }
    });
    let params = params(&src, json!({"maxInlineBytes": 1000, "chunkSize": 262_144}));
    let config = support::get(&params, "config");
    support::set(&config, "onProgress", &on_progress);
    support::set(&config, "abortSignal", &signal);
    let error = settle(ai().batches().create_js(params)).await.unwrap_err();
    assert_eq!(code(&error), "AbortError");
    let created = job_created().await;
    assert!(!created, "no job was created");
    let pager = settle(ai().batches().list_js(JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(support::get(&pager, "pageLength").as_f64(), Some(0.0));
}
