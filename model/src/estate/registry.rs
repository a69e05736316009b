//! The model registry shared by the estate's environments.

use std::collections::BTreeSet;

use super::{Environment, EnvironmentId, Estate, PersonaId, ProjectId, RoleRef};
use crate::newtypes::{AzureLocation, Guid};
use crate::vocabulary::{Network, Stage};

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

    /// Whether the workspaces of `environment` read the registry with their system-assigned
    /// identity: those of test and production stages, where the promotion pipeline deploys
    /// models from it (`azureml://registries/…`). Development workspaces only publish, and the
    /// pipeline shares their models as its own principal, so they get no role there.
    pub fn workspaces_read_in(&self, environment: &Environment) -> bool {
        matches!(environment.stage, Stage::Test | Stage::Production)
    }

    /// Every workspace whose identity reads the registry (with [`Registry::reader_role`]),
    /// as its environment and project, environments in promotion order, projects by name.
    pub fn workspace_readers<'e>(
        &'e self,
        estate: &'e Estate,
    ) -> impl Iterator<Item = (EnvironmentId, ProjectId)> + 'e {
        estate
            .environments()
            .filter(|(_, environment)| self.workspaces_read_in(environment))
            .flat_map(move |(environment_id, _)| {
                estate
                    .projects()
                    .filter(move |(_, project)| project.environments.contains(&environment_id))
                    .map(move |(project_id, _)| (environment_id, project_id))
            })
    }

    /// The environment whose models the promotion pipeline shares to the registry (`az ml
    /// model share` in its publish job): the first development environment in promotion
    /// order. `None` when the estate has no development environment.
    pub fn publishing_environment(&self, estate: &Estate) -> Option<EnvironmentId> {
        estate
            .environments()
            .find(|(_, environment)| environment.stage == Stage::Development)
            .map(|(id, _)| id)
    }

    /// What the service principal the pipelines sign in as in `environment` holds at the
    /// registry: the publisher role where the promotion starts (its publish job shares the
    /// development workspace's model to the registry as that principal), the reader role in
    /// test and production (their jobs create deployments of `azureml://registries/…`
    /// models, which Azure authorises against the caller's access to the registry), nothing
    /// in the other development environments, which the promotion never signs in to.
    pub fn pipeline_duty(
        &self,
        estate: &Estate,
        environment: EnvironmentId,
    ) -> Option<RegistryDuty> {
        match estate[environment].stage {
            Stage::Test | Stage::Production => Some(RegistryDuty::Reader),
            Stage::Development => (self.publishing_environment(estate) == Some(environment))
                .then_some(RegistryDuty::Publisher),
        }
    }

    /// Every environment whose pipelines' service principal holds a role at the registry,
    /// with its duty ([`Registry::pipeline_duty`]), in promotion order.
    pub fn pipeline_duties<'e>(
        &'e self,
        estate: &'e Estate,
    ) -> impl Iterator<Item = (EnvironmentId, RegistryDuty)> + 'e {
        estate
            .environments()
            .filter_map(move |(id, _)| self.pipeline_duty(estate, id).map(|duty| (id, duty)))
    }

    /// The role that goes with a duty.
    pub fn role(&self, duty: RegistryDuty) -> RoleRef {
        match duty {
            RegistryDuty::Publisher => self.publisher_role,
            RegistryDuty::Reader => self.reader_role,
        }
    }
}
