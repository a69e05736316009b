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
    let mut out = Vec::new();
    for resource in planned {
        let evaluator = Evaluator::new(Aliases::builtin(), resource.facts.clone());
        let after = deployed.resource(resource);
        for a in applied {
            let Ok(definition) = a.definition else {
                continue;
            };
            let request = evaluator.evaluate(definition, &a.parameters, &resource.resource);
            let judges_request = match &request {
                Ok(evaluation) => {
                    matches!(evaluation.effect, Ok(Effect::Deny | Effect::DenyAction))
                }
                Err(_) => true,
            };
            let evaluation = if judges_request {
                request
            } else {
                evaluator.evaluate(definition, &a.parameters, &after)
            };
            let evaluation = evaluation.unwrap_or_else(|e| Evaluation {
                effect: Err(e.message.clone()),
                verdict: Verdict::Unknown {
                    because: vec![Because {
                        pointer: e.pointer,
                        text: e.message,
                    }],
                },
            });
            out.push(Judgement {
                planned: resource,
                applied: a,
                evaluation,
            });
        }
    }
    out
}
