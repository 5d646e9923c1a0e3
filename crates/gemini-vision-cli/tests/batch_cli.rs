//! `gemini-vision batch`, run as a binary against the emulator (in this process, on a
//! loopback port, with a fast batch clock): both routes end to end, stops and
//! restarts, per-image and whole-job failures, the key's travels, and TLS.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod batch_support;

use batch_support::*;
use fake_gemini::{BatchEffect, FaultKind, FaultSpec, Target};
use serde_json::json;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

const GRANULE: u64 = 256 * 1024;

/// Checks one image's file against the rectangle drawn in it.
fn assert_found(out: &Path, shape: &Shape) {
    let file = json(&out.join("results").join(format!("{}.json", shape.key)));
    assert_eq!(file["key"], shape.key.as_str());
    assert_eq!(
        (file["width"].as_u64(), file["height"].as_u64()),
        (Some(80), Some(60))
    );
    let detections = file["detections"].as_array().unwrap();
    assert_eq!(detections.len(), 1, "{}: {file}", shape.key);
    let found = &detections[0];
    assert!(
        found["label"].as_str().unwrap().starts_with(shape.colour),
        "{}: {} is not {}",
        shape.key,
        found["label"],
        shape.colour
    );
    let (x, y, w, h) = shape.rect;
    let got = &found["pixelBox"];
    for (name, want) in [("x", x), ("y", y), ("width", w), ("height", h)] {
        let value = got[name].as_u64().unwrap() as i64;
        assert!(
            (value - i64::from(want)).abs() <= 2,
            "{}: box {name} {value}, drawn {want} ({got})",
            shape.key
        );
    }
}

/// Checks every image's file against its rectangle.
fn assert_all_found(out: &Path, shapes: &[Shape]) {
    for shape in shapes {
        assert_found(out, shape);
    }
}

#[test]
fn two_hundred_images_go_through_a_jsonl_file_end_to_end() {
    let case = Case::new("file-route", 50);
    let (server, input, out) = (&case.server, &case.input, &case.out);
    let shapes = write_images(input, 200);
    let extra = [
        "--max-inline-bytes",
        "1000",
        "--chunk-size",
        "262144",
        "--png",
    ];
    let output = run(case.command(&extra));
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("the requests go as a JSONL file"), "{log}");
    assert!(log.contains("upload: "), "{log}");
    assert!(
        log.contains("BATCH_STATE_SUCCEEDED, 200 of 200 done (0 failed)"),
        "{log}"
    );
    for shape in &shapes {
        assert_found(out, shape);
        let png = image::open(out.join("annotated").join(format!("{}.png", shape.key))).unwrap();
        assert_eq!((png.width(), png.height()), (80, 60));
    }
    let coco = assert_coco(out, 200, 200);
    let names: HashSet<&str> = coco["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| ["red", "green", "blue"].iter().any(|c| n.starts_with(c)))
    );
    let report = report(server);
    assert_eq!(creates(server), 1);
    let upload = report.uploads.values().next().unwrap();
    assert_eq!(report.uploads.len(), 1);
    assert_eq!(upload.status, "final");
    assert!(upload.chunks.len() >= 4, "{} chunks", upload.chunks.len());
    assert_eq!(upload.overlap_bytes, 0);
    let out_text = String::from_utf8_lossy(&output.stdout);
    assert_key_nowhere(out, &[&log, &out_text]);
}

#[test]
fn a_run_stopped_during_the_upload_continues_where_the_server_is() {
    let case = Case::new("stop-upload", 50);
    let (server, input, out) = (&case.server, &case.input, &case.out);
    let running = server.running().unwrap();
    // The third chunk hangs, so the run is surely killed with an upload half done.
    running.arm_fault(FaultSpec::new(FaultKind::Slow { delay_ms: 5_000 }, 3).on(Target::Chunk));
    let shapes = write_images(input, 200);
    let extra = ["--max-inline-bytes", "1000", "--chunk-size", "262144"];
    let mut child = case
        .command(&extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stage = wait_for_stage(out, |s| {
        s["stage"] == "uploading" && s["resume"]["confirmed"].as_u64() >= Some(2 * GRANULE)
    });
    while running.fault_history().iter().all(|f| f.fired == 0) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let total = stage["resume"]["size"].as_u64().unwrap();
    assert!(
        total > 5 * GRANULE,
        "the file is {total} bytes: too small to stop halfway"
    );

    let output = run(case.command(&extra));
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("resuming the upload"), "{log}");
    let report = report(server);
    assert_eq!(
        report.uploads.len(),
        1,
        "the upload was resumed, not started again"
    );
    let upload = report.uploads.values().next().unwrap();
    assert_eq!(upload.bytes_committed, total);
    assert!(
        upload.overlap_bytes <= GRANULE,
        "{} bytes twice",
        upload.overlap_bytes
    );
    let received: u64 = upload.chunks.iter().map(|c| c.received).sum();
    assert!(
        received <= total + GRANULE,
        "{received} bytes received for {total}"
    );
    assert_eq!(creates(server), 1);
    assert_all_found(out, &shapes);
    assert_coco(out, 200, 200);
}

#[test]
fn a_run_stopped_once_the_last_chunk_landed_sends_nothing_again() {
    let case = Case::new("stop-final", 50);
    let shapes = write_images(&case.input, 40);
    let extra = ["--max-inline-bytes", "1000", "--chunk-size", "262144"];
    let first = run(case.command(&extra));
    assert!(first.status.success(), "{}", stderr(&first));
    let before = report(&case.server);
    let (upload_id, upload) = before.uploads.iter().next().unwrap();
    // What a stop right after the final chunk's answer leaves: the session's record.
    let state_path = case.out.join(".batch-state.json");
    let mut state = json(&state_path);
    let session = format!(
        "{}/upload/v1beta/files?upload_id={upload_id}&upload_protocol=resumable",
        case.server.base_url()
    );
    state["stage"] = json!({"stage": "uploading", "resume": {
        "version": 1, "sessionUrl": session, "size": upload.declared_size,
        "mimeType": "application/jsonl", "granularity": GRANULE, "confirmed": GRANULE}});
    std::fs::write(&state_path, serde_json::to_vec(&state).unwrap()).unwrap();

    let output = run(case.command(&extra));
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("resuming the upload"), "{log}");
    let after = report(&case.server);
    assert_eq!(after.uploads.len(), 1, "no new session");
    let resumed = &after.uploads[upload_id];
    assert_eq!(
        resumed.bytes_received, upload.bytes_received,
        "no byte sent again"
    );
    assert_eq!(resumed.chunks.len(), upload.chunks.len());
    assert_all_found(&case.out, &shapes);
}

#[test]
fn a_run_stopped_after_the_job_was_created_waits_for_that_job() {
    // Jobs stay pending for a while, so the run is killed while it waits.
    let case = Case::new("stop-job", 1_500);
    let (server, input, out) = (&case.server, &case.input, &case.out);
    let shapes = write_images(input, 200);
    let extra = ["--max-inline-bytes", "1000"];
    let mut child = case
        .command(&extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stage = wait_for_stage(out, |s| s["stage"] == "running");
    child.kill().unwrap();
    child.wait().unwrap();

    let output = run(case.command(&extra));
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("continuing the batch"), "{log}");
    assert_eq!(creates(server), 1, "no second job");
    assert_eq!(report(server).uploads.len(), 1, "nothing uploaded again");
    let done = json(&out.join(".batch-state.json"));
    assert_eq!(done["stage"]["job"], stage["job"]);
    assert_eq!(done["stage"]["succeeded"], 200);
    assert_all_found(out, &shapes);
}

#[test]
fn a_create_whose_answer_never_came_is_found_instead_of_sent_again() {
    let case = Case::new("lost-create", 50);
    let (server, input, out) = (&case.server, &case.input, &case.out);
    let shapes = write_images(input, 5);
    let first = run(case.command(&[]));
    assert!(first.status.success(), "{}", stderr(&first));
    let job = stage(out).unwrap()["job"].clone();
    // What a kill between sending the create and saving its answer leaves behind.
    let state_path = out.join(".batch-state.json");
    let mut state = json(&state_path);
    let sent = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
        - 2_000;
    state["stage"] = json!({"stage": "creating", "file": null, "sentAtMs": sent});
    std::fs::write(&state_path, serde_json::to_vec(&state).unwrap()).unwrap();
    std::fs::remove_dir_all(out.join("results")).unwrap();

    let output = run(case.command(&[]));
    let log = stderr(&output);
    assert!(output.status.success(), "{log}");
    assert!(log.contains("not creating another"), "{log}");
    assert_eq!(creates(server), 1);
    assert_eq!(stage(out).unwrap()["job"], job);
    assert_all_found(out, &shapes);
}

#[test]
fn a_small_batch_goes_inline_and_one_failed_image_is_reported_alone() {
    let case = Case::new("inline", 50);
    let (server, input, out) = (&case.server, &case.input, &case.out);
    let shapes = write_images(input, 4);
    std::fs::write(input.join("crushed.png"), crushed_png()).unwrap();
    std::fs::write(input.join("garbled.png"), garbled_png()).unwrap();
    let extra = ["--task", "segment", "--png"];
    let output = run(case.command(&extra));
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{log}");
    assert!(log.contains("within the 20971520-byte limit"), "{log}");
    assert!(!log.contains("upload: "), "{log}");
    assert!(log.contains("crushed.png: "), "{log}");
    // The API refused that one image; its file says why.
    let crushed = json(&out.join("results/crushed.png.json"));
    assert_eq!(crushed["error"]["code"], 3, "{crushed}");
    let message = crushed["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("Unable to process input image"),
        "{message}"
    );
    assert!(crushed.get("detections").is_none());
    assert!(!out.join("annotated/crushed.png.png").exists());
    // The API took the garbled one; it only cannot be drawn on.
    let garbled = json(&out.join("results/garbled.png.json"));
    assert!(garbled.get("error").is_none(), "{garbled}");
    let warnings = garbled["warnings"].to_string();
    assert!(warnings.contains("no annotated PNG"), "{garbled}");
    for shape in &shapes {
        assert_found(out, shape);
        let file = json(&out.join("results").join(format!("{}.json", shape.key)));
        assert_eq!(file["detections"][0]["mask"]["kind"], "png");
        assert!(
            out.join("annotated")
                .join(format!("{}.png", shape.key))
                .exists()
        );
    }
    // Segmentation masks come out as RLE; every image is listed, boxes only where found.
    let coco = assert_coco(out, 6, 4);
    let annotations = coco["annotations"].as_array().unwrap();
    assert!(
        annotations
            .iter()
            .all(|a| a["segmentation"]["counts"].is_array())
    );
    let done = stage(out).unwrap();
    let counts = (done["succeeded"].as_u64(), done["failed"].as_u64());
    assert_eq!(counts, (Some(5), Some(1)));
    assert_eq!(report(server).uploads.len(), 0);
}

#[test]
fn a_job_that_fails_is_a_clear_error_and_a_rerun_creates_nothing() {
    let case = Case::new("failed-job", 50);
    let (server, input, out) = (&case.server, &case.input, &case.out);
    let running = server.running().unwrap();
    running.arm_fault(FaultSpec::new(BatchEffect::BatchFailed, 1));
    write_images(input, 3);
    let message = "The batch job failed (a batchFailed fault of fake-gemini).";
    for _ in 0..2 {
        let output = run(case.command(&[]));
        let log = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{log}");
        assert!(log.contains(message), "{log}");
        assert!(log.contains("BATCH_STATE_FAILED"), "{log}");
    }
    assert_eq!(running.fault_history()[0].fired, 1, "the fault fired");
    assert_eq!(creates(server), 1, "the rerun created nothing");
    let ended = stage(out).unwrap();
    assert_eq!(ended["stage"], "ended");
    assert_eq!(ended["message"], message);
}

#[test]
fn a_503_while_waiting_is_ridden_out() {
    let case = Case::new("503", 50);
    let running = case.server.running().unwrap();
    // Batch event 1 is the create; 2 is the first poll.
    let unavailable = FaultKind::Status {
        status: 503,
        retry_after: Some(1),
    };
    running.arm_fault(FaultSpec::new(unavailable, 2).on(Target::Batch));
    let shapes = write_images(&case.input, 3);
    let output = run(case.command(&[]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(running.fault_history()[0].fired, 1, "the fault fired");
    let job = stage(&case.out).unwrap()["job"]
        .as_str()
        .unwrap()
        .to_owned();
    let faults = &report(&case.server).batches[&job].faults;
    assert!(
        faults.iter().any(|f| f.starts_with("status 503")),
        "{faults:?}"
    );
    assert_all_found(&case.out, &shapes);
}

#[test]
fn the_key_goes_to_the_api_only_and_never_to_the_upload_session() {
    let case = Case::new("key", 50);
    let relay = Relay::start(&case.server.base_url());
    let (input, out) = (&case.input, &case.out);
    // Over a granule of JSONL: at least two chunks go to the session.
    write_images(input, 60);
    let extra = ["--max-inline-bytes", "1000", "--chunk-size", "262144"];
    let output = run(command(input, out, &relay.base, &extra));
    assert!(output.status.success(), "{}", stderr(&output));
    let requests = relay.requests();
    let key_of = |headers: &[(String, String)]| {
        headers
            .iter()
            .find(|(name, _)| name == "x-goog-api-key")
            .map(|(_, value)| value.clone())
    };
    let mut sessions = 0;
    for (line, headers) in &requests {
        assert!(!line.contains(KEY), "{line}");
        if line.contains("upload_id=") {
            sessions += 1;
            assert_eq!(key_of(headers), None, "the key went to the session: {line}");
        } else {
            assert_eq!(key_of(headers).as_deref(), Some(KEY), "{line}");
        }
    }
    assert!(sessions >= 2, "{requests:?}");
    assert!(
        requests
            .iter()
            .any(|(l, _)| l.starts_with("POST /upload/v1beta/files "))
    );
    assert!(requests.iter().any(|(l, _)| l.contains(":download")));
    assert_key_nowhere(out, &[&stderr(&output)]);
}

#[test]
fn an_https_base_url_makes_a_tls_handshake() {
    // A plain TCP server: it records what the client says first and answers in HTTP.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let first_bytes = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut hello = [0u8; 5];
        socket.read_exact(&mut hello).unwrap();
        let _ = socket.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        hello
    });
    let root = fresh_dir("tls");
    let (input, out) = (root.join("in"), root.join("out"));
    write_images(&input, 1);
    let base = format!("https://127.0.0.1:{port}");
    let output = run(command(&input, &out, &base, &[]));
    let log = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(log.contains("TLS handshake with 127.0.0.1:"), "{log}");
    let hello = first_bytes.join().unwrap();
    // A TLS record of type handshake (22), version 3.x: a ClientHello.
    assert_eq!((hello[0], hello[1]), (0x16, 0x03), "{hello:?}");
    assert_key_nowhere(&out, &[&log]);
}

#[test]
fn without_the_key_in_the_environment_nothing_is_sent() {
    let root = fresh_dir("no-key");
    let (input, out) = (root.join("in"), root.join("out"));
    write_images(&input, 1);
    let mut command = command(&input, &out, "http://127.0.0.1:9", &[]);
    command.env_remove("GEMINI_API_KEY");
    let output = run(command);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("GEMINI_API_KEY"));
}
