//! The `policy` target: per environment `policy/{environment}/main.bicep` (subscription
//! scope) with a module per project resource group that gets assignments of its own, and the
//! same deployment as ARM JSON (`azuredeploy.json`); with a management group,
//! `policy/management-group/` deploys mlzone's own definitions once.

use crate::error::Error;
use crate::fileset::{FileSet, RelativePath};
use crate::plan::Plan;
use crate::plan::views::{API, ManagementGroupView, PolicyGroupView, PolicyView};
use crate::templates::{
    POLICY_ARM, POLICY_ARM_MANAGEMENT_GROUP, POLICY_BICEP_MAIN, POLICY_BICEP_MANAGEMENT_GROUP,
    POLICY_BICEP_RESOURCE_GROUP, Templates,
};

/// The folder of the management group's definitions.
const MANAGEMENT_GROUP_FOLDER: &str = "policy/management-group";

/// Renders the guardrails of every environment of `plan`.
pub fn render(plan: &Plan, templates: &Templates, files: &mut FileSet) -> Result<(), Error> {
    if let Some(group) = &plan.policy.management_group {
        let view = ManagementGroupView { api: API, group };
        let path = RelativePath::new(format!("{MANAGEMENT_GROUP_FOLDER}/main.bicep"))?;
        templates.render_file(files, path, POLICY_BICEP_MANAGEMENT_GROUP, &view)?;
        let path = RelativePath::new(format!("{MANAGEMENT_GROUP_FOLDER}/azuredeploy.json"))?;
        templates.render_file(files, path, POLICY_ARM_MANAGEMENT_GROUP, &view)?;
    }
    for environment in &plan.policy.environments {
        let folder = format!("policy/{}", environment.name);
        let view = PolicyView {
            api: API,
            environment,
        };
        let path = RelativePath::new(format!("{folder}/main.bicep"))?;
        templates.render_file(files, path, POLICY_BICEP_MAIN, &view)?;
        let path = RelativePath::new(format!("{folder}/azuredeploy.json"))?;
        templates.render_file(files, path, POLICY_ARM, &view)?;
        for group in &environment.resource_groups {
            let view = PolicyGroupView {
                api: API,
                environment,
                group,
            };
            let path = RelativePath::new(format!("{folder}/{}", group.module_path))?;
            templates.render_file(files, path, POLICY_BICEP_RESOURCE_GROUP, &view)?;
        }
    }
    Ok(())
}
