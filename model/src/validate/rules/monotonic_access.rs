//! Operations change monotonically along every promotion edge: data scientists' and data
//! engineers' shrink (`access-not-shrinking`), DevOps (MLOps) engineers' grow
//! (`access-not-growing`). One check, parameterised by the direction.

use super::permission_sets::{edge_groups, granted_beyond, is_scientist_or_engineer, short};
use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::validate::context::{Context, operations_phrase};
use crate::vocabulary::PersonaKind;

pub(crate) static NOT_SHRINKING: Rule = Rule {
    info: RuleInfo {
        code: Code::AccessNotShrinking,
        default_severity: Severity::Error,
        summary: "data scientists' and data engineers' access shrinks along the promotion path",
        description: "The CAF guidance gives data scientists and data engineers the most access in development, limited configuration rights in test and read access in production. A persona of those kinds that can do something in a later environment which it cannot do in the environment promoting into it breaks that order.",
        help: "give the persona a role in the later environment that grants a subset of its role in the earlier one, or lower its access level there",
    },
    check: |cx| check(cx, &SHRINKING),
};

pub(crate) static NOT_GROWING: Rule = Rule {
    info: RuleInfo {
        code: Code::AccessNotGrowing,
        default_severity: Severity::Error,
        summary: "devops engineers' access grows along the promotion path",
        description: "The CAF guidance has the MLOps (DevOps) engineer build the pipeline in development and hold full access in test and production, where they maintain what was deployed. An MLOps persona that loses an operation along a promotion edge cannot support the later environment the way it built the earlier one.",
        help: "give the persona a role in the later environment that grants everything its role in the earlier one does",
    },
    check: |cx| check(cx, &GROWING),
};

/// Which way a persona's access must go from an environment to the one it promotes into.
struct Direction {
    rule: &'static Rule,
    /// The personas the direction applies to.
    applies_to: fn(PersonaKind) -> bool,
    /// Whether an operation the later environment grants beyond the earlier one is the
    /// finding (shrinking), rather than one the earlier grants beyond the later (growing).
    later_may_not_exceed: bool,
    /// The verb of the message: what the persona does to the operations found.
    verb: &'static str,
}

static SHRINKING: Direction = Direction {
    rule: &NOT_SHRINKING,
    applies_to: is_scientist_or_engineer,
    later_may_not_exceed: true,
    verb: "gains",
};

static GROWING: Direction = Direction {
    rule: &NOT_GROWING,
    applies_to: |kind| kind == PersonaKind::MlopsEngineer,
    later_may_not_exceed: false,
    verb: "loses",
};

fn check(cx: &mut Context<'_>, direction: &Direction) {
    let rule = direction.rule;
    for (from, to, _) in cx.graph.promotions_outside_cycles() {
        for (persona, item) in cx.estate.personas() {
            if !(direction.applies_to)(item.kind) {
                continue;
            }
            for (earlier_role, later_role, projects) in edge_groups(cx, persona, from, to) {
                let beyond = if direction.later_may_not_exceed {
                    granted_beyond(cx, later_role, earlier_role)
                } else {
                    granted_beyond(cx, earlier_role, later_role)
                };
                let Some(names) = beyond else {
                    continue; // unchecked-role says why
                };
                if names.is_empty() {
                    continue;
                }
                let message = format!(
                    "persona `{}` {} {} operations from `{}` to `{}` in {}: {}",
                    cx.persona_name(persona),
                    direction.verb,
                    names.len(),
                    cx.environment_name(from),
                    cx.environment_name(to),
                    cx.projects_phrase(&projects),
                    operations_phrase(&short(&names)),
                );
                // The later environment's entry causes the finding when the document
                // wrote it; else the earlier one's; else the persona's defaults do.
                let later = cx.written_setting_path(persona, to);
                let earlier = cx.written_setting_path(persona, from);
                let finding = match (later, earlier) {
                    (Some(path), earlier) => {
                        let finding = rule.finding(path, message);
                        match earlier {
                            Some(related) => finding.with_related(
                                related,
                                "access in the environment promoting into it",
                            ),
                            None => finding,
                        }
                    }
                    (None, Some(path)) => rule.finding(path, message),
                    (None, None) => rule.finding(cx.persona_path(persona), message),
                };
                cx.push(finding);
            }
        }
    }
}
