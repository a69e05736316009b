//! Custom roles and the resolution of role references.

use std::collections::BTreeMap;

use super::{Problems, pointer, text};
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
                crate::diagnostic::Diagnostic::error(
                    crate::diagnostic::Code::DuplicateName,
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
            (
                name.to_owned(),
                (
                    RoleId(u32::try_from(canonical).unwrap_or(u32::MAX)),
                    position,
                ),
            )
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
