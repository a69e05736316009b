//! The permission engine: Azure RBAC semantics over an embedded operation catalog.
//!
//! The pieces, each in its own module:
//! - [`Catalog`]: the provider operations (name and kind) mlzone knows, sorted and case-folded;
//! - [`Pattern`]: one action string with `*`, matched the way Azure matches it;
//! - [`PermissionSet`]: one or more compiled [`Permissions`] blocks (a role, or all the roles
//!   of a principal), answering [`PermissionSet::allows`] with an explanation;
//! - [`is_subset`] and [`difference`]: exact over the catalog, conservative beyond it;
//! - [`RoleGraph`]: custom roles that extend other roles, resolved with cycle detection;
//! - [`check_permissions`]: content checks of a role definition for the validator;
//! - [`builtin`] and [`library`]: Azure's built-in roles and mlzone's persona roles.
//!
//! Matching rules (the book's chapter "Roles and permission semantics" explains them):
//! comparison is ASCII case-insensitive, `*` matches any run of characters including `/`, and
//! `/*/` may also match a single `/`. The effective rights of one block are
//! `Actions − NotActions` and `DataActions − NotDataActions`; NotActions subtract and never
//! deny, so the rights of several blocks are their union. `Actions` never grant data
//! operations and `DataActions` never grant control operations.
//!
//! The engine depends on no other mlzone crate; `mlzone-model` re-exports it as
//! `mlzone_model::rbac`.
#![deny(missing_docs)]

pub mod builtin;
mod catalog;
mod compare;
mod compose;
mod content;
mod evaluate;
pub mod library;
mod opset;
mod pattern;

#[cfg(test)]
mod tests;

pub use catalog::{Catalog, CatalogError, Operation, OperationKind};
pub use compare::{Difference, Unproven, difference, is_subset};
pub use compose::{ComposeError, ResolvedRole, RoleBase, RoleGraph, RoleSpec, compose};
pub use content::{ContentFinding, EscalationPolicy, FindingKind, check_permissions};
pub use evaluate::{Decision, Match, PermissionSet, Plane};
pub use pattern::Pattern;

/// One role's permission block: the four lists of an Azure role definition.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Permissions {
    /// Control-plane operations granted (patterns).
    pub actions: Vec<String>,
    /// Control-plane operations subtracted from `actions` (patterns).
    pub not_actions: Vec<String>,
    /// Data-plane operations granted (patterns).
    pub data_actions: Vec<String>,
    /// Data-plane operations subtracted from `data_actions` (patterns).
    pub not_data_actions: Vec<String>,
}

impl Permissions {
    /// A block that grants `actions` and nothing else.
    pub fn from_actions<I, S>(actions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            actions: actions.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }

    /// Returns the block with `not_actions` added.
    #[must_use]
    pub fn with_not_actions<I, S>(mut self, not_actions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.not_actions
            .extend(not_actions.into_iter().map(Into::into));
        self
    }

    /// True when all four lists are empty.
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
            && self.not_actions.is_empty()
            && self.data_actions.is_empty()
            && self.not_data_actions.is_empty()
    }

    /// The patterns of one list.
    pub fn list(&self, list: PermissionList) -> &[String] {
        match list {
            PermissionList::Actions => &self.actions,
            PermissionList::NotActions => &self.not_actions,
            PermissionList::DataActions => &self.data_actions,
            PermissionList::NotDataActions => &self.not_data_actions,
        }
    }
}

/// Which of the four lists of a permission block a pattern sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PermissionList {
    /// `actions`.
    Actions,
    /// `notActions`.
    NotActions,
    /// `dataActions`.
    DataActions,
    /// `notDataActions`.
    NotDataActions,
}

impl PermissionList {
    /// All four lists in the order Azure writes them.
    pub const ALL: [PermissionList; 4] = [
        PermissionList::Actions,
        PermissionList::NotActions,
        PermissionList::DataActions,
        PermissionList::NotDataActions,
    ];

    /// The camelCase key Azure uses for this list.
    pub fn key(self) -> &'static str {
        match self {
            PermissionList::Actions => "actions",
            PermissionList::NotActions => "notActions",
            PermissionList::DataActions => "dataActions",
            PermissionList::NotDataActions => "notDataActions",
        }
    }

    /// The plane whose operations this list names.
    pub fn plane(self) -> Plane {
        match self {
            PermissionList::Actions | PermissionList::NotActions => Plane::Control,
            PermissionList::DataActions | PermissionList::NotDataActions => Plane::Data,
        }
    }

    /// True for the subtracting lists (`notActions`, `notDataActions`).
    pub fn is_subtraction(self) -> bool {
        matches!(
            self,
            PermissionList::NotActions | PermissionList::NotDataActions
        )
    }
}

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
