//! The `arm` target: per environment and deployment of the plan, `azuredeploy.json` (classic
//! JSON at subscription scope, projects and DNS zones as inline nested deployments with inner
//! expression scope) and `azuredeploy.parameters.json`.

use super::{API, EnvironmentView};
use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::plan::Plan;
use crate::targets::bicep::MainView;
use crate::templates::{ARM_PARAMETERS, ARM_TEMPLATE, Templates};

/// Renders `arm/{environment}/…` for every environment of `plan`.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    for environment in &plan.environments {
        let env = &environment.name;
        for deployment in &environment.deployments {
            let view = MainView {
                api: API,
                environment: EnvironmentView::of(environment),
                deployment,
            };
            let path = RelativePath::new(format!("arm/{env}/{}", deployment.arm_file))?;
            templates.render_file(files, path, ARM_TEMPLATE, &view)?;
            let path = RelativePath::new(format!("arm/{env}/{}", deployment.arm_parameters_file))?;
            templates.render_file(files, path, ARM_PARAMETERS, &view)?;
        }
    }
    Ok(())
}
