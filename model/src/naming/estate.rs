//! The name of every resource of an estate, from estate values, and where it must be unique.

use std::sync::Arc;

use uuid::Uuid;

use super::hash::{hash, stable_guid};
use super::namer::Namer;
use super::project::ProjectNames;
use super::rules::{self, Rule};
use crate::estate::{Environment, Estate, Project};
use crate::names::{Slug, VmSize};

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
    Region(Arc<str>),
    /// In a subscription: `subscription <id>`, or `environment <name>` when the document
    /// leaves the subscription out (each such environment is taken as its own).
    Subscription(Arc<str>),
    /// In a resource group of a subscription.
    ResourceGroup {
        /// The subscription, as in [`Scope::Subscription`].
        subscription: Arc<str>,
        /// The resource group's name.
        resource_group: Arc<str>,
    },
    /// In a workspace.
    Workspace {
        /// The subscription, as in [`Scope::Subscription`].
        subscription: Arc<str>,
        /// The resource group's name.
        resource_group: Arc<str>,
        /// The workspace's name.
        workspace: Arc<str>,
    },
}

/// A built name, with its rule and the scope it must be unique in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name Azure gets.
    pub value: String,
    /// The rule of its kind.
    pub rule: &'static Rule,
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

    /// The names of `project`'s resources in `environment`. Naming several of them through
    /// one [`ProjectNames`] builds their scopes (resource group, workspace) once.
    pub fn of<'n>(
        &'n self,
        project: &'n Project,
        environment: &'n Environment,
    ) -> ProjectNames<'n> {
        ProjectNames::new(self, project, environment)
    }

    /// The subscription of `environment`, as a scope.
    pub fn subscription(&self, environment: &Environment) -> Scope {
        Scope::Subscription(subscription_key(environment).into())
    }

    /// The region of `environment`, as a scope.
    pub fn region(&self, environment: &Environment) -> Scope {
        Scope::Region(environment.location.to_string().into())
    }

    /// The workspace of a project in an environment, as the scope of its computes.
    pub fn workspace_scope(&self, project: &Project, environment: &Environment) -> Scope {
        self.of(project, environment).workspace_scope()
    }

    /// The resource group of a project in an environment (see
    /// [`ProjectNames::resource_group`]).
    pub fn resource_group(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).resource_group()
    }

    /// The resource group of an environment's private DNS zones:
    /// `rg-{prefix}-{env}-private-dns`.
    pub fn private_dns_resource_group(&self, environment: &Environment) -> Name {
        Name {
            value: self.namer.name(
                &rules::RESOURCE_GROUP,
                &[environment.name.as_str(), "private-dns"],
            ),
            rule: &rules::RESOURCE_GROUP,
            scope: self.subscription(environment),
        }
    }

    /// The nested deployment of a project in an environment (see
    /// [`ProjectNames::deployment`]).
    pub fn deployment(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).deployment()
    }

    /// The workspace of a project in an environment (see [`ProjectNames::workspace`]).
    pub fn workspace(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).workspace()
    }

    /// The storage account (see [`ProjectNames::storage`]).
    pub fn storage(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).storage()
    }

    /// The key vault (see [`ProjectNames::key_vault`]).
    pub fn key_vault(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).key_vault()
    }

    /// The container registry (see [`ProjectNames::container_registry`]).
    pub fn container_registry(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).container_registry()
    }

    /// The Application Insights component (see [`ProjectNames::app_insights`]).
    pub fn app_insights(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).app_insights()
    }

    /// The Log Analytics workspace (see [`ProjectNames::log_analytics`]).
    pub fn log_analytics(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).log_analytics()
    }

    /// A private endpoint of a private project (see [`ProjectNames::private_endpoint`]).
    pub fn private_endpoint(
        &self,
        project: &Project,
        environment: &Environment,
        target: PrivateEndpointTarget,
    ) -> Name {
        self.of(project, environment).private_endpoint(target)
    }

    /// The compute instance of a data scientist (see [`ProjectNames::compute_instance`]).
    pub fn compute_instance(
        &self,
        project: &Project,
        environment: &Environment,
        person: &Slug,
    ) -> Name {
        self.of(project, environment).compute_instance(person)
    }

    /// The development cluster of a VM size (see [`ProjectNames::cluster`]).
    pub fn cluster(&self, project: &Project, environment: &Environment, vm_size: &VmSize) -> Name {
        self.of(project, environment).cluster(vm_size)
    }

    /// The cluster of a production pipeline (see [`ProjectNames::pipeline_cluster`]).
    pub fn pipeline_cluster(
        &self,
        project: &Project,
        environment: &Environment,
        pipeline: &Slug,
    ) -> Name {
        self.of(project, environment).pipeline_cluster(pipeline)
    }

    /// The online endpoint (see [`ProjectNames::online_endpoint`]).
    pub fn online_endpoint(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).online_endpoint()
    }

    /// The batch endpoint (see [`ProjectNames::batch_endpoint`]).
    pub fn batch_endpoint(&self, project: &Project, environment: &Environment) -> Name {
        self.of(project, environment).batch_endpoint()
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
}

/// What [`Scope::Subscription`] holds for `environment`.
pub(super) fn subscription_key(environment: &Environment) -> String {
    match environment.subscription {
        Some(id) => format!("subscription {id}"),
        None => format!("environment {}", environment.name),
    }
}
