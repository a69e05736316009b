//! The deployment plan: every resource of every environment, named, versioned and grouped
//! into deployments, built from a validated estate.
//!
//! The plan is the only thing templates see. Its types are view-models: `#[derive(Serialize)]`
//! structs whose field names are **load-bearing** (templates read them), with collections in
//! a fixed order (environments in promotion order, everything else by name), so the same
//! estate always gives the same plan. One plan feeds the Bicep, ARM and roles targets, so they
//! agree by construction.
//!
//! Scopes: each environment is one subscription-scope deployment (split into several when it
//! would pass ARM's limits, see [`split`]). It creates the custom role definitions, one
//! resource group per project with a nested deployment of the project's resources, and, when
//! a project is private, a resource group with the environment's private DNS zones.

pub mod docs;
mod environment;
pub mod kinds;
pub mod model_registry;
mod network;
pub mod pipeline;
pub mod policy;
pub mod posture;
mod project;
pub mod promotion;
pub mod registry;
mod registry_pipeline;
mod roles;
pub mod split;
pub mod symbols;
pub mod views;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use mlzone_model::validate::Validated;

use crate::error::Error;

pub use kinds::{KINDS, Kind, Kinds};

/// The deployment plan of a whole estate.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// The organisation's display name.
    pub organisation: String,
    /// The Entra ID tenant.
    pub tenant: String,
    /// The model registry's deployment, run before every environment's.
    pub registry: Option<model_registry::RegistryPlan>,
    /// One plan per environment, in promotion order.
    pub environments: Vec<EnvironmentPlan>,
    /// What the `docs` and `pipeline` targets render: access computed by the evaluator, the
    /// project pages and the promotion graph.
    pub docs: docs::DocsPlan,
    /// The model promotion pipeline and its load tests, which the `pipeline` target renders.
    pub promotion: promotion::PromotionPlan,
    /// What the `policy` target renders: the guardrails of every environment.
    pub policy: policy::PolicyPlan,
}

impl Plan {
    /// Plans every environment of a validated estate.
    ///
    /// Fails when two resources would get the same Azure name ([`Error::NameCollision`]) or
    /// when a custom role cannot be written as one permission block
    /// ([`Error::RoleNotExpressible`]).
    pub fn build(validated: &Validated) -> Result<Self, Error> {
        let estate = validated.estate();
        Ok(Plan {
            organisation: estate.organisation().to_owned(),
            tenant: estate.tenant().to_string(),
            registry: model_registry::plan(
                estate,
                &mlzone_model::naming::EstateNames::for_estate(estate),
            )?,
            environments: environment::plan(estate)?,
            docs: docs::plan(estate),
            promotion: promotion::plan(estate),
            policy: policy::plan(estate),
        })
    }
}

/// Everything deployed into one environment's subscription.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentPlan {
    /// The environment's name (a slug; names folders).
    pub name: String,
    /// Its stage (`development`, `test`, `production`).
    pub stage: String,
    /// Its Azure region.
    pub location: String,
    /// Its subscription, when the document gives one.
    pub subscription: Option<String>,
    /// The custom role definitions created at its subscription, by key.
    pub role_definitions: Vec<RoleDefinition>,
    /// The subscription-scope deployments, in the order they must run (one unless split).
    pub deployments: Vec<Deployment>,
}

/// One subscription-scope deployment: one `main*.bicep`, one `azuredeploy*.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Deployment {
    /// 1-based position among the environment's deployments.
    pub index: usize,
    /// How many deployments the environment has.
    pub count: usize,
    /// The Bicep file, relative to the environment folder (`main.bicep`, `main-2.bicep`).
    pub bicep_file: String,
    /// The Bicep parameters file beside it (`main.bicepparam`, `main-2.bicepparam`).
    pub bicep_parameters_file: String,
    /// The ARM template file (`azuredeploy.json`, `azuredeploy-2.json`).
    pub arm_file: String,
    /// The ARM parameter file (`azuredeploy.parameters.json`, …).
    pub arm_parameters_file: String,
    /// The parameters this deployment takes (values the document leaves out).
    pub parameters: Vec<Parameter>,
    /// The custom role definitions it creates (the first deployment creates them all).
    pub role_definitions: Vec<RoleDefinition>,
    /// The private DNS zones, in the first deployment of an environment with private projects
    /// that creates its zones (`create` mode).
    pub dns: Option<PrivateDns>,
    /// The projects it deploys.
    pub projects: Vec<ProjectPlan>,
    /// Resources declared at its top level (ARM counts these against the 800 limit).
    pub top_level_resources: usize,
    /// The size the plan estimated for its ARM template, in bytes.
    pub estimated_bytes: usize,
    /// The pipelines' role at the model registry, in the first deployment of an environment
    /// whose pipelines hold one.
    pub registry_pipeline: Option<RegistryPipeline>,
}

/// A value the document gives, or a deployment parameter when it does not.
///
/// Load-bearing: the `bicep_operand`, `arm_operand` and `arm_operand_expression` filters read
/// the `kind` tag and its field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Operand {
    /// A literal string.
    Literal {
        /// The value.
        value: String,
    },
    /// A parameter of the template.
    Parameter {
        /// The parameter's name.
        name: String,
    },
    /// The id of the subscription deployed to (`subscription().id`).
    SubscriptionId,
}

impl Operand {
    /// A literal.
    pub fn literal(value: impl Into<String>) -> Self {
        Operand::Literal {
            value: value.into(),
        }
    }

    /// The parameter this operand reads, if any.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            Operand::Parameter { name } => Some(name),
            _ => None,
        }
    }
}

/// A template parameter: a value the document leaves out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Parameter {
    /// Its name, a valid identifier unique in the environment (case-insensitively).
    pub name: String,
    /// What to give, shown by tools.
    pub description: String,
    /// The placeholder written into parameter files, clearly marked as one.
    pub placeholder: String,
    /// The shortest value Azure accepts (`@minLength`, ARM's `minLength`).
    pub min_length: usize,
    /// The longest value Azure accepts (`@maxLength`, ARM's `maxLength`).
    pub max_length: usize,
}

/// A custom role definition at an environment's subscription.
#[derive(Debug, Clone, Serialize)]
pub struct RoleDefinition {
    /// The role's key: a library key or the document's role name; names the roles file.
    pub key: String,
    /// The role definition GUID (UUIDv5 over tenant, subscription, environment and key).
    pub guid: String,
    /// The Bicep symbol of the resource.
    pub symbol: String,
    /// The role name, unique in the tenant: `{display name} ({organisation}, {environment})`.
    pub role_name: String,
    /// What the role is for.
    pub description: String,
    /// Granted control-plane operations.
    pub actions: Vec<String>,
    /// Subtracted control-plane operations.
    pub not_actions: Vec<String>,
    /// Granted data-plane operations.
    pub data_actions: Vec<String>,
    /// Subtracted data-plane operations.
    pub not_data_actions: Vec<String>,
    /// The assignable scope in templates: `subscription().id`, the subscription deployed to.
    pub scope: Operand,
    /// The assignable scope in the roles file (a marked placeholder when unknown).
    pub scope_text: String,
}

/// The private DNS zones of one environment and their virtual network links.
#[derive(Debug, Clone, Serialize)]
pub struct PrivateDns {
    /// Its resource group.
    pub resource_group: String,
    /// The Bicep symbol of the resource group.
    pub rg_symbol: String,
    /// The Bicep symbol of the module.
    pub module_symbol: String,
    /// The nested deployment's name.
    pub deployment_name: String,
    /// The Bicep module file, relative to the environment folder.
    pub module_path: String,
    /// The region of its resource group.
    pub location: String,
    /// Tags of its resources.
    pub tags: BTreeMap<String, String>,
    /// The parameters the module takes.
    pub parameters: Vec<Parameter>,
    /// The zones, by name.
    pub zones: Vec<DnsZone>,
    /// Links of every zone to every virtual network of the environment's private projects.
    pub links: Vec<DnsLink>,
}

/// One private DNS zone.
#[derive(Debug, Clone, Serialize)]
pub struct DnsZone {
    /// The zone name, e.g. `privatelink.api.azureml.ms`.
    pub name: String,
    /// Its Bicep symbol.
    pub symbol: String,
    /// Whether the name contains a host the Bicep linter's `no-hardcoded-env-urls` flags.
    pub lint_env_url: bool,
}

/// A link of a private DNS zone to a virtual network.
#[derive(Debug, Clone, Serialize)]
pub struct DnsLink {
    /// The zone's name.
    pub zone: String,
    /// The zone's Bicep symbol.
    pub zone_symbol: String,
    /// The link's name (its last segment).
    pub name: String,
    /// The link's Bicep symbol.
    pub symbol: String,
    /// The virtual network.
    pub network: Operand,
}

/// One project in one environment: a resource group and the nested deployment into it.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectPlan {
    /// The project's name.
    pub name: String,
    /// Its resource group.
    pub resource_group: String,
    /// The Bicep symbol of the resource group.
    pub rg_symbol: String,
    /// The Bicep symbol of the module.
    pub module_symbol: String,
    /// The nested deployment's name.
    pub deployment_name: String,
    /// The names of the outputs of `main.bicep` (and the ARM template) that return its
    /// module's outputs.
    pub outputs: ProjectOutputs,
    /// The Bicep module file, relative to the environment folder.
    pub module_path: String,
    /// Its region.
    pub location: String,
    /// Tags of its resources.
    pub tags: BTreeMap<String, String>,
    /// The parameters its module takes (a subset of the deployment's).
    pub parameters: Vec<Parameter>,
    /// GUIDs of the custom roles its assignments use.
    pub custom_roles: Vec<String>,
    /// What its module waits for in its deployment (besides its resource group), set when
    /// the environment is split: the custom roles it uses and the private DNS zones, which the
    /// first deployment creates. ARM lists them in `dependsOn`; Bicep infers them from the
    /// references in `role_ids` and the DNS module's outputs.
    pub depends_on: Vec<Dependency>,
    /// The custom roles its module takes as `roleDefinitionIds`, set when the environment is
    /// split: each by GUID, with its symbol when its deployment creates it.
    pub role_ids: Vec<RoleUse>,
    /// Whether the project is private (Private Link, public access disabled).
    pub private: bool,
    /// The environment's private DNS mode (`create`, `existing` or `policy`): whether the
    /// module takes the created zones' ids, names central zones, or writes no zone group.
    pub private_dns: &'static str,
    /// The name of the private DNS zones' resource group (private projects).
    pub dns_resource_group: String,
    /// Log Analytics workspace: the project's own, or the environment's central one.
    pub log_analytics: LogAnalytics,
    /// Application Insights component.
    pub app_insights: Named,
    /// Storage account.
    pub storage: Storage,
    /// Key vault.
    pub key_vault: KeyVault,
    /// Container registry.
    pub registry: Registry,
    /// The workspace.
    pub workspace: Workspace,
    /// Private endpoints of the workspace and its dependencies (private projects).
    pub private_endpoints: Vec<PrivateEndpoint>,
    /// The private endpoint to the model registry, when the registry and the project are
    /// private.
    pub registry_endpoint: Option<RegistryEndpoint>,
    /// Compute instances and clusters.
    pub computes: Vec<Compute>,
    /// Online and batch endpoints.
    pub endpoints: Vec<Endpoint>,
    /// Role assignments of persona groups on the workspace.
    pub assignments: Vec<Assignment>,
    /// The Azure Load Testing resource of a test environment whose checks run a load test.
    pub load_test: Option<LoadTest>,
    /// The reader role at the model registry for its workspace's identity (test and
    /// production environments of an estate with a registry).
    pub registry_reader: Option<RegistryReader>,
    /// Resources in its nested deployment.
    pub resource_count: usize,
}

/// A custom role a project's module takes: a reference to the definition when its
/// deployment creates it, else its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleUse {
    /// The role definition's GUID.
    pub guid: String,
    /// The Bicep symbol of the definition, when the same deployment creates it.
    pub symbol: Option<String>,
}

/// The names of the outputs of a deployment that return a project's.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectOutputs {
    /// The workspace's resource id.
    pub workspace_id: String,
    /// The workspace's name.
    pub workspace_name: String,
    /// The scoring URIs of its endpoints, by endpoint name (projects with endpoints).
    pub scoring_uris: String,
}

/// A resource of a deployment that a project's module depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dependency {
    /// A custom role definition of the deployment.
    Role {
        /// The Bicep symbol of the role definition.
        symbol: String,
        /// The role definition's GUID (its ARM name).
        guid: String,
    },
    /// The nested deployment of the private DNS zones.
    Dns {
        /// The Bicep symbol of its module.
        symbol: String,
        /// The resource group it deploys to.
        resource_group: String,
        /// The nested deployment's name.
        deployment_name: String,
    },
}

/// Where a project's Application Insights component sends its data.
#[derive(Debug, Clone, Serialize)]
pub struct LogAnalytics {
    /// The name of the project's own workspace; `None` when the environment shares one.
    pub name: Option<String>,
    /// The resource id of the central workspace, when the environment shares one.
    pub central_id: Option<String>,
}

/// A resource that needs only a name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// Its Azure name.
    pub name: String,
}

/// The workspace's storage account.
#[derive(Debug, Clone, Serialize)]
pub struct Storage {
    /// Its Azure name.
    pub name: String,
    /// Its SKU.
    pub sku: &'static str,
    /// `Enabled` or `Disabled`.
    pub public_network_access: &'static str,
    /// `Allow` or `Deny`.
    pub default_action: &'static str,
    /// Checkov checks it deliberately does not meet, with the reasons.
    pub skips: Vec<posture::Skip>,
}

/// The workspace's key vault.
#[derive(Debug, Clone, Serialize)]
pub struct KeyVault {
    /// Its Azure name.
    pub name: String,
    /// `enabled` or `disabled` (Key Vault spells them in lowercase).
    pub public_network_access: &'static str,
    /// `Allow` or `Deny`.
    pub default_action: &'static str,
    /// Whether purge protection is on (the environment's posture; once on, it stays on).
    pub purge_protection: bool,
    /// Checkov checks it deliberately does not meet, with the reasons.
    pub skips: Vec<posture::Skip>,
}

/// The workspace's container registry.
#[derive(Debug, Clone, Serialize)]
pub struct Registry {
    /// Its Azure name.
    pub name: String,
    /// `Premium` when private (private endpoints need it), else `Standard`.
    pub sku: &'static str,
    /// `Enabled` or `Disabled`.
    pub public_network_access: &'static str,
    /// Checkov checks it deliberately does not meet, with the reasons.
    pub skips: Vec<posture::Skip>,
}

/// The Azure Machine Learning workspace.
#[derive(Debug, Clone, Serialize)]
pub struct Workspace {
    /// Its Azure name.
    pub name: String,
    /// The friendly name shown in the studio.
    pub friendly_name: String,
    /// The project's description.
    pub description: String,
    /// `Enabled` or `Disabled`.
    pub public_network_access: &'static str,
    /// The managed network isolation mode.
    pub isolation_mode: &'static str,
    /// Whether to provision the managed network at creation.
    pub provision_network_now: bool,
    /// Managed network outbound rules by name, as the API writes them.
    pub outbound_rules: BTreeMap<String, serde_json::Value>,
    /// The cluster that builds images when the registry is private.
    pub image_build_compute: Option<String>,
    /// Checkov checks it deliberately does not meet, with the reasons.
    pub skips: Vec<posture::Skip>,
}

/// A private endpoint with its DNS zone group.
#[derive(Debug, Clone, Serialize)]
pub struct PrivateEndpoint {
    /// Its Azure name.
    pub name: String,
    /// Its Bicep symbol.
    pub symbol: String,
    /// The Bicep symbol of its zone group.
    pub group_symbol: String,
    /// The sub-resource it connects to (`amlworkspace`, `blob`, `file`, `vault`, `registry`).
    pub group_id: &'static str,
    /// The Bicep symbol of the target resource in the project module.
    pub target_symbol: &'static str,
    /// The target's resource type.
    pub target_type: &'static str,
    /// The target's name.
    pub target_name: String,
    /// The subnet it is placed in.
    pub subnet: Operand,
    /// The private DNS zones its zone group registers in.
    pub zones: Vec<ZoneConfig>,
}

/// A private project's endpoint to the model registry, which lives outside the project.
///
/// Load-bearing: the project templates read every field.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryEndpoint {
    /// Its Azure name.
    pub name: String,
    /// Its Bicep symbol.
    pub symbol: String,
    /// The Bicep symbol of its zone group.
    pub group_symbol: String,
    /// The sub-resource it connects to: `amlregistry`.
    pub group_id: &'static str,
    /// The registry's resource id: a literal when the document gives its subscription, a
    /// parameter (the registry deployment's `registryId` output) otherwise.
    pub registry_id: Operand,
    /// The subnet it is placed in.
    pub subnet: Operand,
    /// The private DNS zones its zone group registers in.
    pub zones: Vec<ZoneConfig>,
}

/// The reader role at the model registry for the system-assigned identity of a project's
/// workspace, so that its endpoints pull the registry's models. The environment's deployment
/// assigns it through a nested deployment in the registry's resource group (a module of
/// [`REGISTRY_READER_MODULE`] in Bicep), after the project's, whose output is the principal.
///
/// Load-bearing: the environment templates read every field.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryReader {
    /// The Bicep symbol of the module in `main.bicep`.
    pub symbol: String,
    /// The nested deployment's name, unique in the registry's resource group.
    pub deployment_name: String,
    /// The Bicep module file, relative to the environment folder.
    pub module_path: &'static str,
    /// The registry's subscription.
    pub subscription: RegistrySubscription,
    /// The registry's resource group.
    pub resource_group: String,
    /// The registry's name.
    pub registry: String,
    /// The GUID of the reader role's definition in the registry's subscription: a built-in
    /// role's, or the custom role the registry's deployment defines there.
    pub role_guid: String,
    /// The reader role's display name.
    pub role_name: String,
    /// The assignment's description.
    pub description: String,
}

/// The role at the model registry of the service principal the pipelines sign in as in an
/// environment ([`mlzone_model::estate::Registry::pipeline_duty`]): the publisher role where
/// the promotion shares models from, the reader role where it deploys them. The
/// environment's first deployment assigns it through a nested deployment in the registry's
/// resource group, with the same module as the workspaces' reader role.
///
/// Load-bearing: the environment templates read every field.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryPipeline {
    /// The Bicep symbol of the module in `main.bicep`.
    pub symbol: String,
    /// The nested deployment's name, unique in the registry's resource group.
    pub deployment_name: String,
    /// The Bicep module file, relative to the environment folder.
    pub module_path: &'static str,
    /// The registry's subscription.
    pub subscription: RegistrySubscription,
    /// The registry's resource group.
    pub resource_group: String,
    /// The registry's name.
    pub registry: String,
    /// The pipelines' service principal: the environment's `pipeline principal id` parameter.
    pub principal: Operand,
    /// `publisher` or `reader`.
    pub duty: &'static str,
    /// The GUID of the role's definition in the registry's subscription.
    pub role_guid: String,
    /// The role's display name.
    pub role_name: String,
    /// The assignment's description.
    pub description: String,
}

/// The Bicep module every [`RegistryReader`] of an environment deploys, relative to the
/// environment folder.
pub const REGISTRY_READER_MODULE: &str = "modules/registry-reader.bicep";

/// How an environment's deployment names the model registry's subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RegistrySubscription {
    /// The document gives it.
    Literal {
        /// The subscription's id.
        id: String,
    },
    /// The registry lives in the subscription this deployment runs in (its home environment,
    /// whose subscription the document leaves to the deployment).
    Deployed,
    /// The third segment of the registry's resource id, a parameter of the deployment (the
    /// one its private endpoints take, the registry deployment's `registryId` output).
    FromRegistryId {
        /// The parameter's name.
        parameter: String,
    },
}

impl RegistrySubscription {
    /// The parameter it reads, if any.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            RegistrySubscription::FromRegistryId { parameter } => Some(parameter),
            _ => None,
        }
    }
}

/// One zone of a zone group.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneConfig {
    /// The configuration's name (the zone name with dots as hyphens).
    pub name: &'static str,
    /// The zone's name.
    pub zone: &'static str,
    /// Whether the name contains a host the Bicep linter's `no-hardcoded-env-urls` flags.
    pub lint_env_url: bool,
    /// The central zone's resource id (`existing` private DNS); `None` when the environment
    /// creates the zone.
    pub id: Option<String>,
}

/// A compute instance or a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct Compute {
    /// Its name in the workspace.
    pub name: String,
    /// Its Bicep symbol.
    pub symbol: String,
    /// What it is for.
    pub description: String,
    /// `ComputeInstance` or `AmlCompute`.
    pub compute_type: &'static str,
    /// The VM size.
    pub vm_size: String,
    /// Whether nodes get a public IP (never for private projects).
    pub public_ip: bool,
    /// Settings of a compute instance.
    pub instance: Option<Instance>,
    /// Settings of a cluster.
    pub cluster: Option<Cluster>,
}

/// Settings of a compute instance.
#[derive(Debug, Clone, Serialize)]
pub struct Instance {
    /// The assigned data scientist's Entra object id.
    pub user_object_id: String,
    /// The tenant of that user.
    pub user_tenant_id: Arc<str>,
    /// ISO 8601 idle time before shutdown, when idle shutdown is on.
    pub idle_shutdown: Option<String>,
}

/// Settings of a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// Minimum nodes (0 so an idle cluster costs nothing).
    pub min_nodes: u32,
    /// Maximum nodes.
    pub max_nodes: u32,
    /// ISO 8601 idle time before scale-down.
    pub idle_before_scale_down: String,
}

/// An online or batch endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    /// Its name (unique in the region).
    pub name: String,
    /// Its Bicep symbol.
    pub symbol: String,
    /// `online` or `batch`.
    pub mode: &'static str,
    /// What it serves.
    pub description: String,
    /// `Enabled` or `Disabled` (online endpoints only).
    pub public_network_access: &'static str,
}

/// An Azure Load Testing resource, with the pipeline's right to run tests in it.
#[derive(Debug, Clone, Serialize)]
pub struct LoadTest {
    /// Its name (unique in the resource group).
    pub name: String,
    /// Its Bicep symbol.
    pub symbol: String,
    /// What it tests.
    pub description: String,
    /// The Bicep symbol of the pipeline's role assignment.
    pub assignment_symbol: String,
    /// The object id of the pipeline's service principal.
    pub principal: Operand,
    /// Always `ServicePrincipal`.
    pub principal_type: &'static str,
    /// The GUID of the built-in Load Test Contributor role.
    pub role_guid: &'static str,
    /// The role assignment's description.
    pub assignment_description: String,
}

/// A role assignment of a persona's group on the workspace.
#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    /// Its Bicep symbol.
    pub symbol: String,
    /// The persona.
    pub persona: String,
    /// The group's object id.
    pub principal: Operand,
    /// Always `Group`.
    pub principal_type: &'static str,
    /// The role definition GUID (built-in or custom), at subscription scope; shared by the
    /// environment's assignments of the role.
    pub role_guid: Arc<str>,
    /// Whether the role is a custom role of the environment (its id is a module parameter).
    pub custom: bool,
    /// The role's name, for the description.
    pub role_name: Arc<str>,
    /// The assignment's description.
    pub description: String,
}
