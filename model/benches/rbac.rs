//! Figures for the permission engine: `allows` per call, `is_subset` over the whole catalog.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mlzone_model::rbac::{Catalog, PermissionSet, builtin, difference, is_subset, library};

fn roles() -> (PermissionSet<'static>, PermissionSet<'static>) {
    let catalog = Catalog::azure();
    let scientist = &library::find("data-scientist")
        .map(|r| r.permissions.clone())
        .unwrap_or_default();
    let builtin = builtin::find("AzureML Data Scientist")
        .and_then(|r| r.permissions.clone())
        .unwrap_or_default();
    (
        PermissionSet::new(catalog, scientist),
        PermissionSet::new(catalog, &builtin),
    )
}

fn allows(c: &mut Criterion) {
    let (scientist, _) = roles();
    let mut group = c.benchmark_group("allows");
    for (name, op) in [
        (
            "granted",
            "Microsoft.MachineLearningServices/workspaces/jobs/write",
        ),
        (
            "removed",
            "Microsoft.MachineLearningServices/workspaces/computes/write",
        ),
        (
            "not-granted",
            "Microsoft.Authorization/roleAssignments/write",
        ),
        (
            "outside-catalog",
            "Microsoft.Compute/virtualMachines/start/action",
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(scientist.allows(black_box(op))))
        });
    }
    group.finish();
}

fn subset(c: &mut Criterion) {
    let catalog = Catalog::azure();
    let (scientist, builtin) = roles();
    let contributor = builtin::find("Contributor")
        .and_then(|r| r.permissions.clone())
        .unwrap_or_default();
    let contributor = PermissionSet::new(catalog, &contributor);
    let mut group = c.benchmark_group("subset");
    group.bench_function("compiled", |b| {
        b.iter(|| black_box(is_subset(black_box(&scientist), black_box(&builtin))))
    });
    group.bench_function("compiled-beyond-catalog", |b| {
        b.iter(|| black_box(is_subset(black_box(&builtin), black_box(&contributor))))
    });
    let a = library::find("data-scientist")
        .map(|r| r.permissions.clone())
        .unwrap_or_default();
    let b2 = library::find("mlops-engineer")
        .map(|r| r.permissions.clone())
        .unwrap_or_default();
    group.bench_function("compile-both-and-compare", |b| {
        b.iter(|| {
            let sa = PermissionSet::new(catalog, black_box(&a));
            let sb = PermissionSet::new(catalog, black_box(&b2));
            black_box(is_subset(&sa, &sb))
        })
    });
    group.bench_function("difference", |b| {
        b.iter(|| black_box(difference(black_box(&builtin), black_box(&scientist))))
    });
    group.finish();
}

criterion_group!(benches, allows, subset);
criterion_main!(benches);
