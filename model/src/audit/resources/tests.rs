use serde_json::{Value, json};

use super::*;
use crate::validate::validate;

fn validated() -> Validated {
    let loaded = crate::load_default().unwrap();
    validate(loaded.estate).unwrap()
}

fn environment(validated: &Validated, name: &str) -> EnvironmentId {
    validated.estate().environment_named(name).unwrap()
}

/// The rows Resource Graph returns for what mlzone deploys in `name`, as the query projects
/// them, ordered by id.
fn clean_rows(name: &str) -> Vec<Value> {
    let validated = validated();
    let environment = environment(&validated, name);
    let mut rows: Vec<Value> = planned::resources(validated.estate())
        .into_iter()
        .filter(|p| p.environment == environment && word_of(&p.resource.resource_type).is_some())
        .map(|p| {
            let id = p.resource.id.clone().unwrap();
            json!({
                "id": id,
                "name": p.resource.full_name.rsplit('/').next().unwrap(),
                "type": p.resource.resource_type.to_ascii_lowercase(),
                "kind": p.resource.body.get("kind"),
                "location": p.resource.location,
                "resourceGroup": p.facts.resource_group,
                "subscriptionId": p.facts.subscription_id,
                "sku": p.resource.body.get("sku"),
                "identity": p.resource.body.get("identity"),
                "tags": p.resource.body.get("tags"),
                "properties": p.resource.body.get("properties"),
            })
        })
        .collect();
    rows.sort_by_key(|row| row["id"].as_str().unwrap().to_ascii_lowercase());
    rows
}

/// `rows` cut into pages of `size`, as the export script writes them.
fn pages(rows: &[Value], size: usize) -> Vec<ExportFile> {
    let chunks: Vec<&[Value]> = rows.chunks(size).collect();
    let last = chunks.len() - 1;
    chunks
        .iter()
        .enumerate()
        .map(|(n, chunk)| {
            let page = json!({
                "count": chunk.len(),
                "data": chunk,
                "skip_token": if n < last { json!(format!("token-{}", n + 1)) } else { Value::Null },
                "total_records": rows.len(),
            });
            ExportFile {
                path: format!("audit/dev/resources/page-{}.json", n + 1),
                text: serde_json::to_string_pretty(&page).unwrap(),
            }
        })
        .collect()
}

fn check(rows: &[Value]) -> Vec<Finding> {
    let validated = validated();
    let dev = environment(&validated, "dev");
    check_resources(&validated, dev, &pages(rows, 7)).unwrap()
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

fn row_named<'r>(rows: &'r mut [Value], kind: &str, prefix: &str) -> &'r mut Value {
    rows.iter_mut()
        .find(|r| {
            r["type"].as_str().unwrap().ends_with(kind)
                && r["name"].as_str().unwrap().starts_with(prefix)
        })
        .unwrap()
}

#[test]
fn the_planned_resources_audit_clean() {
    let rows = clean_rows("dev");
    assert!(rows.len() > 7, "several pages");
    assert_eq!(check(&rows), vec![]);
    for name in ["test", "prod"] {
        let validated = validated();
        let id = environment(&validated, name);
        let rows = clean_rows(name);
        assert_eq!(
            check_resources(&validated, id, &pages(&rows, 1000)).unwrap(),
            vec![]
        );
    }
}

#[test]
fn public_access_on_a_private_project_is_an_error() {
    let mut rows = clean_rows("dev");
    row_named(&mut rows, "/workspaces", "mlw-")["properties"]["publicNetworkAccess"] =
        json!("Enabled");
    let storage = row_named(&mut rows, "/storageaccounts", "st");
    storage["properties"]
        .as_object_mut()
        .unwrap()
        .remove("publicNetworkAccess");
    storage["properties"]["networkAcls"]["defaultAction"] = json!("Allow");
    row_named(&mut rows, "/vaults", "kv-")["properties"]["publicNetworkAccess"] = json!("enabled");
    row_named(&mut rows, "/registries", "cr")["properties"]["publicNetworkAccess"] =
        json!("Disabled");
    let findings = check(&rows);
    assert_eq!(
        codes(&findings),
        [
            "audit-resource-public-access",
            "audit-resource-public-access",
            "audit-resource-public-access"
        ],
        "{findings:#?}"
    );
    assert!(findings.iter().any(|f| f.message.contains("(`not set`)")));
    assert!(findings.iter().all(|f| f.document_path == "/projects/0"));
    let export = findings[0].export.as_ref().unwrap();
    assert!(export.file.starts_with("audit/dev/resources/page-"));
}

#[test]
fn a_storage_account_closed_by_its_network_rules_is_not_public() {
    let mut rows = clean_rows("dev");
    let storage = row_named(&mut rows, "/storageaccounts", "st");
    storage["properties"]
        .as_object_mut()
        .unwrap()
        .remove("publicNetworkAccess");
    assert_eq!(check(&rows), vec![]);
}

#[test]
fn another_isolation_mode_is_an_error() {
    let mut rows = clean_rows("dev");
    let workspace = row_named(&mut rows, "/workspaces", "mlw-");
    workspace["properties"]
        .as_object_mut()
        .unwrap()
        .remove("managedNetwork");
    let findings = check(&rows);
    assert_eq!(codes(&findings), ["audit-resource-isolation"]);
    assert!(findings[0].message.contains("runs managed network isolation `Disabled`, the document says `AllowOnlyApprovedOutbound`"), "{}", findings[0].message);
}

#[test]
fn instances_without_idle_shutdown_or_with_a_longer_one_are_errors() {
    let mut rows = clean_rows("dev");
    let alice = row_named(&mut rows, "/computes", "ci-alice");
    alice["properties"]["properties"]
        .as_object_mut()
        .unwrap()
        .remove("idleTimeBeforeShutdown");
    let bob = row_named(&mut rows, "/computes", "ci-bob");
    bob["properties"]["properties"]["idleTimeBeforeShutdown"] = json!("PT2H");
    let findings = check(&rows);
    assert_eq!(
        codes(&findings),
        [
            "audit-resource-idle-shutdown",
            "audit-resource-idle-shutdown"
        ]
    );
    assert!(findings[0].message.contains("does not shut down when idle"));
    assert!(
        findings[1]
            .message
            .contains("shuts down after `PT2H` idle; the document says after `PT60M`")
    );
    assert!(
        findings[0].document_path.contains("/data-scientists/"),
        "{}",
        findings[0].document_path
    );
}

#[test]
fn a_shorter_idle_shutdown_is_fine() {
    let mut rows = clean_rows("dev");
    row_named(&mut rows, "/computes", "ci-alice")["properties"]["properties"]["idleTimeBeforeShutdown"] =
        json!("PT30M");
    row_named(&mut rows, "/computes", "ci-bob")["properties"]["properties"]["idleTimeBeforeShutdown"] =
        json!("PT1H");
    assert_eq!(check(&rows), vec![]);
}

#[test]
fn an_instance_of_another_user_is_an_error() {
    let mut rows = clean_rows("dev");
    let alice = row_named(&mut rows, "/computes", "ci-alice");
    alice["properties"]["properties"]["personalComputeInstanceSettings"]["assignedUser"]["objectId"] =
        json!("0a7c1f7e-6a57-4d5e-b1a4-3c1f6f4f2b9d");
    let bob = row_named(&mut rows, "/computes", "ci-bob");
    bob["properties"]["properties"]
        .as_object_mut()
        .unwrap()
        .remove("personalComputeInstanceSettings");
    let findings = check(&rows);
    assert_eq!(
        codes(&findings),
        [
            "audit-resource-assigned-user",
            "audit-resource-assigned-user"
        ]
    );
    assert!(findings[0].message.contains(
        "is assigned to `0a7c1f7e-6a57-4d5e-b1a4-3c1f6f4f2b9d`, the document gives it to `ae96da58"
    ));
    assert!(findings[1].message.contains("is assigned to no user"));
}

#[test]
fn the_object_id_compares_without_case() {
    let mut rows = clean_rows("dev");
    let alice = row_named(&mut rows, "/computes", "ci-alice");
    let id = &mut alice["properties"]["properties"]["personalComputeInstanceSettings"]["assignedUser"]
        ["objectId"];
    *id = json!(id.as_str().unwrap().to_ascii_uppercase());
    assert_eq!(check(&rows), vec![]);
}

#[test]
fn a_cluster_kept_warm_is_an_error() {
    let mut rows = clean_rows("dev");
    row_named(&mut rows, "/computes", "cl-ds3")["properties"]["properties"]["scaleSettings"]["minNodeCount"] =
        json!(2);
    let findings = check(&rows);
    assert_eq!(codes(&findings), ["audit-resource-min-nodes"]);
    assert!(
        findings[0]
            .message
            .contains("keeps at least 2 nodes running, the document says 0")
    );
    assert!(
        findings[0].document_path.contains("/clusters/"),
        "{}",
        findings[0].document_path
    );
}

#[test]
fn unknown_workloads_in_the_environment_s_groups_are_warnings() {
    let mut rows = clean_rows("dev");
    let workspace = row_named(&mut rows, "/workspaces", "mlw-").clone();
    let workspace_id = workspace["id"].as_str().unwrap().to_owned();
    let mut compute = workspace.clone();
    compute["id"] = json!(format!("{workspace_id}/computes/ci-mallory"));
    compute["type"] = json!("microsoft.machinelearningservices/workspaces/computes");
    compute["properties"] = json!({"computeType": "ComputeInstance"});
    let mut shadow = workspace.clone();
    shadow["id"] = json!(workspace_id.replace("mlw-", "mlw-shadow-"));
    // In a resource group mlzone does not name: not reported.
    let mut elsewhere = workspace.clone();
    elsewhere["id"] = json!(workspace_id.replace("resourceGroups/", "resourceGroups/rg-sandbox-"));
    // Storage accounts mlzone does not plan are not workloads: not reported.
    let mut storage = row_named(&mut rows, "/storageaccounts", "st").clone();
    storage["id"] = json!(format!("{}x", storage["id"].as_str().unwrap()));
    rows.extend([compute, shadow, elsewhere, storage]);
    let findings = check(&rows);
    assert_eq!(
        codes(&findings),
        ["audit-resource-unknown", "audit-resource-unknown"],
        "{findings:#?}"
    );
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(
        findings[0]
            .message
            .contains("compute `mlw-cont-churn-dev/ci-mallory`"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[1]
            .message
            .contains("workspace `mlw-shadow-cont-churn-dev`"),
        "{}",
        findings[1].message
    );
}

#[test]
fn planned_resources_the_export_lacks_are_missing() {
    let mut rows = clean_rows("dev");
    rows.retain(|r| !r["name"].as_str().unwrap().starts_with("cl-nc6s"));
    let findings = check(&rows);
    assert_eq!(codes(&findings), ["audit-resource-missing"]);
    assert!(
        findings[0]
            .message
            .contains("compute `mlw-cont-churn-dev/cl-nc6s-v3`"),
        "{}",
        findings[0].message
    );
    assert!(findings[0].export.is_none());
}

#[test]
fn durations_read_as_azure_writes_them() {
    assert_eq!(duration_seconds("PT60M"), Some(3600));
    assert_eq!(duration_seconds("PT1H30M"), Some(5400));
    assert_eq!(duration_seconds("P1DT2H"), Some(93_600));
    assert_eq!(duration_seconds("pt90s"), Some(90));
    assert_eq!(duration_seconds("60"), None);
    assert_eq!(duration_seconds("PTM"), None);
    assert_eq!(duration_seconds("PT5"), None);
}

fn errors(files: &[ExportFile]) -> Vec<Diagnostic> {
    let validated = validated();
    let dev = environment(&validated, "dev");
    check_resources(&validated, dev, files).unwrap_err()
}

fn located(diagnostic: &Diagnostic) -> (String, usize) {
    let location = diagnostic.location.as_ref().unwrap();
    (location.source.clone(), location.line)
}

/// The line of `needle` in `text`, one-based.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_missing_last_page_is_located_at_the_token() {
    let rows = clean_rows("dev");
    let mut files = pages(&rows, 7);
    files.pop();
    let errors = errors(&files);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::AuditResourcePages);
    let last = files.last().unwrap();
    assert_eq!(
        located(&errors[0]),
        (last.path.clone(), line_of(&last.text, "\"skip_token\""))
    );
}

#[test]
fn a_page_after_the_last_is_located() {
    let rows = clean_rows("dev");
    let mut files = pages(&rows, 7);
    let mut first: Value = serde_json::from_str(&files[0].text).unwrap();
    first["skip_token"] = Value::Null;
    files[0].text = serde_json::to_string_pretty(&first).unwrap();
    let errors = errors(&files);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]
            .message
            .contains("but `audit/dev/resources/page-2.json` follows it")
    );
    assert_eq!(located(&errors[0]).0, "audit/dev/resources/page-1.json");
}

#[test]
fn a_page_cut_short_is_located_at_its_count() {
    let rows = clean_rows("dev");
    let mut files = pages(&rows, 7);
    let mut first: Value = serde_json::from_str(&files[0].text).unwrap();
    first["data"].as_array_mut().unwrap().pop();
    files[0].text = serde_json::to_string_pretty(&first).unwrap();
    let errors = errors(&files);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, "/count");
    assert_eq!(
        located(&errors[0]),
        (files[0].path.clone(), line_of(&files[0].text, "\"count\""))
    );
}

#[test]
fn rows_short_of_the_total_are_located() {
    let rows = clean_rows("dev");
    let mut files = pages(&rows[1..], 1000);
    let mut page: Value = serde_json::from_str(&files[0].text).unwrap();
    page["total_records"] = json!(rows.len());
    files[0].text = serde_json::to_string_pretty(&page).unwrap();
    let errors = errors(&files);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, "/total_records");
}

#[test]
fn a_row_listed_twice_is_located() {
    let mut rows = clean_rows("dev");
    let again = rows[3].clone();
    rows.push(again);
    let errors = errors(&pages(&rows, 7));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path, "/data/1/id");
    assert!(
        errors[0]
            .message
            .contains("already listed at row 3 of `audit/dev/resources/page-1.json`")
    );
}

#[test]
fn a_row_without_a_resource_id_is_located() {
    let mut rows = clean_rows("dev");
    rows[0]["id"] = json!("mlw-somewhere");
    let errors = errors(&pages(&rows, 1000));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::InvalidValue);
    assert_eq!(errors[0].path, "/data/0/id");
}

#[test]
fn a_page_of_another_shape_is_located() {
    let file = ExportFile {
        path: "audit/dev/resources/page-1.json".to_owned(),
        text: "{\n  \"count\": 1,\n  \"data\": [\n    {\"name\": \"x\"}\n  ]\n}\n".to_owned(),
    };
    let errors = errors(&[file]);
    assert_eq!(errors[0].code, Code::MissingField);
    assert_eq!(located(&errors[0]).1, 4);
}
