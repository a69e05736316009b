//! Built-in roles (placeholder).

use super::Permissions;

/// A built-in role.
#[derive(Debug)]
pub struct BuiltinRole {
    /// Name.
    pub name: &'static str,
    /// GUID.
    pub id: uuid::Uuid,
    /// Permissions.
    pub permissions: Permissions,
}

/// Finds a built-in role by name.
pub fn find(name: &str) -> Option<&'static BuiltinRole> {
    all()
        .iter()
        .find(|role| role.name.eq_ignore_ascii_case(name))
}

/// All built-in roles.
pub fn all() -> &'static [BuiltinRole] {
    static ROLES: std::sync::LazyLock<Vec<BuiltinRole>> = std::sync::LazyLock::new(|| {
        [
            ("Owner", 0x8e3af657_a8ff_443c_a75c_2fe8c4bcb635_u128),
            ("Contributor", 0xb24988ac_6180_42a0_ab88_20f7382dd24c),
            ("Reader", 0xacdd72a7_3385_48ef_bd42_f606fba81ae7),
            (
                "AzureML Data Scientist",
                0xf6c7c914_8db3_469d_8ca1_694a8f32e121,
            ),
        ]
        .into_iter()
        .map(|(name, id)| BuiltinRole {
            name,
            id: uuid::Uuid::from_u128(id),
            permissions: Permissions::default(),
        })
        .collect()
    });
    &ROLES
}
