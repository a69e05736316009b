//! Auditing an estate: the enterprise example against a production export of 100,000 role
//! assignments (users the document does not know, on its workspaces, resource groups,
//! storage accounts and subscription) and 5,000 resources in five Resource Graph pages
//! (compute instances, clusters, online endpoints, storage accounts and key vaults in its
//! projects' resource groups), and the other environments' empty exports.
#![allow(clippy::expect_used, reason = "a benchmark stops loudly on bad input")]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mlzone_model::audit::{EnvironmentExports, ExportFile, Exports, audit};
use mlzone_model::validate::validate;
use mlzone_model::{Limits, load_estate};

const ASSIGNMENTS: usize = 100_000;
const RESOURCES: usize = 5_000;
/// Rows per page: Resource Graph's largest page.
const PAGE_ROWS: usize = 1_000;

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

/// One resource of `kind` (0 to 9) in `project`'s production workspace, as the Resource Graph
/// query of `mlzone audit --print-commands` writes it.
fn resource(index: usize, kind: usize, subscription: &str, project: &str) -> String {
    let group = format!("rg-wgb-{project}-prod");
    let workspace = format!(
        "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/mlw-wgb-{project}-prod"
    );
    let (id, name, kind_type, properties) = match kind {
        0..=4 => (
            format!("{workspace}/computes/ci-user-{index}"),
            format!("ci-user-{index}"),
            "microsoft.machinelearningservices/workspaces/computes",
            format!(
                r#"{{"computeType": "ComputeInstance", "description": "Compute instance of user {index}.", "disableLocalAuth": true, "properties": {{"applicationSharingPolicy": "Personal", "computeInstanceAuthorizationType": "personal", "sshSettings": {{"sshPublicAccess": "Disabled"}}, "idleTimeBeforeShutdown": "PT60M", "personalComputeInstanceSettings": {{"assignedUser": {{"objectId": "{index:08x}-1111-4222-8333-444444444444", "tenantId": "f1bd2cc7-dbf6-4c6f-b4ad-e5d8945434d8"}}}}, "vmSize": "Standard_DS3_v2", "enableNodePublicIp": false}}}}"#
            ),
        ),
        5 | 6 => (
            format!("{workspace}/computes/cluster-{index}"),
            format!("cluster-{index}"),
            "microsoft.machinelearningservices/workspaces/computes",
            r#"{"computeType": "AmlCompute", "description": "Training cluster.", "disableLocalAuth": true, "properties": {"vmPriority": "Dedicated", "osType": "Linux", "remoteLoginPortPublicAccess": "Disabled", "scaleSettings": {"minNodeCount": 1, "maxNodeCount": 8, "nodeIdleTimeBeforeScaleDown": "PT120S"}, "vmSize": "Standard_DS3_v2", "enableNodePublicIp": false}}"#.to_owned(),
        ),
        7 => (
            format!("{workspace}/onlineEndpoints/endpoint-{index}"),
            format!("endpoint-{index}"),
            "microsoft.machinelearningservices/workspaces/onlineendpoints",
            r#"{"authMode": "AADToken", "description": "An online endpoint.", "publicNetworkAccess": "Enabled"}"#.to_owned(),
        ),
        8 => (
            format!("/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/st{index}"),
            format!("st{index}"),
            "microsoft.storage/storageaccounts",
            r#"{"allowBlobPublicAccess": false, "allowSharedKeyAccess": false, "minimumTlsVersion": "TLS1_2", "publicNetworkAccess": "Disabled", "supportsHttpsTrafficOnly": true}"#.to_owned(),
        ),
        _ => (
            format!("/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/kv{index}"),
            format!("kv{index}"),
            "microsoft.keyvault/vaults",
            r#"{"enableRbacAuthorization": true, "enableSoftDelete": true, "publicNetworkAccess": "Disabled", "tenantId": "f1bd2cc7-dbf6-4c6f-b4ad-e5d8945434d8"}"#.to_owned(),
        ),
    };
    format!(
        r#"    {{
      "id": "{id}",
      "name": "{name}",
      "type": "{kind_type}",
      "kind": null,
      "location": "westeurope",
      "resourceGroup": "{group}",
      "subscriptionId": "{subscription}",
      "sku": null,
      "identity": null,
      "tags": {{"cost-centre": "cc-4410", "owner": "ml-platform-team"}},
      "properties": {properties}
    }}"#
    )
}

/// The resources export of production: `RESOURCES` rows in pages of `PAGE_ROWS`, ordered by
/// id as the query orders them.
fn resource_pages(subscription: &str, projects: &[&str]) -> Vec<ExportFile> {
    let mut rows: Vec<(String, String)> = (0..RESOURCES)
        .map(|index| {
            let project = projects
                .get(index % projects.len())
                .expect("an index modulo the length");
            let row = resource(index, index % 10, subscription, project);
            let id = row
                .split("\"id\": \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a row has an id")
                .to_lowercase();
            (id, row)
        })
        .collect();
    rows.sort();
    let pages = rows.chunks(PAGE_ROWS).count();
    rows.chunks(PAGE_ROWS)
        .enumerate()
        .map(|(number, chunk)| {
            let token = if number + 1 < pages {
                format!("\"ew0KICAiJGlkIjogIjEiLA0KICAiTWF4Um93cyI6IHt{number}\"")
            } else {
                "null".to_owned()
            };
            let data: Vec<&str> = chunk.iter().map(|(_, row)| row.as_str()).collect();
            ExportFile::new(
                format!("prod/resources/page-{}.json", number + 1),
                format!(
                    "{{\n  \"count\": {},\n  \"data\": [\n{}\n  ],\n  \"skip_token\": {token},\n  \"total_records\": {RESOURCES}\n}}\n",
                    chunk.len(),
                    data.join(",\n")
                ),
            )
        })
        .collect()
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
                role_assignment_pages: Vec::new(),
                role_definitions: Some(ExportFile::new(
                    format!("{environment}/role-definitions.json"),
                    "[]",
                )),
                resources: if environment == "prod" {
                    resource_pages(subscription, &projects)
                } else {
                    vec![ExportFile::new(
                        format!("{environment}/resources/page-1.json"),
                        r#"{"count": 0, "data": [], "skip_token": null, "total_records": 0}"#,
                    )]
                },
            },
        );
    }
    let report = audit(&validated, &exports).expect("the export is usable");
    let resource_megabytes: usize = exports
        .environments
        .get("prod")
        .expect("production is exported")
        .resources
        .iter()
        .map(|page| page.text.len())
        .sum::<usize>()
        / (1024 * 1024);
    eprintln!(
        "{ASSIGNMENTS} assignments ({megabytes} MiB of JSON), {RESOURCES} resources ({resource_megabytes} MiB), {} findings",
        report.findings.len()
    );
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.throughput(Throughput::Elements((ASSIGNMENTS + RESOURCES) as u64));
    group.bench_function("assignments-100000-resources-5000", |b| {
        b.iter(|| audit(&validated, &exports).expect("the export is usable"));
    });
    group.finish();
}

criterion_group!(benches, auditing);
criterion_main!(benches);
