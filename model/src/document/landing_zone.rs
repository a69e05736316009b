//! The estate's place in an Azure landing zone.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the organisation's Azure landing zone already provides or imposes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LandingZoneDoc {
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
