//! The names of the model registry and of what connects to it.

use super::estate::{EstateNames, Name, Scope, subscription_key};
use super::rules;
use crate::estate::{Estate, RegistryHome};

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

    /// The registry's own name: `mlr-{prefix}-models-{hash}`.
    fn registry_name(&self) -> Name {
        Name {
            value: self.namer().name(&rules::ML_REGISTRY, &["models"]),
            rule: &rules::ML_REGISTRY,
            scope: Scope::Azure,
        }
    }
}
