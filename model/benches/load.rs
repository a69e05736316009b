//! Loading (YAML → document) and resolving (document → estate) at growing sizes.
#![allow(clippy::expect_used, reason = "a benchmark stops loudly on bad input")]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::{Format, Limits, load, resolve};

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for projects in [1, 10, 100, 1000] {
        let doc = document(Settings {
            projects,
            ..Settings::default()
        });
        let yaml = doc
            .to_text(Format::Yaml)
            .expect("synthetic documents serialise");
        let limits = Limits {
            max_bytes: 64 * 1024 * 1024,
            ..Limits::default()
        };
        group.throughput(Throughput::Bytes(yaml.len() as u64));
        group.bench_with_input(BenchmarkId::new("yaml", projects), &yaml, |b, yaml| {
            b.iter(|| {
                let source = mlzone_model::Source::new("bench.yaml", yaml.clone());
                load::parse::<mlzone_model::Document>(source, Format::Yaml, &limits)
                    .expect("synthetic documents load")
            });
        });
        group.bench_with_input(BenchmarkId::new("resolve", projects), &doc, |b, doc| {
            b.iter(|| resolve(doc).expect("synthetic documents resolve"));
        });
    }
    group.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
