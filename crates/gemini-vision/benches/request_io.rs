//! Throughput of the request and response paths: body building (base64 straight into
//! the output), SSE decoding, header reading and planning. Prints criterion's
//! numbers; nothing here asserts a time.
// Benchmarks unwrap their fixed inputs.
#![allow(clippy::unwrap_used, missing_docs)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use gemini_vision::media::{image_info, sniff_mime};
use gemini_vision::request::{MediaItem, RequestBuilder};
use gemini_vision::response::{ResponseStream, SseDecoder};
use std::hint::black_box;
use std::path::Path;

fn shared(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    std::fs::read(path).unwrap()
}

/// The real photos, concatenated until 12 MB (the DESIGN's benchmark body size).
fn twelve_megabytes() -> Vec<u8> {
    let photos = ["fruit.jpg", "cat.jpg", "baklava.jpg", "cupcakes.png"];
    let mut bytes = Vec::new();
    while bytes.len() < 9_000_000 {
        for name in photos {
            bytes.extend_from_slice(&shared(&format!("samples/images/{name}")));
        }
    }
    bytes.truncate(9_000_000);
    bytes
}

fn body(c: &mut Criterion) {
    let mut group = c.benchmark_group("request body");
    let payload = twelve_megabytes();
    let mut builder = RequestBuilder::new();
    builder
        .inline_with_mime(payload.clone(), "image/jpeg")
        .text("Detect every object as a 2D box.")
        .json_output();
    let body_len = builder.body_len().unwrap();
    group.throughput(Throughput::Bytes(body_len));
    group.sample_size(20);
    group.bench_function("build 9 MB image -> 12 MB body", |b| {
        b.iter(|| black_box(builder.build().unwrap()))
    });
    let photo = shared("samples/images/fruit.jpg");
    group.throughput(Throughput::Bytes(photo.len() as u64));
    group.bench_function("inline + build 1.8 MB photo (sniffed)", |b| {
        b.iter_batched(
            || photo.clone(),
            |bytes| {
                let mut builder = RequestBuilder::new();
                builder.inline(bytes).text("Describe");
                black_box(builder.build().unwrap())
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
    // Laying out the same body without encoding it: what planning and size checks cost.
    c.bench_function(
        "request body/body_len of the 12 MB body (layout only)",
        |b| b.iter(|| black_box(builder.body_len().unwrap())),
    );
}

fn streaming(c: &mut Criterion) {
    let mut group = c.benchmark_group("stream");
    let one = shared("fixtures/sdk-mock-responses/streaming-success-basic-reply-long.txt");
    let body: Vec<u8> = one.iter().copied().cycle().take(one.len() * 200).collect();
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("SSE events, 1 KiB chunks", |b| {
        b.iter(|| {
            let mut decoder = SseDecoder::new();
            let mut events = 0;
            for chunk in body.chunks(1024) {
                decoder.push(chunk);
                while let Some(event) = decoder.next_event() {
                    events += event.unwrap().data.len();
                }
            }
            black_box(events)
        })
    });
    group.bench_function("answers (SSE + JSON), 16 KiB chunks", |b| {
        b.iter(|| {
            let mut stream = ResponseStream::new(None);
            let mut answers = 0;
            for chunk in body.chunks(16 * 1024) {
                stream.push(chunk);
                while let Some(answer) = stream.next_response() {
                    answers += usize::from(answer.is_ok());
                }
            }
            black_box(answers)
        })
    });
    group.finish();
}

fn media(c: &mut Criterion) {
    let mut group = c.benchmark_group("media");
    let photos: Vec<Vec<u8>> = ["fruit.jpg", "cat.jpg", "cupcakes.png", "spill.jpg"]
        .iter()
        .map(|n| shared(&format!("samples/images/{n}")))
        .collect();
    group.bench_function("image_info, 4 real photos", |b| {
        b.iter(|| {
            for photo in &photos {
                black_box(image_info(photo).unwrap());
            }
        })
    });
    group.bench_function("sniff_mime, 4 real photos", |b| {
        b.iter(|| {
            for photo in &photos {
                black_box(sniff_mime(photo));
            }
        })
    });
    let items: Vec<MediaItem> = (0..100)
        .map(|i| MediaItem::new("image/jpeg", 100_000 + i * 37_000))
        .collect();
    let mut prompt = RequestBuilder::new();
    prompt.text("Compare these photos");
    group.bench_function("plan 100 items", |b| {
        b.iter(|| black_box(prompt.plan(&items).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, body, streaming, media);
criterion_main!(benches);
