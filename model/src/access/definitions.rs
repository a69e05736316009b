//! The one place where a document's custom roles get their meaning.
//!
//! A custom role of the document is its bases (`extends`) plus its own `actions` and
//! `data-actions`, minus its `not-actions` and `not-data-actions`, which take away from
//! everything the role grants, its bases' grants included. [`RoleDefinitions::of`] resolves
//! every custom role that way ([`RoleGraph`]) and turns it into the single permission block
//! an Azure role definition holds ([`ResolvedRole::to_permissions`]): the lists concatenated
//! when that keeps the meaning, the explicit catalog operations when only that does, or a
//! [`ComposeError`] when neither does.
//!
//! Everything that speaks about a custom role reads the block made here: [`Access`]
//! compiles it (so `explain`, `diff`, the access matrix and the validator's rules answer for
//! it), the validator refuses the roles that have none, and code generation writes it into
//! the role definitions of every target.
//!
//! [`Access`]: super::Access
//! [`ResolvedRole::to_permissions`]: crate::rbac::ResolvedRole::to_permissions

use std::collections::BTreeMap;

use super::RoleError;
use crate::estate::{CustomRole, Estate, RoleId};
use crate::rbac::{Catalog, Permissions, RoleGraph, RoleSpec};

/// Every custom role of an estate as the permission block that deploys it.
#[derive(Debug, Clone, Default)]
pub struct RoleDefinitions {
    blocks: BTreeMap<RoleId, Permissions>,
    errors: Vec<RoleError>,
}

impl RoleDefinitions {
    /// Resolves and flattens every custom role of `estate` over mlzone's operation catalog.
    pub fn of(estate: &Estate) -> Self {
        let graph = role_graph(estate);
        let catalog = Catalog::azure();
        let mut definitions = Self::default();
        for (id, role) in estate.roles() {
            let block = graph
                .resolve(role.name.as_str())
                .and_then(|resolved| resolved.to_permissions(catalog));
            match block {
                Ok(block) => {
                    definitions.blocks.insert(id, block);
                }
                Err(error) => definitions.errors.push(RoleError { role: id, error }),
            }
        }
        definitions
    }

    /// The block that deploys a custom role; `None` when the role has none (see
    /// [`RoleDefinitions::errors`]).
    pub fn get(&self, role: RoleId) -> Option<&Permissions> {
        self.blocks.get(&role)
    }

    /// Every custom role with its block, in role order.
    pub fn iter(&self) -> impl Iterator<Item = (RoleId, &Permissions)> {
        self.blocks.iter().map(|(id, block)| (*id, block))
    }

    /// The custom roles that have no block, in role order: a cycle, an unknown base, a base
    /// whose permissions are not embedded, or a union no single block expresses.
    pub fn errors(&self) -> &[RoleError] {
        &self.errors
    }
}

/// The document's custom roles as a role graph.
fn role_graph(estate: &Estate) -> RoleGraph {
    let mut graph = RoleGraph::new();
    for (_, role) in estate.roles() {
        graph.insert(spec(estate, role));
    }
    graph
}

/// What the file format means by a custom role: its own grants on top of its bases, its
/// subtractions from all of them.
fn spec(estate: &Estate, role: &CustomRole) -> RoleSpec {
    RoleSpec {
        name: role.name.to_string(),
        extends: role
            .extends
            .iter()
            .map(|base| base.reference_name(estate).to_owned())
            .collect(),
        add: Permissions {
            actions: role.permissions.actions.clone(),
            data_actions: role.permissions.data_actions.clone(),
            ..Permissions::default()
        },
        remove: Permissions {
            not_actions: role.permissions.not_actions.clone(),
            not_data_actions: role.permissions.not_data_actions.clone(),
            ..Permissions::default()
        },
    }
}
