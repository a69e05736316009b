//! Checks of generated deployment files: every file valid, Bicep and ARM declaring the same
//! resources, role files agreeing with the role resources, ARM limits respected.

use std::collections::BTreeMap;

use mlzone_codegen::FileSet;
use serde_json::Value;

use crate::{arm, bicep, lint};

/// ARM's limit of resources in one template.
pub const MAX_RESOURCES: usize = 800;
/// ARM's limit of the size of one template, in bytes.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// A resource as both targets can name it: (type, apiVersion, name). Names that are
/// expressions (role assignments' `guid(…)`) are written `guid(…)`.
pub type Key = (String, String, String);

/// Runs every check on `files`; panics with every problem found.
pub fn check(files: &FileSet) {
    let mut problems = Vec::new();
    let mut per_env: BTreeMap<String, Environment> = BTreeMap::new();
    for (path, text) in files.iter() {
        let path = path.as_str();
        let mut parts = path.splitn(3, '/');
        let (Some(target), Some(env), Some(rest)) = (parts.next(), parts.next(), parts.next())
        else {
            problems.push(format!("{path}: unexpected path"));
            continue;
        };
        // The policy target's Bicep and ARM are compared with each other, apart from the
        // deployment's: `policy/{env}/…` is checked as the environment `policy:{env}`.
        let (target, env) = match target {
            "policy" if rest.ends_with(".bicep") => ("bicep", format!("policy:{env}")),
            "policy" => ("arm", format!("policy:{env}")),
            _ => (target, env.to_owned()),
        };
        let entry = per_env.entry(env).or_default();
        if text.len() > MAX_BYTES {
            problems.push(format!("{path}: {} bytes is over ARM's 4 MB", text.len()));
        }
        match target {
            "bicep" if rest.ends_with(".bicepparam") => {
                check_bicepparam(path, text, files, &mut problems);
            }
            "bicep" => {
                for finding in lint::lint(text) {
                    problems.push(format!("{path}: Bicep linter: {finding}"));
                }
                let errors = bicep::syntax_errors(text);
                if !errors.is_empty() {
                    problems.push(format!("{path}: does not parse: {errors:?}"));
                }
                for module in text.lines().filter(|l| l.starts_with("module ")) {
                    entry.bicep_modules += 1;
                    if let Some(used) = module.split('\'').nth(1) {
                        *entry.module_uses.entry(used.to_owned()).or_default() += 1;
                    }
                }
                // A module file deploys its resources once per `module` that uses it (the
                // registry reader module, once per workspace), as ARM's nested deployments do.
                if rest.starts_with("modules/") {
                    entry.module_keys.insert(rest.to_owned(), bicep_keys(text));
                } else {
                    entry.bicep.extend(bicep_keys(text));
                }
                if rest.starts_with("main") {
                    entry.bicep_roles.extend(
                        bicep::resources(text)
                            .into_iter()
                            .filter(|r| r.resource_type.ends_with("/roleDefinitions"))
                            .filter_map(|r| {
                                r.name.and_then(|n| bicep::parse_string_literal(&n).ok())
                            }),
                    );
                }
            }
            "arm" => {
                let value: Value = match serde_json::from_str(text) {
                    Ok(v) => v,
                    Err(e) => {
                        problems.push(format!("{path}: {e}"));
                        continue;
                    }
                };
                if rest.ends_with(".parameters.json") {
                    if let Err(e) = arm::validate_parameters(&value) {
                        problems.push(format!("{path}: {e:?}"));
                    }
                    continue;
                }
                if value.get("languageVersion").is_some() {
                    problems.push(format!("{path}: has a languageVersion"));
                }
                // Azure publishes no ARM schema of the policy resources' API versions that the
                // project vendors: the envelope and nested deployments are checked here, the
                // policy resources' bodies by the type check (`types.rs`).
                let schema_checked = if path.starts_with("policy/") {
                    without_policy_resources(&value)
                } else {
                    value.clone()
                };
                if let Err(errors) = arm::validate_subscription_template(&schema_checked) {
                    for e in errors.iter().take(10) {
                        problems.push(format!("{path}: {e}"));
                    }
                }
                check_limits(path, &value, "", &mut problems);
                for resource in arm::resources(&value) {
                    if resource.resource_type == "Microsoft.Resources/deployments" {
                        entry.arm_deployments += 1;
                        continue;
                    }
                    let name = arm_name(&resource.name);
                    entry
                        .arm
                        .push((resource.resource_type, resource.api_version, name));
                }
                for role in value["resources"].as_array().into_iter().flatten() {
                    if role["type"] == "Microsoft.Authorization/roleDefinitions" {
                        entry.arm_roles.push(role.clone());
                    }
                }
            }
            "roles" => match serde_json::from_str::<Value>(text) {
                Ok(v) => entry.roles.push((path.to_owned(), v)),
                Err(e) => problems.push(format!("{path}: {e}")),
            },
            _ => problems.push(format!("{path}: unknown target")),
        }
    }
    for (env, mut e) in per_env {
        e.compare(&env, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[derive(Default)]
struct Environment {
    bicep: Vec<Key>,
    arm: Vec<Key>,
    bicep_modules: usize,
    arm_deployments: usize,
    bicep_roles: Vec<String>,
    arm_roles: Vec<Value>,
    roles: Vec<(String, Value)>,
    /// The resources of each module file, by its path in the environment's folder.
    module_keys: BTreeMap<String, Vec<Key>>,
    /// How many `module` declarations use each module file.
    module_uses: BTreeMap<String, usize>,
}

impl Environment {
    fn compare(&mut self, env: &str, problems: &mut Vec<String>) {
        for (path, keys) in std::mem::take(&mut self.module_keys) {
            let uses = self.module_uses.get(&path).copied().unwrap_or(1);
            for _ in 0..uses {
                self.bicep.extend(keys.iter().cloned());
            }
        }
        let has_bicep = !self.bicep.is_empty() || self.bicep_modules > 0;
        let has_arm = !self.arm.is_empty() || self.arm_deployments > 0;
        if has_bicep && has_arm {
            self.bicep.sort();
            self.arm.sort();
            if self.bicep != self.arm {
                let only_bicep: Vec<_> = self
                    .bicep
                    .iter()
                    .filter(|k| !self.arm.contains(k))
                    .collect();
                let only_arm: Vec<_> = self
                    .arm
                    .iter()
                    .filter(|k| !self.bicep.contains(k))
                    .collect();
                problems.push(format!(
                    "{env}: Bicep and ARM differ ({} vs {}); only in Bicep: {only_bicep:?}; only in ARM: {only_arm:?}",
                    self.bicep.len(),
                    self.arm.len()
                ));
            }
            if self.bicep_modules != self.arm_deployments {
                problems.push(format!(
                    "{env}: {} Bicep modules but {} ARM nested deployments",
                    self.bicep_modules, self.arm_deployments
                ));
            }
        }
        if self.roles.is_empty() {
            return;
        }
        if has_arm && self.roles.len() != self.arm_roles.len() {
            problems.push(format!(
                "{env}: {} role files but {} ARM role definitions",
                self.roles.len(),
                self.arm_roles.len()
            ));
        }
        for (path, role) in &self.roles {
            let id = role["Id"].as_str().unwrap_or_default();
            if has_bicep && !self.bicep_roles.iter().any(|n| n == id) {
                problems.push(format!("{path}: no Bicep role definition named {id}"));
            }
            if !has_arm {
                continue;
            }
            let Some(resource) = self.arm_roles.iter().find(|r| r["name"] == id) else {
                problems.push(format!("{path}: no ARM role definition named {id}"));
                continue;
            };
            let props = &resource["properties"];
            let permissions = &props["permissions"][0];
            let literal = |v: &Value| {
                v.as_str()
                    .and_then(crate::arm::unliteral)
                    .map(str::to_owned)
            };
            let same = literal(&props["roleName"]) == role["Name"].as_str().map(str::to_owned)
                && literal(&props["description"])
                    == role["Description"].as_str().map(str::to_owned)
                && unliteral_list(&permissions["actions"]) == role["Actions"]
                && unliteral_list(&permissions["notActions"]) == role["NotActions"]
                && unliteral_list(&permissions["dataActions"]) == role["DataActions"]
                && unliteral_list(&permissions["notDataActions"]) == role["NotDataActions"];
            if !same {
                problems.push(format!(
                    "{path}: differs from the ARM role definition {resource:#}"
                ));
            }
            let scope = props["assignableScopes"][0].as_str().unwrap_or_default();
            let file_scope = role["AssignableScopes"][0].as_str().unwrap_or_default();
            // Templates deploy a role into the environment's own subscription.
            let scopes_agree = scope == file_scope
                || (scope == "[subscription().id]" && file_scope.starts_with("/subscriptions/"));
            if !scopes_agree {
                problems.push(format!("{path}: scope {file_scope} but ARM has {scope}"));
            }
        }
    }
}

fn unliteral_list(value: &Value) -> Value {
    Value::Array(
        value
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                let s = v.as_str().unwrap_or_default();
                Value::String(crate::arm::unliteral(s).unwrap_or(s).to_owned())
            })
            .collect(),
    )
}

/// `template` without its Azure Policy resources, at every level of nesting.
fn without_policy_resources(template: &Value) -> Value {
    let mut copy = template.clone();
    strip_policy(&mut copy);
    copy
}

fn strip_policy(template: &mut Value) {
    let Some(list) = template.get_mut("resources").and_then(Value::as_array_mut) else {
        return;
    };
    list.retain(|resource| {
        !resource["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("Microsoft.Authorization/policy"))
    });
    for resource in list {
        if let Some(nested) = resource.pointer_mut("/properties/template") {
            strip_policy(nested);
        }
    }
}

/// Resources per template level (the outer one and every inline nested one) at most 800.
fn check_limits(path: &str, template: &Value, pointer: &str, problems: &mut Vec<String>) {
    let Some(list) = template["resources"].as_array() else {
        return;
    };
    if list.len() > MAX_RESOURCES {
        problems.push(format!("{path}{pointer}: {} resources", list.len()));
    }
    for (i, resource) in list.iter().enumerate() {
        if let Some(nested) = resource.pointer("/properties/template") {
            check_limits(
                path,
                nested,
                &format!("{pointer}/resources/{i}/properties/template"),
                problems,
            );
        }
    }
}

/// The canonical name of an ARM `name` value.
fn arm_name(name: &str) -> String {
    if name.starts_with("[guid(") {
        return "guid(…)".to_owned();
    }
    crate::arm::unliteral(name).map_or_else(|| name.to_owned(), str::to_owned)
}

/// The (type, apiVersion, full name) of every deployed resource of a Bicep file.
pub fn bicep_keys(source: &str) -> Vec<Key> {
    let resources: Vec<_> = bicep::resources(source)
        .into_iter()
        .filter(|r| !r.existing)
        .collect();
    let own_name = |r: &bicep::Resource| -> String {
        let text = r.name.clone().unwrap_or_default();
        if text.starts_with("guid(") {
            "guid(…)".to_owned()
        } else {
            bicep::parse_string_literal(&text).unwrap_or(text)
        }
    };
    let by_symbol: BTreeMap<&str, &bicep::Resource> =
        resources.iter().map(|r| (r.symbol.as_str(), r)).collect();
    resources
        .iter()
        .map(|r| {
            let mut name = own_name(r);
            let mut parent = r.parent.as_deref();
            while let Some(symbol) = parent {
                let Some(p) = by_symbol.get(symbol) else {
                    break;
                };
                name = format!("{}/{name}", own_name(p));
                parent = p.parent.as_deref();
            }
            (r.resource_type.clone(), r.api_version.clone(), name)
        })
        .collect()
}

/// A `.bicepparam` file: it parses (its `param x = …` lines read as variables, which the
/// grammar knows), names the `main.bicep` beside it, and sets exactly the parameters of the
/// ARM parameters file of the same deployment, to the same values.
fn check_bicepparam(path: &str, text: &str, files: &FileSet, problems: &mut Vec<String>) {
    let as_vars: String = text
        .lines()
        .map(|l| match l.strip_prefix("param ") {
            Some(rest) => format!("var {rest}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    let errors = bicep::syntax_errors(&as_vars);
    if !errors.is_empty() {
        problems.push(format!("{path}: does not parse: {errors:?}"));
    }
    let Some(stem) = path.strip_suffix(".bicepparam") else {
        return;
    };
    let file = stem.rsplit('/').next().unwrap_or(stem);
    if !text.contains(&format!("\nusing '{file}.bicep'\n")) {
        problems.push(format!("{path}: no `using '{file}.bicep'`"));
    }
    let arm_path = format!(
        "arm/{}.parameters.json",
        stem.trim_start_matches("bicep/")
            .replacen("/main", "/azuredeploy", 1)
    );
    let Some(arm_text) = files.get(&arm_path) else {
        problems.push(format!("{path}: no {arm_path} beside it"));
        return;
    };
    let arm: Value = serde_json::from_str(arm_text).unwrap_or_default();
    let mut expected: Vec<String> = arm["parameters"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, value)| {
            let value = value["value"].as_str().unwrap_or_default();
            format!(
                "param {name} = '{}'",
                value.replace('\\', "\\\\").replace('\'', "\\'")
            )
        })
        .collect();
    let mut found: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("param "))
        .map(str::to_owned)
        .collect();
    expected.sort();
    found.sort();
    if expected != found {
        problems.push(format!(
            "{path}: parameters {found:?} but {arm_path} has {expected:?}"
        ));
    }
}
