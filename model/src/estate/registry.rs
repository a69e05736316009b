//! The model registry shared by the estate's environments.

use std::collections::BTreeSet;

use super::{EnvironmentId, PersonaId, RoleRef};
use crate::newtypes::{AzureLocation, Guid};
use crate::vocabulary::Network;

/// The Azure Machine Learning registry models move through from one environment to the
/// next (`Microsoft.MachineLearningServices/registries`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Registry {
    /// Where it lives: an environment's subscription, or one of its own.
    pub home: RegistryHome,
    /// Its primary region.
    pub location: AzureLocation,
    /// The further regions it replicates to, without the primary one.
    pub replication: BTreeSet<AzureLocation>,
    /// Whether public networks reach it.
    pub network: Network,
    /// The persona groups that publish models into it, by environment.
    pub publishers: BTreeSet<(PersonaId, EnvironmentId)>,
    /// The persona groups that read models from it, by environment, beside every
    /// workspace's identity.
    pub readers: BTreeSet<(PersonaId, EnvironmentId)>,
    /// The role publishers hold at the registry.
    pub publisher_role: RoleRef,
    /// The role readers and workspace identities hold at the registry.
    pub reader_role: RoleRef,
    /// Where it is in the document (JSON pointer; empty when the section is absent).
    pub path: String,
}

/// Where the registry lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryHome {
    /// In this environment's subscription, deployed with it.
    Environment(EnvironmentId),
    /// In a subscription of its own.
    Subscription(Guid),
}

/// What a principal holds at the registry, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegistryDuty {
    /// Publishes candidate models.
    Publisher,
    /// Reads models to deploy them.
    Reader,
}

impl Registry {
    /// The duties of a persona's group of an environment at the registry (none, one or
    /// both).
    pub fn duties(
        &self,
        persona: PersonaId,
        environment: EnvironmentId,
    ) -> impl Iterator<Item = RegistryDuty> + use<> {
        let publisher = self
            .publishers
            .contains(&(persona, environment))
            .then_some(RegistryDuty::Publisher);
        let reader = self
            .readers
            .contains(&(persona, environment))
            .then_some(RegistryDuty::Reader);
        publisher.into_iter().chain(reader)
    }

    /// Whether `project`'s network reaches the registry through a private endpoint: the
    /// registry is private and so is the project.
    pub fn private_endpoint_for(&self, project: &super::Project) -> bool {
        self.network == Network::Private && project.factors.network == Network::Private
    }

    /// The role that goes with a duty.
    pub fn role(&self, duty: RegistryDuty) -> RoleRef {
        match duty {
            RegistryDuty::Publisher => self.publisher_role,
            RegistryDuty::Reader => self.reader_role,
        }
    }
}
