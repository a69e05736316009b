//! Guardrails as written: where Azure Policy assignments go, their effects, and exemptions.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::newtypes::{Date, Slug};
use crate::vocabulary::{ExemptionCategory, Guardrail, GuardrailScope, PolicyEffect};

/// The Azure Policy guardrails of the estate (the `policy` target); every guardrail is
/// assigned in every environment when absent, audited in development and denied elsewhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GuardrailsDoc {
    /// Where assignments go; `subscription` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<GuardrailScope>,
    /// The management group (its name, the last segment of its id) that mlzone's own policy
    /// definitions are deployed to once for every environment; each environment's
    /// subscription when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 90))]
    pub management_group: Option<String>,
    /// Settings per environment name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environments: BTreeMap<Slug, GuardrailEnvironmentDoc>,
    /// Exemptions from a guardrail, each with a reason and an expiry date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exemptions: Vec<ExemptionDoc>,
}

/// The guardrails of one environment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GuardrailEnvironmentDoc {
    /// The effect of every guardrail in the environment; `audit` in development and `deny`
    /// in test and production when absent. A guardrail whose definition cannot deny audits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<PolicyEffect>,
    /// The effect of single guardrails, overriding the environment's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub effects: BTreeMap<Guardrail, PolicyEffect>,
}

/// An exemption of one environment, or one project in it, from one guardrail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExemptionDoc {
    /// The guardrail exempted from.
    pub guardrail: Guardrail,
    /// The environment it holds in.
    pub environment: Slug,
    /// The project it holds for (its resource group); the whole environment when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Slug>,
    /// Whether the risk is waived or mitigated otherwise; `waiver` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<ExemptionCategory>,
    /// Why the exemption is granted.
    #[schemars(length(min = 1, max = super::limits::MAX_DESCRIPTION))]
    pub reason: String,
    /// The last day the exemption holds (it expires at the end of that day, UTC).
    pub expires: Date,
}
