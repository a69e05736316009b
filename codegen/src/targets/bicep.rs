//! The `bicep` target: per environment `main.bicep` (subscription scope, one per deployment of
//! the plan) with its `main.bicepparam`, and `modules/` with one module per project and one for
//! the private DNS zones; `bicep/registry/…`, the model registry's deployment.

use super::values::DeploymentValues;
use crate::error::Error;
use crate::fileset::FileSet;
use crate::fileset::RelativePath;
use crate::plan::Plan;
use crate::plan::model_registry::REGISTRY_FOLDER;
use crate::plan::views::{API, RegistryReaderView, RegistryView};
use crate::templates::{
    BICEP_MAIN, BICEP_PARAMETERS, BICEP_PRIVATE_DNS, BICEP_PROJECT, BICEP_REGISTRY,
    BICEP_REGISTRY_MODULE, BICEP_REGISTRY_PARAMETERS, BICEP_REGISTRY_READER, Templates,
};

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
    if let Some(registry) = &plan.registry {
        let view = RegistryView { api: API, registry };
        let path = |file: &str| RelativePath::new(format!("bicep/{REGISTRY_FOLDER}/{file}"));
        templates.render_file(files, path("main.bicep")?, BICEP_REGISTRY, &view)?;
        templates.render_file(
            files,
            path("main.bicepparam")?,
            BICEP_REGISTRY_PARAMETERS,
            &view,
        )?;
        templates.render_file(
            files,
            path(registry.module_path)?,
            BICEP_REGISTRY_MODULE,
            &view,
        )?;
    }
    let mut readers = std::collections::BTreeSet::new();
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
        // The module of roles at the registry (workspaces' and pipelines') is one file per
        // environment folder, however many of its deployments use it.
        let module = deployment
            .projects
            .iter()
            .find_map(|p| p.registry_reader.as_ref().map(|reader| reader.module_path))
            .or_else(|| {
                deployment
                    .registry_pipeline
                    .as_ref()
                    .map(|grant| grant.module_path)
            });
        if let Some(module) = module {
            let path = entry.path("bicep", module)?;
            if readers.insert(path.clone()) {
                let view = RegistryReaderView { api: API };
                templates.render_file(files, path, BICEP_REGISTRY_READER, &view)?;
            }
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
