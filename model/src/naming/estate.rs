//! The name of every resource of an estate, from estate values, and where it must be unique.

use std::sync::Arc;

use uuid::Uuid;

use super::hash::{hash, stable_guid};
use super::namer::Namer;
use super::project::ProjectNames;
use super::rules::{self, Rule};
use crate::estate::{Environment, Estate, Project};
use crate::newtypes::Slug;

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
/// use mlzone_model::naming::EstateNames;
/// let loaded = mlzone_model::load_default().expect("the default topology loads");
/// let names = EstateNames::for_estate(&loaded.estate);
/// let (_, project) = loaded.estate.projects().next().expect("a project");
/// let (_, dev) = loaded.estate.environments().next().expect("an environment");
/// let storage = names.of(project, dev).storage();
/// assert!(storage.rule.check(&storage.value).is_ok());
/// ```
#[derive(Debug, Clone)]
pub struct EstateNames {
    namer: Namer,
    organisation: String,
    tenant: String,
}

impl EstateNames {
    /// The names of `estate`'s resources: its naming prefix, organisation and tenant.
    pub fn for_estate(estate: &Estate) -> Self {
        let tenant = estate.tenant().to_string();
        Self {
            namer: Namer::new(estate.naming().prefix.as_ref().map(Slug::as_str), &tenant),
            organisation: estate.organisation().to_owned(),
            tenant,
        }
    }

    /// The tenant, as written in GUID seeds.
    pub(super) fn tenant(&self) -> &str {
        &self.tenant
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
