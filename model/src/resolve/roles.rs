//! Custom roles and the resolution of role references.

use std::collections::BTreeMap;

use super::{Problems, pointer, text};
use crate::diagnostic::{Code, Diagnostic};
use crate::document::Document;
use crate::estate::{CustomRole, RoleId, RoleRef};
use crate::rbac::{Permissions, builtin, library};

/// Every name a role reference may use, and what it refers to.
pub(crate) struct RoleNames {
    /// Custom role keys → (canonical id, position in the document).
    custom: BTreeMap<String, (RoleId, usize)>,
}

impl RoleNames {
    /// Resolves a role reference: a custom role key, a library key, or a built-in role name
    /// (case-insensitive), in that order.
    pub fn lookup(&self, problems: &mut Problems, path: String, name: &str) -> Option<RoleRef> {
        if let Some((id, _)) = self.custom.get(name) {
            return Some(RoleRef::Custom(*id));
        }
        if let Some(role) = library::find(name) {
            return Some(RoleRef::Library(role));
        }
        if let Some(role) = builtin::find(name) {
            return Some(RoleRef::Builtin(role));
        }
        let known = self
            .custom
            .keys()
            .map(String::as_str)
            .chain(library::all().iter().map(|role| role.key))
            .chain(builtin::all().iter().map(|role| role.name.as_str()));
        problems.unknown(path, "role", name, known);
        None
    }
}

/// Collects custom role keys, refusing duplicates and names that shadow shipped roles.
pub(crate) fn names(document: &Document, problems: &mut Problems) -> RoleNames {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, role) in document.roles.iter().enumerate() {
        let path = pointer(["roles", &i.to_string(), "name"]);
        let name = role.name.as_str();
        if let Some(earlier) = first.get(name) {
            problems.duplicate(
                path,
                pointer(["roles", &earlier.to_string(), "name"]),
                "role",
                name,
            );
            continue;
        }
        if library::find(name).is_some() || builtin::find(name).is_some() {
            problems.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    path,
                    format!("role `{name}` has the name of a role mlzone ships"),
                )
                .with_help("pick another key and point the persona's `roles` at it"),
            );
            continue;
        }
        first.insert(name, i);
    }
    let custom = first
        .into_iter()
        .enumerate()
        .map(|(canonical, (name, position))| {
            (name.to_owned(), (RoleId::from_index(canonical), position))
        })
        .collect();
    RoleNames { custom }
}

/// The document's custom roles, by key.
pub(crate) fn resolve(
    document: &Document,
    names: &RoleNames,
    problems: &mut Problems,
) -> Vec<CustomRole> {
    let mut roles = Vec::with_capacity(names.custom.len());
    for (_, position) in names.custom.values() {
        let Some(role) = document.roles.get(*position) else {
            continue;
        };
        let path = pointer(["roles", &position.to_string()]);
        let display_name = role
            .display_name
            .clone()
            .unwrap_or_else(|| role.name.to_string());
        text::check_display_name(problems, &format!("{path}/display-name"), &display_name);
        text::check_description(problems, &format!("{path}/description"), &role.description);
        check_operations(problems, &path, &role.actions, "actions");
        check_operations(problems, &path, &role.not_actions, "not-actions");
        check_operations(problems, &path, &role.data_actions, "data-actions");
        check_operations(problems, &path, &role.not_data_actions, "not-data-actions");
        let extends = role
            .extends
            .iter()
            .enumerate()
            .filter_map(|(i, base)| names.lookup(problems, format!("{path}/extends/{i}"), base))
            .collect();
        roles.push(CustomRole {
            name: role.name.clone(),
            display_name,
            description: role.description.clone(),
            extends,
            permissions: Permissions {
                actions: role.actions.clone(),
                not_actions: role.not_actions.clone(),
                data_actions: role.data_actions.clone(),
                not_data_actions: role.not_data_actions.clone(),
            },
            path,
        });
    }
    roles
}

/// Refuses the entries of one permission list that do not have an operation's shape.
fn check_operations(problems: &mut Problems, path: &str, patterns: &[String], key: &str) {
    for (i, pattern) in patterns.iter().enumerate() {
        if let Err(error) = crate::newtypes::check_operation(pattern) {
            problems.push(
                Diagnostic::error(Code::InvalidValue, format!("{path}/{key}/{i}"), error.to_string())
                    .with_help("write an operation as `az provider operation show` lists it (`Namespace.Provider/type/verb`), with at most one `*`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::newtypes::check_operation;
    use crate::rbac::{Catalog, Permissions, builtin, library};

    fn patterns(permissions: &Permissions) -> impl Iterator<Item = &String> {
        permissions
            .actions
            .iter()
            .chain(&permissions.not_actions)
            .chain(&permissions.data_actions)
            .chain(&permissions.not_data_actions)
    }

    #[test]
    fn every_shipped_pattern_and_catalog_operation_has_an_operations_shape() {
        let mut seen = 0;
        for role in builtin::all() {
            for pattern in role.permissions.iter().flat_map(patterns) {
                assert!(check_operation(pattern).is_ok(), "{}: {pattern}", role.name);
                seen += 1;
            }
        }
        for role in library::all() {
            for pattern in patterns(&role.permissions) {
                assert!(check_operation(pattern).is_ok(), "{}: {pattern}", role.key);
                seen += 1;
            }
        }
        for operation in Catalog::azure().operations() {
            assert!(
                check_operation(operation.name()).is_ok(),
                "{}",
                operation.name()
            );
            seen += 1;
        }
        assert!(seen > 400);
    }
}
