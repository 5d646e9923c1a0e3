//! Real model answers (`../shared/samples/responses`) through batch results, file and
//! inline: the spatial parser finds in a result's text exactly what it finds in the
//! answer itself.

use crate::batch::{BatchJob, ResultReader};
use crate::spatial::parse_detections;
use serde_json::json;

fn sample(name: &str) -> String {
    let path = format!(
        "{}/../../../shared/samples/responses/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A `GenerateContentResponse` whose answer is `text`, as the API writes one.
fn response(text: &str) -> serde_json::Value {
    json!({"candidates": [{"content": {"parts": [{"text": text}], "role": "model"},
                           "finishReason": "STOP", "index": 0}],
           "usageMetadata": {"promptTokenCount": 1290, "candidatesTokenCount": 301, "totalTokenCount": 1591},
           "modelVersion": "gemini-2.5-flash"})
}

const BOXES: &str = "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt";
const MASKS: &str =
    "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt";

#[test]
fn a_result_files_responses_parse_as_the_answers_do() {
    let (boxes, masks) = (sample(BOXES), sample(MASKS));
    let file = format!(
        "{}\n{}\n",
        json!({"key": "masks", "response": response(&masks)}),
        json!({"key": "boxes", "response": response(&boxes)}),
    );
    let mut reader = ResultReader::new();
    let mut results = Vec::new();
    for chunk in file.as_bytes().chunks(4096) {
        reader.push(chunk);
        results.extend(std::iter::from_fn(|| reader.next_result()));
    }
    reader.finish();
    results.extend(std::iter::from_fn(|| reader.next_result()));
    assert_eq!(results.len(), 2);
    for (result, text) in results.iter().zip([&masks, &boxes]) {
        let answer = result.response().unwrap().text().unwrap();
        let from_batch = parse_detections(&answer);
        assert!(!from_batch.detections.is_empty());
        assert_eq!(from_batch, parse_detections(text));
    }
}

#[test]
fn inline_responses_parse_as_the_answers_do() {
    let boxes = sample(BOXES);
    let operation = json!({"name": "batches/x", "done": true,
        "metadata": {"state": "BATCH_STATE_SUCCEEDED"},
        "response": {"inlinedResponses": {"inlinedResponses": [
            {"metadata": {"key": "cupcakes.png"}, "response": response(&boxes)}]}}});
    let job = BatchJob::from_json(operation.to_string().as_bytes()).unwrap();
    let result = &job.inline_results()[0];
    assert_eq!(result.key.as_deref(), Some("cupcakes.png"));
    let decoded = result.response().unwrap().decode().unwrap();
    assert_eq!(decoded.model_version.as_deref(), Some("gemini-2.5-flash"));
    let outcome = parse_detections(&decoded.text());
    assert_eq!(
        outcome.detections.len(),
        parse_detections(&boxes).detections.len()
    );
    assert!(outcome.detections.len() >= 8);
}
