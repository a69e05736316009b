//! Projects as written: factors, people and compute.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::newtypes::{GitUrl, Guid, ResourceId, Slug, VmSize};
use crate::vocabulary::{Isolation, Network, Restriction};

/// One machine learning project: a workspace per environment with its dependencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectDoc {
    /// The project's name; it appears in every resource name of the project.
    pub name: Slug,
    /// What the project is, for the generated documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = super::limits::MAX_DESCRIPTION))]
    pub description: Option<String>,
    /// Public or private networking; from the preset when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Managed virtual network isolation mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isolation: Option<Isolation>,
    /// Restricted or unrestricted data scientists; from the preset when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<Restriction>,
    /// The git repository of the project's code, for CI/CD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<GitUrl>,
    /// The environments the project has a workspace in; all of them when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environments: Option<Vec<Slug>>,
    /// Where private endpoints go, for private projects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_link: Option<PrivateLinkDoc>,
    /// Outbound rules of the managed network.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outbound_rules: Vec<OutboundRuleDoc>,
    /// The data scientists of the project; each gets a compute instance in development.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_scientists: Vec<DataScientistDoc>,
    /// Compute settings; the "all workspaces" defaults when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<ComputeDoc>,
    /// Inference endpoints in production.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<EndpointsDoc>,
    /// Tags for this project's resources, added to the estate's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "super::tags_schema")]
    pub tags: BTreeMap<String, String>,
}

/// Where a private project's private endpoints are placed: on a project, overriding its
/// environments' spokes; under an environment's `landing-zone`, that environment's spoke.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrivateLinkDoc {
    /// The subnet of the private endpoints; the spoke's, else a deployment parameter, when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet: Option<ResourceId>,
    /// The virtual network the created private DNS zones are linked to (`create` mode); the
    /// spoke's, else a parameter, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_network: Option<ResourceId>,
}

/// The kind of destination of a managed network outbound rule.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::Display,
    strum::EnumString,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum OutboundRuleKind {
    /// A fully qualified domain name.
    Fqdn,
    /// An Azure service tag.
    ServiceTag,
    /// A private endpoint to an Azure resource.
    PrivateEndpoint,
}

/// One outbound rule of a managed network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutboundRuleDoc {
    /// The rule's name.
    pub name: Slug,
    /// What kind of destination it allows.
    pub kind: OutboundRuleKind,
    /// The destination: a domain name, a service tag, or a resource id.
    pub destination: String,
}

/// One data scientist of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DataScientistDoc {
    /// A short name; it names the data scientist's compute instance.
    pub name: Slug,
    /// The data scientist's Entra user object id.
    pub object_id: Guid,
    /// A VM size for this data scientist's instance, when not the project's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vm_size: Option<VmSize>,
}

/// Compute settings of a project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ComputeDoc {
    /// Settings of every data scientist's compute instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<InstanceDoc>,
    /// Development clusters, one per VM size, shared by the data scientists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clusters: Option<Vec<ClusterDoc>>,
    /// Production pipelines, each with a cluster of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pipelines: Vec<PipelineDoc>,
}

/// Settings of the data scientists' compute instances.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InstanceDoc {
    /// The VM size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vm_size: Option<VmSize>,
    /// Minutes of inactivity before the instance shuts down; 0 turns idle shutdown off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_shutdown_minutes: Option<u32>,
}

/// A development cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClusterDoc {
    /// The VM size; one cluster per size.
    pub vm_size: VmSize,
    /// The minimum node count (0 keeps an idle cluster free).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_nodes: Option<u32>,
    /// The maximum node count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_nodes: Option<u32>,
    /// Seconds a node stays idle before the cluster scales down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_seconds_before_scale_down: Option<u32>,
}

/// A production pipeline with its own cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PipelineDoc {
    /// The pipeline's name; it names its cluster.
    pub name: Slug,
    /// The VM size of the pipeline's cluster.
    pub vm_size: VmSize,
    /// The minimum node count (0 keeps an idle cluster free).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_nodes: Option<u32>,
    /// The maximum node count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_nodes: Option<u32>,
    /// Seconds a node stays idle before the cluster scales down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_seconds_before_scale_down: Option<u32>,
}

/// Production endpoints of a project.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EndpointsDoc {
    /// Create a managed online endpoint in every environment that serves real-time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub online: bool,
    /// Create a batch endpoint in every environment that serves batch.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub batch: bool,
}
