//! The Operation in every shape batch.md lists: both state prefixes, counts as
//! strings, `response` or `metadata.output`, inline or file output whatever the input,
//! `SUCCEEDED` before the output, the job's error, and the list page.

use crate::batch::{BatchJob, BatchJobList, BatchOutcome, BatchOutput, BatchState};
use serde_json::{Value, json};

fn job(value: Value) -> BatchJob {
    BatchJob::from_json(value.to_string().as_bytes()).unwrap()
}

fn pending() -> Value {
    json!({
        "name": "batches/abc",
        "done": false,
        "metadata": {
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch",
            "name": "batches/abc",
            "model": "models/gemini-2.5-flash",
            "displayName": "job-1",
            "createTime": "2026-05-12T08:00:00.123456Z",
            "updateTime": "2026-05-12T08:00:01Z",
            "state": "BATCH_STATE_PENDING",
            "batchStats": {"requestCount": "2", "successfulRequestCount": "0",
                           "failedRequestCount": "0", "pendingRequestCount": "2"}
        }
    })
}

fn inline_output() -> Value {
    json!({
        "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput",
        "inlinedResponses": {"inlinedResponses": [
            {"metadata": {"key": "req-2"}, "error": {"code": 3, "message": "bad image"}},
            {"metadata": {"key": "req-1"}, "response": {"candidates": [
                {"content": {"parts": [{"text": "[]"}], "role": "model"}, "finishReason": "STOP"}
            ]}}
        ]}
    })
}

fn succeeded(mut operation: Value) -> Value {
    operation["done"] = json!(true);
    operation["metadata"]["state"] = json!("BATCH_STATE_SUCCEEDED");
    operation["metadata"]["endTime"] = json!("2026-05-12T09:00:00Z");
    operation["metadata"]["batchStats"] =
        json!({"requestCount": "2", "successfulRequestCount": "1", "failedRequestCount": "1"});
    operation
}

#[test]
fn a_pending_job_reads_every_field_with_counts_from_strings() {
    let job = job(pending());
    assert_eq!(job.name, "batches/abc");
    assert_eq!(job.display_name.as_deref(), Some("job-1"));
    assert_eq!(job.model.as_deref(), Some("models/gemini-2.5-flash"));
    assert_eq!(job.state, BatchState::Pending);
    let stats = job.stats.as_ref().unwrap();
    assert_eq!(
        (stats.request_count, stats.pending_request_count),
        (Some(2), Some(2))
    );
    assert_eq!(job.update_time.as_deref(), Some("2026-05-12T08:00:01Z"));
    assert!(!job.done && !job.is_terminal() && !job.output_ready());
    assert_eq!(
        job.created_unix_ms(),
        crate::batch::timestamp::parse_rfc3339_ms("2026-05-12T08:00:00.123Z")
    );
}

#[test]
fn numeric_counts_and_the_sdk_prefix_are_read_too() {
    let mut operation = pending();
    operation["metadata"]["state"] = json!("JOB_STATE_RUNNING");
    operation["metadata"]["batchStats"] = json!({"requestCount": 5, "pending_request_count": 4});
    let job = job(operation);
    assert_eq!(job.state, BatchState::Running);
    let stats = job.stats.unwrap();
    assert_eq!(
        (stats.request_count, stats.pending_request_count),
        (Some(5), Some(4))
    );
}

#[test]
fn inline_results_are_read_from_response_each_with_its_key() {
    let mut operation = succeeded(pending());
    operation["response"] = inline_output();
    let job = job(operation);
    assert!(job.output_ready());
    let results = job.inline_results();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].key.as_deref(), Some("req-2"));
    assert_eq!(results[0].position, 1);
    assert_eq!(results[0].error().unwrap().message, "bad image");
    assert_eq!(results[1].key.as_deref(), Some("req-1"));
    assert_eq!(results[1].response().unwrap().text().unwrap(), "[]");
}

#[test]
fn the_output_falls_back_to_metadata_output() {
    let mut operation = succeeded(pending());
    operation["metadata"]["output"] = json!({"responsesFile": "files/batch-out"});
    let job = job(operation);
    assert_eq!(job.results_file(), Some("files/batch-out"));
    assert!(job.output_ready());
}

#[test]
fn response_wins_over_metadata_output_when_both_are_there() {
    let mut operation = succeeded(pending());
    operation["metadata"]["output"] = json!({"responsesFile": "files/older"});
    operation["response"] = json!({"responsesFile": "files/newer"});
    assert_eq!(job(operation).results_file(), Some("files/newer"));
}

#[test]
fn a_file_input_may_still_come_back_with_inline_results() {
    // Nothing about the input is in the Operation: the shape of the output decides.
    let mut operation = succeeded(pending());
    operation["metadata"]["inputConfig"] = json!({"fileName": "files/input"});
    operation["response"] = inline_output();
    assert!(matches!(
        job(operation).output,
        Some(BatchOutput::Inline(_))
    ));
}

#[test]
fn succeeded_before_the_output_is_not_ready() {
    for response in [
        None,
        Some(
            json!({"@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput"}),
        ),
        Some(json!({"inlinedResponses": {}})),
        Some(json!({"responsesFile": ""})),
    ] {
        let mut operation = succeeded(pending());
        if let Some(response) = response.clone() {
            operation["response"] = response;
        }
        let job = job(operation);
        assert_eq!(job.state, BatchState::Succeeded);
        assert!(job.output.is_none(), "{response:?}");
        assert!(!job.output_ready(), "{response:?}");
    }
}

#[test]
fn fewer_inline_results_than_requests_is_not_ready_yet() {
    let mut operation = succeeded(pending());
    operation["metadata"]["batchStats"]["requestCount"] = json!("3");
    operation["response"] = inline_output();
    assert!(!job(operation).output_ready());
}

#[test]
fn a_failed_job_keeps_the_operations_error() {
    let mut operation = pending();
    operation["done"] = json!(true);
    operation["metadata"]["state"] = json!("BATCH_STATE_FAILED");
    operation["error"] = json!({"code": 13, "message": "internal error while processing"});
    let job = job(operation);
    assert_eq!(job.state, BatchState::Failed);
    assert_eq!(job.error.as_ref().unwrap().code, Some(13));
    assert_eq!(job.error_message(), "internal error while processing");
}

#[test]
fn snake_case_operations_read_the_same() {
    let operation = json!({
        "name": "batches/s",
        "metadata": {"display_name": "snake", "create_time": "2026-01-01T00:00:00Z",
                     "state": "JOB_STATE_SUCCEEDED", "batch_stats": {"request_count": "1"},
                     "output": {"inlined_responses": {"inlined_responses": [
                         {"metadata": {"key": "a"}, "response": {}}]}}}
    });
    let job = job(operation);
    assert_eq!(job.display_name.as_deref(), Some("snake"));
    assert_eq!(job.inline_results().len(), 1);
    assert!(job.output_ready());
}

#[test]
fn an_odd_inline_entry_spoils_only_itself() {
    let mut operation = succeeded(pending());
    operation["response"] = json!({"inlinedResponses": {"inlinedResponses": [
        {"metadata": {"key": "a"}},
        7,
        {"metadata": {"key": "b"}, "response": {"candidates": []}}
    ]}});
    let results = job(operation).inline_results().to_vec();
    let codes: Vec<_> = results
        .iter()
        .map(|r| match &r.outcome {
            BatchOutcome::Response(_) => "RESPONSE",
            BatchOutcome::Error(_) => "ERROR",
            BatchOutcome::Unreadable(e) => e.code(),
        })
        .collect();
    assert_eq!(codes, ["NO_OUTCOME", "MALFORMED_RESULT", "RESPONSE"]);
    assert_eq!(results[0].key.as_deref(), Some("a"));
}

#[test]
fn a_name_only_in_metadata_is_used() {
    let operation = json!({"metadata": {"name": "batches/m", "state": "BATCH_STATE_RUNNING"}});
    assert_eq!(job(operation).name, "batches/m");
}

#[test]
fn an_unknown_state_is_kept_and_not_terminal() {
    let mut operation = pending();
    operation["metadata"]["state"] = json!("BATCH_STATE_PAUSED");
    let job = job(operation);
    assert_eq!(job.state, BatchState::Unknown("BATCH_STATE_PAUSED".into()));
    assert!(!job.is_terminal());
}

#[test]
fn a_body_that_is_not_an_operation_is_malformed() {
    for body in [&b"<html>"[..], b"[]", b"{\"metadata\": 5}"] {
        assert_eq!(BatchJob::from_json(body).unwrap_err().code(), "MALFORMED");
    }
}

#[test]
fn a_list_page_reads_operations_and_the_next_token() {
    let body = json!({"operations": [pending(), succeeded(pending())], "nextPageToken": "tok"});
    let list = BatchJobList::from_json(body.to_string().as_bytes()).unwrap();
    assert_eq!(list.jobs.len(), 2);
    assert_eq!(list.jobs[1].state, BatchState::Succeeded);
    assert_eq!(list.next_page_token.as_deref(), Some("tok"));
    let last = BatchJobList::from_json(br#"{"nextPageToken": ""}"#).unwrap();
    assert!(last.jobs.is_empty() && last.next_page_token.is_none());
}

#[test]
fn inline_results_keep_the_servers_text_byte_for_byte() {
    let response = "{ \"candidates\" : [ {\"content\": {\"parts\": [{\"text\": \"caf\\u00e9\\n\"}]}} ],\n  \"n\": 1.50 }";
    let body = format!(
        r#"{{"name": "batches/raw", "response": {{"inlinedResponses": {{"inlinedResponses": [
            {{"metadata": {{"key": "a"}}, "response":  {response} }} ]}}}}}}"#
    );
    let job = BatchJob::from_json(body.as_bytes()).unwrap();
    assert_eq!(
        job.inline_results()[0].response().unwrap().as_str(),
        response
    );
    assert_eq!(job.inline_results()[0].key.as_deref(), Some("a"));
}

#[test]
fn null_members_read_as_absent() {
    let job = BatchJob::from_json(
        br#"{"name": "batches/n", "done": null, "error": null, "response": null,
             "metadata": {"state": null, "batchStats": null, "output": null, "model": null}}"#,
    )
    .unwrap();
    assert_eq!(job.name, "batches/n");
    assert!(!job.done && job.error.is_none() && job.output.is_none() && job.stats.is_none());
    assert_eq!(job.state, BatchState::Unspecified);
    let job = BatchJob::from_json(
        br#"{"name": "batches/n", "metadata": null,
             "response": {"inlinedResponses": {"inlinedResponses": null}}}"#,
    )
    .unwrap();
    assert!(job.output.is_none());
}

#[test]
fn members_the_job_does_not_read_are_skipped_at_any_nesting() {
    // An Operation may echo its input (`inputConfig` with every request); it is checked
    // and skipped, never built, so its depth does not matter.
    let mut operation = pending();
    operation["metadata"]["inputConfig"] = json!({"requests": "PLACEHOLDER"});
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let body = operation.to_string().replace("\"PLACEHOLDER\"", &deep);
    assert_eq!(
        BatchJob::from_json(body.as_bytes()).unwrap().state,
        BatchState::Pending
    );
}

#[test]
fn a_field_of_the_wrong_type_is_malformed_naming_it() {
    for (change, named) in [
        (json!({"done": "yes"}), "`done`"),
        (json!({"metadata": {"model": 5}}), "`model`"),
        (
            json!({"metadata": {"batchStats": {"requestCount": "two"}}}),
            "`requestCount`",
        ),
        (json!({"response": {"responsesFile": 7}}), "`responsesFile`"),
        (json!({"error": {"message": ["no"]}}), "`message`"),
    ] {
        let mut operation = pending();
        for (member, value) in change.as_object().unwrap() {
            match value {
                Value::Object(inner) if member == "metadata" => {
                    for (name, value) in inner {
                        operation["metadata"][name] = value.clone();
                    }
                }
                _ => operation[member] = value.clone(),
            }
        }
        let err = BatchJob::from_json(operation.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.code(), "MALFORMED", "{change}");
        assert!(err.to_string().contains(named), "{change}: {err}");
    }
}

#[test]
fn a_bad_operation_in_a_list_is_named_by_its_place() {
    let mut bad = pending();
    bad["metadata"]["displayName"] = json!(1);
    let body = json!({"operations": [pending(), bad]});
    let err = BatchJobList::from_json(body.to_string().as_bytes()).unwrap_err();
    assert!(err.to_string().contains("operation 2"), "{err}");
    assert!(err.to_string().contains("`displayName`"), "{err}");
}

#[test]
fn members_built_as_trees_are_bounded_but_inline_results_are_not() {
    // A hostile error of a million details would be a million values built: refused,
    // with a clear error, before it can exhaust memory.
    let details = format!("[{}{{}}]", "{},".repeat(1_000_000));
    let hostile = format!(
        r#"{{"name": "batches/x", "done": true, "error": {{"code": 13, "details": {details}}}}}"#
    );
    let err = BatchJob::from_json(hostile.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("too many values to build"), "{err}");
    // Inline results of the same size are kept as text, not built: they are read.
    let mut done = pending();
    done["done"] = json!(true);
    done["metadata"]["state"] = json!("BATCH_STATE_SUCCEEDED");
    let many: Vec<Value> = (0..20_000)
        .map(|i| json!({"metadata": {"key": format!("k{i}")}, "response": {"candidates": [{"index": 0}]}}))
        .collect();
    done["response"] = json!({"inlinedResponses": {"inlinedResponses": many}});
    let job = job(done);
    match job.output {
        Some(BatchOutput::Inline(results)) => assert_eq!(results.len(), 20_000),
        other => panic!("{other:?}"),
    }
}
