//! The type check of generated Bicep and ARM against Azure's published resource types
//! (`mlzone_tests::types`): every example and a few generated estates have no finding, every
//! (type, API version) written has its vendored types file, and each kind of mistake planted
//! in real output is caught with the Bicep compiler's code.

use std::path::Path;
use std::sync::OnceLock;

use mlzone_codegen::{FileSet, Target, Templates, generate};
use mlzone_model::validate::{Validated, validate};
use mlzone_model::{Format, Limits, load_estate};
use mlzone_tests::types::{self, Code, Finding};
use serde_json::{Map, Value, json};

fn templates() -> &'static Templates {
    static TEMPLATES: OnceLock<Templates> = OnceLock::new();
    TEMPLATES.get_or_init(|| Templates::builtin().unwrap())
}

fn render(validated: &Validated) -> FileSet {
    generate(
        validated,
        &[Target::Bicep, Target::Arm, Target::Policy],
        templates(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// A few synthetic estates: many projects of every archetype, with and without data
/// scientists and clusters.
fn synthetic() -> &'static Vec<FileSet> {
    static SYNTHETIC: OnceLock<Vec<FileSet>> = OnceLock::new();
    SYNTHETIC.get_or_init(|| {
        [(4, 2, 2, 1), (5, 0, 0, 2), (8, 1, 1, 3)]
            .into_iter()
            .map(|(projects, data_scientists, clusters, seed)| {
                let document =
                    mlzone_model::synthetic::document(mlzone_model::synthetic::Settings {
                        projects,
                        data_scientists,
                        clusters,
                        seed,
                    });
                let estate = mlzone_model::resolve(&document).unwrap_or_else(|d| panic!("{d:#?}"));
                render(&validate(estate).unwrap_or_else(|r| panic!("{r:#?}")))
            })
            .collect()
    })
}

/// Bicep and ARM of every example, by file stem.
fn examples() -> &'static Vec<(String, FileSet)> {
    static EXAMPLES: OnceLock<Vec<(String, FileSet)>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
        let mut found: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| {
                let name = p.file_stem().unwrap().to_str().unwrap().to_owned();
                let text = std::fs::read_to_string(&p).unwrap();
                let loaded = load_estate(
                    &name,
                    text.as_bytes(),
                    Some(Format::Yaml),
                    &Limits::default(),
                )
                .unwrap_or_else(|d| panic!("{name}: {d:#?}"));
                let validated = validate(loaded.estate).unwrap_or_else(|r| panic!("{r:#?}"));
                (name, render(&validated))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(found.len() >= 6, "{}", found.len());
        found
    })
}

#[test]
fn every_example_has_no_finding() {
    let mut problems = Vec::new();
    for (name, files) in examples() {
        problems.extend(
            types::check_files(files)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn generated_estates_have_no_finding() {
    for files in synthetic() {
        let problems = types::check_files(files);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

#[test]
fn every_written_type_has_vendored_types_and_no_other_is_vendored() {
    let mut written = std::collections::BTreeSet::new();
    for (_, files) in examples() {
        written.extend(types::pairs(files));
    }
    for files in synthetic() {
        written.extend(types::pairs(files));
    }
    // And every kind the plan knows, even one no example writes.
    let kinds = serde_json::to_value(mlzone_codegen::plan::KINDS).unwrap();
    for kind in kinds.as_object().unwrap().values() {
        let pair = (
            kind["type"].as_str().unwrap().to_owned(),
            kind["version"].as_str().unwrap().to_owned(),
        );
        written.insert(pair);
    }
    let missing: Vec<String> = written
        .iter()
        .filter(|(t, v)| types::types().file_of(t, v).is_none())
        .map(|(t, v)| format!("{t}@{v}"))
        .collect();
    assert!(
        missing.is_empty(),
        "no vendored types for {missing:?}: add the upstream types.json of that exact version to \
         tests/fixtures/bicep-types/ (see its README)"
    );
    let used: std::collections::BTreeSet<&str> = written
        .iter()
        .filter_map(|(t, v)| types::types().file_of(t, v))
        .collect();
    let unused: Vec<&str> = types::types()
        .files
        .iter()
        .map(|f| f.name.as_str())
        .filter(|name| !used.contains(name))
        .collect();
    assert!(unused.is_empty(), "vendored but not written: {unused:?}");
    // The pairs written today, so that a change of the list is seen in review.
    let listed: Vec<String> = written.iter().map(|(t, v)| format!("{t}@{v}")).collect();
    insta::assert_snapshot!(listed.join("\n"));
}

/// The private-restricted example's Bicep and ARM, as (path, text).
fn private_restricted() -> Vec<(String, String)> {
    let (_, files) = examples()
        .iter()
        .find(|(name, _)| name == "private-restricted")
        .unwrap();
    files
        .iter()
        .map(|(path, text)| (path.as_str().to_owned(), text.to_owned()))
        .collect()
}

/// Every finding of `files`.
fn findings(files: &[(String, String)]) -> Vec<Finding> {
    files
        .iter()
        .flat_map(|(path, text)| types::check_file(path, text).unwrap())
        .collect()
}

/// `files` with the first Bicep line starting with `prefix` (after its indentation) replaced
/// by `edit` of it (lines of the result get the same indentation; empty: the line goes).
fn mutate_bicep(
    files: &[(String, String)],
    prefix: &str,
    edit: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut files = files.to_vec();
    let (_, text) = files
        .iter_mut()
        .find(|(path, text)| {
            path.ends_with(".bicep") && text.lines().any(|l| l.trim_start().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no Bicep line starts with {prefix}"));
    let mut done = false;
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if !done && trimmed.starts_with(prefix) {
            done = true;
            let indent = &line[..line.len() - trimmed.len()];
            for new in edit(trimmed).lines() {
                out.push_str(&format!("{indent}{new}\n"));
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    *text = out;
    files
}

/// `files` with `edit` applied to the first object (document order, ARM templates only) that
/// has `key`.
fn mutate_arm(
    files: &[(String, String)],
    key: &str,
    edit: impl Fn(&mut Map<String, Value>),
) -> Vec<(String, String)> {
    /// The JSON pointer of the first object under `value` that has `key`.
    fn first(value: &Value, key: &str, at: &str) -> Option<String> {
        match value {
            Value::Object(map) if map.contains_key(key) => Some(at.to_owned()),
            Value::Object(map) => map.iter().find_map(|(k, v)| {
                first(
                    v,
                    key,
                    &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                )
            }),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, v)| first(v, key, &format!("{at}/{i}"))),
            _ => None,
        }
    }
    let mut files = files.to_vec();
    for (path, text) in &mut files {
        if !path.starts_with("arm/") || path.ends_with(".parameters.json") {
            continue;
        }
        let mut template: Value = serde_json::from_str(text).unwrap();
        if let Some(pointer) = first(&template, key, "") {
            edit(
                template
                    .pointer_mut(&pointer)
                    .unwrap()
                    .as_object_mut()
                    .unwrap(),
            );
            *text = serde_json::to_string_pretty(&template).unwrap();
            return files;
        }
    }
    panic!("no ARM object has {key}")
}

fn rename(from: &'static str, to: &'static str) -> impl Fn(&mut Map<String, Value>) {
    move |object| {
        let value = object.remove(from).unwrap();
        object.insert(to.to_owned(), value);
    }
}

fn set(key: &'static str, value: Value) -> impl Fn(&mut Map<String, Value>) {
    move |object| {
        object.insert(key.to_owned(), value.clone());
    }
}

/// Asserts that the findings are exactly one, with `code`, on a path ending with `path`.
fn assert_caught(what: &str, findings: &[Finding], code: Code, path: &str) {
    assert!(
        matches!(findings, [f] if f.code == code && f.path.ends_with(path)),
        "{what}: expected one {code} at `…{path}`, found:\n{}",
        findings
            .iter()
            .map(|f| format!("  {f}\n"))
            .collect::<String>()
    );
}

/// An edit of a Bicep line (its text after the indentation).
type BicepEdit = dyn Fn(&str) -> String;
/// An edit of an ARM object.
type ArmEdit = dyn Fn(&mut Map<String, Value>);

#[test]
fn mutations_of_real_bicep_are_caught() {
    let files = private_restricted();
    assert_eq!(findings(&files), vec![]);
    let cases: [(&str, &str, &BicepEdit, Code, &str); 11] = [
        (
            "misspelt property",
            "minNodeCount:",
            &|l| l.replacen("minNodeCount", "minNodeCountt", 1),
            Code::BCP037,
            "scaleSettings.minNodeCountt",
        ),
        (
            "misspelt role property",
            "roleName:",
            &|l| l.replacen("roleName", "roleNamee", 1),
            Code::BCP037,
            "properties.roleNamee",
        ),
        (
            "misspelt key of an expression",
            "storageAccount:",
            &|l| l.replacen("storageAccount", "storageAccounts", 1),
            Code::BCP037,
            "properties.storageAccounts",
        ),
        (
            "misspelt key of a discriminated object",
            "serviceTag:",
            &|l| l.replacen("serviceTag", "serviceTagg", 1),
            Code::BCP037,
            "destination.serviceTagg",
        ),
        (
            "string for an int",
            "retentionInDays:",
            &|_| "retentionInDays: '30'".to_owned(),
            Code::BCP036,
            "properties.retentionInDays",
        ),
        (
            "value not in a closed union",
            "tier:",
            &|_| "tier: 'Gold'".to_owned(),
            Code::BCP036,
            "sku.tier",
        ),
        (
            "enum value in another case",
            "tier:",
            &|_| "tier: 'basic'".to_owned(),
            Code::BCP088,
            "sku.tier",
        ),
        (
            "misspelt discriminator",
            "computeType:",
            &|_| "computeType: 'ComputeInstancee'".to_owned(),
            Code::BCP088,
            "properties.computeType",
        ),
        (
            "read-only property",
            "friendlyName:",
            &|l| format!("provisioningState: 'Succeeded'\n{l}"),
            Code::BCP073,
            "properties.provisioningState",
        ),
        (
            // A role assignment's (the registry module's); a module's parameters, such as
            // `principalId: pipelinePrincipalId` in `main.bicep`, are not type-checked here.
            "missing required property",
            "principalId: principalId",
            &|_| String::new(),
            Code::BCP035,
            "properties",
        ),
        (
            "unknown API version",
            "resource ",
            &|l| l.replacen("@20", "@19", 1),
            Code::BCP081,
            "",
        ),
    ];
    for (what, prefix, edit, code, path) in cases {
        let mutated = mutate_bicep(&files, prefix, edit);
        assert_caught(what, &findings(&mutated), code, path);
    }
}

#[test]
fn mutations_of_real_arm_nested_templates_included_are_caught() {
    let files = private_restricted();
    let cases: [(&str, &str, Box<ArmEdit>, Code, &str); 11] = [
        (
            "misspelt property",
            "minNodeCount",
            Box::new(rename("minNodeCount", "minNodeCountt")),
            Code::BCP037,
            "scaleSettings.minNodeCountt",
        ),
        (
            "misspelt role property",
            "roleName",
            Box::new(rename("roleName", "roleNamee")),
            Code::BCP037,
            "properties.roleNamee",
        ),
        (
            "misspelt key of an expression",
            "storageAccount",
            Box::new(rename("storageAccount", "storageAccounts")),
            Code::BCP037,
            "properties.storageAccounts",
        ),
        (
            "misspelt key of a discriminated object",
            "serviceTag",
            Box::new(rename("serviceTag", "serviceTagg")),
            Code::BCP037,
            "destination.serviceTagg",
        ),
        (
            "string for an int",
            "retentionInDays",
            Box::new(set("retentionInDays", json!("30"))),
            Code::BCP036,
            "properties.retentionInDays",
        ),
        (
            "value not in a closed union",
            "tier",
            Box::new(set("tier", json!("Gold"))),
            Code::BCP036,
            "sku.tier",
        ),
        (
            "enum value in another case",
            "tier",
            Box::new(set("tier", json!("basic"))),
            Code::BCP088,
            "sku.tier",
        ),
        (
            "misspelt discriminator",
            "computeType",
            Box::new(set("computeType", json!("ComputeInstancee"))),
            Code::BCP088,
            "properties.computeType",
        ),
        (
            "read-only property",
            "friendlyName",
            Box::new(set("provisioningState", json!("Succeeded"))),
            Code::BCP073,
            "properties.provisioningState",
        ),
        (
            "missing required property",
            "principalId",
            Box::new(|o: &mut Map<String, Value>| {
                o.remove("principalId");
            }),
            Code::BCP035,
            "properties",
        ),
        (
            "unknown API version",
            "apiVersion",
            Box::new(set("apiVersion", json!("1999-01-01"))),
            Code::BCP081,
            "",
        ),
    ];
    for (what, key, edit, code, path) in cases {
        let mutated = mutate_arm(&files, key, edit);
        assert_caught(what, &findings(&mutated), code, path);
    }
}

#[test]
fn nested_bicep_resources_and_arm_children_get_their_parents_type() {
    let bicep = "\
resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.blob.core.windows.net'
  location: 'global'
  resource link 'virtualNetworkLinks@2024-06-01' = {
    name: 'link'
    location: 'global'
    properties: {
      registrationEnabledd: false
    }
  }
}
";
    let found = types::check_file("bicep/dev/main.bicep", bicep).unwrap();
    assert_caught(
        "nested Bicep resource",
        &found,
        Code::BCP037,
        "properties.registrationEnabledd",
    );
    assert_eq!(
        found[0].resource,
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01"
    );
    assert_eq!(found[0].at, "8:29");
    let arm = json!({
        "resources": [{
            "type": "Microsoft.Network/privateDnsZones",
            "apiVersion": "2024-06-01",
            "name": "privatelink.blob.core.windows.net",
            "location": "global",
            "resources": [{
                "type": "virtualNetworkLinks",
                "apiVersion": "2024-06-01",
                "name": "link",
                "location": "global",
                "properties": {"registrationEnabledd": "[parameters('x')]"}
            }]
        }]
    });
    let found = types::check_file("arm/dev/azuredeploy.json", &arm.to_string()).unwrap();
    assert_caught(
        "ARM child resource",
        &found,
        Code::BCP037,
        "properties.registrationEnabledd",
    );
    assert_eq!(
        found[0].at,
        "/resources/0/resources/0/properties/registrationEnabledd"
    );
}

#[test]
fn expressions_are_accepted_where_a_value_is_expected() {
    let bicep = "\
param retention int
resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-${uniqueString(resourceGroup().id)}'
  location: resourceGroup().location
  properties: {
    retentionInDays: retention
    sku: {
      name: true ? 'PerGB2018' : 'Free'
    }
  }
}
";
    assert_eq!(
        types::check_file("bicep/dev/main.bicep", bicep).unwrap(),
        vec![]
    );
}

#[test]
fn findings_are_located_and_worded_like_the_compilers() {
    let bicep = "\
resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: 'kv'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'Standard'
    }
    enableSoftDeletee: true
  }
}
";
    let found: Vec<String> = types::check_file("bicep/dev/main.bicep", bicep)
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[0],
        "8:13 BCP088 (Microsoft.KeyVault/vaults@2026-02-01 properties.sku.name): The property \
         \"name\" expected a value of type \"'standard' | 'premium'\" but the provided value is of \
         type \"'Standard'\". Did you mean \"'standard'\"?"
    );
    assert!(
        found[1].starts_with(
            "10:24 BCP037 (Microsoft.KeyVault/vaults@2026-02-01 properties.enableSoftDeletee): \
             The property \"enableSoftDeletee\" is not allowed on objects of type \
             \"VaultProperties\". Permissible properties include \""
        ),
        "{}",
        found[1]
    );
}
