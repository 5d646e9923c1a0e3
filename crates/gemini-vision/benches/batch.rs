//! Throughput of Batch Mode's byte paths: reading a result file as it streams in,
//! laying out a 10,000-request JSONL input and cutting it into upload chunks. Prints
//! criterion's numbers; nothing here asserts a time.
// Benchmarks unwrap their fixed inputs.
#![allow(clippy::unwrap_used, missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gemini_vision::batch::{BatchInput, BatchItem, ResultReader};
use gemini_vision::request::RequestBuilder;
use std::hint::black_box;
use std::path::Path;

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/samples/responses")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// A result file of 10,000 lines, each a real answer (the 20-mask segmentation and a
/// box list, alternating) wrapped as the API writes results.
fn result_file() -> Vec<u8> {
    let answers = [
        sample(
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt",
        ),
        sample("cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt"),
    ];
    let mut file = Vec::new();
    for i in 0..10_000 {
        let line = serde_json::json!({"key": format!("req-{i}"), "response": {"candidates": [
            {"content": {"parts": [{"text": answers[i % 2]}], "role": "model"}, "finishReason": "STOP"}]}});
        file.extend(serde_json::to_vec(&line).unwrap());
        file.push(b'\n');
    }
    file
}

fn reader(c: &mut Criterion) {
    let file = result_file();
    let mut group = c.benchmark_group("batch results");
    group.throughput(Throughput::Bytes(file.len() as u64));
    group.sample_size(10);
    group.bench_function(
        format!("read {} MB in 64 KiB chunks", file.len() >> 20),
        |b| {
            b.iter(|| {
                let mut reader = ResultReader::new();
                let mut count = 0;
                for chunk in file.chunks(64 * 1024) {
                    reader.push(chunk);
                    while let Some(result) = reader.next_result() {
                        count += usize::from(result.response().is_some());
                    }
                }
                reader.finish();
                count += std::iter::from_fn(|| reader.next_result()).count();
                black_box(count)
            })
        },
    );
    group.finish();
}

fn writer(c: &mut Criterion) {
    let items = (0..10_000)
        .map(|i| {
            let mut request = RequestBuilder::new();
            request
                .inline_slot("image/jpeg", 150_000 + i)
                .text("Detect every object as a 2D box.")
                .json_output();
            BatchItem::new(request)
        })
        .collect();
    let input = BatchInput::new(items).unwrap();
    let total = input.jsonl().total_len();
    let mut group = c.benchmark_group("batch input");
    group.sample_size(10);
    group.bench_function("lay out 10,000 requests (sizes only)", |b| {
        b.iter(|| black_box(input.jsonl().total_len()))
    });
    group.throughput(Throughput::Bytes(total));
    group.bench_function(
        format!("cut the {} MB file into 8 MiB chunk plans", total >> 20),
        |b| {
            b.iter(|| {
                let mut pieces = 0;
                let mut start = 0;
                while start < total {
                    let end = (start + (8 << 20)).min(total);
                    pieces += input.jsonl().chunk(start, end).unwrap().len();
                    start = end;
                }
                black_box(pieces)
            })
        },
    );
    group.finish();
}

criterion_group!(benches, reader, writer);
criterion_main!(benches);
