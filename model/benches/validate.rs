//! Validation (roles compiled, graph built, every rule run) of the enterprise example (with
//! guardrails), the landing-zone example (with the landing zone's inherited policies judged
//! on every planned resource) and of
//! synthetic estates of 10, 100 and 1000 projects (dev, test, prod; ten data scientists each),
//! and locating their findings (1.5 per project) in the YAML they were loaded from.
#![allow(clippy::expect_used, reason = "a benchmark stops loudly on bad input")]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::check;
use mlzone_model::{Format, Limits, load_estate, resolve};

fn validation(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    let enterprise = load_estate(
        "enterprise.yaml",
        include_bytes!("../tests/fixtures/examples/enterprise.yaml"),
        None,
        &Limits::default(),
    )
    .expect("the enterprise example loads")
    .estate;
    group.bench_function("enterprise", |b| b.iter(|| check(&enterprise)));
    let landing_zone = load_estate(
        "landing-zone.yaml",
        include_bytes!("../tests/fixtures/examples/landing-zone.yaml"),
        None,
        &Limits::default(),
    )
    .expect("the landing-zone example loads")
    .estate;
    group.bench_function("landing-zone", |b| b.iter(|| check(&landing_zone)));
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

fn locating(c: &mut Criterion) {
    let mut group = c.benchmark_group("locate");
    group.sample_size(10);
    for projects in [10, 100, 1000] {
        let yaml = document(Settings {
            projects,
            ..Settings::default()
        })
        .to_text(Format::Yaml)
        .expect("synthetic documents serialise");
        let limits = Limits {
            max_bytes: 64 * 1024 * 1024,
            ..Limits::default()
        };
        let loaded = load_estate("bench.yaml", yaml.as_bytes(), Some(Format::Yaml), &limits)
            .expect("synthetic documents load");
        let findings = check(&loaded.estate).diagnostics;
        group.throughput(Throughput::Elements(findings.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("findings", projects),
            &findings,
            |b, findings| {
                b.iter(|| loaded.located.locate(findings.clone()));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, validation, locating);
criterion_main!(benches);
