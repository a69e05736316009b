//! mlzone's role library (placeholder).

use super::Permissions;

/// A library role.
#[derive(Debug)]
pub struct LibraryRole {
    /// Key.
    pub key: &'static str,
    /// Display name.
    pub display_name: &'static str,
    /// Description.
    pub description: &'static str,
    /// Permissions.
    pub permissions: Permissions,
}

/// Finds a library role by key.
pub fn find(key: &str) -> Option<&'static LibraryRole> {
    all().iter().find(|role| role.key == key)
}

/// All library roles.
pub fn all() -> &'static [LibraryRole] {
    static ROLES: std::sync::LazyLock<Vec<LibraryRole>> = std::sync::LazyLock::new(|| {
        [
            "data-scientist",
            "data-engineer",
            "mlops-engineer",
            "workspace-admin",
            "configure",
            "read-only",
        ]
        .into_iter()
        .map(|key| LibraryRole {
            key,
            display_name: key,
            description: key,
            permissions: Permissions::default(),
        })
        .collect()
    });
    &ROLES
}
