//! Custom roles as written.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::newtypes::Slug;

/// A custom role of the document: its own permissions, optionally on top of other roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoleDoc {
    /// The role's key, used to refer to it from personas and other roles.
    pub name: Slug,
    /// The role's display name in Azure; derived from the key when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = super::limits::MAX_NAME_TEXT))]
    pub display_name: Option<String>,
    /// What the role is for.
    #[schemars(length(max = super::limits::MAX_DESCRIPTION))]
    pub description: String,
    /// Roles whose permissions this role starts from (built-in names, library keys, or
    /// custom role keys).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extends: Vec<String>,
    /// Control-plane operations granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Control-plane operations taken away from what `actions` (and the base roles) grant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_actions: Vec<String>,
    /// Data-plane operations granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_actions: Vec<String>,
    /// Data-plane operations taken away from what `data-actions` grant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_data_actions: Vec<String>,
}
