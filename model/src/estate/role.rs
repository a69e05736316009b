//! Custom roles and references to roles.

use super::RoleId;
use crate::newtypes::Slug;
use crate::rbac::Permissions;
use crate::rbac::builtin::BuiltinRole;
use crate::rbac::library::LibraryRole;
use crate::vocabulary::{AccessLevel, PersonaKind, Restriction};

/// A reference to a role: built into Azure, shipped by mlzone, or defined in the document.
#[derive(Debug, Clone, Copy)]
pub enum RoleRef {
    /// An Azure built-in role.
    Builtin(&'static BuiltinRole),
    /// A role from mlzone's library.
    Library(&'static LibraryRole),
    /// A custom role of the document.
    Custom(RoleId),
}

impl PartialEq for RoleRef {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Builtin(a), Self::Builtin(b)) => a.id == b.id,
            (Self::Library(a), Self::Library(b)) => a.key == b.key,
            (Self::Custom(a), Self::Custom(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for RoleRef {}

impl RoleRef {
    /// How the document refers to this role: a built-in role's name, a library key, or a
    /// custom role's key.
    pub fn reference_name<'a>(&self, estate: &'a super::Estate) -> &'a str {
        match self {
            Self::Builtin(role) => role.name.as_str(),
            Self::Library(role) => role.key,
            Self::Custom(id) => estate[*id].name.as_str(),
        }
    }

    /// The role an access level implies for a persona kind and a restriction factor.
    ///
    /// `experiment` is the only level the restriction changes: restricted workspaces give the
    /// library's data scientist (or data engineer) role, unrestricted ones the built-in
    /// Contributor role, as the CAF guidance says.
    pub fn for_access(
        level: AccessLevel,
        kind: PersonaKind,
        restriction: Restriction,
    ) -> Option<Self> {
        let library = |key: &str| crate::rbac::library::find(key).map(Self::Library);
        match level {
            AccessLevel::None => None,
            AccessLevel::Read => library("read-only"),
            AccessLevel::Configure => library("configure"),
            AccessLevel::Experiment => match (restriction, kind) {
                (Restriction::Unrestricted, _) => {
                    crate::rbac::builtin::find("Contributor").map(Self::Builtin)
                }
                (Restriction::Restricted, PersonaKind::DataEngineer) => library("data-engineer"),
                (Restriction::Restricted, _) => library("data-scientist"),
            },
            AccessLevel::Full => library("mlops-engineer"),
            AccessLevel::Admin => library("workspace-admin"),
        }
    }
}

/// A custom role defined in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CustomRole {
    /// Its key.
    pub name: Slug,
    /// Its display name in Azure.
    pub display_name: String,
    /// What it is for.
    pub description: String,
    /// The roles it starts from.
    pub extends: Vec<RoleRef>,
    /// Its own permissions, on top of its bases.
    pub permissions: Permissions,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}
