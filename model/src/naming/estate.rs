//! The name of every resource of an estate, from estate values, and where it must be unique.

use uuid::Uuid;

use super::hash::{hash, stable_guid};
use super::namer::Namer;
use super::rules::{self, Rule, Uniqueness};
use crate::estate::{Environment, Estate, Project};
use crate::names::{Slug, VmSize};
use crate::vocabulary::{InferenceMode, Network, Stage};

/// The name of the nested deployment of an environment's private DNS zones.
pub const PRIVATE_DNS_DEPLOYMENT: &str = "mlzone-private-dns";

/// Where a name must be unique: two names of one [`Rule::namespace`] in one scope must
/// differ (case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Across Azure.
    Azure,
    /// In the Entra ID tenant (role names).
    Tenant,
    /// In a region, by its short name.
    Region(String),
    /// In a subscription: `subscription <id>`, or `environment <name>` when the document
    /// leaves the subscription out (each such environment is taken as its own).
    Subscription(String),
    /// In a resource group of a subscription.
    ResourceGroup {
        /// The subscription, as in [`Scope::Subscription`].
        subscription: String,
        /// The resource group's name.
        resource_group: String,
    },
    /// In a workspace.
    Workspace {
        /// The subscription, as in [`Scope::Subscription`].
        subscription: String,
        /// The resource group's name.
        resource_group: String,
        /// The workspace's name.
        workspace: String,
    },
}

/// A built name, with its rule and the scope it must be unique in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name Azure gets.
    pub value: String,
    /// The rule of its kind.
    pub rule: Rule,
    /// Where it must be unique.
    pub scope: Scope,
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

/// What a private endpoint of a project connects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrivateEndpointTarget {
    /// The workspace (`amlworkspace`).
    Workspace,
    /// The storage account's blobs.
    Blob,
    /// The storage account's files.
    File,
    /// The key vault.
    Vault,
    /// The container registry.
    Registry,
}

impl PrivateEndpointTarget {
    /// Every target, in the order the plan deploys them.
    pub const ALL: [Self; 5] = [
        Self::Workspace,
        Self::Blob,
        Self::File,
        Self::Vault,
        Self::Registry,
    ];

    /// The word the endpoint's name ends in (`mlw`, `blob`, `file`, `vault`, `registry`).
    pub fn short(self) -> &'static str {
        match self {
            Self::Workspace => "mlw",
            Self::Blob => "blob",
            Self::File => "file",
            Self::Vault => "vault",
            Self::Registry => "registry",
        }
    }
}

/// Names every resource of one estate: the one naming scheme of the validator and of code
/// generation.
///
/// ```
/// use mlzone_model::naming::Names;
/// let loaded = mlzone_model::load_default().expect("the default topology loads");
/// let names = Names::for_estate(&loaded.estate);
/// let (_, project) = loaded.estate.projects().next().expect("a project");
/// let (_, dev) = loaded.estate.environments().next().expect("an environment");
/// let storage = names.storage(project, dev);
/// assert!(storage.rule.check(&storage.value).is_ok());
/// ```
#[derive(Debug, Clone)]
pub struct Names {
    namer: Namer,
    organisation: String,
    tenant: String,
}

impl Names {
    /// The names of `estate`'s resources: its naming prefix, organisation and tenant.
    pub fn for_estate(estate: &Estate) -> Self {
        let tenant = estate.tenant().to_string();
        Self {
            namer: Namer::new(estate.naming().prefix.as_ref().map(Slug::as_str), &tenant),
            organisation: estate.organisation().to_owned(),
            tenant,
        }
    }

    /// The namer underneath (estate prefix and tenant).
    pub fn namer(&self) -> &Namer {
        &self.namer
    }

    /// The subscription of `environment`, as a scope.
    pub fn subscription(&self, environment: &Environment) -> Scope {
        Scope::Subscription(match environment.subscription {
            Some(id) => format!("subscription {id}"),
            None => format!("environment {}", environment.name),
        })
    }

    /// The region of `environment`, as a scope.
    pub fn region(&self, environment: &Environment) -> Scope {
        Scope::Region(environment.location.to_string())
    }

    /// The workspace of a project in an environment, as the scope of its computes.
    pub fn workspace_scope(&self, project: &Project, environment: &Environment) -> Scope {
        self.scope(&rules::CLUSTER, project, environment)
    }

    /// The resource group of a project in an environment: `rg-{prefix}-{project}-{env}`.
    pub fn resource_group(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::RESOURCE_GROUP, project, environment, &[], &[])
    }

    /// The resource group of an environment's private DNS zones:
    /// `rg-{prefix}-{env}-private-dns`.
    pub fn private_dns_resource_group(&self, environment: &Environment) -> Name {
        Name {
            value: self.namer.name(
                &rules::RESOURCE_GROUP,
                &[environment.name.as_str(), "private-dns"],
            ),
            rule: rules::RESOURCE_GROUP,
            scope: self.subscription(environment),
        }
    }

    /// The nested deployment of a project in an environment: `mlzone-{project}-{env}`.
    pub fn deployment(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::DEPLOYMENT, project, environment, &[], &[])
    }

    /// The workspace of a project in an environment: `mlw-{prefix}-{project}-{env}`.
    pub fn workspace(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::WORKSPACE, project, environment, &[], &[])
    }

    /// The storage account: `st{prefix}{project}{env}{hash}`.
    pub fn storage(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::STORAGE, project, environment, &[], &[])
    }

    /// The key vault: `kv-{prefix}-{project}-{env}-{hash}`.
    pub fn key_vault(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::KEY_VAULT, project, environment, &[], &[])
    }

    /// The container registry: `cr{prefix}{project}{env}{hash}`.
    pub fn container_registry(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::CONTAINER_REGISTRY, project, environment, &[], &[])
    }

    /// The Application Insights component: `appi-{prefix}-{project}-{env}`.
    pub fn app_insights(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::APP_INSIGHTS, project, environment, &[], &[])
    }

    /// The Log Analytics workspace: `log-{prefix}-{project}-{env}`.
    pub fn log_analytics(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::LOG_ANALYTICS, project, environment, &[], &[])
    }

    /// A private endpoint of a private project: `pe-{prefix}-{project}-{env}-{target}`.
    pub fn private_endpoint(
        &self,
        project: &Project,
        environment: &Environment,
        target: PrivateEndpointTarget,
    ) -> Name {
        self.of_project(
            &rules::PRIVATE_ENDPOINT,
            project,
            environment,
            &[target.short()],
            &[],
        )
    }

    /// The compute instance of a data scientist: `ci-{person}-{hash}`, the hash keyed with
    /// the tenant, project and environment, unique in the region.
    pub fn compute_instance(
        &self,
        project: &Project,
        environment: &Environment,
        person: &Slug,
    ) -> Name {
        self.of_item(
            &rules::COMPUTE_INSTANCE,
            project,
            environment,
            &[person.as_str()],
            &[project.name.as_str(), environment.name.as_str()],
        )
    }

    /// The development cluster of a VM size: `cl-{size}` with the size lowercased, the
    /// `Standard_`/`Basic_` prefix dropped and `_` written `-` (`Standard_DS3_v2` →
    /// `cl-ds3-v2`).
    pub fn cluster(&self, project: &Project, environment: &Environment, vm_size: &VmSize) -> Name {
        let size = vm_size_words(vm_size.as_str());
        self.of_item(&rules::CLUSTER, project, environment, &[&size], &[])
    }

    /// The cluster of a production pipeline: `pl-{pipeline}`.
    pub fn pipeline_cluster(
        &self,
        project: &Project,
        environment: &Environment,
        pipeline: &Slug,
    ) -> Name {
        self.of_item(
            &rules::PIPELINE_CLUSTER,
            project,
            environment,
            &[pipeline.as_str()],
            &[],
        )
    }

    /// The online endpoint: `oe-{prefix}-{project}-{env}-{hash}`, unique in the region.
    pub fn online_endpoint(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::ONLINE_ENDPOINT, project, environment, &[], &[])
    }

    /// The batch endpoint: `be-{prefix}-{project}-{env}-{hash}`, unique in the region.
    pub fn batch_endpoint(&self, project: &Project, environment: &Environment) -> Name {
        self.of_project(&rules::BATCH_ENDPOINT, project, environment, &[], &[])
    }

    /// The name of a private DNS zone's link to a virtual network, from a key of the network
    /// (its lowercased id, or the parameter that holds it): `link-{hash}`.
    pub fn dns_link(&self, network_key: &str) -> String {
        format!("link-{}", hash(&["dns-link", network_key], 12))
    }

    /// The GUID of a custom role's definition in an environment: UUIDv5 over the tenant, the
    /// subscription (or `-`), the environment and the role's key.
    pub fn role_definition(&self, environment: &Environment, key: &str) -> Uuid {
        let subscription = environment
            .subscription
            .map_or_else(|| "-".to_owned(), |s| s.to_string());
        stable_guid(&[
            "role-definition",
            &self.tenant,
            &subscription,
            environment.name.as_str(),
            key,
        ])
    }

    /// The name of a custom role in an environment, unique in the tenant:
    /// `{display} ({organisation}, {environment})`.
    pub fn role_name(&self, display: &str, environment: &Environment) -> String {
        format!("{display} ({}, {})", self.organisation, environment.name)
    }

    /// A name of a project's resource: parts `[project, env, extra…]`.
    fn of_project(
        &self,
        rule: &Rule,
        project: &Project,
        environment: &Environment,
        extra: &[&str],
        key: &[&str],
    ) -> Name {
        let mut parts = vec![project.name.as_str(), environment.name.as_str()];
        parts.extend(extra);
        Name {
            value: self.namer.name_keyed(rule, &parts, key),
            rule: *rule,
            scope: self.scope(rule, project, environment),
        }
    }

    /// A name of a workspace item: only `parts`, the project and environment in the scope.
    fn of_item(
        &self,
        rule: &Rule,
        project: &Project,
        environment: &Environment,
        parts: &[&str],
        key: &[&str],
    ) -> Name {
        Name {
            value: self.namer.name_keyed(rule, parts, key),
            rule: *rule,
            scope: self.scope(rule, project, environment),
        }
    }

    fn scope(&self, rule: &Rule, project: &Project, environment: &Environment) -> Scope {
        let group = || {
            let Scope::Subscription(subscription) = self.subscription(environment) else {
                return (String::new(), String::new());
            };
            let parts = [project.name.as_str(), environment.name.as_str()];
            (
                subscription,
                self.namer.name(&rules::RESOURCE_GROUP, &parts),
            )
        };
        match rule.unique_in {
            Uniqueness::Azure => Scope::Azure,
            Uniqueness::Region => self.region(environment),
            Uniqueness::Subscription => self.subscription(environment),
            Uniqueness::ResourceGroup => {
                let (subscription, resource_group) = group();
                Scope::ResourceGroup {
                    subscription,
                    resource_group,
                }
            }
            Uniqueness::Workspace => {
                let (subscription, resource_group) = group();
                let parts = [project.name.as_str(), environment.name.as_str()];
                Scope::Workspace {
                    subscription,
                    resource_group,
                    workspace: self.namer.name(&rules::WORKSPACE, &parts),
                }
            }
        }
    }

    /// Every named resource the plan deploys for `estate`, environment by environment in
    /// promotion order, then project by project; each with what it is for and the document
    /// item it is built from.
    pub fn resources<'e>(&self, estate: &'e Estate) -> Vec<Resource<'e>> {
        let mut out = Vec::new();
        for (environment_id, environment) in estate.environments() {
            let env = environment.name.as_str();
            let projects: Vec<&Project> = estate
                .projects()
                .filter(|(_, p)| p.environments.contains(&environment_id))
                .map(|(_, p)| p)
                .collect();
            if projects
                .iter()
                .any(|p| p.factors.network == Network::Private)
            {
                out.push(Resource {
                    name: self.private_dns_resource_group(environment),
                    owner: Owner::PrivateDns { environment: env },
                    path: environment.path.clone(),
                });
            }
            for project in projects {
                self.project_resources(&mut out, project, environment);
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
        let owner = Owner::Project {
            project: p,
            environment: env,
        };
        let at = |name: Name| Resource {
            name,
            owner,
            path: project.path.clone(),
        };
        out.push(at(self.resource_group(project, environment)));
        out.push(at(self.deployment(project, environment)));
        out.push(at(self.workspace(project, environment)));
        out.push(at(self.storage(project, environment)));
        out.push(at(self.key_vault(project, environment)));
        out.push(at(self.container_registry(project, environment)));
        out.push(at(self.app_insights(project, environment)));
        out.push(at(self.log_analytics(project, environment)));
        if project.factors.network == Network::Private {
            for target in PrivateEndpointTarget::ALL {
                out.push(at(self.private_endpoint(project, environment, target)));
            }
        }
        if environment.stage == Stage::Development {
            for person in &project.data_scientists {
                out.push(Resource {
                    name: self.compute_instance(project, environment, &person.name),
                    owner: Owner::Instance {
                        person: person.name.as_str(),
                        project: p,
                        environment: env,
                    },
                    path: person.path.clone(),
                });
            }
            for cluster in &project.compute.clusters {
                out.push(Resource {
                    name: self.cluster(project, environment, &cluster.vm_size),
                    owner: Owner::Cluster {
                        size: cluster.vm_size.as_str(),
                        project: p,
                        environment: env,
                    },
                    path: format!("{}/vm-size", cluster.path),
                });
            }
        } else {
            for pipeline in &project.compute.pipelines {
                out.push(Resource {
                    name: self.pipeline_cluster(project, environment, &pipeline.name),
                    owner: Owner::Pipeline {
                        pipeline: pipeline.name.as_str(),
                        project: p,
                        environment: env,
                    },
                    path: format!("{}/name", pipeline.path),
                });
            }
        }
        if environment.stage == Stage::Production {
            if project.endpoints.online && environment.inference.contains(&InferenceMode::RealTime)
            {
                out.push(at(self.online_endpoint(project, environment)));
            }
            if project.endpoints.batch && environment.inference.contains(&InferenceMode::Batch) {
                out.push(at(self.batch_endpoint(project, environment)));
            }
        }
    }
}

/// `Standard_NC6s_v3` → `nc6s-v3`.
fn vm_size_words(vm_size: &str) -> String {
    let lower = vm_size.to_ascii_lowercase();
    let short = lower
        .strip_prefix("standard_")
        .or_else(|| lower.strip_prefix("basic_"))
        .unwrap_or(&lower);
    short.replace('_', "-")
}

/// A named resource of an estate (see [`Names::resources`]).
#[derive(Debug, Clone)]
pub struct Resource<'e> {
    /// Its name, rule and scope.
    pub name: Name,
    /// What it is for.
    pub owner: Owner<'e>,
    /// The JSON pointer of the document item its name is built from.
    pub path: String,
}

/// What a name is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'e> {
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
}

impl std::fmt::Display for Owner<'_> {
    /// What the name is for, in messages (``project `churn` in `dev` ``).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
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
        }
    }
}
