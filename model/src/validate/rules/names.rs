//! Every Azure name the plan builds for an estate, with what it names and where.

use crate::estate::{Estate, Project};
use crate::naming::{self, ResourceKind};
use crate::vocabulary::Stage;

/// One name the plan builds.
pub(super) struct BuiltName {
    pub kind: ResourceKind,
    pub name: String,
    /// What it names, for messages (`project `churn` in `dev``).
    pub owner: String,
    /// Where the owner is in the document.
    pub path: String,
    /// The scope inside which the name must be unique (`None`: the whole estate).
    pub scope: Option<String>,
    /// Development clusters of the same size share a name by design; another rule says so.
    pub size: Option<String>,
}

/// Every name of the estate, in estate order.
pub(super) fn all(estate: &Estate) -> Vec<BuiltName> {
    let prefix = estate.naming().prefix.as_ref().map(|p| p.as_str());
    let mut names = Vec::new();
    for (_, project) in estate.projects() {
        for environment in &project.environments {
            let Some(item) = estate.environment(*environment) else {
                continue;
            };
            let (p, e) = (project.name.as_str(), item.name.as_str());
            let owner = format!("project `{p}` in `{e}`");
            let global = |kind, name: String| BuiltName {
                kind,
                name,
                owner: owner.clone(),
                path: project.path.clone(),
                scope: None,
                size: None,
            };
            names.push(BuiltName {
                scope: Some(format!("workspace of {e}")),
                ..global(
                    ResourceKind::Workspace,
                    naming::workspace_name(prefix, p, e),
                )
            });
            names.push(global(
                ResourceKind::Storage,
                naming::storage_name(prefix, p, e),
            ));
            names.push(global(
                ResourceKind::KeyVault,
                naming::key_vault_name(prefix, p, e),
            ));
            names.push(global(
                ResourceKind::ContainerRegistry,
                naming::container_registry_name(prefix, p, e),
            ));
            compute(&mut names, project, item.stage, e);
        }
    }
    names
}

fn compute(names: &mut Vec<BuiltName>, project: &Project, stage: Stage, environment: &str) {
    let p = project.name.as_str();
    let workspace = Some(format!("compute of {p} in {environment}"));
    if stage == Stage::Development {
        for person in &project.data_scientists {
            names.push(BuiltName {
                kind: ResourceKind::Compute,
                name: naming::compute_instance_name(p, environment, person.name.as_str()),
                owner: format!(
                    "the instance of `{}` of `{p}` in `{environment}`",
                    person.name
                ),
                path: person.path.clone(),
                scope: None,
                size: None,
            });
        }
        for cluster in &project.compute.clusters {
            names.push(BuiltName {
                kind: ResourceKind::Compute,
                name: naming::cluster_name(cluster.vm_size.as_str()),
                owner: format!("the `{}` cluster of `{p}`", cluster.vm_size.as_str()),
                path: format!("{}/vm-size", cluster.path),
                scope: workspace.clone(),
                size: Some(cluster.vm_size.as_str().to_ascii_lowercase()),
            });
        }
    }
    if stage == Stage::Production {
        for pipeline in &project.compute.pipelines {
            names.push(BuiltName {
                kind: ResourceKind::Compute,
                name: naming::pipeline_cluster_name(pipeline.name.as_str()),
                owner: format!("the cluster of pipeline `{}` of `{p}`", pipeline.name),
                path: format!("{}/name", pipeline.path),
                scope: workspace.clone(),
                size: None,
            });
        }
    }
}
