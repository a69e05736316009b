//! Resources that contradict the document, from Azure Resource Graph pages.
//!
//! Reads the pages `az graph query --output json` writes for an environment's subscription
//! (checked to be complete: each page's `count`, the `skip_token` that promises another page,
//! `total_records`) and compares each row with the resource the estate plans under the same
//! resource group, type and name. What the document says comes from the planned resources
//! ([`planned::resources`]), whose bodies hold the properties the generated templates write,
//! at the paths Azure returns them: public network access, the managed network's isolation
//! mode, a compute instance's idle shutdown and assigned user, a cluster's minimum node count.
//! Workspaces, computes and endpoints in the environment's resource groups that the document
//! does not plan are reported too, and so are planned ones the export lacks.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use super::exports::ExportFile;
use super::finding::{ExportLocation, Finding};
use super::pages::{PageExport, PageRow, read_pages};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::estate::{Environment, EnvironmentId};
use crate::naming::EstateNames;
use crate::policy::planned::{self, Planned};
use crate::validate::Validated;

/// The resource types whose rows are compared with the plan, lowercase as Resource Graph
/// writes them, with the word messages use.
const COMPARED: [(&str, &str); 7] = [
    ("microsoft.machinelearningservices/workspaces", "workspace"),
    (
        "microsoft.machinelearningservices/workspaces/computes",
        "compute",
    ),
    (
        "microsoft.machinelearningservices/workspaces/onlineendpoints",
        "online endpoint",
    ),
    (
        "microsoft.machinelearningservices/workspaces/batchendpoints",
        "batch endpoint",
    ),
    ("microsoft.storage/storageaccounts", "storage account"),
    ("microsoft.keyvault/vaults", "key vault"),
    (
        "microsoft.containerregistry/registries",
        "container registry",
    ),
];

/// The types of which an unplanned resource in one of the environment's resource groups is
/// reported: what runs workloads or serves models.
const OWNED: [&str; 4] = [
    "microsoft.machinelearningservices/workspaces",
    "microsoft.machinelearningservices/workspaces/computes",
    "microsoft.machinelearningservices/workspaces/onlineendpoints",
    "microsoft.machinelearningservices/workspaces/batchendpoints",
];

/// The findings of one environment's Resource Graph pages, or the located errors that make
/// them unusable.
pub(crate) fn check_resources(
    validated: &Validated,
    environment: EnvironmentId,
    pages: &[ExportFile],
) -> Result<Vec<Finding>, Vec<Diagnostic>> {
    let pages = read_pages::<Row>(pages, "resources")?;
    let bad = bad_ids(&pages);
    if !bad.is_empty() {
        return Err(bad);
    }
    let estate = validated.estate();
    let here = &estate[environment];
    let planned: Vec<Planned> = planned::resources(estate)
        .into_iter()
        .filter(|p| p.environment == environment && word_of(&p.resource.resource_type).is_some())
        .collect();
    let by_key: BTreeMap<Key, &Planned> = planned.iter().map(|p| (planned_key(p), p)).collect();
    let names = EstateNames::for_estate(estate);
    let groups: BTreeMap<String, &str> = estate
        .projects()
        .filter(|(_, project)| project.environments.contains(&environment))
        .map(|(_, project)| {
            let group = names.of(project, here).resource_group().value;
            (group.to_ascii_lowercase(), project.path.as_str())
        })
        .collect();

    let mut audit = Audit {
        environment: here,
        findings: Vec::new(),
    };
    let mut seen = BTreeSet::new();
    for page in &pages {
        let locator = page.locator();
        for (index, row) in page.rows.iter().enumerate() {
            let at = |pointer: &str| locator.locate(&format!("/data/{index}{pointer}"));
            let Some(key) = row_key(row) else {
                continue;
            };
            match by_key.get(&key) {
                Some(plan) => {
                    seen.insert(key);
                    audit.compare(plan, row, &at);
                }
                None => {
                    if let Some(project) = groups.get(&key.group)
                        && OWNED.contains(&key.kind.as_str())
                    {
                        audit.unknown(project, row, &key, at(""));
                    }
                }
            }
        }
    }
    for plan in &planned {
        if !seen.contains(&planned_key(plan)) {
            audit.missing(plan);
        }
    }
    Ok(audit.findings)
}

/// One row of the resources query; the columns it does not read (`kind`, `location`,
/// `sku`, `identity`, `tags`, …) are ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    id: String,
    #[serde(rename = "type")]
    resource_type: String,
    #[serde(default)]
    properties: Option<Value>,
}

/// The rows whose id is not a resource in a resource group, as errors.
fn bad_ids(pages: &[PageExport<Row>]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for page in pages {
        let own: Vec<Diagnostic> = page
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row_key(row).is_none())
            .map(|(index, row)| {
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("/data/{index}/id"),
                    format!(
                        "`{}` is not the id of a resource in a resource group",
                        row.id
                    ),
                )
                .with_help("`id` holds the resource id, as Resource Graph writes it")
            })
            .collect();
        errors.extend(page.locator().locate_all(own));
    }
    errors
}

impl PageRow for Row {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A resource as both sides name it: its type, resource group and full name (a child's
/// parent names first, `workspace/compute`), lowercase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    kind: String,
    group: String,
    name: String,
}

fn planned_key(plan: &Planned) -> Key {
    Key {
        kind: plan.resource.resource_type.to_ascii_lowercase(),
        group: plan
            .facts
            .resource_group
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase(),
        name: plan.resource.full_name.to_ascii_lowercase(),
    }
}

/// The key of a row, from its id (`/subscriptions/…/resourceGroups/{group}/providers/
/// {namespace}/{type}/{name}[/{type}/{name}…]`) and type; `None` when the id is not one of a
/// resource in a resource group.
fn row_key(row: &Row) -> Option<Key> {
    let folded = row.id.to_ascii_lowercase();
    let segments: Vec<&str> = folded.split('/').filter(|s| !s.is_empty()).collect();
    let group_at = segments.iter().position(|s| *s == "resourcegroups")?;
    let group = segments.get(group_at + 1)?;
    let providers_at = segments.iter().rposition(|s| *s == "providers")?;
    let typed = segments.get(providers_at + 2..)?;
    if typed.is_empty() || typed.len() % 2 != 0 {
        return None;
    }
    let name: Vec<&str> = typed.iter().skip(1).step_by(2).copied().collect();
    Some(Key {
        kind: row.resource_type.to_ascii_lowercase(),
        group: (*group).to_owned(),
        name: name.join("/"),
    })
}

/// The word messages use for a resource type, if it is one this check compares.
fn word_of(resource_type: &str) -> Option<&'static str> {
    COMPARED
        .iter()
        .find(|(kind, _)| kind.eq_ignore_ascii_case(resource_type))
        .map(|(_, word)| *word)
}

/// The value at `path` below `value`, keys compared without case (Resource Graph keeps
/// Azure's casing, which varies between resource providers).
fn at<'v>(value: Option<&'v Value>, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value?, |value, key| {
        value
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn text<'v>(value: Option<&'v Value>, path: &[&str]) -> Option<&'v str> {
    at(value, path)?.as_str()
}

/// The findings of one environment as they are found.
struct Audit<'e> {
    environment: &'e Environment,
    findings: Vec<Finding>,
}

impl Audit<'_> {
    fn push(
        &mut self,
        code: Code,
        severity: Severity,
        path: &str,
        export: Option<ExportLocation>,
        message: String,
        help: &str,
    ) {
        self.findings.push(Finding {
            code,
            severity,
            environment: self.environment.name.to_string(),
            document_path: path.to_owned(),
            export,
            message,
            help: Some(help.to_owned()),
        });
    }

    /// Every difference between a planned resource and its row.
    fn compare(&mut self, plan: &Planned, row: &Row, at: &dyn Fn(&str) -> Option<ExportLocation>) {
        let word = word_of(&row.resource_type).unwrap_or("resource");
        let sides = Sides {
            planned: plan.resource.body.get("properties"),
            actual: row.properties.as_ref(),
            what: format!("{word} `{}`", plan.resource.full_name),
        };
        for check in CHECKS {
            if let Some(drift) = check(&sides) {
                self.push(
                    drift.code,
                    Severity::Error,
                    &plan.path,
                    at(drift.pointer),
                    drift.message,
                    drift.help,
                );
            }
        }
    }

    fn unknown(&mut self, project: &str, row: &Row, key: &Key, export: Option<ExportLocation>) {
        let word = word_of(&row.resource_type).unwrap_or("resource");
        self.push(
            Code::AuditResourceUnknown,
            Severity::Warning,
            project,
            export,
            format!(
                "{word} `{}` in resource group `{}` is not in the document",
                key.name, key.group
            ),
            "add it to the document if it is meant to stay, or delete it",
        );
    }

    fn missing(&mut self, plan: &Planned) {
        let word = word_of(&plan.resource.resource_type).unwrap_or("resource");
        self.push(
            Code::AuditResourceMissing,
            Severity::Error,
            &plan.path,
            None,
            format!(
                "{word} `{}` of the document is not in the export",
                plan.resource.full_name
            ),
            "deploy the environment's generated templates, or check that the export covers the environment's subscription",
        );
    }
}

/// A planned resource's properties and its row's, and how messages name it.
struct Sides<'v> {
    planned: Option<&'v Value>,
    actual: Option<&'v Value>,
    what: String,
}

/// A property of a row that contradicts the plan: its code, the pointer of the property in
/// the row, the message and the hint.
struct Drift {
    code: Code,
    pointer: &'static str,
    message: String,
    help: &'static str,
}

/// The properties compared, each an error when it drifts.
const CHECKS: [fn(&Sides<'_>) -> Option<Drift>; 5] = [
    public_access,
    isolation,
    idle_shutdown,
    assigned_user,
    min_nodes,
];

fn public_access(sides: &Sides<'_>) -> Option<Drift> {
    let wanted = text(sides.planned, &["publicNetworkAccess"]);
    if !wanted.is_some_and(|w| w.eq_ignore_ascii_case("Disabled")) {
        return None;
    }
    let written = text(sides.actual, &["publicNetworkAccess"]);
    let closed = match written {
        Some(value) => {
            value.eq_ignore_ascii_case("Disabled")
                || value.eq_ignore_ascii_case("SecuredByPerimeter")
        }
        // Left out, the network rules decide (storage accounts, key vaults).
        None => text(sides.actual, &["networkAcls", "defaultAction"])
            .is_some_and(|action| action.eq_ignore_ascii_case("Deny")),
    };
    (!closed).then(|| Drift {
        code: Code::AuditResourcePublicAccess,
        pointer: "/properties/publicNetworkAccess",
        message: format!(
            "{} of a private project accepts public network access (`{}`)",
            sides.what,
            written.unwrap_or("not set")
        ),
        help: "a private project is reached through its private endpoints only: set `publicNetworkAccess` to `Disabled`",
    })
}

fn isolation(sides: &Sides<'_>) -> Option<Drift> {
    let wanted = text(sides.planned, &["managedNetwork", "isolationMode"])?;
    let running = text(sides.actual, &["managedNetwork", "isolationMode"]).unwrap_or("Disabled");
    (!running.eq_ignore_ascii_case(wanted)).then(|| Drift {
        code: Code::AuditResourceIsolation,
        pointer: "/properties/managedNetwork/isolationMode",
        message: format!(
            "{} runs managed network isolation `{running}`, the document says `{wanted}`",
            sides.what
        ),
        help: "deploy the generated workspace again, or change the project's `isolation` in the document",
    })
}

fn idle_shutdown(sides: &Sides<'_>) -> Option<Drift> {
    let path = ["properties", "idleTimeBeforeShutdown"];
    let wanted = text(sides.planned, &path)?;
    let written = text(sides.actual, &path).filter(|t| !t.is_empty());
    let what = &sides.what;
    let message = match written {
        None => format!("{what} does not shut down when idle; the document says after `{wanted}`"),
        Some(written) => match (duration_seconds(written), duration_seconds(wanted)) {
            (Some(actual), Some(limit)) if actual <= limit => return None,
            _ if written.eq_ignore_ascii_case(wanted) => return None,
            _ => format!(
                "{what} shuts down after `{written}` idle; the document says after `{wanted}`"
            ),
        },
    };
    Some(Drift {
        code: Code::AuditResourceIdleShutdown,
        pointer: "/properties/properties/idleTimeBeforeShutdown",
        message,
        help: "set the instance's idle shutdown (`idleTimeBeforeShutdown`) as the generated template does",
    })
}

fn assigned_user(sides: &Sides<'_>) -> Option<Drift> {
    let path = [
        "properties",
        "personalComputeInstanceSettings",
        "assignedUser",
        "objectId",
    ];
    let wanted = text(sides.planned, &path)?;
    let assigned = text(sides.actual, &path);
    if assigned.is_some_and(|a| a.eq_ignore_ascii_case(wanted)) {
        return None;
    }
    let what = &sides.what;
    let message = match assigned {
        Some(other) => {
            format!("{what} is assigned to `{other}`, the document gives it to `{wanted}`")
        }
        None => format!("{what} is assigned to no user, the document gives it to `{wanted}`"),
    };
    Some(Drift {
        code: Code::AuditResourceAssignedUser,
        pointer: "/properties/properties/personalComputeInstanceSettings/assignedUser/objectId",
        message,
        help: "a compute instance belongs to one data scientist: recreate it for the person the document names",
    })
}

fn min_nodes(sides: &Sides<'_>) -> Option<Drift> {
    let path = ["properties", "scaleSettings", "minNodeCount"];
    let wanted = at_u64(sides.planned, &path)?;
    let running = at_u64(sides.actual, &path).unwrap_or(0);
    (running > wanted).then(|| Drift {
        code: Code::AuditResourceMinNodes,
        pointer: "/properties/properties/scaleSettings/minNodeCount",
        message: format!(
            "{} keeps at least {running} {} running, the document says {wanted}",
            sides.what,
            if running == 1 { "node" } else { "nodes" }
        ),
        help: "a cluster with a minimum above its document's bills its nodes while idle: set `minNodeCount` back",
    })
}

fn at_u64(value: Option<&Value>, path: &[&str]) -> Option<u64> {
    let found = at(value, path)?;
    found
        .as_u64()
        .or_else(|| found.as_str().and_then(|t| t.parse().ok()))
}

/// The seconds of an ISO 8601 duration of days, hours, minutes and seconds (`PT60M`,
/// `PT1H30M`, `P1DT2H`, `PT90S`), as Azure writes idle times; `None` for anything else.
fn duration_seconds(text: &str) -> Option<u64> {
    let upper = text.trim().to_ascii_uppercase();
    let rest = upper.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) => (days, time),
        None => (rest, ""),
    };
    let mut total: u64 = 0;
    for (part, units) in [(days, "D"), (time, "HMS")] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            if !units.contains(c) || number.is_empty() {
                return None;
            }
            let value: u64 = number.parse().ok()?;
            let factor = match c {
                'D' => 86_400,
                'H' => 3_600,
                'M' => 60,
                _ => 1,
            };
            total = total.checked_add(value.checked_mul(factor)?)?;
            number.clear();
        }
        if !number.is_empty() {
            return None;
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests;
