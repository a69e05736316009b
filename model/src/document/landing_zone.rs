//! The estate's place in an Azure landing zone: central private DNS, shared monitoring and
//! each environment's spoke network.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::PrivateLinkDoc;
use crate::newtypes::{ResourceGroupId, ResourceId};
use crate::vocabulary::PrivateDnsMode;

/// What the organisation's Azure landing zone already provides or imposes, for every
/// environment (each environment's `landing-zone` overrides what it provides).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LandingZoneDoc {
    /// How private endpoints are registered in private DNS; `mode: create` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_dns: Option<PrivateDnsDoc>,
    /// The resource id of a central Log Analytics workspace that every Application Insights
    /// component sends to; each project gets a workspace of its own when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_analytics: Option<ResourceId>,
    /// Azure Policy assignments made above the estate's subscriptions (at a management
    /// group) that its deployments must pass: the validator evaluates each against every
    /// resource the estate deploys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherited: Vec<InheritedPolicyDoc>,
}

impl LandingZoneDoc {
    pub(super) fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// One environment's place in the landing zone, overriding the estate's `landing-zone`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EnvironmentLandingZoneDoc {
    /// How private endpoints are registered in private DNS in this environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_dns: Option<PrivateDnsDoc>,
    /// The central Log Analytics workspace of this environment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_analytics: Option<ResourceId>,
    /// The environment's spoke: the subnet of private endpoints and the virtual network,
    /// for every private project that gives none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_link: Option<PrivateLinkDoc>,
}

impl EnvironmentLandingZoneDoc {
    pub(super) fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// How private endpoints are registered in private DNS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrivateDnsDoc {
    /// `create` zones per environment, use `existing` central zones, or leave the
    /// registration to the organisation's DeployIfNotExists `policy`.
    pub mode: PrivateDnsMode,
    /// `existing` mode: the resource group that holds every central zone under its standard
    /// name (in any subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<ResourceGroupId>,
    /// `existing` mode: the resource id of each central zone, by zone name
    /// (`privatelink.api.azureml.ms: /subscriptions/…/privateDnsZones/privatelink.api.azureml.ms`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub zones: BTreeMap<String, ResourceId>,
}

/// One inherited policy: an Azure Landing Zones assignment by name (`Deny-Public-Endpoints`),
/// or a built-in or ALZ definition or initiative by id or name
/// (`/providers/Microsoft.Authorization/policyDefinitions/438c38d2-…`), from mlzone's
/// reference library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InheritedPolicyDoc {
    /// The assignment's name, or the definition's or initiative's id or name.
    pub policy: String,
    /// Parameter values, by parameter name (over the assignment's own).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, serde_json::Value>,
    /// The effect every definition it applies takes (`Deny`, `Audit`, …), where that
    /// definition has an `effect` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<String>,
}
