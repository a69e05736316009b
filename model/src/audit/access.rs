//! Effective access: what each persona can really do on each workspace — the union over
//! every assignment its group holds there, NotActions no deny across them — against what
//! the document allows.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::assignments::Assignment;
use super::expected::Expected;
use super::finding::Finding;
use crate::access::Access;
use crate::diagnostic::{Code, Severity};
use crate::estate::{PersonaId, RoleRef};
use crate::rbac::{PermissionSet, builtin, difference};
use crate::vocabulary::PersonaKind;

/// How many operations a finding names; the rest are counted.
const NAMED_OPERATIONS: usize = 8;

/// The permissions of every role the export assigns, by definition GUID, compiled once;
/// `None` for a role whose definition mlzone does not have.
struct Roles<'a, 'e> {
    access: &'a Access<'e>,
    expected: &'a Expected<'e>,
    compiled: BTreeMap<Uuid, Option<PermissionSet<'static>>>,
}

impl Roles<'_, '_> {
    fn permissions(&mut self, role: Uuid) -> Option<&PermissionSet<'static>> {
        let access = self.access;
        let expected = self.expected;
        self.compiled
            .entry(role)
            .or_insert_with(|| match expected.roles.get(&role) {
                Some(known) => access.role_permissions(*known).cloned(),
                None => builtin::find_by_id(role)
                    .and_then(|builtin| builtin.permissions.as_ref())
                    .map(|permissions| PermissionSet::new(access.catalog(), permissions)),
            })
            .as_ref()
    }
}

/// One persona's grants on one workspace, as the export shows them.
#[derive(Default)]
struct Held {
    /// The roles, by GUID, with the first assignment of each.
    roles: BTreeMap<Uuid, usize>,
}

/// The effective access findings of one environment.
pub(crate) fn check(
    access: &Access<'_>,
    expected: &Expected<'_>,
    assignments: &[Assignment],
) -> Vec<Finding> {
    let estate = expected.estate;
    let environment = expected.environment;
    let groups: BTreeMap<Uuid, PersonaId> = estate
        .personas()
        .filter_map(|(id, persona)| Some((persona.groups.get(&environment)?.as_uuid(), id)))
        .collect();
    // (persona, workspace) → roles held there.
    let mut held: BTreeMap<(PersonaId, usize), Held> = BTreeMap::new();
    for (position, assignment) in assignments.iter().enumerate() {
        let Some(persona) = groups.get(&assignment.principal) else {
            continue;
        };
        for workspace in &assignment.reaches {
            held.entry((*persona, *workspace))
                .or_default()
                .roles
                .entry(assignment.role)
                .or_insert(position);
        }
    }
    let mut roles = Roles {
        access,
        expected,
        compiled: BTreeMap::new(),
    };
    // Workspaces with the same persona, roles held and role allowed get one finding.
    type Key = (PersonaId, Vec<Uuid>, Option<Uuid>);
    let mut grouped: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for ((persona, workspace), grants) in &held {
        let Some(project) = expected.workspaces.get(*workspace).map(|w| w.project) else {
            continue;
        };
        let allowed = estate
            .assigned_role(*persona, environment, project)
            .map(|role| guid_of(expected, role));
        let key = (*persona, grants.roles.keys().copied().collect(), allowed);
        grouped.entry(key).or_default().push(*workspace);
    }
    let mut findings = Vec::new();
    for ((persona, held_roles, _), workspaces) in grouped {
        let Some(first) = workspaces.first() else {
            continue;
        };
        let Some(grants) = held.get(&(persona, *first)) else {
            continue;
        };
        if let Some(finding) = compare(
            &mut roles,
            persona,
            &workspaces,
            &held_roles,
            grants,
            assignments,
        ) {
            findings.push(finding);
        }
    }
    findings
}

/// The GUID of a role of the document in the environment.
fn guid_of(expected: &Expected<'_>, role: RoleRef) -> Uuid {
    expected
        .roles
        .iter()
        .find(|(_, known)| **known == role)
        .map(|(guid, _)| *guid)
        .unwrap_or_else(|| match role {
            RoleRef::Builtin(builtin) => builtin.id,
            RoleRef::Library(_) | RoleRef::Custom(_) => Uuid::nil(),
        })
}

/// The finding for one persona on some workspaces, when what it holds there goes beyond
/// what the document allows.
fn compare(
    roles: &mut Roles<'_, '_>,
    persona: PersonaId,
    workspaces: &[usize],
    held_roles: &[Uuid],
    grants: &Held,
    assignments: &[Assignment],
) -> Option<Finding> {
    let expected = roles.expected;
    let access = roles.access;
    let estate = expected.estate;
    let environment = expected.environment;
    let project = expected.workspaces.get(*workspaces.first()?)?.project;
    let allowed = access
        .persona_permissions(persona, environment, project)
        .unwrap_or_else(|| access.nothing())
        .clone();
    let mut actual = PermissionSet::empty(access.catalog());
    let mut unknown = Vec::new();
    for role in held_roles {
        match roles.permissions(*role) {
            Some(set) => actual = actual.union_with(set),
            None => unknown.push(*role),
        }
    }
    let beyond = difference(&actual, &allowed);
    if beyond.is_empty() {
        return None;
    }
    let operations: Vec<&str> = beyond.operations.iter().map(|op| op.name()).collect();
    let writes: Vec<&str> = operations
        .iter()
        .copied()
        .filter(|name| !is_read(name))
        .collect();
    let mut patterns: Vec<&str> = beyond
        .unproven
        .iter()
        .map(|unproven| unproven.pattern.as_str())
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let kind = estate[persona].kind;
    let restricted_kind = matches!(kind, PersonaKind::DataScientist | PersonaKind::DataEngineer);
    let beyond_read = !writes.is_empty() || patterns.iter().any(|p| !is_read(p));
    let severity = if expected.is_production() && restricted_kind && beyond_read {
        Severity::Error
    } else {
        Severity::Warning
    };
    // The evidence: the first assignment of a role the persona should not hold there.
    let allowed_guid = estate
        .assigned_role(persona, environment, project)
        .map(|role| guid_of(expected, role));
    let evidence = grants
        .roles
        .iter()
        .find(|(role, _)| Some(**role) != allowed_guid)
        .or_else(|| grants.roles.iter().next())
        .and_then(|(_, position)| assignments.get(*position));
    let names: Vec<String> = workspaces
        .iter()
        .filter_map(|index| expected.workspaces.get(*index))
        .map(|workspace| format!("`{}`", workspace.name))
        .collect();
    let shown = if writes.is_empty() {
        &operations
    } else {
        &writes
    };
    let mut listed: Vec<String> = shown
        .iter()
        .take(NAMED_OPERATIONS)
        .map(|name| format!("`{name}`"))
        .collect();
    if shown.len() > NAMED_OPERATIONS {
        listed.push(format!("and {} more", shown.len() - NAMED_OPERATIONS));
    }
    let mut message = format!(
        "persona `{}` can perform {} operation(s) on workspace(s) {} beyond what the document allows ({} beyond read): {}",
        estate[persona].name,
        operations.len(),
        names.join(", "),
        writes.len(),
        listed.join(", ")
    );
    if !patterns.is_empty() {
        let shown: Vec<String> = patterns.iter().map(|p| format!("`{p}`")).collect();
        message.push_str(&format!(
            "; and whatever {} grant(s) beyond the operation catalog",
            shown.join(", ")
        ));
    }
    if !unknown.is_empty() {
        let shown: Vec<String> = unknown
            .iter()
            .map(|role| format!("`{}`", expected.role_name(*role, None)))
            .collect();
        message.push_str(&format!(
            "; not counted: role(s) {} whose definition mlzone does not have",
            shown.join(", ")
        ));
    }
    let allowed_name = estate
        .assigned_role(persona, environment, project)
        .map_or_else(
            || "no role".to_owned(),
            |role| format!("`{}`", role.reference_name(estate)),
        );
    Some(Finding {
        code: Code::AuditEffectiveAccess,
        severity,
        environment: estate[environment].name.to_string(),
        document_path: estate[persona].path.clone(),
        export: evidence.and_then(|assignment| assignment.location.clone()),
        message,
        help: Some(format!(
            "the document gives the persona {allowed_name} there; remove the assignments that grant more (`mlzone explain` shows what the document allows)"
        )),
    })
}

/// Whether an operation (or pattern) only reads.
fn is_read(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with("/read")
}
