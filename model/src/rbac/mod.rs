//! Azure RBAC: permissions, built-in roles and mlzone's role library.
//!
//! Placeholder of the permission engine; replaced by the engine's own module.

pub mod builtin;
pub mod library;

/// One role's permission block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Permissions {
    /// Control-plane operations granted.
    pub actions: Vec<String>,
    /// Control-plane operations removed from `actions`.
    pub not_actions: Vec<String>,
    /// Data-plane operations granted.
    pub data_actions: Vec<String>,
    /// Data-plane operations removed from `data_actions`.
    pub not_data_actions: Vec<String>,
}
