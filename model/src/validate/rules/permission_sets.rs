//! Helpers the permission rules share: the operations granted among a capability's, and
//! projects grouped by the roles a persona holds. The operations themselves are the
//! capabilities of [`crate::access::capabilities`].

use std::collections::BTreeMap;

use crate::access::RoleKey;
use crate::estate::{EnvironmentId, PersonaId, ProjectId, RoleRef};
use crate::rbac::{PermissionSet, Permissions};
use crate::validate::context::Context;
use crate::vocabulary::{PersonaKind, Restriction};

const MLS: &str = "Microsoft.MachineLearningServices/";

/// The operations of `candidates` that `set` grants, as the catalog writes them.
pub(super) fn granted_among(set: &PermissionSet<'_>, candidates: &[&str]) -> Vec<String> {
    candidates
        .iter()
        .filter(|op| set.grants(op))
        .map(|op| {
            set.catalog()
                .get(op)
                .map_or_else(|| (*op).to_owned(), |found| found.name().to_owned())
        })
        .collect()
}

/// What `set` grants beyond reads: the catalog operations that are not reads, then the
/// patterns that may grant more than reads outside the catalog (`Microsoft.Resources/*`).
pub(super) fn non_reads(set: &PermissionSet<'_>) -> Vec<String> {
    let reads = Permissions {
        actions: vec!["*/read".to_owned()],
        data_actions: vec!["*/read".to_owned()],
        ..Permissions::default()
    };
    let difference = crate::rbac::difference(set, &PermissionSet::new(set.catalog(), &reads));
    let mut names: Vec<String> = difference
        .operations
        .iter()
        .map(|op| op.name().to_owned())
        .collect();
    names.extend(difference.unproven.into_iter().map(|u| u.pattern));
    names
}

/// Operation names shortened for messages: the Azure ML provider prefix is dropped.
pub(super) fn short(operations: &[String]) -> Vec<String> {
    operations
        .iter()
        .map(|op| op.strip_prefix(MLS).unwrap_or(op).to_owned())
        .collect()
}

/// Data scientists and data engineers: the personas whose access shrinks.
pub(super) fn is_scientist_or_engineer(kind: PersonaKind) -> bool {
    matches!(kind, PersonaKind::DataScientist | PersonaKind::DataEngineer)
}

/// Whether the persona holds Contributor on `project` in `environment` only because the
/// project is unrestricted (no override): the trade-off rule speaks for those.
pub(super) fn contributor_by_restriction(
    cx: &Context<'_>,
    persona: PersonaId,
    environment: EnvironmentId,
    project: ProjectId,
) -> bool {
    let overridden = cx.estate[persona].roles.contains_key(&environment);
    let unrestricted = cx.estate[project].factors.restriction == Restriction::Unrestricted;
    let contributor = matches!(
        cx.estate.assigned_role(persona, environment, project),
        Some(RoleRef::Builtin(role)) if role.name == "Contributor"
    );
    !overridden && unrestricted && contributor
}

/// Projects with a workspace in both environments, grouped by the pair of roles the persona
/// holds (`None`: no role), in project order.
pub(super) fn edge_groups(
    cx: &Context<'_>,
    persona: PersonaId,
    from: EnvironmentId,
    to: EnvironmentId,
) -> Vec<(Option<RoleRef>, Option<RoleRef>, Vec<ProjectId>)> {
    let mut groups: Vec<(Option<RoleRef>, Option<RoleRef>, Vec<ProjectId>)> = Vec::new();
    let mut index: BTreeMap<(Option<RoleKey>, Option<RoleKey>), usize> = BTreeMap::new();
    for (project_id, project) in cx.estate.projects() {
        if !(project.environments.contains(&from) && project.environments.contains(&to)) {
            continue;
        }
        let a = cx.estate.assigned_role(persona, from, project_id);
        let b = cx.estate.assigned_role(persona, to, project_id);
        let key = (a.map(RoleKey::of), b.map(RoleKey::of));
        match index.get(&key).and_then(|&i| groups.get_mut(i)) {
            Some(group) => group.2.push(project_id),
            None => {
                index.insert(key, groups.len());
                groups.push((a, b, vec![project_id]));
            }
        }
    }
    groups
}

/// What holding `wider` grants beyond holding `narrower` (`None`: no role): the catalog
/// operations, then the patterns that may reach further. `None` when either role's
/// permissions are unknown (`unchecked-role` reports that).
pub(crate) fn granted_beyond(
    cx: &Context<'_>,
    wider: Option<RoleRef>,
    narrower: Option<RoleRef>,
) -> Option<Vec<String>> {
    let set = |role: Option<RoleRef>| match role {
        None => Some(cx.access.nothing()),
        Some(role) => cx.permissions(role),
    };
    let difference = crate::rbac::difference(set(wider)?, set(narrower)?);
    let mut names: Vec<String> = difference
        .operations
        .iter()
        .map(|op| op.name().to_owned())
        .collect();
    names.extend(difference.unproven.iter().map(|u| u.pattern.clone()));
    Some(names)
}
