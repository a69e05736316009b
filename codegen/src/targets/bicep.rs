//! The `bicep` target: per environment `main.bicep` (subscription scope, one per deployment of
//! the plan) and `modules/` with one module per project and one for the private DNS zones.

use serde::Serialize;

use super::{API, EnvironmentView};
use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::plan::{Deployment, Kinds, Plan, PrivateDns, ProjectPlan};
use crate::templates::{BICEP_MAIN, BICEP_PRIVATE_DNS, BICEP_PROJECT, Templates};

/// The view of [`BICEP_MAIN`] (and the ARM templates).
#[derive(Debug, Clone, Serialize)]
pub struct MainView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment.
    pub environment: EnvironmentView<'a>,
    /// The deployment rendered.
    pub deployment: &'a Deployment,
}

/// The view of [`BICEP_PROJECT`] (and the ARM project template).
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment.
    pub environment: EnvironmentView<'a>,
    /// The project rendered.
    pub project: &'a ProjectPlan,
}

/// The view of [`BICEP_PRIVATE_DNS`] (and the ARM private DNS template).
#[derive(Debug, Clone, Serialize)]
pub struct DnsView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment.
    pub environment: EnvironmentView<'a>,
    /// The zones rendered.
    pub dns: &'a PrivateDns,
}

/// Renders `bicep/{environment}/…` for every environment of `plan`.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    for environment in &plan.environments {
        let env = &environment.name;
        let view = EnvironmentView::of(environment);
        for deployment in &environment.deployments {
            let path = RelativePath::new(format!("bicep/{env}/{}", deployment.bicep_file))?;
            let main = MainView {
                api: API,
                environment: view.clone(),
                deployment,
            };
            templates.render_file(files, path, BICEP_MAIN, &main)?;
            if let Some(dns) = &deployment.dns {
                let path = RelativePath::new(format!("bicep/{env}/{}", dns.module_path))?;
                let dns_view = DnsView {
                    api: API,
                    environment: view.clone(),
                    dns,
                };
                templates.render_file(files, path, BICEP_PRIVATE_DNS, &dns_view)?;
            }
            for project in &deployment.projects {
                let path = RelativePath::new(format!("bicep/{env}/{}", project.module_path))?;
                let project_view = ProjectView {
                    api: API,
                    environment: view.clone(),
                    project,
                };
                templates.render_file(files, path, BICEP_PROJECT, &project_view)?;
            }
        }
    }
    Ok(())
}
