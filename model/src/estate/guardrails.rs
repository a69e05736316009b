//! Guardrails: where the estate's Azure Policy assignments go, their effects, and exemptions.

use std::collections::BTreeMap;

use super::{EnvironmentId, ProjectId};
use crate::newtypes::Date;
use crate::vocabulary::{ExemptionCategory, Guardrail, GuardrailScope, PolicyEffect, Stage};

/// The estate's guardrails, every default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guardrails {
    /// Where assignments go.
    pub scope: GuardrailScope,
    /// The management group mlzone's own definitions are deployed to; each environment's
    /// subscription when `None`.
    pub management_group: Option<String>,
    /// The effects of each environment, by position of the environment.
    pub(crate) effects: Vec<Effects>,
    /// Exemptions, in document order.
    pub exemptions: Vec<Exemption>,
}

/// The effects of the guardrails of one environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effects {
    /// The effect of every guardrail not named in `overrides`.
    pub effect: PolicyEffect,
    /// The effect of single guardrails.
    pub overrides: BTreeMap<Guardrail, PolicyEffect>,
}

impl Effects {
    /// The effects of an environment of `stage` when the document says nothing: audit in
    /// development, deny elsewhere.
    pub fn of_stage(stage: Stage) -> Self {
        Self {
            effect: match stage {
                Stage::Development => PolicyEffect::Audit,
                Stage::Test | Stage::Production => PolicyEffect::Deny,
            },
            overrides: BTreeMap::new(),
        }
    }

    /// The effect the document asks of `guardrail`.
    pub fn of(&self, guardrail: Guardrail) -> PolicyEffect {
        self.overrides
            .get(&guardrail)
            .copied()
            .unwrap_or(self.effect)
    }
}

/// An exemption of one environment, or one project in it, from one guardrail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    /// The guardrail exempted from.
    pub guardrail: Guardrail,
    /// The environment it holds in.
    pub environment: EnvironmentId,
    /// The project it holds for; the whole environment when `None`.
    pub project: Option<ProjectId>,
    /// Waiver or mitigated.
    pub category: ExemptionCategory,
    /// Why it is granted.
    pub reason: String,
    /// The last day it holds.
    pub expires: Date,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}

impl Guardrails {
    /// The effects of the guardrails of `environment`.
    pub fn effects(&self, environment: EnvironmentId) -> Option<&Effects> {
        self.effects.get(environment.index())
    }

    /// Whether `project` (or its whole environment) is exempted from `guardrail` in
    /// `environment`, and by which exemption.
    pub fn exemption(
        &self,
        guardrail: Guardrail,
        environment: EnvironmentId,
        project: ProjectId,
    ) -> Option<&Exemption> {
        self.exemptions.iter().find(|exemption| {
            exemption.guardrail == guardrail
                && exemption.environment == environment
                && exemption.project.is_none_or(|exempted| exempted == project)
        })
    }
}
