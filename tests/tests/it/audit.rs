//! Auditing a live estate end to end: the drifted enterprise fixtures give exactly the planted
//! findings; an export made from mlzone's own generated ARM audits clean; bad exports get
//! located errors.

use std::path::{Path, PathBuf};

use mlzone_codegen::{Target, Templates, generate};
use mlzone_model::audit::{AuditReport, EnvironmentExports, ExportFile, Exports, audit};
use mlzone_model::validate::{Validated, validate};
use mlzone_model::{Code, Limits, Severity, load_estate};
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn enterprise() -> Validated {
    let path = root().join("../examples/enterprise.yaml");
    let bytes = std::fs::read(&path).unwrap();
    let loaded = load_estate("enterprise.yaml", &bytes, None, &Limits::default()).unwrap();
    validate(loaded.estate).unwrap()
}

/// The codes of role assignments and effective access (the others are the custom role
/// definitions' and the resources').
fn is_access_code(code: Code) -> bool {
    matches!(
        code,
        Code::AuditAssignmentMissing
            | Code::AuditAssignmentExtra
            | Code::AuditAssignmentPrivileged
            | Code::AuditUnknownPrincipal
            | Code::AuditEffectiveAccess
    )
}

/// Everything mlzone generates as ARM for `validated`, by path.
fn arm(validated: &Validated) -> Vec<(String, Value)> {
    let templates = Templates::builtin().unwrap();
    let files = generate(validated, &[Target::Arm], &templates).unwrap();
    files
        .iter()
        .filter(|(path, _)| path.as_str().ends_with("/azuredeploy.json"))
        .map(|(path, text)| {
            (
                path.as_str().to_owned(),
                serde_json::from_str(text).unwrap(),
            )
        })
        .collect()
}

/// The last GUID in an ARM expression.
fn last_guid(expression: &str) -> String {
    let bytes = expression.as_bytes();
    (0..bytes.len().saturating_sub(35))
        .rev()
        .map(|start| &expression[start..start + 36])
        .find(|candidate| uuid_like(candidate))
        .unwrap_or_else(|| panic!("no GUID in {expression}"))
        .to_owned()
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// The string literal an ARM expression ends with: `'mlw-x'` in
/// `[format('…/{0}', 'mlw-x')]`.
fn last_literal(expression: &str) -> String {
    let end = expression.rfind('\'').unwrap();
    let start = expression[..end].rfind('\'').unwrap();
    expression[start + 1..end].to_owned()
}

/// The role assignments and custom role definitions of the generated ARM of every
/// environment, as `az role assignment list` and `az role definition list` write them once
/// deployed: the clean export of the estate.
fn clean_exports(validated: &Validated) -> Exports {
    let estate = validated.estate();
    let generated = generate(
        validated,
        &[Target::Roles, Target::Arm],
        &Templates::builtin().unwrap(),
    )
    .unwrap();
    let mut environments = std::collections::BTreeMap::new();
    // Role assignments at the model registry (workspace identities', the pipelines') live in
    // the registry's subscription, whichever environment's deployment made them: its home
    // environment's export lists them all.
    let registry = mlzone_model::naming::EstateNames::for_estate(estate).registry(estate);
    let registry_home = registry
        .as_ref()
        .and_then(|r| r.environment.as_ref().map(ToString::to_string));
    let mut at_registry = Vec::new();
    if let Some(registry) = &registry {
        for (path, template) in arm(validated) {
            let environment = path.split('/').nth(1).unwrap();
            if estate.environment_named(environment).is_none() {
                continue;
            }
            let subscription = registry.subscription.map(|s| s.to_string()).unwrap();
            for resource in template["resources"].as_array().unwrap() {
                let nested = resource["properties"]["template"]["resources"]
                    .as_array()
                    .into_iter()
                    .flatten();
                for assignment in nested {
                    let scope = assignment["scope"].as_str().unwrap_or_default();
                    if !scope.contains("Microsoft.MachineLearningServices/registries") {
                        continue;
                    }
                    let scope = format!(
                        "/subscriptions/{subscription}/resourceGroups/{}/providers/Microsoft.MachineLearningServices/registries/{}",
                        registry.resource_group.value, registry.registry.value
                    );
                    at_registry.push((scope, subscription.clone(), assignment.clone()));
                }
            }
        }
    }
    for (path, template) in arm(validated) {
        let environment = path.split('/').nth(1).unwrap().to_owned();
        let Some(id) = estate.environment_named(&environment) else {
            continue; // the registry's deployment
        };
        let subscription = estate[id].subscription.unwrap().to_string();
        let mut assignments = Vec::new();
        // The custom role definitions as the audit of role definitions exports them (the
        // registry's roles in its home subscription included).
        let definitions =
            super::audit_exports::role_definitions(validated, &generated, &environment);
        for resource in template["resources"].as_array().unwrap() {
            if resource["type"] != "Microsoft.Resources/deployments" {
                continue;
            }
            let group = resource["resourceGroup"].as_str().unwrap_or_default();
            let nested = resource["properties"]["template"]["resources"]
                .as_array()
                .into_iter()
                .flatten();
            for assignment in nested {
                if assignment["type"] != "Microsoft.Authorization/roleAssignments" {
                    continue;
                }
                let scope = assignment["scope"].as_str().unwrap();
                let (provider, kind) =
                    if scope.contains("Microsoft.MachineLearningServices/workspaces") {
                        ("Microsoft.MachineLearningServices", "workspaces")
                    } else if scope.contains("Microsoft.MachineLearningServices/registries") {
                        continue; // in the registry's subscription, below
                    } else {
                        ("Microsoft.LoadTestService", "loadTests")
                    };
                let scope = format!(
                    "/subscriptions/{subscription}/resourceGroups/{group}/providers/{provider}/{kind}/{}",
                    last_literal(scope)
                );
                let properties = &assignment["properties"];
                let role = last_guid(properties["roleDefinitionId"].as_str().unwrap());
                // The enterprise example names every group; the pipelines' service principal
                // (on load tests) is a deployment parameter, given here.
                let principal = properties["principalId"].as_str().unwrap();
                let principal = if uuid_like(principal) {
                    principal
                } else {
                    assert_eq!(properties["principalType"], "ServicePrincipal");
                    "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"
                };
                assignments.push(json!({
                    "condition": null,
                    "conditionVersion": null,
                    "description": properties["description"],
                    "id": format!("{scope}/providers/Microsoft.Authorization/roleAssignments/{}", assignments.len()),
                    "principalId": principal,
                    "principalName": format!("group-{principal}"),
                    "principalType": properties["principalType"],
                    "resourceGroup": group,
                    "roleDefinitionId": format!("/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/{role}"),
                    "scope": scope,
                    "type": "Microsoft.Authorization/roleAssignments",
                }));
            }
        }
        if registry_home.as_deref() == Some(environment.as_str()) {
            for (scope, subscription, assignment) in &at_registry {
                let properties = &assignment["properties"];
                let role = last_guid(properties["roleDefinitionId"].as_str().unwrap());
                // Workspace identities and the pipelines' principal are parameters.
                assert_eq!(properties["principalType"], "ServicePrincipal");
                let principal = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";
                assignments.push(json!({
                    "condition": null,
                    "conditionVersion": null,
                    "description": properties["description"],
                    "id": format!("{scope}/providers/Microsoft.Authorization/roleAssignments/{}", assignments.len()),
                    "principalId": principal,
                    "principalName": format!("group-{principal}"),
                    "principalType": "ServicePrincipal",
                    "resourceGroup": registry.as_ref().unwrap().resource_group.value.clone(),
                    "roleDefinitionId": format!("/subscriptions/{subscription}/providers/Microsoft.Authorization/roleDefinitions/{role}"),
                    "scope": scope,
                    "type": "Microsoft.Authorization/roleAssignments",
                }));
            }
        }
        assert!(!assignments.is_empty(), "{environment}");
        // The Resource Graph rows of what the templates deploy, from the audit of resources'
        // own clean export, in pages of 50.
        let rows = super::audit_exports::resource_rows(validated, &generated, &environment);
        let resources = super::audit_exports::pages(&rows, 50);
        let folder = format!("clean/{environment}");
        environments.insert(
            environment,
            EnvironmentExports {
                role_assignments: Some(ExportFile::new(
                    format!("{folder}/role-assignments.json"),
                    serde_json::to_string_pretty(&assignments).unwrap(),
                )),
                role_assignment_pages: Vec::new(),
                role_definitions: Some(ExportFile::new(
                    format!("{folder}/role-definitions.json"),
                    serde_json::to_string_pretty(&definitions).unwrap(),
                )),
                resources: resources
                    .into_iter()
                    .enumerate()
                    .map(|(n, page)| {
                        ExportFile::new(format!("{folder}/resources/page-{}.json", n + 1), page)
                    })
                    .collect(),
            },
        );
    }
    Exports { environments }
}

/// `tests/fixtures/audit/enterprise-clean/` is the clean export of the enterprise example as
/// files, for the command line's tests; it is written again with
/// `MLZONE_UPDATE_AUDIT_FIXTURES=1` and must stay the export the test above audits clean.
#[test]
fn the_committed_clean_export_is_the_generated_one() {
    let exports = clean_exports(&enterprise());
    let folder = root().join("fixtures/audit/enterprise-clean");
    let update = std::env::var_os("MLZONE_UPDATE_AUDIT_FIXTURES").is_some();
    for files in exports.environments.values() {
        let all = files
            .role_assignments
            .iter()
            .chain(&files.role_definitions)
            .chain(&files.resources);
        for file in all {
            let path = folder.join(file.path.strip_prefix("clean/").unwrap());
            let text = format!("{}\n", file.text.trim_end());
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &text).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == text,
                "{} is stale: run `MLZONE_UPDATE_AUDIT_FIXTURES=1 cargo test -p mlzone-tests \
                 --test it audit` and review the diff",
                path.display()
            );
        }
    }
}

#[test]
fn an_export_of_what_mlzone_generates_audits_clean() {
    let validated = enterprise();
    let exports = clean_exports(&validated);
    assert_eq!(exports.environments.len(), 4);
    let report = audit(&validated, &exports).unwrap();
    assert!(report.is_clean(), "{report}");
}

/// The drifted fixtures; exports of the custom role definitions and the resources come from
/// the fixtures when they are there, else from the clean export.
fn drifted() -> Exports {
    let validated = enterprise();
    let folder = root().join("fixtures/audit/enterprise-drifted");
    let mut exports = mlzone_cli::read_exports(&folder).unwrap();
    let clean = clean_exports(&validated);
    for (name, environment) in &mut exports.environments {
        let fallback = &clean.environments[name];
        if environment.role_definitions.is_none() {
            environment.role_definitions = fallback.role_definitions.clone();
        }
        if environment.resources.is_empty() {
            environment.resources = fallback.resources.clone();
        }
    }
    exports
}

fn drifted_report() -> AuditReport {
    audit(&enterprise(), &drifted()).unwrap_or_else(|errors| panic!("{errors}"))
}

#[test]
fn the_drifted_enterprise_shows_each_planted_drift_and_nothing_else() {
    use Code::*;
    use Severity::{Error, Warning};
    // (environment, code, severity, document item, a word of the message)
    let planted: [(&str, Code, Severity, &str, &str); 13] = [
        // dev: the data scientists' group made Contributor of the subscription for a
        // hackathon, which gives them much more than their role on restricted workspaces.
        (
            "dev",
            AuditAssignmentExtra,
            Warning,
            "/personas/data-scientist",
            "`Contributor` at subscription",
        ),
        (
            "dev",
            AuditEffectiveAccess,
            Warning,
            "/personas/data-scientist",
            "mlw-wgb-fraud-detection-dev",
        ),
        // dev: a deleted principal kept Reader on a project's resource group.
        (
            "dev",
            AuditUnknownPrincipal,
            Warning,
            "/projects/0",
            "deleted principal",
        ),
        // dev: the MLOps engineers lost their role on the churn workspace.
        (
            "dev",
            AuditAssignmentMissing,
            Warning,
            "/personas/mlops-engineer",
            "mlw-wgb-churn-dev",
        ),
        // every subscription: Owner inherited from the landing zones' management group, an
        // error in production.
        (
            "dev",
            AuditUnknownPrincipal,
            Warning,
            "/environments/0",
            "sg-platform-owners",
        ),
        (
            "test",
            AuditUnknownPrincipal,
            Warning,
            "/environments/1",
            "sg-platform-owners",
        ),
        (
            "perf",
            AuditUnknownPrincipal,
            Warning,
            "/environments/2",
            "sg-platform-owners",
        ),
        (
            "prod",
            AuditAssignmentPrivileged,
            Error,
            "/environments/3",
            "sg-platform-owners",
        ),
        // test: an external consultant on a workspace.
        (
            "test",
            AuditUnknownPrincipal,
            Warning,
            "/projects/1",
            "ext.consultant@partner.example",
        ),
        // prod: the data scientists' group given AzureML Data Scientist on a workspace, which
        // lets them write in production.
        (
            "prod",
            AuditAssignmentExtra,
            Warning,
            "/personas/data-scientist",
            "`AzureML Data Scientist`",
        ),
        (
            "prod",
            AuditEffectiveAccess,
            Error,
            "/personas/data-scientist",
            "mlw-wgb-fraud-detection-prod",
        ),
        // prod: a data scientist made User Access Administrator of a resource group.
        (
            "prod",
            AuditAssignmentPrivileged,
            Error,
            "/projects/0/data-scientists/0",
            "`User Access Administrator`",
        ),
        // prod: the development data engineers' group reads a production workspace.
        (
            "prod",
            AuditAssignmentExtra,
            Warning,
            "/personas/data-engineer",
            "in `dev` holds `Reader`",
        ),
    ];
    let report = drifted_report();
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|finding| is_access_code(finding.code))
        .collect();
    let mut unmatched: Vec<_> = found.clone();
    for (environment, code, severity, path, word) in planted {
        let position = unmatched.iter().position(|finding| {
            finding.environment == environment
                && finding.code == code
                && finding.severity == severity
                && finding.document_path == path
                && finding.message.contains(word)
        });
        match position {
            Some(position) => {
                unmatched.remove(position);
            }
            None => panic!(
                "planted drift not found: {environment} {code} {path} {word}\nfound:\n{report}"
            ),
        }
    }
    let left: Vec<String> = unmatched.iter().map(ToString::to_string).collect();
    assert!(left.is_empty(), "unexpected findings:\n{}", left.join("\n"));
}

#[test]
fn findings_point_at_their_export_rows() {
    let report = drifted_report();
    let exports = drifted();
    for finding in &report.findings {
        if !is_access_code(finding.code) {
            continue;
        }
        let Some(export) = &finding.export else {
            assert_eq!(finding.code, Code::AuditAssignmentMissing, "{finding}");
            continue;
        };
        let file = exports.environments[&finding.environment]
            .role_assignments
            .as_ref()
            .unwrap();
        assert_eq!(export.file, file.path);
        // Each row starts with `{` at the located line and column.
        let line = file.text.lines().nth(export.line - 1).unwrap();
        assert_eq!(line.chars().nth(export.column - 1), Some('{'), "{finding}");
    }
}

#[test]
fn inherited_mixed_case_and_conditional_assignments_are_read() {
    // The test environment's export writes one of the data engineers' assignments with an
    // upper-case scope, role definition id and principal id: it still counts as theirs
    // (no missing assignment in test). Perf holds a conditional assignment on a storage
    // account and the pipelines' one on a load test: no workspace inherits them.
    let report = drifted_report();
    assert!(!report.findings.iter().any(|finding| {
        finding.code == Code::AuditAssignmentMissing && finding.environment == "test"
    }));
    assert!(!report.findings.iter().any(|finding| {
        finding.environment == "perf"
            && !finding.message.contains("sg-platform-owners")
            && is_access_code(finding.code)
    }));
    let text = std::fs::read_to_string(
        root().join("fixtures/audit/enterprise-drifted/test/role-assignments.json"),
    )
    .unwrap();
    assert!(text.contains("/RESOURCEGROUPS/RG-WGB-FORECASTING-TEST/"));
}

#[test]
fn the_sarif_log_is_valid_and_located_in_the_exports() {
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/sarif/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // As in `sarif.rs`: the published schema's `language` patterns are broken.
    assert_eq!(super::sarif::fix_language_patterns(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let path = root().join("../examples/enterprise.yaml");
    let bytes = std::fs::read(&path).unwrap();
    let loaded = load_estate("examples/enterprise.yaml", &bytes, None, &Limits::default()).unwrap();
    let log = drifted_report().to_sarif(&loaded.located);
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 13);
    for result in results {
        let location = &result["locations"][0];
        let uri = location["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            uri.ends_with("role-assignments.json")
                || uri.ends_with("role-definitions.json")
                || uri.contains("/resources/page-")
                || uri == "examples/enterprise.yaml",
            "{result}"
        );
        assert!(location["logicalLocations"][0]["fullyQualifiedName"].is_string());
    }
}

/// The clean export with its role assignments replaced by `text`.
fn with_assignments(environment: &str, text: &str) -> (Validated, Exports) {
    let validated = enterprise();
    let mut exports = clean_exports(&validated);
    let files = exports.environments.get_mut(environment).unwrap();
    files.role_assignments = Some(ExportFile::new(
        format!("broken/{environment}/role-assignments.json"),
        text,
    ));
    (validated, exports)
}

fn broken(name: &str) -> String {
    std::fs::read_to_string(root().join("fixtures/audit/broken").join(name)).unwrap()
}

#[test]
fn a_truncated_export_is_refused_with_its_location() {
    let (validated, exports) = with_assignments("dev", &broken("role-assignments-truncated.json"));
    let errors = audit(&validated, &exports).unwrap_err();
    let error = &errors[0];
    assert_eq!(error.code, Code::Syntax, "{errors}");
    let location = error.location.as_ref().unwrap();
    assert_eq!(location.source, "broken/dev/role-assignments.json");
    assert!(location.line > 1, "{location}");
    assert!(
        error
            .help
            .as_deref()
            .unwrap()
            .contains("mlzone audit --print-commands")
    );
}

#[test]
fn bad_rows_are_refused_each_with_its_location() {
    let (validated, exports) = with_assignments("prod", &broken("role-assignments-bad-rows.json"));
    let errors = audit(&validated, &exports).unwrap_err().into_vec();
    let summary: Vec<(Code, String, usize)> = errors
        .iter()
        .map(|e| (e.code, e.path.clone(), e.location.as_ref().unwrap().line))
        .collect();
    // A principal id that is no GUID, a role definition id that is no id, a scope that is
    // no scope, a row without its scope: each refused where it is.
    let paths: Vec<&str> = summary.iter().map(|(_, path, _)| path.as_str()).collect();
    assert!(paths.contains(&"/0/principalId"), "{summary:?}");
    assert!(paths.contains(&"/1/roleDefinitionId"), "{summary:?}");
    assert!(paths.contains(&"/2/scope"), "{summary:?}");
    assert!(paths.iter().any(|p| p.starts_with("/3")), "{summary:?}");
    for error in &errors {
        assert_eq!(
            error.location.as_ref().unwrap().source,
            "broken/prod/role-assignments.json"
        );
    }
}

#[test]
fn an_object_instead_of_an_array_is_refused() {
    let (validated, exports) = with_assignments("dev", r#"{"value": []}"#);
    let errors = audit(&validated, &exports).unwrap_err();
    assert_eq!(errors[0].code, Code::InvalidType, "{errors}");
}

#[test]
fn missing_exports_name_the_command_that_writes_them() {
    let validated = enterprise();
    let mut exports = clean_exports(&validated);
    exports
        .environments
        .get_mut("test")
        .unwrap()
        .role_assignments = None;
    exports.environments.remove("prod");
    let errors = audit(&validated, &exports).unwrap_err().into_vec();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().all(|e| e.code == Code::AuditExportMissing));
    let test = errors
        .iter()
        .find(|e| e.message.contains("`test`"))
        .unwrap();
    assert!(
        test.message.contains("test/role-assignments.json"),
        "{test}"
    );
    assert!(
        test.help
            .as_deref()
            .unwrap()
            .contains("az role assignment list --all --include-inherited --subscription 351043c6-c282-4558-b82b-ef1f010b0136"),
        "{test:?}"
    );
    let prod = errors
        .iter()
        .find(|e| e.message.contains("`prod`"))
        .unwrap();
    assert_eq!(prod.path, "/environments/3");
}

#[test]
fn an_environment_the_document_does_not_know_is_refused() {
    let validated = enterprise();
    let mut exports = clean_exports(&validated);
    let dev = exports.environments["dev"].clone();
    exports.environments.insert("staging".to_owned(), dev);
    let errors = audit(&validated, &exports).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors}");
    assert_eq!(errors[0].code, Code::AuditExportUnknownEnvironment);
    assert!(errors[0].help.as_deref().unwrap().contains("`perf`"));
}

#[test]
fn the_folder_reader_refuses_gaps_in_the_pages() {
    let folder = std::env::temp_dir().join(format!("mlzone-audit-pages-{}", std::process::id()));
    let pages = folder.join("dev/resources");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(folder.join("dev/role-assignments.json"), "[]").unwrap();
    std::fs::write(pages.join("page-1.json"), "{}").unwrap();
    std::fs::write(pages.join("page-3.json"), "{}").unwrap();
    let errors = mlzone_cli::read_exports(&folder).unwrap_err();
    std::fs::remove_dir_all(&folder).unwrap();
    assert_eq!(errors[0].code, Code::AuditExportMissing);
    assert!(errors[0].message.contains("page-2.json"), "{}", errors[0]);
    let missing = mlzone_cli::read_exports(Path::new("/nonexistent/mlzone-audit")).unwrap_err();
    assert_eq!(missing[0].code, Code::UnreadableInput);
}

/// Production's role assignments as Resource Graph pages
/// (`fixtures/audit/graph-assignments`, the drifted assignments as `authorizationresources`
/// rows): a subscription's query has no assignment inherited from a management group, so
/// the Azure CLI export without those must give the same findings, each located in a page.
#[test]
fn resource_graph_assignments_give_the_findings_of_the_azure_cli_export() {
    let validated = enterprise();
    let folder = root().join("fixtures/audit/graph-assignments");
    let graph = mlzone_cli::read_exports(&folder).unwrap();
    let pages = graph.environments["prod"].role_assignment_pages.clone();
    assert_eq!(pages.len(), 2);

    let mut by_graph = drifted();
    let prod = by_graph.environments.get_mut("prod").unwrap();
    let cli_file = prod.role_assignments.take().unwrap();
    prod.role_assignment_pages = pages;

    let rows: Vec<Value> = serde_json::from_str(&cli_file.text).unwrap();
    let own: Vec<&Value> = rows
        .iter()
        .filter(|row| {
            row["scope"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .starts_with("/subscriptions/")
        })
        .collect();
    assert_eq!(own.len() + 1, rows.len(), "one inherited assignment");
    let mut by_cli = drifted();
    by_cli
        .environments
        .get_mut("prod")
        .unwrap()
        .role_assignments = Some(ExportFile::new(
        cli_file.path,
        serde_json::to_string_pretty(&own).unwrap(),
    ));

    let findings = |exports: &Exports| {
        let report = audit(&validated, exports).unwrap_or_else(|errors| panic!("{errors}"));
        let mut keys: Vec<(String, Code, Severity, String)> = report
            .findings
            .iter()
            .filter(|f| f.environment == "prod" && is_access_code(f.code))
            .map(|f| {
                (
                    f.environment.clone(),
                    f.code,
                    f.severity,
                    f.document_path.clone(),
                )
            })
            .collect();
        keys.sort();
        (keys, report)
    };
    let (graph_keys, graph_report) = findings(&by_graph);
    let (cli_keys, _) = findings(&by_cli);
    assert!(!graph_keys.is_empty());
    assert_eq!(graph_keys, cli_keys);
    for finding in graph_report
        .findings
        .iter()
        .filter(|f| f.environment == "prod" && is_access_code(f.code))
    {
        if let Some(export) = &finding.export {
            assert!(
                export.file.contains("prod/role-assignments/page-"),
                "{finding:?}"
            );
            assert!(export.line > 2, "{finding:?}");
        }
    }
}

#[test]
fn role_assignments_in_both_forms_are_refused() {
    let validated = enterprise();
    let mut exports = drifted();
    let pages = mlzone_cli::read_exports(&root().join("fixtures/audit/graph-assignments"))
        .unwrap()
        .environments["prod"]
        .role_assignment_pages
        .clone();
    exports
        .environments
        .get_mut("prod")
        .unwrap()
        .role_assignment_pages = pages;
    let errors = audit(&validated, &exports).unwrap_err();
    let errors: Vec<_> = errors.iter().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, Code::AuditExportConflict);
    assert!(errors[0].message.contains("prod/role-assignments.json"));
}

#[test]
fn a_resource_graph_page_of_assignments_that_is_cut_short_is_refused() {
    let validated = enterprise();
    let mut exports = drifted();
    let prod = exports.environments.get_mut("prod").unwrap();
    prod.role_assignments = None;
    prod.role_assignment_pages = vec![ExportFile::new(
        "prod/role-assignments/page-1.json",
        json!({"count": 2, "data": [], "skip_token": null, "total_records": 2}).to_string(),
    )];
    let errors = audit(&validated, &exports).unwrap_err();
    let errors: Vec<_> = errors.iter().collect();
    assert_eq!(errors[0].code, Code::AuditResourcePages, "{errors:?}");
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("role assignments")
    );
    assert!(errors[0].location.is_some());
}

#[test]
fn a_bad_resource_graph_assignment_is_refused_at_its_property() {
    let validated = enterprise();
    let mut exports = drifted();
    let page = json!({
        "count": 1,
        "data": [{
            "id": "/subscriptions/44a5b5c1-2151-492e-91d1-9f7d2eaeb2fc/providers/Microsoft.Authorization/roleAssignments/0c5a1e7e-0000-4000-8000-000000000001",
            "name": "0c5a1e7e-0000-4000-8000-000000000001",
            "type": "microsoft.authorization/roleassignments",
            "properties": {
                "principalId": "not-a-guid",
                "principalType": "User",
                "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
                "scope": "/subscriptions/44a5b5c1-2151-492e-91d1-9f7d2eaeb2fc"
            }
        }],
        "skip_token": null,
        "total_records": 1
    });
    let prod = exports.environments.get_mut("prod").unwrap();
    prod.role_assignments = None;
    prod.role_assignment_pages = vec![ExportFile::new(
        "prod/role-assignments/page-1.json",
        serde_json::to_string_pretty(&page).unwrap(),
    )];
    let errors = audit(&validated, &exports).unwrap_err();
    let error = errors.iter().next().unwrap();
    assert_eq!(error.path, "/data/0/properties/principalId", "{error}");
    let location = error.location.as_ref().unwrap();
    assert_eq!(location.source, "prod/role-assignments/page-1.json");
    assert_eq!(location.line, 9, "{error}");
}
