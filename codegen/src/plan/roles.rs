//! Custom role definitions: stable GUIDs, tenant-unique names, one flat permission block.

use std::collections::BTreeMap;

use mlzone_model::Estate;
use mlzone_model::estate::{Environment, RoleId, RoleRef};
use mlzone_model::naming::Names;
use mlzone_model::rbac::{Catalog, Permissions, RoleGraph, RoleSpec};

use super::names::Symbols;
use super::{Operand, RoleDefinition};
use crate::error::Error;

/// The document's custom roles flattened to one block each, by id.
pub(super) fn flatten_custom(estate: &Estate) -> Result<BTreeMap<RoleId, Permissions>, Error> {
    let mut graph = RoleGraph::new();
    for (_, role) in estate.roles() {
        graph.insert(RoleSpec {
            name: role.name.to_string(),
            extends: role
                .extends
                .iter()
                .map(|base| base.reference_name(estate).to_owned())
                .collect(),
            add: role.permissions.clone(),
            remove: Permissions::default(),
        });
    }
    let mut flat = BTreeMap::new();
    for (id, role) in estate.roles() {
        let fail = |message: String| Error::RoleNotExpressible {
            role: role.name.to_string(),
            message,
        };
        let resolved = graph
            .resolve(role.name.as_str())
            .map_err(|e| fail(e.to_string()))?;
        let permissions = resolved
            .to_permissions(Catalog::azure())
            .map_err(|e| fail(e.to_string()))?;
        flat.insert(id, permissions);
    }
    Ok(flat)
}

/// The key of a role that becomes a custom definition (library and document roles).
pub(super) fn key(estate: &Estate, role: RoleRef) -> Option<String> {
    match role {
        RoleRef::Builtin(_) => None,
        RoleRef::Library(_) | RoleRef::Custom(_) => Some(role.reference_name(estate).to_owned()),
    }
}

/// The definition of a library or document role in an environment.
pub(super) fn definition(
    estate: &Estate,
    names: &Names,
    environment: &Environment,
    role: RoleRef,
    flat: &BTreeMap<RoleId, Permissions>,
    symbols: &mut Symbols,
) -> Option<RoleDefinition> {
    let (key, display, description, permissions) = match role {
        RoleRef::Builtin(_) => return None,
        RoleRef::Library(library) => (
            library.key.to_owned(),
            library.display_name.to_owned(),
            library.description.to_owned(),
            library.permissions.clone(),
        ),
        RoleRef::Custom(id) => {
            let custom = estate.role(id)?;
            (
                custom.name.to_string(),
                custom.display_name.clone(),
                custom.description.clone(),
                flat.get(&id).cloned()?,
            )
        }
    };
    let (scope, scope_text) = match environment.subscription {
        Some(subscription) => {
            let id = format!("/subscriptions/{subscription}");
            (Operand::literal(id.clone()), id)
        }
        None => (
            Operand::SubscriptionId,
            format!(
                "/subscriptions/<REPLACE: subscription id of environment {}>",
                environment.name
            ),
        ),
    };
    Some(RoleDefinition {
        guid: names.role_definition(environment, &key).to_string(),
        actions: sorted(permissions.actions),
        not_actions: sorted(permissions.not_actions),
        data_actions: sorted(permissions.data_actions),
        not_data_actions: sorted(permissions.not_data_actions),
        symbol: symbols.fresh(&format!("role {key}")),
        role_name: names.role_name(&display, environment),
        description,
        scope,
        scope_text,
        key,
    })
}

/// A permission list in a canonical order (case-insensitive, then exact), without repeats:
/// the order of patterns means nothing to Azure, so the document's order must not show.
fn sorted(mut patterns: Vec<String>) -> Vec<String> {
    patterns.sort_by(|a, b| {
        a.to_ascii_lowercase()
            .cmp(&b.to_ascii_lowercase())
            .then_with(|| a.cmp(b))
    });
    patterns.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    patterns
}

/// The display name and GUID an assignment of `role` refers to in `environment`.
pub(super) fn reference(
    estate: &Estate,
    names: &Names,
    environment: &Environment,
    role: RoleRef,
) -> (String, String) {
    match role {
        RoleRef::Builtin(builtin) => (builtin.name.clone(), builtin.id.to_string()),
        RoleRef::Library(library) => (
            library.display_name.to_owned(),
            names.role_definition(environment, library.key).to_string(),
        ),
        RoleRef::Custom(id) => {
            let name = role.reference_name(estate);
            let display = estate
                .role(id)
                .map_or_else(|| name.to_owned(), |r| r.display_name.clone());
            (
                display,
                names.role_definition(environment, name).to_string(),
            )
        }
    }
}
