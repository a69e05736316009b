//! Custom role definitions that drifted from what mlzone deploys.
//!
//! Reads what `az role definition list --custom-role-only true --output json` writes for an
//! environment's subscription and compares it with the custom roles the environment's
//! deployment defines ([`deployed_roles`]: the document's roles, the library roles its
//! personas hold there, and the model registry's roles when the registry lives in that
//! subscription), matched by GUID. Permissions are compared as sets of operations over the
//! catalog with the permission engine, so the order, case and spelling of patterns mean
//! nothing; only what the two grant does.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use uuid::Uuid;

use super::exports::ExportFile;
use super::finding::Finding;
use super::json::{Export, read_rows};
use crate::access::RoleDefinitions;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::estate::{Environment, EnvironmentId, Estate, RegistryHome, RoleRef};
use crate::naming::EstateNames;
use crate::rbac::{Catalog, Difference, PermissionSet, Permissions, difference};
use crate::validate::Validated;

/// How many operations a message names before it counts the rest.
const NAMED_OPERATIONS: usize = 5;

/// The findings of one environment's custom role definitions export, or the located errors
/// that make it unusable.
pub(crate) fn check_definitions(
    validated: &Validated,
    environment: EnvironmentId,
    file: &ExportFile,
) -> Result<Vec<Finding>, Vec<Diagnostic>> {
    let export = read_rows::<ExportedRole>(file)?;
    let locator = export.locator();
    let exported = read(&export)?;
    let estate = validated.estate();
    let here = &estate[environment];
    let names = EstateNames::for_estate(estate);
    let blocks = RoleDefinitions::of(estate);
    let expected = deployed_roles(estate, &names, &blocks, environment);
    let catalog = Catalog::azure();
    let located = |pointer: &str| locator.locate(pointer);
    let finding = |code, severity, path: &str, export, message, help: Option<String>| Finding {
        code,
        severity,
        environment: here.name.to_string(),
        document_path: path.to_owned(),
        export,
        message,
        help,
    };

    let mut findings = Vec::new();
    let mut matched = BTreeSet::new();
    for role in &expected {
        let by_guid = exported.iter().find(|e| e.guid == role.guid);
        let Some(found) = by_guid else {
            let same_name = exported
                .iter()
                .find(|e| e.role.role_name.eq_ignore_ascii_case(&role.name));
            let help = match same_name {
                Some(other) => {
                    matched.insert(other.index);
                    format!(
                        "a role of that name exists with the GUID `{}`: mlzone deploys its roles \
                         under stable GUIDs; delete it and deploy the generated definition",
                        other.guid
                    )
                }
                None => "deploy the environment's generated role definitions".to_owned(),
            };
            let at = same_name.map_or_else(|| located(""), |o| located(&o.pointer()));
            findings.push(finding(
                Code::AuditRoleMissing,
                Severity::Error,
                &role.path,
                at,
                format!(
                    "custom role `{}` (`{}`) is not defined in the subscription",
                    role.name, role.guid
                ),
                Some(help),
            ));
            continue;
        };
        matched.insert(found.index);
        let pointer = found.pointer();
        if found.role.role_name != role.name {
            findings.push(finding(
                Code::AuditRoleRenamed,
                Severity::Warning,
                &role.path,
                located(&format!("{pointer}/roleName")),
                format!(
                    "custom role `{}` is named `{}` in the subscription",
                    role.name, found.role.role_name
                ),
                Some("deploy the generated definition again to restore its name".to_owned()),
            ));
        }
        let actual = PermissionSet::union(catalog, found.blocks.iter());
        let wanted = PermissionSet::new(catalog, &role.permissions);
        let added = difference(&actual, &wanted);
        let removed = difference(&wanted, &actual);
        if !added.is_empty() || !removed.is_empty() {
            findings.push(finding(
                Code::AuditRoleDrifted,
                Severity::Error,
                &role.path,
                located(&format!("{pointer}/permissions")),
                format!(
                    "custom role `{}` drifted: {}",
                    role.name,
                    drift(&added, &removed)
                ),
                Some(
                    "deploy the generated definition again, or write the change into the \
                     document"
                        .to_owned(),
                ),
            ));
        }
        if let Some(message) = scope_drift(here, &found.role.assignable_scopes) {
            findings.push(finding(
                Code::AuditRoleScopes,
                Severity::Error,
                &role.path,
                located(&format!("{pointer}/assignableScopes")),
                format!("custom role `{}` {message}", role.name),
                Some(format!(
                    "mlzone makes each role assignable in its environment's subscription only ({})",
                    subscription_scope(here)
                )),
            ));
        }
    }

    let known = known_elsewhere(estate, &names, &blocks, environment);
    for role in &exported {
        if matched.contains(&role.index) || known.contains(&role.guid) {
            continue;
        }
        if !role
            .role
            .assignable_scopes
            .iter()
            .any(|scope| touches(here, scope))
        {
            continue;
        }
        findings.push(finding(
            Code::AuditRoleUnknown,
            Severity::Warning,
            &here.path,
            located(&role.pointer()),
            format!(
                "custom role `{}` (`{}`) is assignable in `{}` but the document does not define it",
                role.role.role_name, role.guid, here.name
            ),
            Some("add it to the document's `roles` if it is still needed, or delete it".to_owned()),
        ));
    }
    Ok(findings)
}

/// One entry of `az role definition list --output json`; keys it does not read (`id`,
/// `type`, `description`, `createdOn`, …) are ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportedRole {
    /// The role's GUID.
    name: String,
    /// Its display name.
    role_name: String,
    /// `CustomRole` or `BuiltInRole`.
    #[serde(default)]
    role_type: Option<String>,
    assignable_scopes: Vec<String>,
    permissions: Vec<ExportedBlock>,
}

/// One permission block of an exported role; a list the export leaves out or writes `null`
/// is empty.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportedBlock {
    #[serde(default)]
    actions: Option<Vec<String>>,
    #[serde(default)]
    not_actions: Option<Vec<String>>,
    #[serde(default)]
    data_actions: Option<Vec<String>>,
    #[serde(default)]
    not_data_actions: Option<Vec<String>>,
}

/// An exported custom role, checked: its GUID read and its position in the file kept.
struct Exported<'p> {
    index: usize,
    guid: Uuid,
    role: &'p ExportedRole,
    blocks: Vec<Permissions>,
}

impl Exported<'_> {
    fn pointer(&self) -> String {
        format!("/{}", self.index)
    }
}

/// The custom roles of a parsed export, or a located error for each entry whose GUID is not
/// one or repeats another's. Built-in roles (in an export made without
/// `--custom-role-only`) are left out.
fn read(export: &Export<(), ExportedRole>) -> Result<Vec<Exported<'_>>, Vec<Diagnostic>> {
    let mut roles = Vec::with_capacity(export.rows.len());
    let mut errors = Vec::new();
    let mut seen: BTreeMap<Uuid, usize> = BTreeMap::new();
    for (index, role) in export.rows.iter().enumerate() {
        if role
            .role_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("BuiltInRole"))
        {
            continue;
        }
        let Ok(guid) = Uuid::parse_str(&role.name) else {
            errors.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("/{index}/name"),
                    format!("role definition name `{}` is not a GUID", role.name),
                )
                .with_help("`name` holds the role definition's GUID, as `az role definition list` writes it"),
            );
            continue;
        };
        if let Some(first) = seen.insert(guid, index) {
            errors.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    format!("/{index}/name"),
                    format!("role definition `{guid}` appears twice, first at entry {first}"),
                )
                .with_help(
                    "export the role definitions again: a subscription holds each GUID once",
                ),
            );
            continue;
        }
        let blocks = role
            .permissions
            .iter()
            .map(ExportedBlock::to_permissions)
            .collect();
        roles.push(Exported {
            index,
            guid,
            role,
            blocks,
        });
    }
    if errors.is_empty() {
        Ok(roles)
    } else {
        Err(export.locator().locate_all(errors))
    }
}

impl ExportedBlock {
    fn to_permissions(&self) -> Permissions {
        let list = |l: &Option<Vec<String>>| l.clone().unwrap_or_default();
        Permissions {
            actions: list(&self.actions),
            not_actions: list(&self.not_actions),
            data_actions: list(&self.data_actions),
            not_data_actions: list(&self.not_data_actions),
        }
    }
}

/// A custom role an environment's deployment defines, as the generated role files write it.
#[derive(Debug, Clone)]
pub(crate) struct DeployedRole {
    /// Its GUID (the definition's `name`).
    pub guid: Uuid,
    /// Its `roleName`, unique in the tenant.
    pub name: String,
    /// The one block that deploys it.
    pub permissions: Permissions,
    /// The document item it comes from (JSON pointer).
    pub path: String,
}

/// The custom roles the deployment of `environment` defines in its subscription, by GUID:
/// every custom role of the document, the library roles its personas hold in the
/// environment, and the model registry's custom roles when the registry lives in the
/// environment's subscription. Names and GUIDs come from [`EstateNames`], blocks from
/// [`RoleDefinitions`], as code generation takes them.
pub(crate) fn deployed_roles(
    estate: &Estate,
    names: &EstateNames,
    blocks: &RoleDefinitions,
    environment: EnvironmentId,
) -> Vec<DeployedRole> {
    let here = &estate[environment];
    let mut used: BTreeMap<String, (RoleRef, String)> = estate
        .roles()
        .map(|(id, role)| {
            (
                role.name.to_string(),
                (RoleRef::Custom(id), role.path.clone()),
            )
        })
        .collect();
    for (persona_id, persona) in estate.personas() {
        for (project_id, _) in estate.projects() {
            if let Some(role @ RoleRef::Library(library)) =
                estate.assigned_role(persona_id, environment, project_id)
            {
                used.entry(library.key.to_owned())
                    .or_insert_with(|| (role, persona.path.clone()));
            }
        }
    }
    let mut out: BTreeMap<Uuid, DeployedRole> = BTreeMap::new();
    for (key, (role, path)) in used {
        if let Some((display, permissions)) = display_and_block(estate, blocks, role) {
            let guid = names.role_definition(here, &key);
            out.insert(
                guid,
                DeployedRole {
                    guid,
                    name: names.role_name(&display, here),
                    permissions,
                    path,
                },
            );
        }
    }
    if let Some(registry) = estate.registry() {
        let home_here = match registry.home {
            RegistryHome::Environment(id) => id == environment,
            RegistryHome::Subscription(id) => here.subscription == Some(id),
        };
        if home_here {
            for role in [registry.publisher_role, registry.reader_role] {
                let Some((display, permissions)) = display_and_block(estate, blocks, role) else {
                    continue;
                };
                let guid = names.registry_role_definition(estate, role.reference_name(estate));
                out.entry(guid).or_insert_with(|| DeployedRole {
                    guid,
                    name: names.registry_role_name(&display),
                    permissions,
                    path: registry.path.clone(),
                });
            }
        }
    }
    out.into_values().collect()
}

/// A role's display name and deployed block; `None` for a built-in role (or a custom role
/// without a block, which the validator refuses).
fn display_and_block(
    estate: &Estate,
    blocks: &RoleDefinitions,
    role: RoleRef,
) -> Option<(String, Permissions)> {
    match role {
        RoleRef::Builtin(_) => None,
        RoleRef::Library(library) => {
            Some((library.display_name.to_owned(), library.permissions.clone()))
        }
        RoleRef::Custom(id) => Some((estate[id].display_name.clone(), blocks.get(id)?.clone())),
    }
}

/// The GUIDs of the roles other environments deploy into the same subscription: known, so
/// not reported as unknown here.
fn known_elsewhere(
    estate: &Estate,
    names: &EstateNames,
    blocks: &RoleDefinitions,
    environment: EnvironmentId,
) -> BTreeSet<Uuid> {
    let Some(subscription) = estate[environment].subscription else {
        return BTreeSet::new();
    };
    estate
        .environments()
        .filter(|(id, other)| *id != environment && other.subscription == Some(subscription))
        .flat_map(|(id, _)| deployed_roles(estate, names, blocks, id))
        .map(|role| role.guid)
        .collect()
}

/// What a drifted role grants that it should not, and lacks.
fn drift(added: &Difference<'_>, removed: &Difference<'_>) -> String {
    let mut parts = Vec::new();
    if !added.operations.is_empty() {
        parts.push(format!(
            "grants {} it should not ({})",
            count(added.operations.len()),
            named(added.operations.iter().map(|op| op.name()))
        ));
    }
    if !added.unproven.is_empty() {
        parts.push(format!(
            "grants beyond the operation catalog through {}",
            named(added.unproven.iter().map(|u| u.pattern.as_str()))
        ));
    }
    if !removed.operations.is_empty() {
        parts.push(format!(
            "lacks {} it should grant ({})",
            count(removed.operations.len()),
            named(removed.operations.iter().map(|op| op.name()))
        ));
    }
    if !removed.unproven.is_empty() {
        parts.push(format!(
            "may lack what {} grants beyond the operation catalog",
            named(removed.unproven.iter().map(|u| u.pattern.as_str()))
        ));
    }
    parts.join("; ")
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 operation".to_owned()
    } else {
        format!("{n} operations")
    }
}

/// The first few names in backticks, then how many more.
fn named<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = names.len();
    let shown: Vec<String> = names
        .take(NAMED_OPERATIONS)
        .map(|name| format!("`{name}`"))
        .collect();
    let mut text = shown.join(", ");
    if total > NAMED_OPERATIONS {
        text.push_str(&format!(" and {} more", total - NAMED_OPERATIONS));
    }
    text
}

/// An assignable scope as Azure compares it: case-insensitive, no trailing slash.
fn normalised(scope: &str) -> String {
    let trimmed = scope.trim_end_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        trimmed.to_ascii_lowercase()
    }
}

/// The environment's subscription as an assignable scope, for messages.
fn subscription_scope(environment: &Environment) -> String {
    match environment.subscription {
        Some(subscription) => format!("`/subscriptions/{subscription}`"),
        None => "`/subscriptions/SUBSCRIPTION`".to_owned(),
    }
}

/// How the exported assignable scopes differ from the one mlzone writes, the environment's
/// subscription (any one subscription when the document leaves it out), or `None`.
fn scope_drift(environment: &Environment, scopes: &[String]) -> Option<String> {
    let scopes: BTreeSet<String> = scopes.iter().map(|s| normalised(s)).collect();
    let wanted = environment
        .subscription
        .map(|subscription| format!("/subscriptions/{subscription}").to_ascii_lowercase());
    let extra: Vec<&String> = match &wanted {
        Some(wanted) => scopes.iter().filter(|s| *s != wanted).collect(),
        None => scopes
            .iter()
            .filter(|s| !is_subscription(s))
            .chain(scopes.iter().filter(|s| is_subscription(s)).skip(1))
            .collect(),
    };
    let lacking = match &wanted {
        Some(wanted) => !scopes.contains(wanted),
        None => !scopes.iter().any(|s| is_subscription(s)),
    };
    if extra.is_empty() && !lacking {
        return None;
    }
    let mut parts = Vec::new();
    if lacking {
        parts.push(format!(
            "is not assignable in {}",
            subscription_scope(environment)
        ));
    }
    if !extra.is_empty() {
        parts.push(format!(
            "is also assignable at {}",
            named(extra.iter().map(|s| s.as_str()))
        ));
    }
    Some(parts.join(" and "))
}

/// `/subscriptions/{id}` with nothing below it.
fn is_subscription(scope: &str) -> bool {
    scope
        .strip_prefix("/subscriptions/")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
}

/// Whether a role assignable at `scope` can be assigned inside the environment's
/// subscription: the tenant root, a management group (which may hold the subscription), the
/// subscription or anything in it (any subscription when the document leaves it out).
fn touches(environment: &Environment, scope: &str) -> bool {
    let scope = normalised(scope);
    if scope == "/" || scope.starts_with("/providers/microsoft.management/managementgroups/") {
        return true;
    }
    match environment.subscription {
        Some(subscription) => {
            let own = format!("/subscriptions/{subscription}").to_ascii_lowercase();
            scope == own || scope.starts_with(&format!("{own}/"))
        }
        None => scope.starts_with("/subscriptions/"),
    }
}

#[cfg(test)]
mod tests;
