//! The `roles` target: `roles/{environment}/{key}.json` per custom role, in the format of
//! `az role definition create --role-definition`, with the GUIDs, permissions and scopes of
//! the role definitions in the Bicep and ARM templates; `roles/registry/{key}.json` for the
//! roles the model registry's deployment defines.

use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::plan::Plan;
use crate::plan::model_registry::REGISTRY_FOLDER;
use crate::plan::views::RoleView;
use crate::templates::{ROLE_DEFINITION, Templates};

/// Renders every custom role of every environment of `plan`.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    if let Some(registry) = &plan.registry {
        for role in &registry.role_definitions {
            let path = RelativePath::new(format!("roles/{REGISTRY_FOLDER}/{}.json", role.key))?;
            templates.render_file(files, path, ROLE_DEFINITION, &RoleView { role })?;
        }
    }
    for environment in &plan.environments {
        for role in &environment.role_definitions {
            let path = RelativePath::new(format!("roles/{}/{}.json", environment.name, role.key))?;
            templates.render_file(files, path, ROLE_DEFINITION, &RoleView { role })?;
        }
    }
    Ok(())
}
