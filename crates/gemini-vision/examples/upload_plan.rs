//! Prints what the upload machine costs and plans: the time it takes per decision, and
//! how many requests a large upload needs with the default adaptive chunks on links
//! of different speeds. No network: a stand-in server answers at once, and each
//! chunk's `elapsed_ms` is what it would take on the simulated link.
//!
//! `cargo run --release -p gemini-vision --example upload_plan`

use std::time::Instant;

use gemini_vision::upload::{Action, ChunkSizing, StateMachine, Upload, UploadConfig};

use gemini_vision::endpoint::Endpoint;

use gemini_vision::http::{HttpRequest, Response, header};

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// Answers like a healthy server; chunk answers carry the simulated transfer time.
fn answer(request: &HttpRequest, bytes_per_ms: u64) -> Response {
    match request.header(header::UPLOAD_COMMAND).unwrap_or_default() {
        "start" => Response::new(200)
            .header(header::UPLOAD_URL, "/upload/v1beta/files?upload_id=bench")
            .header(header::UPLOAD_STATUS, "active"),
        "upload" => Response::new(200)
            .header(header::UPLOAD_STATUS, "active")
            .elapsed_ms(request.body.len() / bytes_per_ms),
        _ => {
            let offset: u64 = request
                .header(header::UPLOAD_OFFSET)
                .and_then(|o| o.parse().ok())
                .unwrap_or(0);
            let size = offset + request.body.len();
            Response::new(200)
                .header(header::UPLOAD_STATUS, "final")
                .body(format!(
                    r#"{{"file":{{"name":"files/bench","sizeBytes":"{size}"}}}}"#
                ))
        }
    }
}

/// Runs one upload; returns (requests, largest chunk, simulated seconds).
fn run(size: u64, chunking: ChunkSizing, bytes_per_ms: u64) -> (u64, u64, f64) {
    let endpoint = Endpoint::new("http://127.0.0.1:20401", "v1beta").expect("valid endpoint");
    let config = UploadConfig::new(endpoint, size, "video/mp4").chunking(chunking);
    let mut upload = Upload::new(config, 1, None).expect("valid config");
    let (mut requests, mut largest, mut millis) = (0, 0, 0);
    loop {
        match upload.next_action() {
            Action::Send(request) => {
                requests += 1;
                largest = largest.max(request.body.len());
                let response = answer(&request, bytes_per_ms);
                millis += response.elapsed_ms;
                upload.on_response(response);
            }
            Action::Wait { millis: wait } => millis += wait,
            Action::Progress(_) => {}
            Action::Finished(_) => return (requests, largest, millis as f64 / 1000.0),
            Action::Failed(error) => panic!("the stand-in server never fails: {error}"),
        }
    }
}

fn main() {
    // Decision cost: many small chunks, so the machine's own work dominates.
    let size = 64 * GIB;
    let started = Instant::now();
    let (requests, _, _) = run(size, ChunkSizing::Fixed(256 * 1024), 1_000_000);
    let elapsed = started.elapsed();
    println!(
        "decision cost: {requests} requests in {:.1} ms = {:.2} µs per request (next_action + on_response)",
        elapsed.as_secs_f64() * 1000.0,
        elapsed.as_secs_f64() * 1e6 / requests as f64,
    );
    println!(
        "machine size: Upload {} bytes, resume record JSON ~{} bytes",
        std::mem::size_of::<Upload>(),
        r#"{"version":1,"sessionUrl":"https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=ABgVH8xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx&upload_protocol=resumable","size":1073741824,"mimeType":"video/mp4","granularity":262144,"confirmed":536870912}"#.len()
    );

    println!();
    println!("1 GiB upload, requests incl. start (largest chunk, simulated transfer time):");
    println!(
        "{:>14} {:>22} {:>22}",
        "link", "fixed 8 MiB", "adaptive (default)"
    );
    for (label, bytes_per_ms) in [
        ("loopback", 180_000),
        ("100 Mbit/s", 12_500),
        ("10 Mbit/s", 1_250),
        ("2 Mbit/s", 250),
    ] {
        let fixed = run(
            GIB,
            ChunkSizing::Fixed(ChunkSizing::DEFAULT_CHUNK),
            bytes_per_ms,
        );
        let adaptive = run(GIB, ChunkSizing::default(), bytes_per_ms);
        let cell = |(requests, largest, seconds): (u64, u64, f64)| {
            format!("{requests} ({} MiB, {seconds:.0} s)", largest / MIB)
        };
        println!("{label:>14} {:>22} {:>22}", cell(fixed), cell(adaptive));
    }
}
