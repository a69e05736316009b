//! The names of the model registry and of what connects to it.

use super::estate::{EstateNames, Name, Scope, subscription_key};
use super::rules;
use crate::estate::{Environment, Estate, Project, RegistryHome};

/// The name of the subscription deployment that deploys the registry.
pub const REGISTRY_DEPLOYMENT: &str = "mlzone-registry";

/// Where the registry lives and what it is called: everything another tool needs to find
/// it ([`EstateNames::registry`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryNames {
    /// The registry's name, unique across Azure.
    pub registry: Name,
    /// Its resource group.
    pub resource_group: Name,
    /// Its subscription: a GUID, or `None` when it is its home environment's subscription
    /// and the document leaves that to a deployment parameter.
    pub subscription: Option<crate::newtypes::Guid>,
    /// The environment whose subscription holds it, when it lives in one.
    pub environment: Option<crate::newtypes::Slug>,
    /// Its primary region.
    pub location: crate::newtypes::AzureLocation,
}

impl EstateNames {
    /// The registry's names, resource group, subscription and region, or `None` when the
    /// estate has no registry.
    ///
    /// ```
    /// use mlzone_model::naming::EstateNames;
    /// let loaded = mlzone_model::load_default().expect("the default topology loads");
    /// let names = EstateNames::for_estate(&loaded.estate);
    /// let registry = names.registry(&loaded.estate).expect("a registry by default");
    /// assert!(registry.registry.value.starts_with("mlr-"));
    /// assert_eq!(registry.environment.as_ref().map(|e| e.as_str()), Some("prod"));
    /// ```
    pub fn registry(&self, estate: &Estate) -> Option<RegistryNames> {
        let registry = estate.registry()?;
        let (subscription, environment, scope) = match registry.home {
            RegistryHome::Environment(id) => {
                let environment = &estate[id];
                (
                    environment.subscription,
                    Some(environment.name.clone()),
                    subscription_key(environment),
                )
            }
            RegistryHome::Subscription(id) => (Some(id), None, format!("subscription {id}")),
        };
        let resource_group = Name {
            value: self.namer().name(&rules::RESOURCE_GROUP, &["ml-registry"]),
            rule: &rules::RESOURCE_GROUP,
            scope: Scope::Subscription(scope.into()),
        };
        Some(RegistryNames {
            registry: self.registry_name(),
            resource_group,
            subscription,
            environment,
            location: registry.location.clone(),
        })
    }

    /// The nested deployment, in the registry's resource group, that gives the identity of
    /// `project`'s workspace in `environment` the reader role at the registry:
    /// `mlzone-{project}-{env}-reader`, unique in that resource group. `None` when the estate
    /// has no registry.
    pub fn registry_reader_deployment(
        &self,
        estate: &Estate,
        project: &Project,
        environment: &Environment,
    ) -> Option<Name> {
        self.registry_deployment(
            estate,
            &[project.name.as_str(), environment.name.as_str(), "reader"],
        )
    }

    /// The nested deployment in the registry's resource group that gives the pipelines'
    /// service principal of `environment` its role at the registry
    /// ([`crate::estate::Registry::pipeline_duty`]).
    pub fn registry_pipeline_deployment(
        &self,
        estate: &Estate,
        environment: &Environment,
    ) -> Option<Name> {
        self.registry_deployment(
            estate,
            &[environment.name.as_str(), "pipelines", "registry"],
        )
    }

    /// A nested deployment named from `parts` in the registry's resource group; `None` when
    /// the estate has no registry.
    fn registry_deployment(&self, estate: &Estate, parts: &[&str]) -> Option<Name> {
        let registry = self.registry(estate)?;
        // The registry's resource group is unique in the subscription its scope names.
        let Scope::Subscription(subscription) = registry.resource_group.scope else {
            return None;
        };
        Some(Name {
            value: self.namer().name(&rules::DEPLOYMENT, parts),
            rule: &rules::DEPLOYMENT,
            scope: Scope::ResourceGroup {
                subscription,
                resource_group: registry.resource_group.value.into(),
            },
        })
    }

    /// The registry's own name: `mlr-{prefix}-models-{hash}`.
    fn registry_name(&self) -> Name {
        Name {
            value: self.namer().name(&rules::ML_REGISTRY, &["models"]),
            rule: &rules::ML_REGISTRY,
            scope: Scope::Azure,
        }
    }

    /// The GUID of a custom role's definition in the registry's subscription: UUIDv5 over
    /// the tenant, the registry's subscription (or its home environment's name) and the
    /// role's key.
    pub fn registry_role_definition(&self, estate: &Estate, key: &str) -> uuid::Uuid {
        let home = match estate.registry().map(|registry| registry.home) {
            Some(RegistryHome::Environment(id)) => {
                let environment = &estate[id];
                environment.subscription.map_or_else(
                    || format!("environment {}", environment.name),
                    |s| s.to_string(),
                )
            }
            Some(RegistryHome::Subscription(id)) => id.to_string(),
            None => "-".to_owned(),
        };
        super::hash::stable_guid(&["registry-role-definition", self.tenant_key(), &home, key])
    }

    /// The name of a custom role the registry's deployment defines, unique in the tenant:
    /// `{display} ({organisation}, model registry)`.
    pub fn registry_role_name(&self, display: &str) -> String {
        format!("{display} ({}, model registry)", self.organisation_name())
    }
}
