//! Projects: factors, people and compute.

use std::collections::{BTreeMap, BTreeSet};

use super::{Environment, EnvironmentId};
use crate::document::OutboundRuleKind;
use crate::newtypes::{GitUrl, Guid, ResourceId, Slug, VmSize};
use crate::vocabulary::{InferenceMode, Isolation, Network, Restriction, Stage};

/// One machine learning project: one workspace in each of its environments.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Project {
    /// Its name.
    pub name: Slug,
    /// What it is, for documentation.
    pub description: Option<String>,
    /// Its network and restriction factors.
    pub factors: Factors,
    /// Its git repository.
    pub repository: Option<GitUrl>,
    /// The environments it has a workspace in.
    pub environments: BTreeSet<EnvironmentId>,
    /// Where its private endpoints go (private projects).
    pub private_link: PrivateLink,
    /// Outbound rules of the managed network, by name.
    pub outbound_rules: Vec<OutboundRule>,
    /// Its data scientists, by name.
    pub data_scientists: Vec<DataScientist>,
    /// Its compute.
    pub compute: Compute,
    /// Its production endpoints.
    pub endpoints: Endpoints,
    /// Tags of its resources (the estate's tags merged with its own).
    pub tags: BTreeMap<String, String>,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

/// The factors that shape a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factors {
    /// Public or private networking.
    pub network: Network,
    /// The managed network isolation mode.
    pub isolation: Isolation,
    /// Restricted or unrestricted data scientists.
    pub restriction: Restriction,
}

/// Where a private project's endpoints go; `None` parts become deployment parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrivateLink {
    /// The subnet of the private endpoints.
    pub subnet: Option<ResourceId>,
    /// The virtual network the private DNS zones are linked to.
    pub virtual_network: Option<ResourceId>,
}

/// One outbound rule of a managed network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboundRule {
    /// Its name.
    pub name: Slug,
    /// What kind of destination it allows.
    pub kind: OutboundRuleKind,
    /// The destination.
    pub destination: String,
}

/// One data scientist of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataScientist {
    /// Short name; it names the compute instance.
    pub name: Slug,
    /// Entra user object id.
    pub object_id: Guid,
    /// VM size of the data scientist's instance.
    pub vm_size: VmSize,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

/// A project's compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compute {
    /// Settings of every compute instance.
    pub instance: InstanceSettings,
    /// Development clusters.
    pub clusters: Vec<Cluster>,
    /// Production pipelines with their clusters.
    pub pipelines: Vec<Pipeline>,
}

/// Settings of the data scientists' compute instances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceSettings {
    /// The default VM size.
    pub vm_size: VmSize,
    /// Minutes idle before shutdown; `None` when idle shutdown is off.
    pub idle_shutdown_minutes: Option<u32>,
}

/// A development cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// VM size.
    pub vm_size: VmSize,
    /// Minimum nodes.
    pub min_nodes: u32,
    /// Maximum nodes.
    pub max_nodes: u32,
    /// Seconds idle before scale-down.
    pub idle_seconds_before_scale_down: u32,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

/// A production pipeline with its cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// Its name.
    pub name: Slug,
    /// Its cluster.
    pub cluster: Cluster,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

/// Which production endpoints a project gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Endpoints {
    /// A managed online endpoint where production serves real-time, and in each test
    /// environment that tests models (the challenger is deployed on it).
    pub online: bool,
    /// A batch endpoint where production serves batch.
    pub batch: bool,
}

impl Endpoints {
    /// Whether the project has a managed online endpoint in `environment` (one it has a
    /// workspace in): production serving real time, or a test environment with a testing
    /// strategy.
    pub fn online_in(&self, environment: &Environment) -> bool {
        self.online
            && match environment.stage {
                Stage::Production => environment.inference.contains(&InferenceMode::RealTime),
                Stage::Test => environment.testing.is_some(),
                Stage::Development => false,
            }
    }

    /// Whether the project's challenger is load-tested in `environment` (one it has a
    /// workspace in): a test environment whose checks need a load test, on the project's
    /// online endpoint there.
    pub fn load_test_in(&self, environment: &Environment) -> bool {
        self.online_in(environment)
            && environment.stage == Stage::Test
            && environment
                .testing
                .as_ref()
                .is_some_and(|testing| testing.runs_load_test())
    }

    /// Whether the project has a batch endpoint in `environment` (one it has a workspace
    /// in): production serving batch.
    pub fn batch_in(&self, environment: &Environment) -> bool {
        self.batch
            && environment.stage == Stage::Production
            && environment.inference.contains(&InferenceMode::Batch)
    }
}
