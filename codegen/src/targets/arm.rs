//! The `arm` target: per environment and deployment of the plan, `azuredeploy.json` (classic
//! JSON at subscription scope, projects and DNS zones as inline nested deployments with inner
//! expression scope) and `azuredeploy.parameters.json`. The view of both is
//! [`MainView`](crate::plan::views::MainView).

use super::values::DeploymentValues;
use crate::error::Error;
use crate::fileset::FileSet;
use crate::plan::Plan;
use crate::templates::{ARM_PARAMETERS, ARM_TEMPLATE, Templates};

/// Renders `arm/{environment}/…` for every environment of `plan`.
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
        let deployment = entry.deployment;
        let context = values.main(entry.value);
        let path = entry.path("arm", &deployment.arm_file)?;
        let size = deployment.estimated_bytes;
        templates.render_file_context(files, path, ARM_TEMPLATE, &context, size)?;
        let path = entry.path("arm", &deployment.arm_parameters_file)?;
        templates.render_file_context(files, path, ARM_PARAMETERS, &context, 0)?;
    }
    Ok(())
}
