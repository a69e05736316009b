//! Azure's built-in roles: real names and GUIDs, and permissions where they are embedded.
//!
//! Names and GUIDs come from `data/builtin-role-ids.tsv`; permissions and descriptions from
//! `data/builtin-roles.json`. A role listed only in the TSV has `permissions: None`: mlzone
//! knows it exists but not what it grants, so it cannot be evaluated or extended.

use std::sync::LazyLock;

use serde::Deserialize;
use uuid::Uuid;

use super::Permissions;

const IDS_TSV: &str = include_str!("../data/builtin-role-ids.tsv");
const ROLES_JSON: &str = include_str!("../data/builtin-roles.json");

/// One Azure built-in role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltinRole {
    /// The role name, e.g. `AzureML Data Scientist`.
    pub name: String,
    /// The role definition GUID (the same in every cloud).
    pub id: Uuid,
    /// The category Azure's documentation files the role under.
    pub category: String,
    /// Azure's description of the role, when its definition is embedded.
    pub description: Option<String>,
    /// The role's permission block, when its definition is embedded.
    pub permissions: Option<Permissions>,
}

impl BuiltinRole {
    /// The tenant-level resource id, `/providers/Microsoft.Authorization/roleDefinitions/{id}`.
    pub fn resource_id(&self) -> String {
        format!(
            "/providers/Microsoft.Authorization/roleDefinitions/{}",
            self.id
        )
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleDto {
    name: Uuid,
    description: String,
    permissions: Vec<PermissionsDto>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct PermissionsDto {
    actions: Vec<String>,
    not_actions: Vec<String>,
    data_actions: Vec<String>,
    not_data_actions: Vec<String>,
}

static ROLES: LazyLock<Vec<BuiltinRole>> = LazyLock::new(load);

/// Joins the two embedded files; both are checked by unit tests, so a malformed line or
/// definition cannot reach a release (it would be skipped here).
fn load() -> Vec<BuiltinRole> {
    let definitions: Vec<RoleDto> = serde_json::from_str(ROLES_JSON).unwrap_or_default();
    IDS_TSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let name = columns.next()?.trim();
            let id = Uuid::parse_str(columns.next()?.trim()).ok()?;
            let category = columns.next().unwrap_or_default().trim();
            let definition = definitions.iter().find(|d| d.name == id);
            Some(BuiltinRole {
                name: name.to_owned(),
                id,
                category: category.to_owned(),
                description: definition.map(|d| d.description.clone()),
                permissions: definition
                    .and_then(|d| d.permissions.first())
                    .map(|p| Permissions {
                        actions: p.actions.clone(),
                        not_actions: p.not_actions.clone(),
                        data_actions: p.data_actions.clone(),
                        not_data_actions: p.not_data_actions.clone(),
                    }),
            })
        })
        .collect()
}

/// Every known built-in role, in the order of `builtin-role-ids.tsv`.
pub fn all() -> &'static [BuiltinRole] {
    &ROLES
}

/// The built-in role named `name`, case-insensitively (e.g. `contributor`).
pub fn find(name: &str) -> Option<&'static BuiltinRole> {
    ROLES
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(name.trim()))
}

/// The built-in role with the definition GUID `id`.
pub fn find_by_id(id: Uuid) -> Option<&'static BuiltinRole> {
    ROLES.iter().find(|r| r.id == id)
}

/// The built-in roles whose permissions are embedded (those that can be evaluated).
pub fn with_permissions() -> impl Iterator<Item = (&'static BuiltinRole, &'static Permissions)> {
    ROLES
        .iter()
        .filter_map(|r| r.permissions.as_ref().map(|p| (r, p)))
}
