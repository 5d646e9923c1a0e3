//! Parse, decode and composite the real segmentation answers (20 and 15 PNG masks).
//!
//! `cargo bench -p gemini-vision --bench spatial` prints, per answer:
//! - `parse`: text to detections (JSON, base64 and PNG header checks, no pixels);
//! - `parse+decode/WxH`: plus every mask decoded and resized into its box (Pillow bilinear);
//! - `parse+decode+composite/WxH`: plus every mask painted into one RGBA layer;
//! - `composite/WxH`: the per-frame cost alone (hover, settings), masks already prepared;
//! - `composite_into/WxH`: the same into a reused layer (no allocation).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gemini_vision::geometry::ImageSize;
use gemini_vision::overlay::{CompositeStyle, MaskScene};
use gemini_vision::spatial::parse_detections;
use std::hint::black_box;

const SAMPLES: [(&str, &str); 2] = [
    (
        "20-masks",
        "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt",
    ),
    (
        "15-masks",
        "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_kitchen_items_segmentation.txt",
    ),
];

const SIZES: [(u32, u32); 2] = [(1024, 1024), (3840, 2160)];

fn sample(file: &str) -> String {
    let path = format!(
        "{}/../../../shared/samples/responses/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bench(c: &mut Criterion) {
    let style = CompositeStyle::default();
    for (name, file) in SAMPLES {
        let text = sample(file);
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("parse", |b| b.iter(|| parse_detections(black_box(&text))));
        for (w, h) in SIZES {
            let size = ImageSize::new(w, h).unwrap();
            let label = format!("{w}x{h}");
            group.bench_with_input(
                BenchmarkId::new("parse+decode", &label),
                &size,
                |b, size| {
                    b.iter(|| {
                        MaskScene::prepare(&parse_detections(black_box(&text)).detections, *size)
                    })
                },
            );
            group.bench_with_input(
                BenchmarkId::new("parse+decode+composite", &label),
                &size,
                |b, size| {
                    b.iter(|| {
                        MaskScene::prepare(&parse_detections(black_box(&text)).detections, *size)
                            .composite(&style)
                    })
                },
            );
            let scene = MaskScene::prepare(&parse_detections(&text).detections, size);
            group.bench_with_input(BenchmarkId::new("composite", &label), &scene, |b, scene| {
                b.iter(|| scene.composite(black_box(&style)))
            });
            let mut layer = scene.composite(&style);
            group.bench_function(BenchmarkId::new("composite_into", &label), |b| {
                b.iter(|| scene.composite_into(black_box(&style), &mut layer))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
