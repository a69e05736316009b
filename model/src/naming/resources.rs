//! Every named resource of an estate, with what it is for and where it comes from.

use std::borrow::Cow;

use super::estate::{EstateNames, Name, PrivateEndpointTarget};
use crate::estate::{Environment, Estate, PrivateDns, Project};
use crate::vocabulary::{Network, Stage};

impl EstateNames {
    /// Every named resource the plan deploys for `estate`, environment by environment in
    /// promotion order, then project by project; each with what it is for and the document
    /// item it is built from.
    pub fn resources<'e>(&self, estate: &'e Estate) -> Vec<Resource<'e>> {
        let in_environment = |environment| {
            estate
                .projects()
                .map(|(_, p)| p)
                .filter(move |p| p.environments.contains(&environment))
        };
        let count: usize = estate
            .environments()
            .map(|(id, _)| 1 + in_environment(id).map(most_resources).sum::<usize>())
            .sum();
        let mut out = Vec::with_capacity(count + 2);
        if let Some(names) = self.registry(estate) {
            let path = Cow::Borrowed(estate.registry().map_or("", |r| r.path.as_str()));
            out.push(Resource {
                name: names.resource_group,
                owner: Owner::Registry,
                path: path.clone(),
            });
            out.push(Resource {
                name: names.registry,
                owner: Owner::Registry,
                path,
            });
        }
        for (environment_id, environment) in estate.environments() {
            // Only created zones have a resource group of their own.
            if environment.landing_zone.private_dns == PrivateDns::Create
                && in_environment(environment_id).any(|p| p.factors.network == Network::Private)
            {
                out.push(Resource {
                    name: self.private_dns_resource_group(environment),
                    owner: Owner::PrivateDns {
                        environment: environment.name.as_str(),
                    },
                    path: Cow::Borrowed(&environment.path),
                });
            }
            if let Some(name) = estate
                .registry()
                .filter(|registry| registry.pipeline_duty(estate, environment_id).is_some())
                .and_then(|_| self.registry_pipeline_deployment(estate, environment))
            {
                out.push(Resource {
                    name,
                    owner: Owner::RegistryPipeline {
                        environment: environment.name.as_str(),
                    },
                    path: Cow::Borrowed(&environment.path),
                });
            }
            for project in in_environment(environment_id) {
                self.project_resources(&mut out, project, environment);
                if estate
                    .registry()
                    .is_some_and(|registry| registry.private_endpoint_for(project))
                {
                    out.push(Resource {
                        name: self.of(project, environment).registry_private_endpoint(),
                        owner: Owner::Project {
                            project: project.name.as_str(),
                            environment: environment.name.as_str(),
                        },
                        path: Cow::Borrowed(&project.path),
                    });
                }
                if let Some(name) = estate
                    .registry()
                    .filter(|registry| registry.workspaces_read_in(environment))
                    .and_then(|_| self.registry_reader_deployment(estate, project, environment))
                {
                    out.push(Resource {
                        name,
                        owner: Owner::Project {
                            project: project.name.as_str(),
                            environment: environment.name.as_str(),
                        },
                        path: Cow::Borrowed(&project.path),
                    });
                }
            }
        }
        out
    }

    fn project_resources<'e>(
        &self,
        out: &mut Vec<Resource<'e>>,
        project: &'e Project,
        environment: &'e Environment,
    ) {
        let (p, env) = (project.name.as_str(), environment.name.as_str());
        let names = self.of(project, environment);
        let owner = Owner::Project {
            project: p,
            environment: env,
        };
        let at = |name: Name| Resource {
            name,
            owner,
            path: Cow::Borrowed(&project.path),
        };
        out.push(at(names.resource_group()));
        out.push(at(names.deployment()));
        out.push(at(names.workspace()));
        out.push(at(names.storage()));
        out.push(at(names.key_vault()));
        out.push(at(names.container_registry()));
        out.push(at(names.app_insights()));
        // A central Log Analytics workspace replaces the project's own.
        if environment.landing_zone.log_analytics.is_none() {
            out.push(at(names.log_analytics()));
        }
        if project.factors.network == Network::Private {
            for target in PrivateEndpointTarget::ALL {
                out.push(at(names.private_endpoint(target)));
            }
        }
        if environment.stage == Stage::Development {
            for person in &project.data_scientists {
                out.push(Resource {
                    name: names.compute_instance(&person.name),
                    owner: Owner::Instance {
                        person: person.name.as_str(),
                        project: p,
                        environment: env,
                    },
                    path: Cow::Borrowed(&person.path),
                });
            }
            for cluster in &project.compute.clusters {
                out.push(Resource {
                    name: names.cluster(&cluster.vm_size),
                    owner: Owner::Cluster {
                        size: cluster.vm_size.as_str(),
                        project: p,
                        environment: env,
                    },
                    path: Cow::Owned(format!("{}/vm-size", cluster.path)),
                });
            }
        } else {
            for pipeline in &project.compute.pipelines {
                out.push(Resource {
                    name: names.pipeline_cluster(&pipeline.name),
                    owner: Owner::Pipeline {
                        pipeline: pipeline.name.as_str(),
                        project: p,
                        environment: env,
                    },
                    path: Cow::Owned(format!("{}/name", pipeline.path)),
                });
            }
        }
        if project.endpoints.online_in(environment) {
            out.push(at(names.online_endpoint()));
        }
        if project.endpoints.batch_in(environment) {
            out.push(at(names.batch_endpoint()));
        }
        if project.endpoints.load_test_in(environment) {
            out.push(at(names.load_test()));
        }
    }
}

/// At least as many resources as [`EstateNames::project_resources`] gives for `project` in any
/// one environment, to size the list once.
fn most_resources(project: &Project) -> usize {
    let fixed = 8 + PrivateEndpointTarget::ALL.len() + 3;
    let computes = project.data_scientists.len()
        + project.compute.clusters.len()
        + project.compute.pipelines.len();
    fixed + computes
}

/// A named resource of an estate (see [`EstateNames::resources`]).
#[derive(Debug, Clone)]
pub struct Resource<'e> {
    /// Its name, rule and scope.
    pub name: Name,
    /// What it is for.
    pub owner: Owner<'e>,
    /// The JSON pointer of the document item its name is built from.
    pub path: Cow<'e, str>,
}

/// What a name is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'e> {
    /// The model registry shared by the environments, and its resource group.
    Registry,
    /// The private DNS zones of an environment.
    PrivateDns {
        /// The environment.
        environment: &'e str,
    },
    /// A project's resource in an environment.
    Project {
        /// The project.
        project: &'e str,
        /// The environment.
        environment: &'e str,
    },
    /// A data scientist's compute instance.
    Instance {
        /// The data scientist.
        person: &'e str,
        /// The project.
        project: &'e str,
        /// The environment.
        environment: &'e str,
    },
    /// A development cluster of a VM size.
    Cluster {
        /// The VM size.
        size: &'e str,
        /// The project.
        project: &'e str,
        /// The environment.
        environment: &'e str,
    },
    /// A pipeline's cluster.
    Pipeline {
        /// The pipeline.
        pipeline: &'e str,
        /// The project.
        project: &'e str,
        /// The environment.
        environment: &'e str,
    },
    /// The nested deployment of the pipelines' role at the model registry, in the
    /// registry's resource group.
    RegistryPipeline {
        /// The environment whose pipelines hold the role.
        environment: &'e str,
    },
}

impl std::fmt::Display for Owner<'_> {
    /// What the name is for, in messages (``project `churn` in `dev` ``).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Owner::Registry => f.write_str("the model registry"),
            Owner::PrivateDns { environment } => {
                write!(f, "the private dns zones of `{environment}`")
            }
            Owner::Project {
                project,
                environment,
            } => write!(f, "project `{project}` in `{environment}`"),
            Owner::Instance {
                person,
                project,
                environment,
            } => write!(
                f,
                "the instance of `{person}` of `{project}` in `{environment}`"
            ),
            Owner::Cluster {
                size,
                project,
                environment,
            } => write!(f, "the `{size}` cluster of `{project}` in `{environment}`"),
            Owner::Pipeline {
                pipeline,
                project,
                environment,
            } => write!(
                f,
                "the cluster of pipeline `{pipeline}` of `{project}` in `{environment}`"
            ),
            Owner::RegistryPipeline { environment } => write!(
                f,
                "the role of the pipelines of `{environment}` at the model registry"
            ),
        }
    }
}
