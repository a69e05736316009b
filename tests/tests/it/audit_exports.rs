//! A clean export of what mlzone generates audits clean: for every example, the custom role
//! definitions of the `roles` target and the resources of the generated ARM templates, written
//! in the formats `az role definition list` and `az graph query` use, give no finding about
//! custom roles or resources.
//!
//! With `MLZONE_AUDIT_CLEAN_EXPORT=DIR` the test also writes the clean export of the
//! enterprise example under `DIR` (one folder per environment, as `mlzone audit --from`
//! reads it), the starting point of the hand-edited drifted fixtures.

use std::collections::BTreeMap;
use std::path::Path;

use mlzone_codegen::{FileSet, Target, Templates, generate};
use mlzone_model::audit::{
    EnvironmentExports, ExportFile, Exports, RESOURCE_PAGE_SIZE, RESOURCE_TYPES, audit,
};
use mlzone_model::policy::planned;
use mlzone_model::validate::{Validated, validate};
use mlzone_model::{Format, Limits, load_estate};
use mlzone_tests::arm;
use serde_json::{Value, json};

/// The custom roles the `roles` target writes for an environment (and for the model
/// registry when it lives in the environment's subscription), as `az role definition list`
/// lists them.
pub(crate) fn role_definitions(
    validated: &Validated,
    files: &FileSet,
    environment: &str,
) -> Vec<Value> {
    let estate = validated.estate();
    let id = estate.environment_named(environment).unwrap();
    let subscription = estate[id].subscription.map(|s| s.to_string());
    let standin = format!("/subscriptions/{}", subscription_of(validated, environment));
    let registry_here = mlzone_model::naming::EstateNames::for_estate(estate)
        .registry(estate)
        .is_some_and(|r| {
            r.environment.as_ref().map(|e| e.as_str()) == Some(environment)
                || (r.subscription.is_some()
                    && r.subscription.map(|s| s.to_string()) == subscription)
        });
    let mut roles = Vec::new();
    for (path, text) in files.iter() {
        let path = path.as_str();
        let folder = path.strip_prefix("roles/").and_then(|p| p.split_once('/'));
        let Some((owner, _)) = folder else { continue };
        if owner != environment && !(owner == "registry" && registry_here) {
            continue;
        }
        let mut role: Value = serde_json::from_str(text).unwrap();
        // The deploying person writes the subscription the document leaves out.
        if role["AssignableScopes"][0]
            .as_str()
            .unwrap()
            .contains("<REPLACE")
        {
            role["AssignableScopes"] = json!([standin]);
        }
        let guid = role["Id"].as_str().unwrap();
        let scope = role["AssignableScopes"][0].as_str().unwrap();
        roles.push(json!({
            "assignableScopes": role["AssignableScopes"],
            "createdBy": null,
            "createdOn": "2026-01-12T09:30:00.000000+00:00",
            "description": role["Description"],
            "id": format!("{scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}"),
            "name": guid,
            "permissions": [{
                "actions": role["Actions"],
                "condition": null,
                "conditionVersion": null,
                "dataActions": role["DataActions"],
                "notActions": role["NotActions"],
                "notDataActions": role["NotDataActions"],
            }],
            "roleName": role["Name"],
            "roleType": "CustomRole",
            "type": "Microsoft.Authorization/roleDefinitions",
            "updatedBy": null,
            "updatedOn": "2026-01-12T09:30:00.000000+00:00",
        }));
    }
    roles.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    roles
}

/// The environment's subscription, or a stand-in for one the document leaves out.
fn subscription_of(validated: &Validated, environment: &str) -> String {
    let estate = validated.estate();
    let id = estate.environment_named(environment).unwrap();
    estate[id].subscription.map_or_else(
        || format!("00000000-0000-4000-8000-{:012}", id.index() + 1),
        |s| s.to_string(),
    )
}

/// A value of the ARM template as Azure stores it: literal strings read back (`[[` → `[`).
fn stored(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(arm::unliteral(text).unwrap_or(text).to_owned()),
        Value::Array(items) => Value::Array(items.iter().map(stored).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (arm::unliteral(k).unwrap_or(k).to_owned(), stored(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The Resource Graph rows of the resources the generated ARM templates deploy in an
/// environment, ordered by id; ids from the subscription and resource groups the model plans.
pub(crate) fn resource_rows(
    validated: &Validated,
    files: &FileSet,
    environment: &str,
) -> Vec<Value> {
    let estate = validated.estate();
    let id = estate.environment_named(environment).unwrap();
    let groups: BTreeMap<(String, String), (String, String)> = planned::resources(estate)
        .into_iter()
        .filter(|p| p.environment == id)
        .map(|p| {
            let key = (
                p.resource.resource_type.to_lowercase(),
                p.resource.full_name.clone(),
            );
            let facts = (
                p.facts
                    .subscription_id
                    .clone()
                    .unwrap_or_else(|| subscription_of(validated, environment)),
                p.facts.resource_group.clone().unwrap(),
            );
            (key, facts)
        })
        .collect();
    let region = estate[id].location.to_string();
    let mut rows = Vec::new();
    for (path, text) in files.iter() {
        let in_environment = path
            .as_str()
            .strip_prefix(&format!("arm/{environment}/"))
            .is_some_and(|rest| !rest.contains("parameters"));
        if !in_environment {
            continue;
        }
        let template: Value = serde_json::from_str(text).unwrap();
        for found in arm::resources(&template) {
            let kind = found.resource_type.to_lowercase();
            if !RESOURCE_TYPES.contains(&kind.as_str()) {
                continue;
            }
            let (subscription, group) = &groups[&(kind.clone(), found.name.clone())];
            let raw = template.pointer(&found.pointer).unwrap();
            let mut id = format!("/subscriptions/{subscription}/resourceGroups/{group}/providers");
            let mut segments = found.resource_type.split('/');
            id.push('/');
            id.push_str(segments.next().unwrap());
            for (segment, name) in segments.zip(found.name.split('/')) {
                id.push_str(&format!("/{segment}/{name}"));
            }
            rows.push(json!({
                "id": id,
                "name": found.name.rsplit('/').next().unwrap(),
                "type": kind,
                "kind": raw.get("kind").map(stored),
                "location": raw.get("location").map(stored).map(|location| deployed_location(location, &region)),
                "resourceGroup": group,
                "subscriptionId": subscription,
                "sku": raw.get("sku").map(stored),
                "identity": raw.get("identity").map(stored),
                "tags": raw.get("tags").map(stored).unwrap_or(json!({})),
                "properties": raw.get("properties").map(stored),
            }));
        }
    }
    rows.sort_by_key(|row| row["id"].as_str().unwrap().to_lowercase());
    rows
}

/// A template's `location` as Azure reports it once deployed: the environment's region for
/// the parameter the templates read it from (`[parameters('location')]`).
fn deployed_location(location: Value, region: &str) -> Value {
    match location {
        Value::String(expression) if expression.starts_with('[') => json!(region),
        other => other,
    }
}

/// Rows as the export script pages them: `page_size` a page, a `skip_token` on every page
/// but the last.
pub(crate) fn pages(rows: &[Value], page_size: usize) -> Vec<String> {
    let chunks: Vec<&[Value]> = rows.chunks(page_size.max(1)).collect();
    let chunks = if chunks.is_empty() {
        vec![&rows[..0]]
    } else {
        chunks
    };
    let last = chunks.len() - 1;
    chunks
        .iter()
        .enumerate()
        .map(|(n, chunk)| {
            let token =
                (n < last).then(|| format!("ew0KICAiJGlkIjogIjEiLA0KICAiTWF4Um93cyI6IHt{n}"));
            let page = json!({
                "count": chunk.len(),
                "data": chunk,
                "skip_token": token,
                "total_records": rows.len(),
            });
            serde_json::to_string_pretty(&page).unwrap() + "\n"
        })
        .collect()
}

/// The clean export of a document, environment by environment: (environment, relative
/// path, text).
fn clean_export(
    name: &str,
    text: &str,
    page_size: usize,
) -> (Validated, Vec<(String, String, String)>) {
    let loaded = load_estate(
        name,
        text.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
    .unwrap();
    let validated = validate(loaded.estate).unwrap();
    let files = generate(
        &validated,
        &[Target::Roles, Target::Arm],
        &Templates::builtin().unwrap(),
    )
    .unwrap();
    let mut out = Vec::new();
    for (_, environment) in validated.estate().environments() {
        let env = environment.name.to_string();
        let roles = role_definitions(&validated, &files, &env);
        out.push((
            env.clone(),
            "role-definitions.json".to_owned(),
            serde_json::to_string_pretty(&roles).unwrap() + "\n",
        ));
        let rows = resource_rows(&validated, &files, &env);
        for (n, page) in pages(&rows, page_size).into_iter().enumerate() {
            out.push((env.clone(), format!("resources/page-{}.json", n + 1), page));
        }
    }
    (validated, out)
}

fn exports(files: &[(String, String, String)]) -> Exports {
    let mut exports = Exports::default();
    for (environment, path, text) in files {
        let entry = exports
            .environments
            .entry(environment.clone())
            .or_insert_with(|| EnvironmentExports {
                role_assignments: Some(ExportFile::new(
                    format!("{environment}/role-assignments.json"),
                    "[]",
                )),
                role_assignment_pages: Vec::new(),
                role_definitions: None,
                resources: Vec::new(),
            });
        let file = ExportFile::new(format!("{environment}/{path}"), text.clone());
        if path == "role-definitions.json" {
            entry.role_definitions = Some(file);
        } else {
            entry.resources.push(file);
        }
    }
    exports
}

fn is_mine(code: &str) -> bool {
    code.starts_with("audit-role-") || code.starts_with("audit-resource-")
}

#[test]
fn every_example_s_own_export_audits_clean() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut audited = 0;
    for entry in std::fs::read_dir(&examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        // Small pages, so that every example is read across several.
        let (validated, files) = clean_export(&name, &text, 5);
        let report = audit(&validated, &exports(&files)).unwrap();
        let mine: Vec<_> = report
            .findings
            .iter()
            .filter(|f| is_mine(f.code.as_str()))
            .collect();
        assert!(mine.is_empty(), "{name}: {mine:#?}");
        let roles = files
            .iter()
            .filter(|(_, p, t)| p == "role-definitions.json" && t.len() > 3);
        assert!(roles.count() > 0, "{name}: no custom roles exported");
        audited += 1;
    }
    assert!(audited >= 6, "only {audited} examples");
}

#[test]
fn the_clean_export_is_written_on_request() {
    let Ok(folder) = std::env::var("MLZONE_AUDIT_CLEAN_EXPORT") else {
        return;
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/enterprise.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, files) = clean_export(
        "examples/enterprise.yaml",
        &text,
        RESOURCE_PAGE_SIZE as usize,
    );
    for (environment, relative, text) in files {
        let target = Path::new(&folder).join(&environment).join(&relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }
}

/// The exports under `folder`, one folder per environment, as `mlzone audit --from` reads
/// them.
fn read_folder(folder: &Path) -> Exports {
    let mut exports = Exports::default();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let environment = path.file_name().unwrap().to_str().unwrap().to_owned();
        let read = |relative: &str| {
            let file = path.join(relative);
            file.exists().then(|| {
                ExportFile::new(
                    format!("{environment}/{relative}"),
                    std::fs::read_to_string(&file).unwrap(),
                )
            })
        };
        let mut resources = Vec::new();
        for page in 1.. {
            match read(&format!("resources/page-{page}.json")) {
                Some(file) => resources.push(file),
                None => break,
            }
        }
        exports.environments.insert(
            environment.clone(),
            EnvironmentExports {
                role_assignments: read("role-assignments.json"),
                role_assignment_pages: Vec::new(),
                role_definitions: read("role-definitions.json"),
                resources,
            },
        );
    }
    exports
}

/// Each planted drift of custom roles and resources in the drifted enterprise fixture
/// (`tests/fixtures/audit/enterprise-drifted/PLANTED.md`), and nothing else: environment,
/// code, document item, the export file and line of the evidence.
#[test]
fn the_drifted_enterprise_estate_shows_each_planted_role_and_resource_drift() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("../examples/enterprise.yaml")).unwrap();
    let loaded = load_estate(
        "examples/enterprise.yaml",
        text.as_bytes(),
        Some(Format::Yaml),
        &Limits::default(),
    )
    .unwrap();
    let validated = validate(loaded.estate).unwrap();
    let exports = read_folder(&root.join("fixtures/audit/enterprise-drifted"));
    let report = audit(&validated, &exports).unwrap();
    let found: Vec<(&str, &str, &str, String)> = report
        .findings
        .iter()
        .filter(|f| is_mine(f.code.as_str()))
        .map(|f| {
            let at = f
                .export
                .as_ref()
                .map_or_else(String::new, |e| format!("{}:{}", e.file, e.line));
            (
                f.environment.as_str(),
                f.code.as_str(),
                f.document_path.as_str(),
                at,
            )
        })
        .collect();
    let planted = [
        (
            "dev",
            "audit-resource-assigned-user",
            "/projects/1/data-scientists/1",
            "dev/resources/page-1.json:698",
        ),
        (
            "dev",
            "audit-resource-idle-shutdown",
            "/projects/0/data-scientists/1",
            "dev/resources/page-2.json:400",
        ),
        (
            "dev",
            "audit-resource-min-nodes",
            "/projects/4/compute/clusters/1",
            "dev/resources/page-1.json:1091",
        ),
        (
            "dev",
            "audit-resource-public-access",
            "/projects/0",
            "dev/resources/page-2.json:331",
        ),
        (
            "dev",
            "audit-resource-unknown",
            "/projects/6",
            "dev/resources/page-2.json:89",
        ),
        (
            "dev",
            "audit-role-drifted",
            "/personas/data-scientist",
            "dev/role-definitions.json:50",
        ),
        (
            "perf",
            "audit-resource-min-nodes",
            "/projects/0/compute/pipelines/1",
            "perf/resources/page-1.json:1094",
        ),
        (
            "perf",
            "audit-role-scopes",
            "/roles/0",
            "perf/role-definitions.json:3",
        ),
        (
            "prod",
            "audit-resource-public-access",
            "/projects/0",
            "prod/resources/page-1.json:1099",
        ),
        (
            "prod",
            "audit-resource-unknown",
            "/projects/0",
            "prod/resources/page-1.json:1211",
        ),
        (
            "prod",
            "audit-role-drifted",
            "/personas/auditor",
            "prod/role-definitions.json:50",
        ),
        (
            "prod",
            "audit-role-unknown",
            "/environments/3",
            "prod/role-definitions.json:218",
        ),
        (
            "test",
            "audit-resource-isolation",
            "/projects/1",
            "test/resources/page-1.json:475",
        ),
        (
            "test",
            "audit-role-missing",
            "/personas/data-engineer",
            "test/role-definitions.json:1",
        ),
    ];
    let mut found_sorted: Vec<_> = found
        .iter()
        .map(|(e, c, p, at)| (*e, *c, *p, at.as_str()))
        .collect();
    found_sorted.sort();
    let mut planted = planted.to_vec();
    planted.sort();
    assert_eq!(found_sorted, planted);
}

/// Each bad or partial export under `tests/fixtures/audit/` (`role-definitions-*.json`, and
/// `resources/CASE/` for Resource Graph pages), put in the place of the default topology's
/// `dev` export in an otherwise clean export, makes the audit fail with located errors: each
/// error's code, item, file, line and column are snapshotted.
#[test]
fn bad_exports_are_located() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/audit");
    let (validated, clean) = clean_export("default.yaml", mlzone_model::DEFAULT_TOPOLOGY, 1000);
    let clean = exports(&clean);
    let mut cases: Vec<(String, Exports)> = Vec::new();
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("role-definitions") {
            let mut exports = clean.clone();
            let dev = exports.environments.get_mut("dev").unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            dev.role_definitions = Some(ExportFile::new(format!("dev/{name}"), text));
            cases.push((name.trim_end_matches(".json").to_owned(), exports));
        }
    }
    for entry in std::fs::read_dir(fixtures.join("resources")).unwrap() {
        let folder = entry.unwrap().path();
        let case = folder.file_name().unwrap().to_str().unwrap().to_owned();
        let mut exports = clean.clone();
        let dev = exports.environments.get_mut("dev").unwrap();
        dev.resources = (1..)
            .map(|n| folder.join(format!("page-{n}.json")))
            .take_while(|page| page.exists())
            .map(|page| {
                let name = page.file_name().unwrap().to_str().unwrap().to_owned();
                ExportFile::new(
                    format!("dev/resources/{case}/{name}"),
                    std::fs::read_to_string(&page).unwrap(),
                )
            })
            .collect();
        cases.push((format!("resources-{case}"), exports));
    }
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(cases.len() >= 7, "{} cases", cases.len());
    for (case, exports) in cases {
        let errors = audit(&validated, &exports).expect_err(&case);
        let lines: Vec<String> = errors
            .iter()
            .map(|d| {
                let at = d.location.as_ref().map_or_else(
                    || "unlocated".to_owned(),
                    |l| format!("{}:{}:{}", l.source, l.line, l.column),
                );
                format!(
                    "{} {} at {at} `{}`\n  {}\n  help: {}",
                    d.severity,
                    d.code.as_str(),
                    d.path,
                    d.message,
                    d.help.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert!(
            errors.iter().all(|d| d.location.is_some()),
            "{case}: {lines:#?}"
        );
        insta::assert_snapshot!(format!("audit_bad_export_{case}"), lines.join("\n"));
    }
}
