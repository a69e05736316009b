//! Policies applied to planned resources: every applied definition evaluated on every
//! resource, for the validator and `mlzone explain`.

use super::alias::Aliases;
use super::evaluate::{Because, Effect, Evaluation, Evaluator, Verdict};
use super::library::Applied;
use super::planned::{Deployed, Planned};

/// One definition's evaluation on one planned resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement<'a> {
    /// The resource.
    pub planned: &'a Planned,
    /// The definition applied, with its parameters.
    pub applied: &'a Applied<'a>,
    /// The answer; parameter values the definition refuses make it unknown.
    pub evaluation: Evaluation,
}

/// Every evaluable applied definition (those whose `definition` is `Ok`) on every resource,
/// resources first. A Deny (or DenyAction) definition judges the deployment's request; any
/// other effect judges the resource as it stands once deployed ([`Deployed`]).
pub fn judge<'a>(applied: &'a [Applied<'a>], planned: &'a [Planned]) -> Vec<Judgement<'a>> {
    let deployed = Deployed::of(planned);
    // Each definition's parameters bound once, for every resource.
    let bound: Vec<_> = applied
        .iter()
        .map(|a| a.definition.clone().map(|d| (d, d.bind(&a.parameters))))
        .collect();
    let mut out = Vec::new();
    for resource in planned {
        let evaluator = Evaluator::new(Aliases::builtin(), resource.facts.clone());
        let mut after = None;
        for (a, bound) in applied.iter().zip(&bound) {
            let Ok((definition, parameters)) = bound else {
                continue;
            };
            let evaluation = match parameters {
                Ok(parameters) => {
                    let effect = evaluator.effect(definition, parameters, &resource.resource);
                    if matches!(effect, Ok(Effect::Deny | Effect::DenyAction)) {
                        evaluator.evaluate_bound(definition, parameters, &resource.resource)
                    } else {
                        let after = after.get_or_insert_with(|| deployed.resource(resource));
                        evaluator.evaluate_bound(definition, parameters, after)
                    }
                }
                Err(e) => Evaluation {
                    effect: Err(e.message.clone()),
                    verdict: Verdict::Unknown {
                        because: vec![Because {
                            pointer: e.pointer.clone(),
                            text: e.message.clone(),
                        }],
                    },
                },
            };
            out.push(Judgement {
                planned: resource,
                applied: a,
                evaluation,
            });
        }
    }
    out
}
