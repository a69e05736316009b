//! Every Azure name the plan builds for an estate, with what it names and where.

use crate::estate::{EnvironmentId, Estate, Project, ProjectId};
use crate::naming::{self, ResourceKind};
use crate::vocabulary::Stage;

/// What a name is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner<'a> {
    /// A project's resource in an environment.
    Project {
        project: &'a str,
        environment: &'a str,
    },
    /// A data scientist's compute instance.
    Instance {
        person: &'a str,
        project: &'a str,
        environment: &'a str,
    },
    /// A development cluster of a VM size.
    Cluster { size: &'a str, project: &'a str },
    /// A production pipeline's cluster.
    Pipeline { pipeline: &'a str, project: &'a str },
}

/// Where a name must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Scope {
    /// Everywhere (globally unique names, compute instances per region).
    Estate,
    /// In the resource groups of one environment.
    Environment(EnvironmentId),
    /// In one workspace.
    Workspace(ProjectId, EnvironmentId),
}

/// One name the plan builds.
#[derive(Debug, Clone)]
pub(crate) struct BuiltName<'a> {
    pub kind: ResourceKind,
    pub name: String,
    pub owner: Owner<'a>,
    /// Where the owner is in the document, and the key under it.
    pub path: (&'a str, &'static str),
    pub scope: Scope,
}

impl BuiltName<'_> {
    /// What the name is for, in messages (``project `churn` in `dev` ``).
    pub(crate) fn owner(&self) -> String {
        match self.owner {
            Owner::Project {
                project,
                environment,
            } => format!("project `{project}` in `{environment}`"),
            Owner::Instance {
                person,
                project,
                environment,
            } => {
                format!("the instance of `{person}` of `{project}` in `{environment}`")
            }
            Owner::Cluster { size, project } => format!("the `{size}` cluster of `{project}`"),
            Owner::Pipeline { pipeline, project } => {
                format!("the cluster of pipeline `{pipeline}` of `{project}`")
            }
        }
    }

    /// The pointer of the item the name is built from.
    pub(crate) fn path(&self) -> String {
        format!("{}{}", self.path.0, self.path.1)
    }
}

/// Every name of the estate, in estate order.
pub(crate) fn all(estate: &Estate) -> Vec<BuiltName<'_>> {
    let prefix = estate.naming().prefix.as_ref().map(|p| p.as_str());
    let mut names = Vec::new();
    for (project_id, project) in estate.projects() {
        for &environment in &project.environments {
            let Some(item) = estate.environment(environment) else {
                continue;
            };
            let (p, e) = (project.name.as_str(), item.name.as_str());
            let owner = Owner::Project {
                project: p,
                environment: e,
            };
            let path = (project.path.as_str(), "");
            let built = |kind, name: String, scope| BuiltName {
                kind,
                name,
                owner,
                path,
                scope,
            };
            names.push(built(
                ResourceKind::Workspace,
                naming::workspace_name(prefix, p, e),
                Scope::Environment(environment),
            ));
            names.push(built(
                ResourceKind::Storage,
                naming::storage_name(prefix, p, e),
                Scope::Estate,
            ));
            names.push(built(
                ResourceKind::KeyVault,
                naming::key_vault_name(prefix, p, e),
                Scope::Estate,
            ));
            names.push(built(
                ResourceKind::ContainerRegistry,
                naming::container_registry_name(prefix, p, e),
                Scope::Estate,
            ));
            compute(&mut names, project_id, project, environment, item.stage, e);
        }
    }
    names
}

fn compute<'a>(
    names: &mut Vec<BuiltName<'a>>,
    project_id: ProjectId,
    project: &'a Project,
    environment_id: EnvironmentId,
    stage: Stage,
    environment: &'a str,
) {
    let p = project.name.as_str();
    let workspace = Scope::Workspace(project_id, environment_id);
    if stage == Stage::Development {
        for person in &project.data_scientists {
            names.push(BuiltName {
                kind: ResourceKind::Compute,
                name: naming::compute_instance_name(p, environment, person.name.as_str()),
                owner: Owner::Instance {
                    person: person.name.as_str(),
                    project: p,
                    environment,
                },
                path: (person.path.as_str(), ""),
                scope: Scope::Estate,
            });
        }
        for cluster in &project.compute.clusters {
            names.push(BuiltName {
                kind: ResourceKind::Compute,
                name: naming::cluster_name(cluster.vm_size.as_str()),
                owner: Owner::Cluster {
                    size: cluster.vm_size.as_str(),
                    project: p,
                },
                path: (cluster.path.as_str(), "/vm-size"),
                scope: workspace,
            });
        }
    }
    if stage == Stage::Production {
        for pipeline in &project.compute.pipelines {
            names.push(BuiltName {
                kind: ResourceKind::Compute,
                name: naming::pipeline_cluster_name(pipeline.name.as_str()),
                owner: Owner::Pipeline {
                    pipeline: pipeline.name.as_str(),
                    project: p,
                },
                path: (pipeline.path.as_str(), "/name"),
                scope: workspace,
            });
        }
    }
}
