//! Plan and render (bicep, arm, roles) for the four archetypes; for synthetic estates of 1,
//! 10, 100 and 1000 projects the plan, each target's rendering, plan + every target, and the
//! whole pipeline from the document. Throughput is output bytes per second.
//!
//! The benchmark allocates with mimalloc, as the `mlzone` binary does.
#![allow(clippy::expect_used, reason = "a benchmark stops loudly on bad input")]

use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mlzone_codegen::generate::render;
use mlzone_codegen::plan::Plan;
use mlzone_codegen::{Target, Templates, generate};
use mlzone_model::synthetic::{Settings, document};
use mlzone_model::validate::{Validated, validate};
use mlzone_model::{Format, Limits, load_estate, resolve};
use strum::IntoEnumIterator;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGETS: [Target; 3] = [Target::Bicep, Target::Arm, Target::Roles];

fn archetype(name: &str) -> Validated {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../examples/{name}.yaml"));
    let text = std::fs::read(&path).expect("the example exists");
    let loaded = load_estate(name, &text, Some(Format::Yaml), &Limits::default())
        .expect("the example loads");
    validate(loaded.estate).expect("the example validates")
}

fn output_bytes(validated: &Validated, targets: &[Target], templates: &Templates) -> u64 {
    generate(validated, targets, templates)
        .expect("generation succeeds")
        .iter()
        .map(|(_, text)| text.len() as u64)
        .sum()
}

fn archetypes(c: &mut Criterion) {
    let templates = Templates::builtin().expect("built-in templates compile");
    let mut group = c.benchmark_group("generate-archetype");
    group.sample_size(20);
    for name in [
        "public-unrestricted",
        "public-restricted",
        "private-unrestricted",
        "private-restricted",
    ] {
        let validated = archetype(name);
        group.throughput(Throughput::Bytes(output_bytes(
            &validated, &TARGETS, &templates,
        )));
        group.bench_with_input(BenchmarkId::from_parameter(name), &validated, |b, v| {
            b.iter(|| generate(v, &TARGETS, &templates).expect("generation succeeds"));
        });
    }
    group.finish();
}

fn synthetic(c: &mut Criterion) {
    let templates = Templates::builtin().expect("built-in templates compile");
    for projects in [1, 10, 100, 1000] {
        let doc = document(Settings {
            projects,
            ..Settings::default()
        });
        let validated = validate(resolve(&doc).expect("synthetic estates resolve"))
            .expect("synthetic estates validate");
        let plan = Plan::build(&validated).expect("synthetic estates plan");

        let mut group = c.benchmark_group(format!("synthetic-{projects}"));
        group.sample_size(10);
        group.bench_function("plan", |b| {
            b.iter(|| Plan::build(&validated).expect("synthetic estates plan"));
        });
        for target in Target::iter() {
            let bytes = render(&plan, &[target], &templates)
                .expect("rendering succeeds")
                .iter()
                .map(|(_, text)| text.len() as u64)
                .sum();
            group.throughput(Throughput::Bytes(bytes));
            group.bench_function(format!("render-{target}"), |b| {
                b.iter(|| render(&plan, &[target], &templates).expect("rendering succeeds"));
            });
        }
        let all: Vec<Target> = Target::iter().collect();
        group.throughput(Throughput::Bytes(output_bytes(
            &validated, &all, &templates,
        )));
        group.bench_function("plan+render-all", |b| {
            b.iter(|| generate(&validated, &all, &templates).expect("generation succeeds"));
        });
        group.bench_function("pipeline", |b| {
            b.iter(|| {
                let validated = validate(resolve(&doc).expect("resolves")).expect("validates");
                generate(&validated, &all, &templates).expect("generation succeeds")
            });
        });
        group.finish();
    }
}

criterion_group!(benches, archetypes, synthetic);
criterion_main!(benches);
