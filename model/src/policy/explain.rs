//! The policy question of `mlzone explain` and the Python binding: would the estate's
//! resources pass a policy of the reference library, by which rule, and why.

use serde::Serialize;

use super::evaluate::Verdict;
use super::judge::judge;
use super::library::{Applied, Library, expand_inherited};
use super::planned::{self, Planned};
use super::{Effect, Enforcement, ParameterValues};
use crate::diagnostic::{Code, Diagnostic, unknown_name};
use crate::estate::{EnvironmentId, Estate, ProjectId};

/// The question: a policy reference, its parameters and effect, and which resources.
#[derive(Debug, Clone, Default)]
pub struct PolicyQuestion<'a> {
    /// An assignment's name, or a definition's or initiative's id or name.
    pub policy: &'a str,
    /// Parameter values by name.
    pub parameters: ParameterValues,
    /// The effect imposed where the definitions accept it.
    pub effect: Option<&'a str>,
    /// Only this environment.
    pub environment: Option<EnvironmentId>,
    /// Only this project.
    pub project: Option<ProjectId>,
    /// Only the resources with this name (the full name `ws/compute` or its last segment).
    pub resource: Option<&'a str>,
}

/// The answer, serialised as the JSON of `mlzone explain --policy` and the Python dict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyExplanation {
    /// The policy asked about.
    pub policy: String,
    /// One answer per resource and definition that applies to it.
    pub answers: Vec<PolicyAnswer>,
    /// Definitions the policy applies that the evaluator cannot judge, with why.
    pub not_evaluated: Vec<NotEvaluated>,
}

/// One definition on one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyAnswer {
    /// The environment's name.
    pub environment: String,
    /// The project's name.
    pub project: String,
    /// The resource type.
    pub resource_type: String,
    /// The resource's full name.
    pub resource: String,
    /// The initiative member's reference id, for an initiative.
    pub member: Option<String>,
    /// The definition's name.
    pub definition: String,
    /// The definition's display name.
    pub display_name: String,
    /// The effect, when it resolves.
    pub effect: Option<String>,
    /// `compliant`, `non-compliant` or `unknown`.
    pub verdict: String,
    /// Whether Azure would refuse the deployment of this resource.
    pub denied: bool,
    /// The conditions that decided (non-compliant) or that could not be evaluated (unknown).
    pub because: Vec<Reason>,
}

/// One condition of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Its JSON pointer in the definition.
    pub pointer: String,
    /// What it compared.
    pub text: String,
}

/// A definition that is not evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotEvaluated {
    /// The member's reference id or the definition id.
    pub member: String,
    /// Why.
    pub reason: String,
}

/// Answers `question` for `estate`: every definition the policy applies on every planned
/// resource it concerns (not-applicable pairs left out). An unknown policy, resource or a
/// parameter the definitions refuse is a diagnostic (`unknown-reference`, `invalid-value`).
pub fn explain(
    estate: &Estate,
    question: &PolicyQuestion<'_>,
) -> Result<PolicyExplanation, Box<Diagnostic>> {
    let library = Library::reference();
    let applied = match expand_inherited(
        library,
        question.policy,
        &question.parameters,
        question.effect,
    ) {
        None => {
            return Err(Box::new(unknown_name(
                "",
                "policy",
                question.policy,
                library.names(),
            )));
        }
        Some(Err(e)) => {
            return Err(Box::new(Diagnostic::error(
                Code::InvalidValue,
                e.pointer,
                format!("policy `{}`: {}", question.policy, e.message),
            )));
        }
        Some(Ok(applied)) => applied,
    };
    if let Some(effect) = question.effect
        && Effect::from_name(effect).is_none()
    {
        return Err(Box::new(Diagnostic::error(
            Code::InvalidValue,
            "",
            format!("`{effect}` is no policy effect"),
        )));
    }
    let all = planned::resources(estate);
    let in_environment: Vec<Planned> = all
        .into_iter()
        .filter(|p| question.environment.is_none_or(|e| e == p.environment))
        .filter(|p| question.project.is_none_or(|id| id == p.project))
        .collect();
    let chosen: Vec<Planned> = match question.resource {
        None => in_environment,
        Some(name) => {
            let matches = |p: &Planned| {
                p.resource.full_name.eq_ignore_ascii_case(name)
                    || p.resource.name().eq_ignore_ascii_case(name)
            };
            if !in_environment.iter().any(matches) {
                let known: Vec<&str> = in_environment.iter().map(|p| p.resource.name()).collect();
                return Err(Box::new(unknown_name("", "resource", name, known)));
            }
            in_environment
                .iter()
                .filter(|p| matches(p))
                .cloned()
                .collect()
        }
    };
    let answers = judge(&applied, &chosen)
        .into_iter()
        .filter_map(|j| {
            let (verdict, because) = match &j.evaluation.verdict {
                Verdict::NotApplicable { .. } => return None,
                Verdict::Compliant => ("compliant", Vec::new()),
                Verdict::NonCompliant { because } => ("non-compliant", because.clone()),
                Verdict::Unknown { because } => ("unknown", because.clone()),
            };
            let effect = j.evaluation.effect.as_ref().ok().copied();
            let definition = j.applied.definition.as_ref().ok()?;
            Some(PolicyAnswer {
                environment: estate[j.planned.environment].name.to_string(),
                project: estate[j.planned.project].name.to_string(),
                resource_type: j.planned.resource.resource_type.clone(),
                resource: j.planned.resource.full_name.clone(),
                member: j.applied.reference_id.clone(),
                definition: definition.name.clone(),
                display_name: definition.display_name.clone(),
                effect: effect.map(|e| e.name().to_owned()),
                verdict: verdict.to_owned(),
                denied: verdict == "non-compliant"
                    && j.applied.enforcement == Enforcement::Default
                    && matches!(effect, Some(Effect::Deny | Effect::DenyAction)),
                because: because
                    .into_iter()
                    .map(|b| Reason {
                        pointer: b.pointer,
                        text: b.text,
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(PolicyExplanation {
        policy: question.policy.to_owned(),
        answers,
        not_evaluated: not_evaluated(&applied),
    })
}

fn not_evaluated(applied: &[Applied<'_>]) -> Vec<NotEvaluated> {
    applied
        .iter()
        .filter_map(|a| {
            let reason = a.definition.as_ref().err()?;
            Some(NotEvaluated {
                member: a
                    .reference_id
                    .clone()
                    .unwrap_or_else(|| a.definition_id.clone()),
                reason: reason.clone(),
            })
        })
        .collect()
}
