//! The `bicep` target: per environment `main.bicep` (subscription scope, one per deployment of
//! the plan) with its `main.bicepparam`, and `modules/` with one module per project and one for
//! the private DNS zones.

use super::values::DeploymentValues;
use crate::error::Error;
use crate::fileset::FileSet;
use crate::plan::Plan;
use crate::templates::{BICEP_MAIN, BICEP_PARAMETERS, BICEP_PRIVATE_DNS, BICEP_PROJECT, Templates};

/// Renders `bicep/{environment}/…` for every environment of `plan`.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    render_values(plan, &DeploymentValues::of(plan)?, templates, files)
}

/// [`render`] with the plan's deployments already converted to template values.
pub(crate) fn render_values(
    plan: &Plan,
    values: &DeploymentValues,
    templates: &Templates,
    files: &mut FileSet,
) -> Result<(), Error> {
    for entry in values.deployments(plan) {
        let (deployment, value) = (entry.deployment, entry.value);
        let path = entry.path("bicep", &deployment.bicep_file)?;
        let context = values.main(value);
        templates.render_file_context(files, path, BICEP_MAIN, &context, 0)?;
        let path = entry.path("bicep", &deployment.bicep_parameters_file)?;
        templates.render_file_context(files, path, BICEP_PARAMETERS, &context, 0)?;
        if let (Some(dns), Some(context)) = (&deployment.dns, values.dns(value)) {
            let path = entry.path("bicep", &dns.module_path)?;
            templates.render_file_context(files, path, BICEP_PRIVATE_DNS, &context, 0)?;
        }
        for (index, project) in deployment.projects.iter().enumerate() {
            let path = entry.path("bicep", &project.module_path)?;
            let context = values.project(value, index).ok_or_else(|| {
                Error::internal(format!("project `{}`", project.name), "no template value")
            })?;
            templates.render_file_context(files, path, BICEP_PROJECT, &context, 0)?;
        }
    }
    Ok(())
}
