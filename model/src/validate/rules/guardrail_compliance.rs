//! The estate's own deployment complies with the guardrails it assigns: every policy the
//! `policy` target assigns in an environment is evaluated, offline, on the resources the
//! estate deploys there. A resource that a Deny would refuse is an error (the deployment
//! would fail), one an Audit would report is a warning. What the evaluator cannot judge is
//! reported the same way, as a possible denial or report: unknown never counts as compliant.
//! Exempted projects are skipped.

use std::collections::{BTreeMap, BTreeSet};

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::estate::{EnvironmentId, ProjectId};
use crate::guardrails::{self, Source};

use crate::policy::{Definition, Evaluator, Library, ParameterValues, Verdict, may_apply, planned};
use crate::validate::context::Context;
use crate::vocabulary::PolicyEffect;

pub(crate) static DENIED: Rule = Rule {
    info: RuleInfo {
        code: Code::GuardrailDenied,
        default_severity: Severity::Error,
        summary: "no resource the estate deploys is denied by a guardrail it assigns",
        description: "The `policy` target assigns Azure Policy guardrails with the Deny effect in test and production (by default). A resource of the estate's own deployment that breaks such a rule is refused by Azure, so the deployment fails. A rule the offline evaluator cannot judge on a resource (an alias, function or fact it does not know) is reported as a possible denial: unknown never counts as compliant.",
        help: "change the resource to comply, lower the guardrail's effect for the environment (`guardrails: environments:`), or exempt the project with a reason and an expiry date (`guardrails: exemptions:`)",
    },
    check: check_denied,
};

pub(crate) static AUDITED: Rule = Rule {
    info: RuleInfo {
        code: Code::GuardrailNonCompliant,
        default_severity: Severity::Warning,
        summary: "no resource the estate deploys is reported by a guardrail it assigns",
        description: "A guardrail with the Audit effect (by default in development) lets a resource that breaks its rule be deployed and reports it non-compliant: the estate's own deployment starts out non-compliant with its own guardrails. A rule the offline evaluator cannot judge on a resource is reported as a possible report.",
        help: "change the resource to comply, or exempt the project with a reason and an expiry date (`guardrails: exemptions:`)",
    },
    check: check_audited,
};

/// What one evaluation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Denied,
    Audited,
}

fn check_denied(cx: &mut Context<'_>) {
    push(cx, Outcome::Denied);
}

fn check_audited(cx: &mut Context<'_>) {
    push(cx, Outcome::Audited);
}

fn push(cx: &mut Context<'_>, wanted: Outcome) {
    let findings: Vec<Diagnostic> = cx
        .guardrail_findings()
        .iter()
        .filter(|(outcome, _)| *outcome == wanted)
        .map(|(_, finding)| finding.clone())
        .collect();
    for finding in findings {
        cx.push(finding);
    }
}

/// Every guardrail finding of `estate`, evaluated once for the three rules.
pub(crate) fn evaluate(estate: &crate::Estate) -> Vec<(Outcome, Diagnostic)> {
    let resources = planned::resources(estate);
    let deployed = planned::Deployed::of(&resources);
    // Each resource as the deployment requests it and as it stands once deployed (what an
    // Audit guardrail judges), made once for every guardrail.
    let mut by_project: BTreeMap<(EnvironmentId, ProjectId), Vec<Sides<'_>>> = BTreeMap::new();
    for resource in &resources {
        by_project
            .entry((resource.environment, resource.project))
            .or_default()
            .push(Sides {
                planned: resource,
                deployed: std::cell::OnceCell::new(),
                evaluator: Evaluator::new(
                    crate::policy::Aliases::builtin(),
                    resource.facts.clone(),
                ),
            });
    }
    let library = Library::reference();
    let mut custom: BTreeMap<&'static str, Result<Definition, String>> = BTreeMap::new();
    let mut findings = Vec::new();
    for (environment, env) in estate.environments() {
        let planned_guardrails = guardrails::environment_guardrails(estate, environment);
        for (index, assignment) in planned_guardrails.assignments.iter().enumerate() {
            if assignment.effect == PolicyEffect::Disabled {
                continue;
            }
            let info = assignment.definition();
            let definition: Result<&Definition, String> = match info.source {
                Source::Builtin(guid) => library.definition(guid).ok_or_else(|| {
                    format!("built-in definition `{guid}` is not in mlzone's library")
                }),
                Source::Custom(name) => custom
                    .entry(name)
                    .or_insert_with(|| {
                        info.custom_definition()
                            .ok_or_else(|| format!("definition `{name}` is not embedded"))
                            .and_then(|value| {
                                Definition::from_value(value).map_err(|error| error.to_string())
                            })
                    })
                    .as_ref()
                    .map_err(Clone::clone),
            };
            let given: ParameterValues = assignment
                .parameters
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone()))
                .collect();
            let bound = definition
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|d| d.bind(&given).map_err(|error| error.to_string()));
            let covered: BTreeSet<ProjectId> = assignment
                .projects
                .iter()
                .copied()
                .filter(|project| planned_guardrails.exemption_of(index, *project).is_none())
                .collect();
            let targets = |sides: &&Sides<'_>| {
                definition.as_ref().map_or(true, |definition| {
                    may_apply(definition, &sides.planned.resource.resource_type)
                })
            };
            let here = covered
                .iter()
                .filter_map(|project| by_project.get(&(environment, *project)))
                .flatten();
            for sides in here.filter(targets) {
                let resource = sides.planned;
                let project = &estate[resource.project];
                let what = || {
                    format!(
                        "`{}` ({}) of project `{}` in `{}`",
                        resource.resource.full_name,
                        short_type(&resource.resource.resource_type),
                        project.name,
                        env.name
                    )
                };
                let (rule, outcome) = if assignment.effect == PolicyEffect::Deny {
                    (&DENIED, Outcome::Denied)
                } else {
                    (&AUDITED, Outcome::Audited)
                };
                let verb = if assignment.effect == PolicyEffect::Deny {
                    "deny"
                } else {
                    "report"
                };
                let unproven = |why: String| {
                    (
                        outcome,
                        rule.finding(
                            resource.path.clone(),
                            format!(
                                "guardrail `{}` ({}) may {verb} {}: it cannot be evaluated offline ({why})",
                                assignment.guardrail,
                                assignment.effect.azure(),
                                what(),
                            ),
                        ),
                    )
                };
                let (definition, parameters) = match (&definition, &bound) {
                    (Ok(definition), Ok(parameters)) => (*definition, parameters),
                    (Err(why), _) | (_, Err(why)) => {
                        findings.push(unproven(why.clone()));
                        continue;
                    }
                };
                // Deny judges the request; Audit judges the resource as it stands once the
                // deployment is done, with the connections its private endpoints made.
                let judged = if assignment.effect == PolicyEffect::Audit {
                    sides.deployed.get_or_init(|| deployed.resource(resource))
                } else {
                    &resource.resource
                };
                let evaluation = sides
                    .evaluator
                    .evaluate_bound(definition, parameters, judged);
                match evaluation.verdict {
                    Verdict::Compliant | Verdict::NotApplicable { .. } => {}
                    Verdict::Unknown { because } => {
                        let why = because.first().map_or_else(
                            || "the evaluator cannot tell".to_owned(),
                            |b| b.text.clone(),
                        );
                        findings.push(unproven(why));
                    }
                    Verdict::NonCompliant { because } => {
                        let why = because
                            .last()
                            .map_or_else(String::new, |b| format!(": {}", b.text));
                        let verb = if assignment.effect == PolicyEffect::Deny {
                            "denies"
                        } else {
                            "reports"
                        };
                        findings.push((
                            outcome,
                            rule.finding(
                                resource.path.clone(),
                                format!(
                                    "guardrail `{}` ({}) {verb} {}{why}",
                                    assignment.guardrail,
                                    assignment.effect.azure(),
                                    what(),
                                ),
                            ),
                        ));
                    }
                }
            }
        }
    }
    findings
}

/// `computes` for `Microsoft.MachineLearningServices/workspaces/computes`.
fn short_type(resource_type: &str) -> &str {
    resource_type.rsplit('/').next().unwrap_or(resource_type)
}

/// A planned resource with its deployed form (made when an Audit guardrail first asks) and
/// the evaluator of its subscription's and resource group's facts.
struct Sides<'r> {
    planned: &'r planned::Planned,
    deployed: std::cell::OnceCell<crate::policy::PolicyResource>,
    evaluator: Evaluator<'static>,
}
