//! Validation (roles compiled, graph built, every rule run) of the enterprise example and of
//! synthetic estates of 10, 100 and 1000 projects (dev, test, prod; ten data scientists each).
#![allow(clippy::expect_used, reason = "a benchmark stops loudly on bad input")]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::check;
use mlzone_model::{Limits, load_estate, resolve};

fn validation(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    let enterprise = load_estate(
        "enterprise.yaml",
        include_bytes!("../../examples/enterprise.yaml"),
        None,
        &Limits::default(),
    )
    .expect("the enterprise example loads")
    .estate;
    group.bench_function("enterprise", |b| b.iter(|| check(&enterprise)));
    for projects in [1, 10, 100, 1000] {
        let estate = resolve(&document(Settings {
            projects,
            data_scientists: 10,
            ..Settings::default()
        }))
        .expect("synthetic documents resolve");
        group.throughput(Throughput::Elements(projects as u64));
        group.bench_with_input(
            BenchmarkId::new("projects", projects),
            &estate,
            |b, estate| {
                b.iter(|| check(estate));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, validation);
criterion_main!(benches);
