//! Auditing role assignments: the enterprise example against an export of 100,000 role
//! assignments in production (its own, then users, groups and service principals the
//! document does not know, on its workspaces, resource groups and subscription), and the
//! other environments' clean exports.
#![allow(clippy::expect_used, reason = "a benchmark stops loudly on bad input")]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mlzone_model::audit::{EnvironmentExports, ExportFile, Exports, audit};
use mlzone_model::validate::validate;
use mlzone_model::{Limits, load_estate};

const ASSIGNMENTS: usize = 100_000;

/// One row as `az role assignment list` writes it.
fn row(index: usize, subscription: &str, scope: &str, principal: &str, role: &str) -> String {
    format!(
        r#"  {{
    "canDelegate": null,
    "condition": null,
    "conditionVersion": null,
    "createdBy": "3f2b8f55-6a0e-4a5b-9d1c-2d5c0b7e9a10",
    "createdOn": "2024-03-11T09:12:44.000000+00:00",
    "delegatedManagedIdentityResourceId": null,
    "description": null,
    "id": "{scope}/providers/Microsoft.Authorization/roleAssignments/{index:08x}-0000-4000-8000-000000000000",
    "name": "{index:08x}-0000-4000-8000-000000000000",
    "principalId": "{principal}",
    "principalName": "principal-{index}",
    "principalType": "User",
    "resourceGroup": null,
    "roleDefinitionId": "/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/{role}",
    "roleDefinitionName": null,
    "scope": "{scope}",
    "type": "Microsoft.Authorization/roleAssignments",
    "updatedBy": "3f2b8f55-6a0e-4a5b-9d1c-2d5c0b7e9a10",
    "updatedOn": "2024-03-11T09:12:44.000000+00:00"
  }}"#
    )
}

fn auditing(c: &mut Criterion) {
    let loaded = load_estate(
        "enterprise.yaml",
        include_bytes!("../tests/fixtures/examples/enterprise.yaml"),
        None,
        &Limits::default(),
    )
    .expect("the enterprise example loads");
    let validated = validate(loaded.estate).expect("the enterprise example is valid");
    let subscription = "44a5b5c1-2151-492e-91d1-9f7d2eaeb2fc";
    let projects = [
        "fraud-detection",
        "credit-risk",
        "churn",
        "marketing-mix",
        "document-ai",
        "aml-screening",
        "forecasting",
    ];
    // Reader, AzureML Data Scientist, a role nobody embeds, Contributor.
    let roles = [
        "acdd72a7-3385-48ef-bd42-f606fba81ae7",
        "f6c7c914-8db3-469d-8ca1-694a8f32e121",
        "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68",
        "b24988ac-6180-42a0-ab88-20f7382dd24c",
    ];
    let mut rows = Vec::with_capacity(ASSIGNMENTS);
    let pairs = projects.iter().cycle().zip(roles.iter().cycle());
    for (index, (project, role)) in pairs.take(ASSIGNMENTS).enumerate() {
        let group = format!("/subscriptions/{subscription}/resourceGroups/rg-wgb-{project}-prod");
        let scope = match index % 10 {
            0 => format!("/subscriptions/{subscription}"),
            1..=3 => group,
            4 => format!("{group}/providers/Microsoft.Storage/storageAccounts/st{index}"),
            _ => format!(
                "{group}/providers/Microsoft.MachineLearningServices/workspaces/mlw-wgb-{project}-prod"
            ),
        };
        let principal = format!("{index:08x}-1111-4222-8333-444444444444");
        rows.push(row(index, subscription, &scope, &principal, role));
    }
    let text = format!("[\n{}\n]\n", rows.join(",\n"));
    let megabytes = text.len() / (1024 * 1024);
    let mut exports = Exports::default();
    for environment in ["dev", "test", "perf", "prod"] {
        let assignments = if environment == "prod" {
            text.clone()
        } else {
            "[]".to_owned()
        };
        exports.environments.insert(
            environment.to_owned(),
            EnvironmentExports {
                role_assignments: Some(ExportFile::new(
                    format!("{environment}/role-assignments.json"),
                    assignments,
                )),
                role_definitions: Some(ExportFile::new(
                    format!("{environment}/role-definitions.json"),
                    "[]",
                )),
                resources: vec![ExportFile::new(
                    format!("{environment}/resources/page-1.json"),
                    r#"{"count": 0, "data": [], "skip_token": null, "total_records": 0}"#,
                )],
            },
        );
    }
    let report = audit(&validated, &exports).expect("the export is usable");
    eprintln!(
        "{ASSIGNMENTS} assignments, {megabytes} MiB of JSON, {} findings",
        report.findings.len()
    );
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ASSIGNMENTS as u64));
    group.bench_function("role-assignments-100000", |b| {
        b.iter(|| audit(&validated, &exports).expect("the export is usable"));
    });
    group.finish();
}

criterion_group!(benches, auditing);
criterion_main!(benches);
