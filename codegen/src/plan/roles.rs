//! Custom role definitions: stable GUIDs, tenant-unique names, one flat permission block.

use mlzone_model::Estate;
use mlzone_model::access::RoleDefinitions;
use mlzone_model::estate::{Environment, RoleRef};
use mlzone_model::naming::EstateNames;

use super::registry::Symbols;
use super::{Operand, RoleDefinition};
use crate::error::Error;

/// The block that deploys each custom role, from the one place that gives roles their
/// meaning ([`RoleDefinitions`]); a role without one is an internal error here, because the
/// validator refuses such documents.
pub(super) fn custom_blocks(estate: &Estate) -> Result<RoleDefinitions, Error> {
    let definitions = RoleDefinitions::of(estate);
    if let Some(failed) = definitions.errors().first() {
        let role = estate[failed.role].name.to_string();
        return Err(Error::RoleNotExpressible {
            role,
            message: failed.error.to_string(),
        });
    }
    Ok(definitions)
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
    names: &EstateNames,
    environment: &Environment,
    role: RoleRef,
    blocks: &RoleDefinitions,
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
            let custom = &estate[id];
            (
                custom.name.to_string(),
                custom.display_name.clone(),
                custom.description.clone(),
                blocks.get(id).cloned()?,
            )
        }
    };
    // Templates deploy the role into the environment's own subscription, so they name it
    // `subscription().id`; the roles file, read by `az role definition create`, needs the id.
    let scope = Operand::SubscriptionId;
    let scope_text = match environment.subscription {
        Some(subscription) => format!("/subscriptions/{subscription}"),
        None => format!(
            "/subscriptions/<REPLACE: subscription id of environment {}>",
            environment.name
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
pub(super) fn sorted(mut patterns: Vec<String>) -> Vec<String> {
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
    names: &EstateNames,
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
            let display = estate[id].display_name.clone();
            (
                display,
                names.role_definition(environment, name).to_string(),
            )
        }
    }
}
