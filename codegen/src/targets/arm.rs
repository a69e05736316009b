//! The `arm` target: per environment and deployment of the plan, `azuredeploy.json` (classic
//! JSON at subscription scope, projects and DNS zones as inline nested deployments with inner
//! expression scope) and `azuredeploy.parameters.json`; `arm/registry/…`, the model registry's
//! deployment. The view of both is
//! [`MainView`](crate::plan::views::MainView).

use super::values::DeploymentValues;
use crate::error::Error;
use crate::fileset::FileSet;
use crate::fileset::RelativePath;
use crate::plan::Plan;
use crate::plan::model_registry::REGISTRY_FOLDER;
use crate::plan::views::{API, RegistryView};
use crate::templates::{
    ARM_PARAMETERS, ARM_REGISTRY, ARM_REGISTRY_PARAMETERS, ARM_TEMPLATE, Templates,
};

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
    if let Some(registry) = &plan.registry {
        let view = RegistryView { api: API, registry };
        let path = |file: &str| RelativePath::new(format!("arm/{REGISTRY_FOLDER}/{file}"));
        templates.render_file(files, path("azuredeploy.json")?, ARM_REGISTRY, &view)?;
        templates.render_file(
            files,
            path("azuredeploy.parameters.json")?,
            ARM_REGISTRY_PARAMETERS,
            &view,
        )?;
    }
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

#[cfg(test)]
mod tests {
    use super::render;
    use crate::fileset::FileSet;
    use crate::plan::Plan;
    use crate::templates::Templates;

    /// The resource list is valid JSON whichever parts follow the role definitions: none, the
    /// private DNS zones only, projects only.
    #[test]
    fn resources_are_separated_whatever_follows_the_roles() {
        let loaded = mlzone_model::load_default().unwrap();
        let validated = mlzone_model::validate::validate(loaded.estate).unwrap();
        let templates = Templates::builtin().unwrap();
        let cases = [
            (false, false, false),
            (true, false, false),
            (false, true, false),
            (false, false, true),
            (true, false, true),
            (true, true, true),
        ];
        for (keep_dns, keep_projects, keep_pipeline) in cases {
            let mut plan = Plan::build(&validated).unwrap();
            plan.registry = None;
            let mut expected = 0;
            for environment in &mut plan.environments {
                environment.deployments.truncate(1);
                let deployment = &mut environment.deployments[0];
                if !keep_dns {
                    deployment.dns = None;
                }
                if !keep_projects {
                    deployment.projects.clear();
                }
                if !keep_pipeline {
                    deployment.registry_pipeline = None;
                }
                expected += deployment.role_definitions.len()
                    + 2 * usize::from(deployment.dns.is_some())
                    + usize::from(deployment.registry_pipeline.is_some())
                    + deployment
                        .projects
                        .iter()
                        .map(|p| 2 + usize::from(p.registry_reader.is_some()))
                        .sum::<usize>();
            }
            let mut files = FileSet::new();
            render(&plan, &templates, &mut files).unwrap();
            let mut found = 0;
            for (path, text) in files.iter() {
                if path.as_str().ends_with("azuredeploy.json") {
                    let template: serde_json::Value = serde_json::from_str(text).unwrap();
                    found += template["resources"].as_array().unwrap().len();
                }
            }
            assert_eq!(
                found, expected,
                "dns {keep_dns}, projects {keep_projects}, pipeline {keep_pipeline}"
            );
            assert!(found > 0);
        }
    }
}
