//! The views of the templates: each wraps the parts of the plan one template renders. Their
//! field names are load-bearing (templates read them). The targets render them, and the
//! samples that check user overrides are built from them, so both see the same shape.

use serde::Serialize;

use super::docs::{DocsPlan, LandingZoneView, ProjectPage};
use super::policy::{EnvironmentPolicy, ManagementGroupPolicy, ResourceGroupPolicy};
use super::symbols::ProjectSymbols;
use super::{Deployment, EnvironmentPlan, KINDS, Kinds, PrivateDns, ProjectPlan, RoleDefinition};

/// The resource types and API versions, as `api` in every deployment template.
pub const API: &Kinds = &KINDS;

/// What templates know about the environment they render for.
#[derive(Debug, Clone, Serialize)]
pub struct EnvironmentView<'a> {
    /// The environment's name.
    pub name: &'a str,
    /// Its stage.
    pub stage: &'a str,
    /// Its region.
    pub location: &'a str,
    /// Its subscription, when known.
    pub subscription: Option<&'a str>,
}

impl<'a> EnvironmentView<'a> {
    /// The view of `environment`.
    pub fn of(environment: &'a EnvironmentPlan) -> Self {
        Self {
            name: &environment.name,
            stage: &environment.stage,
            location: &environment.location,
            subscription: environment.subscription.as_deref(),
        }
    }
}

/// The view of `bicep/main.bicep.tera` (and the ARM templates).
#[derive(Debug, Clone, Serialize)]
pub struct MainView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment.
    pub environment: EnvironmentView<'a>,
    /// The deployment rendered.
    pub deployment: &'a Deployment,
}

/// The view of `bicep/project.bicep.tera` (and the ARM project template).
#[derive(Debug, Clone, Serialize)]
pub struct ProjectView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment.
    pub environment: EnvironmentView<'a>,
    /// The project rendered.
    pub project: &'a ProjectPlan,
    /// The symbols of the resources the module declares under a fixed name.
    pub symbols: &'a ProjectSymbols,
}

/// The view of `bicep/private-dns.bicep.tera` (and the ARM private DNS template).
#[derive(Debug, Clone, Serialize)]
pub struct DnsView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment.
    pub environment: EnvironmentView<'a>,
    /// The zones rendered.
    pub dns: &'a PrivateDns,
}

/// The view of the model registry's templates (`bicep/registry.bicep.tera`,
/// `bicep/registry-module.bicep.tera`, `bicep/registry.bicepparam.tera`,
/// `arm/registry.json.tera`, `arm/registry.parameters.json.tera`).
#[derive(Debug, Clone, Serialize)]
pub struct RegistryView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The registry's deployment.
    pub registry: &'a super::model_registry::RegistryPlan,
}

/// The view of `bicep/registry-reader.bicep.tera`: the module takes every value as a
/// parameter, so it needs only the resource types.
#[derive(Debug, Clone, Serialize)]
pub struct RegistryReaderView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
}

/// The view of `roles/role.json.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView<'a> {
    /// The role rendered.
    pub role: &'a RoleDefinition,
}

/// The view of the estate-wide documentation pages (`docs/readme.md.tera`,
/// `docs/access-matrix.md.tera`, `docs/permission-diff.md.tera`, `docs/promotion.md.tera`).
#[derive(Debug, Clone, Serialize)]
pub struct DocsView<'a> {
    /// Everything the docs show.
    pub docs: &'a DocsPlan,
}

/// The view of `docs/project.md.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectPageView<'a> {
    /// The project shown.
    pub project: ProjectPage<'a>,
}

/// The view of `docs/landing-zone.md.tera`, the part of the docs README and the pipeline
/// README that describes one environment's place in the landing zone.
#[derive(Debug, Clone, Serialize)]
pub struct LandingZonePartView<'a> {
    /// The environment's landing zone settings.
    pub lz: &'a LandingZoneView,
    /// The environment's name.
    pub env_name: &'a str,
}

/// The view of `policy/main.bicep.tera` and `policy/azuredeploy.json.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment's guardrails.
    pub environment: &'a EnvironmentPolicy,
}

/// The view of `policy/resource-group.bicep.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyGroupView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The environment's guardrails.
    pub environment: &'a EnvironmentPolicy,
    /// The resource group rendered.
    pub group: &'a ResourceGroupPolicy,
}

/// The view of `policy/management-group.bicep.tera` and `policy/management-group.json.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct ManagementGroupView<'a> {
    /// Resource types and API versions.
    pub api: &'a Kinds,
    /// The management group's definitions.
    pub group: &'a ManagementGroupPolicy,
}

/// The view of `docs/guardrails.md.tera`.
#[derive(Debug, Clone, Serialize)]
pub struct GuardrailsDocsView<'a> {
    /// The organisation's display name.
    pub organisation: &'a str,
    /// Every environment's guardrails.
    pub environments: &'a [EnvironmentPolicy],
}
